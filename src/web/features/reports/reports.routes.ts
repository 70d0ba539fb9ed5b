import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { formatUkDate } from '../../render.ts';
import { parseForm, parseOrFail } from '../../forms.ts';
import { reportQuery } from './report.query.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { reportScopeFor } from '../../../services/outcome-report.service.ts';
import { filterView, periodText, reportCsv, reportView } from './report.view-model.ts';

type Query = Partial<Record<'scheme' | 'provider' | 'activity' | 'from' | 'to' | 'compare', string>>;
const COMPARE_LABEL = { end: 'End', follow_up: 'Follow-up' } as const;

/** Outcome reports: aggregate only. Link workers and connectors work with people, not reports (403). */
export async function registerReportRoutes(app: FastifyInstance, services: Services) {
  const reports = services.outcomeReports;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'commissioner', 'admin', 'provider'));

    async function build(request: FastifyRequest<{ Querystring: Query }>) {
      const query = request.query ?? {};
      const options = await reports.filterOptions(request.user!);
      const parsed = parseForm(reportQuery, query);
      if (!parsed.ok)
        return {
          ok: false as const,
          filters: filterView(options, query, reportScopeFor(request.user!)),
          errors: parsed.errors,
          fieldErrors: parsed.fieldErrors,
        };
      const data = await reports.report(request.user!, parsed.data);
      return { ok: true as const, filters: filterView(options, query, data.scope), view: reportView(data, COMPARE_LABEL[data.query.compare]) };
    }

    scope.get<{ Querystring: Query }>(paths.reports.outcomes, async (request, reply) => {
      const r = await build(request);
      const page = {
        pageTitle: 'Outcomes report',
        filters: r.filters,
        volunteeringHref: request.user!.role === 'coordinator' ? paths.reports.volunteering : null,
      };
      if (!r.ok) return reply.status(422).view('features/reports/report.njk', { ...page, errors: r.errors, fieldErrors: r.fieldErrors });
      return reply.view('features/reports/report.njk', { ...page, report: r.view, fieldErrors: {} });
    });

    scope.get<{ Querystring: Query }>(paths.reports.outcomesCsv, async (request, reply) => {
      const data = await reports.report(request.user!, parseOrFail(reportQuery, request.query));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="waymark-outcomes.csv"')
        .send(reportCsv(reportView(data, COMPARE_LABEL[data.query.compare])));
    });

    scope.get<{ Querystring: Query }>(paths.reports.outcomesPrint, async (request, reply) => {
      const data = await reports.report(request.user!, parseOrFail(reportQuery, request.query));
      const options = await reports.filterOptions(request.user!);
      const filters = filterView(options, request.query ?? {}, data.scope);
      const chosen = (list: { value: string; text: string; selected: boolean }[]) => list.find((i) => i.selected && i.value)?.text;
      return reply.view('features/reports/print.njk', {
        pageTitle: 'Outcomes report',
        report: reportView(data, COMPARE_LABEL[data.query.compare]),
        backHref: paths.reports.outcomes,
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
