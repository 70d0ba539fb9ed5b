import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { WEEKDAYS } from '../../../domain/vocabulary.ts';
import { formatUkDateTime } from '../../render.ts';
import { paths } from '../../paths.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { BANK_HOLIDAY_RULES, DEFAULT_BANK_HOLIDAY_RULE } from '../../../domain/bank-holidays.ts';
import { bankHolidaysForm, cancellationForm, sessionForm } from './session.form.ts';

const FORM = 'features/provider/session-form.njk';
type WithId = { Params: { id: string } };
type WithSession = { Params: { id: string; sessionId: string } };

const FREQUENCIES = [
  { value: 'weekly', text: 'Every week' },
  { value: 'fortnightly', text: 'Every other week' },
  { value: 'monthly', text: 'Once a month, on the same weekday', hint: { text: 'For example, the first Tuesday of each month' } },
  { value: 'once', text: 'One date only' },
];
const WEEKS = [
  ['1', 'First'],
  ['2', 'Second'],
  ['3', 'Third'],
  ['4', 'Fourth'],
  ['-1', 'Last'],
] as const;

const bankHolidayItems = (chosen: string) =>
  BANK_HOLIDAY_RULES.map((r) => ({ value: r.code, text: r.label, hint: r.hint ? { text: r.hint } : undefined, checked: r.code === chosen }));

function formContext(activityId: string, body: FormBody) {
  const v = (k: string) => String(body[k] ?? '');
  return {
    pageTitle: 'Add a session',
    action: paths.provider.sessionNew(activityId),
    backHref: paths.provider.activity(activityId),
    values: Object.fromEntries(
      [
        'frequency',
        'weekday',
        'weekOfMonth',
        'startTime',
        'endTime',
        'note',
        'startDateDay',
        'startDateMonth',
        'startDateYear',
        'endDateDay',
        'endDateMonth',
        'endDateYear',
        'bankHolidays',
      ].map((k) => [k, v(k)]),
    ),
    bankHolidayItems: bankHolidayItems(v('bankHolidays') || DEFAULT_BANK_HOLIDAY_RULE),
    frequencies: FREQUENCIES,
    weekdays: [{ value: '', text: 'Choose a day' }, ...WEEKDAYS.map((d) => ({ value: d.code, text: d.label, selected: d.code === v('weekday') }))],
    weeks: [{ value: '', text: 'Not monthly' }, ...WEEKS.map(([value, text]) => ({ value, text, selected: value === v('weekOfMonth') }))],
    fieldErrors: {},
  };
}

export function registerSessionRoutes(app: FastifyInstance, services: Services) {
  const { sessions, activities } = services.listings;

  app.get<WithId>(paths.provider.sessionNew(':id'), async (request, reply) => {
    await activities.view(request.user!, request.params.id);
    return reply.view(FORM, formContext(request.params.id, { frequency: 'weekly' }));
  });

  app.post<WithId>(paths.provider.sessionNew(':id'), async (request, reply) => {
    const { id } = request.params;
    await activities.view(request.user!, id); // 404 for someone else's activity, before any form errors
    return handleForm(request, reply, {
      schema: sessionForm,
      view: FORM,
      context: (values) => formContext(id, values),
      handle: async (input) => {
        await sessions.add(request.user!, id, input);
        return `${paths.provider.activity(id)}?done=session-added`;
      },
    });
  });

  app.get<WithSession>(paths.provider.sessionDelete(':id', ':sessionId'), async (request, reply) => {
    const s = await sessions.get(request.user!, request.params.id, request.params.sessionId);
    return reply.view('features/provider/session-delete.njk', { pageTitle: 'Delete this session?', activity: s.activity, session: s.session });
  });

  app.post<WithSession>(paths.provider.sessionDelete(':id', ':sessionId'), async (request, reply) => {
    const told = await sessions.remove(request.user!, request.params.id, request.params.sessionId);
    return reply.redirect(`${paths.provider.activity(request.params.id)}?done=${told > 0 ? 'session-deleted-told' : 'session-deleted'}`, 303);
  });

  async function bankHolidaysContext(request: FastifyRequest<WithSession>, values: FormBody) {
    const s = await sessions.get(request.user!, request.params.id, request.params.sessionId);
    return {
      pageTitle: 'Bank holidays',
      activity: s.activity,
      session: s.session,
      items: bankHolidayItems(String(values.bankHolidays ?? s.session.bankHolidays)),
      fieldErrors: {},
    };
  }

  app.get<WithSession>(paths.provider.sessionBankHolidays(':id', ':sessionId'), async (request, reply) =>
    reply.view('features/provider/session-bank-holidays.njk', await bankHolidaysContext(request, {})),
  );

  app.post<WithSession>(paths.provider.sessionBankHolidays(':id', ':sessionId'), async (request, reply) => {
    await sessions.get(request.user!, request.params.id, request.params.sessionId); // 404 before any form errors
    return handleForm(request, reply, {
      schema: bankHolidaysForm,
      view: 'features/provider/session-bank-holidays.njk',
      context: (values) => bankHolidaysContext(request, values),
      handle: async (input) => {
        await sessions.setBankHolidays(request.user!, request.params.id, request.params.sessionId, input.bankHolidays);
        return `${paths.provider.activity(request.params.id)}?done=session-bank-holidays`;
      },
    });
  });

  async function cancelContext(request: FastifyRequest<WithSession>, values: FormBody) {
    const s = await sessions.get(request.user!, request.params.id, request.params.sessionId);
    return {
      pageTitle: 'Cancel a date',
      activity: s.activity,
      session: s.session,
      dates: s.upcoming.map((o) => ({ value: o.date, text: formatUkDateTime(o.start) })),
      values: { date: String(values.date ?? ''), reason: String(values.reason ?? '') },
      fieldErrors: {},
    };
  }

  app.get<WithSession>(paths.provider.sessionCancel(':id', ':sessionId'), async (request, reply) =>
    reply.view('features/provider/session-cancel.njk', await cancelContext(request, {})),
  );

  app.post<WithSession>(paths.provider.sessionCancel(':id', ':sessionId'), async (request, reply) => {
    await sessions.get(request.user!, request.params.id, request.params.sessionId); // 404 before any form errors
    return handleForm(request, reply, {
      schema: cancellationForm,
      view: 'features/provider/session-cancel.njk',
      context: (values) => cancelContext(request, values),
      handle: async (input) => {
        const told = await sessions.cancel(request.user!, request.params.id, request.params.sessionId, input);
        return `${paths.provider.activity(request.params.id)}?done=${told > 0 ? 'session-cancelled-told' : 'session-cancelled'}`;
      },
    });
  });
}
