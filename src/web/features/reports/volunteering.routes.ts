import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { monthLabel } from '../../../services/volunteering-report.service.ts';
import { parseForm, parseOrFail } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { str } from '../../form-fields.ts';
import { reportQuery } from './report.query.ts';
import { VOLUNTEERING_NOTE, volunteeringCsv, volunteeringView } from './volunteering.view-model.ts';

type Query = { Querystring: Partial<Record<'from' | 'to', string>> };
const VIEW = 'features/reports/volunteering.njk';
const monthText = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
const periodOf = (from: number, to: number) => (from === to ? monthLabel(from) : `${monthLabel(from)} to ${monthLabel(to)}`);

/** The volunteering section of a coordinator's reports (decision 034): aggregate only, their scheme. */
export async function registerVolunteeringReportRoutes(app: FastifyInstance, services: Services) {
  const { volunteeringReport } = services;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator'));

    scope.get<Query>(paths.reports.volunteering, async (request, reply) => {
      const query = request.query ?? {};
      const parsed = parseForm(reportQuery, { from: query.from, to: query.to });
      const page = { pageTitle: 'Volunteering in numbers', values: { from: str(query.from), to: str(query.to) }, note: VOLUNTEERING_NOTE };
      if (!parsed.ok) return reply.status(422).view(VIEW, { ...page, errors: parsed.errors, fieldErrors: parsed.fieldErrors });
      const r = await volunteeringReport.counts(request.user!, { from: parsed.data.from, to: parsed.data.to });
      return reply.view(VIEW, {
        ...page,
        fieldErrors: {},
        period: periodOf(r.from, r.to),
        view: volunteeringView(r.counts, r.questionnaire, r.sustainability),
        csvHref: `${paths.reports.volunteeringCsv}?${new URLSearchParams({ from: monthText(r.from), to: monthText(r.to) })}`,
      });
    });

    scope.get<Query>(paths.reports.volunteeringCsv, async (request, reply) => {
      const q = parseOrFail(reportQuery, { from: request.query?.from, to: request.query?.to });
      const r = await volunteeringReport.counts(request.user!, { from: q.from, to: q.to });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="waymark-volunteering.csv"')
        .send(volunteeringCsv(volunteeringView(r.counts, r.questionnaire, r.sustainability), `${monthText(r.from)} to ${monthText(r.to)}`));
    });
  });
}
