import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { formatUkDate } from '../../render.ts';
import { parseForm, parseOrFail } from '../../forms.ts';
import { reportQuery } from './report.query.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { reportScopeFor, type ReportScope } from '../../../services/outcome-report.service.ts';
import type { Role, User } from '../../../domain/user.ts';
import { filterView, periodText, reportCsv, reportView } from './report.view-model.ts';

type Query = Partial<Record<'scheme' | 'provider' | 'activity' | 'from' | 'to' | 'compare', string>>;
const COMPARE_LABEL = { end: 'End', follow_up: 'Follow-up' } as const;

/** Outcome reports: aggregate only. Link workers and connectors work with people, not reports (403). */
export async function registerReportRoutes(app: FastifyInstance, services: Services) {
  const reports = services.outcomeReports;
  const own = {
    pages: { page: paths.reports.outcomes, csv: paths.reports.outcomesCsv, print: paths.reports.outcomesPrint },
    roles: ['coordinator', 'commissioner', 'admin', 'provider'] as const,
    report: reports.report,
    options: async (user: User) => ({ scope: reportScopeFor(user), options: await reports.filterOptions(user) }),
  };
  // A parent body's staff: the body and all its sites together, or one site (decision 047 addendum).
  const sites = {
    pages: { page: paths.provider.sitesOutcomes, csv: paths.provider.sitesOutcomesCsv, print: paths.provider.sitesOutcomesPrint },
    roles: ['provider'] as const,
    report: reports.sitesReport,
    options: reports.sitesFilterOptions,
  };
  for (const kind of [own, sites]) await registerOutcomeReport(app, services, kind);
}

type ReportKind = {
  pages: { page: string; csv: string; print: string };
  roles: readonly Role[];
  report: Services['outcomeReports']['report'];
  options: (user: User) => Promise<{ scope: ReportScope; options: Parameters<typeof filterView>[0] }>;
};

async function registerOutcomeReport(app: FastifyInstance, services: Services, kind: ReportKind) {
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole(...kind.roles));

    async function build(request: FastifyRequest<{ Querystring: Query }>) {
      const query = request.query ?? {};
      const { scope: reportScope, options } = await kind.options(request.user!);
      const parsed = parseForm(reportQuery, query);
      if (!parsed.ok)
        return {
          ok: false as const,
          filters: filterView(options, query, reportScope),
          errors: parsed.errors,
          fieldErrors: parsed.fieldErrors,
        };
      const data = await kind.report(request.user!, parsed.data);
      return { ok: true as const, filters: filterView(options, query, data.scope), view: reportView(data, COMPARE_LABEL[data.query.compare]) };
    }

    scope.get<{ Querystring: Query }>(kind.pages.page, async (request, reply) => {
      const r = await build(request);
      const page = {
        pageTitle: 'Outcomes report',
        filters: r.filters,
        volunteeringHref: request.user!.role === 'coordinator' ? paths.reports.volunteering : null,
      };
      if (!r.ok) return reply.status(422).view('features/reports/report.njk', { ...page, errors: r.errors, fieldErrors: r.fieldErrors });
      return reply.view('features/reports/report.njk', { ...page, report: r.view, fieldErrors: {} });
    });

    scope.get<{ Querystring: Query }>(kind.pages.csv, async (request, reply) => {
      const data = await kind.report(request.user!, parseOrFail(reportQuery, request.query));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="waymark-outcomes.csv"')
        .send(reportCsv(reportView(data, COMPARE_LABEL[data.query.compare])));
    });

    scope.get<{ Querystring: Query }>(kind.pages.print, async (request, reply) => {
      const data = await kind.report(request.user!, parseOrFail(reportQuery, request.query));
      const { options } = await kind.options(request.user!);
      const filters = filterView(options, request.query ?? {}, data.scope);
      const chosen = (list: { value: string; text: string; selected: boolean }[]) => list.find((i) => i.selected && i.value)?.text;
      return reply.view('features/reports/print.njk', {
        pageTitle: 'Outcomes report',
        report: reportView(data, COMPARE_LABEL[data.query.compare]),
        backHref: kind.pages.page,
        printedOn: formatUkDate(services.clock.now()),
        covers: [
          chosen(filters.schemes) ?? filters.scopeText,
          chosen(filters.providers),
          chosen(filters.activities),
          periodText(data.query.from, data.query.to),
        ].filter(Boolean),
      });
    });
  });
}
