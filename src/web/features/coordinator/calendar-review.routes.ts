import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { formatLongDate } from '../../../domain/schedule.ts';
import { paths } from '../../paths.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { calendarImportReviewForm } from './review.form.ts';

type WithId = { Params: { id: string } };
const VIEW = 'features/coordinator/calendar-import.njk';

/** Calendars in (decision 037): sessions from a live listing's own calendar wait for a coordinator of its area. */
export function registerCalendarReviewRoutes(app: FastifyInstance, services: Services) {
  const { calendarImports } = services.listings;

  async function page(request: FastifyRequest<WithId>, values: FormBody = {}) {
    const r = await calendarImports.review(request.user!, request.params.id);
    const withDates = <T extends { endDate: string | null; frequency: string; cancellations: { date: string }[] }>(s: T) => ({
      ...s,
      until: s.endDate && s.frequency !== 'once' ? formatLongDate(s.endDate) : null,
      cancelled: s.cancellations.map((c) => formatLongDate(c.date)),
    });
    return {
      pageTitle: `Sessions from the provider’s calendar: ${r.activity.title}`,
      activity: r.activity,
      calendarImport: r.calendarImport,
      proposed: r.proposed.map(withDates),
      current: r.current.map(withDates),
      values: { reason: String(values.reason ?? '') },
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.coordinator.calendarImport(':id'), async (request, reply) => reply.view(VIEW, await page(request)));

  app.post<WithId>(paths.coordinator.calendarImport(':id'), async (request, reply) => {
    await calendarImports.review(request.user!, request.params.id); // 404 outside the coordinator's area, before any form errors
    return handleForm(request, reply, {
      schema: calendarImportReviewForm,
      view: VIEW,
      context: (values) => page(request, values),
      handle: async (input) => {
        await calendarImports.decide(
          request.user!,
          request.params.id,
          input.decision === 'approve' ? { decision: 'approve' } : { decision: 'reject', reason: input.reason },
        );
        return `${paths.coordinator.listings}?done=${input.decision === 'approve' ? 'calendar-approved' : 'calendar-rejected'}`;
      },
    });
  });
}
