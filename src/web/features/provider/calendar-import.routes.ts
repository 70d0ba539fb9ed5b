import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { formatLongDate } from '../../../domain/schedule.ts';
import { paths } from '../../paths.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { multipartForm } from '../../middleware/multipart-form.ts';
import { calendarImportForm, MAX_CALENDAR_FILE_BYTES } from './calendar-import.form.ts';

type WithId = { Params: { id: string } };
type WithImport = { Params: { id: string; importId: string } };
const FORM = 'features/provider/calendar-import.njk';

/** Calendars in (decision 037): a provider reads their own calendar into an activity's sessions. */
export function registerCalendarImportRoutes(app: FastifyInstance, services: Services) {
  const { calendarImports } = services.listings;

  async function context(request: FastifyRequest<WithId>, values: FormBody) {
    const page = await calendarImports.page(request.user!, request.params.id);
    return {
      pageTitle: 'Import sessions from your calendar',
      ...page,
      values: { calendarUrl: String(values.calendarUrl ?? page.feed?.url ?? '') },
      fieldErrors: {},
    };
  }

  app.get<WithId>(paths.provider.activityCalendar(':id'), async (request, reply) => reply.view(FORM, await context(request, {})));

  app.post<WithId>(
    paths.provider.activityCalendar(':id'),
    multipartForm({ maxFileBytes: MAX_CALENDAR_FILE_BYTES, fileAsBytes: true }),
    async (request, reply) => {
      const { id } = request.params;
      await calendarImports.page(request.user!, id); // 404 for someone else's activity, before any form errors
      return handleForm(request, reply, {
        schema: calendarImportForm,
        view: FORM,
        context: (values) => context(request, values),
        handle: async (source) => paths.provider.activityCalendarImport(id, await calendarImports.preview(request.user!, id, source)),
      });
    },
  );

  app.get<WithImport>(paths.provider.activityCalendarImport(':id', ':importId'), async (request, reply) => {
    const p = await calendarImports.getPreview(request.user!, request.params.id, request.params.importId);
    return reply.view('features/provider/calendar-import-preview.njk', {
      pageTitle: 'Check the sessions from your calendar',
      ...p,
      sessions: p.sessions.map((s) => ({
        ...s,
        until: s.endDate && s.frequency !== 'once' ? formatLongDate(s.endDate) : null,
        cancelled: s.cancellations.map((c) => formatLongDate(c.date)),
      })),
    });
  });

  app.post<WithImport>(paths.provider.activityCalendarImport(':id', ':importId'), async (request, reply) => {
    const outcome = await calendarImports.confirm(request.user!, request.params.id, request.params.importId);
    return reply.redirect(`${paths.provider.activity(request.params.id)}?done=${outcome === 'applied' ? 'calendar-imported' : 'calendar-proposed'}`, 303);
  });
}
