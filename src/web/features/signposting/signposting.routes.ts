import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ConversationInput, INFO_POINTS } from '../../../domain/signposting.ts';
import { kindLabel } from '../../../domain/information-points.ts';
import { monthName } from '../../../domain/report-period.ts';
import type { Services } from '../../../services.ts';
import { flashFrom } from '../../flash.ts';
import { asArray, formBody, handleForm, parseForm, parseOrFail, type FormBody } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { newIdempotencyKey } from '../../idempotency.ts';
import { requireRole } from '../../middleware/session.ts';
import { homeFor, paths } from '../../paths.ts';
import { reportQuery } from '../reports/report.query.ts';
import { conversationForm, nothingSignposted } from './conversation.form.ts';
import { conversationPrefill } from './prefill.query.ts';
import { bookingForm, shiftForm } from './shift.form.ts';
import {
  COUNTS_NOTE,
  conversationForm as conversationFormView,
  conversationRow,
  conversationValues,
  countsCsv,
  countsView,
  dutyDays,
  pointTimeRows,
} from './signposting.view-model.ts';

type WithId = { Params: { id: string } };
type CountsQuery = { Querystring: Partial<Record<'from' | 'to', string>> };
const FORM = 'features/signposting/conversation.njk';
const FLASH = {
  recorded: 'Conversation recorded. Thank you.',
  corrected: 'Conversation corrected.',
  deleted: 'Conversation deleted.',
  scheduled: 'Shift scheduled.',
  taken: 'You are on this shift. Thank you.',
  released: 'You are no longer on this shift. It is open for someone else.',
  removed: 'Shift removed.',
  booked: 'You are on duty then. Thank you.',
};
const DUTY = 'features/signposting/duty.njk';
const monthText = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
const monthLabel = (m: number) => monthName({ year: Math.floor(m / 12), month: (m % 12) + 1 });

/** Heritage Connectors' signposting (decision 029): the anonymous log, counts and shifts. */
export async function registerSignpostingRoutes(app: FastifyInstance, services: Services) {
  const { signposting } = services;

  async function formPage(request: FastifyRequest, values: FormBody, extra: { pageTitle: string; action: string; id?: string }) {
    const choices = await signposting.activityChoices(request.user!, { search: str(values.activitySearch), selected: asArray(values.activityIds) });
    const fromPhone = str(values.from) === 'phone';
    return {
      ...extra,
      ...conversationFormView(values, choices),
      from: fromPhone ? 'phone' : '',
      backHref: fromPhone ? paths.phoneLine.home : paths.signposting.log,
      backText: fromPhone ? 'Phone line' : 'Signposting conversations',
      idempotencyKey: str(values.idempotencyKey) || newIdempotencyKey(),
      fieldErrors: {},
    };
  }
  /** Who is on duty: the scheme's shifts, and the information points' times that connectors book. */
  const dutyPage = async (request: FastifyRequest) => {
    const d = await signposting.duty(request.user!);
    return {
      pageTitle: 'Who is on duty',
      backHref: homeFor(request.user!.role),
      flash: flashFrom(request.query, FLASH),
      days: dutyDays(d.shifts, d.now, request.user!.id),
      pointTimes: pointTimeRows(d.pointTimes, request.user!.id),
      isCoordinator: request.user!.role === 'coordinator',
      isConnector: request.user!.role === 'connector',
      values: {},
      fieldErrors: {},
    };
  };
  /** Where saving a new conversation goes: back to the phone line when the call was logged from there. */
  const afterRecording = (request: FastifyRequest) =>
    formBody(request.body).from === 'phone' ? `${paths.phoneLine.home}?logged=1` : `${paths.signposting.log}?done=recorded`;

  /** The form's own "Search activities" button shows the form again with what matched, saving nothing. */
  const searching = (request: FastifyRequest) => formBody(request.body).action === 'search';

  async function submit(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { pageTitle: string; action: string; id?: string },
    save: (input: ConversationInput) => Promise<string>,
  ) {
    if (searching(request)) return reply.view(FORM, await formPage(request, formBody(request.body), extra));
    return handleForm(request, reply, {
      schema: conversationForm,
      check: async (values) => nothingSignposted(values),
      view: FORM,
      context: (values) => formPage(request, values, extra),
      handle: save,
    });
  }

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('connector'));

    scope.get(paths.signposting.log, async (request, reply) => {
      const items = await signposting.recent(request.user!);
      return reply.view('features/signposting/log.njk', {
        pageTitle: 'Signposting conversations',
        flash: flashFrom(request.query, FLASH),
        rows: items.map(conversationRow),
      });
    });

    const newPage = { pageTitle: 'Record a conversation', action: paths.signposting.record };
    // Opened from the phone line (decision 036): where, the listings looked at and a hand-off come ticked already.
    scope.get(paths.signposting.record, async (request, reply) => {
      const prefill = parseOrFail(conversationPrefill, request.query ?? {});
      const blank = conversationValues(null, signposting.today());
      const values = {
        ...blank,
        ...(prefill.infoPoint ? { infoPoint: prefill.infoPoint } : {}),
        needs: prefill.needs,
        activityIds: prefill.activityIds,
        linkWorker: prefill.linkWorker,
        ...(prefill.referralFollowed ? { referralFollowed: prefill.referralFollowed } : {}),
        from: prefill.from,
      };
      return reply.view(FORM, await formPage(request, values, newPage));
    });
    scope.post(paths.signposting.record, async (request, reply) =>
      submit(request, reply, newPage, async (input) => {
        await signposting.record(request.user!, input);
        return afterRecording(request);
      }),
    );

    const editPage = (id: string) => ({ pageTitle: 'Correct a conversation', action: paths.signposting.conversation(id), id });
    scope.get<WithId>(paths.signposting.conversation(':id'), async (request, reply) => {
      const c = await signposting.find(request.user!, request.params.id);
      return reply.view(FORM, await formPage(request, conversationValues(c, signposting.today()), editPage(c.id)));
    });
    scope.post<WithId>(paths.signposting.conversation(':id'), async (request, reply) => {
      const c = await signposting.find(request.user!, request.params.id);
      return submit(request, reply, editPage(c.id), async (input) => {
        await signposting.correct(request.user!, c.id, input);
        return `${paths.signposting.log}?done=corrected`;
      });
    });

    scope.get<WithId>(paths.signposting.remove(':id'), async (request, reply) => {
      const c = await signposting.find(request.user!, request.params.id);
      const [row] = (await signposting.recent(request.user!)).filter((r) => r.id === c.id).map(conversationRow);
      return reply.view('features/signposting/delete.njk', { pageTitle: 'Delete this conversation?', row, action: paths.signposting.remove(c.id) });
    });
    scope.post<WithId>(paths.signposting.remove(':id'), async (request, reply) => {
      await signposting.remove(request.user!, request.params.id);
      return reply.redirect(`${paths.signposting.log}?done=deleted`, 303);
    });

    scope.post<WithId>(paths.signposting.takeShift(':id'), async (request, reply) => {
      await signposting.takeShift(request.user!, request.params.id);
      return reply.redirect(`${paths.signposting.duty}?done=taken`, 303);
    });
    // A connector books themselves at one of an information point's times (decision 041).
    scope.post<WithId>(paths.signposting.bookAtPoint(':id'), async (request, reply) =>
      handleForm(request, reply, {
        schema: bookingForm,
        view: DUTY,
        context: () => dutyPage(request),
        handle: async (input) => {
          await signposting.bookAtPoint(request.user!, request.params.id, input);
          return `${paths.signposting.duty}?done=booked`;
        },
      }),
    );
    scope.post<WithId>(paths.signposting.releaseShift(':id'), async (request, reply) => {
      await signposting.releaseShift(request.user!, request.params.id);
      return reply.redirect(`${paths.signposting.duty}?done=released`, 303);
    });
  });

  // Counts and who is on duty: a coordinator for their scheme, a connector for their own counts and their scheme's shifts.
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'connector'));

    scope.get<CountsQuery>(paths.signposting.counts, async (request, reply) => {
      const query = request.query ?? {};
      const parsed = parseForm(reportQuery, { from: query.from, to: query.to });
      const page = {
        pageTitle: request.user!.role === 'connector' ? 'Your signposting in numbers' : 'Signposting in numbers',
        backHref: homeFor(request.user!.role),
        values: { from: str(query.from), to: str(query.to) },
        note: COUNTS_NOTE,
      };
      if (!parsed.ok) return reply.status(422).view('features/signposting/counts.njk', { ...page, errors: parsed.errors, fieldErrors: parsed.fieldErrors });
      const r = await signposting.counts(request.user!, { from: parsed.data.from, to: parsed.data.to });
      const csvQuery = new URLSearchParams({ from: monthText(r.from), to: monthText(r.to) }).toString();
      return reply.view('features/signposting/counts.njk', {
        ...page,
        fieldErrors: {},
        period: r.from === r.to ? monthLabel(r.from) : `${monthLabel(r.from)} to ${monthLabel(r.to)}`,
        view: countsView(r.counts),
        csvHref: `${paths.signposting.countsCsv}?${csvQuery}`,
      });
    });

    scope.get<CountsQuery>(paths.signposting.countsCsv, async (request, reply) => {
      const q = parseOrFail(reportQuery, { from: request.query?.from, to: request.query?.to });
      const r = await signposting.counts(request.user!, { from: q.from, to: q.to });
      const period = `${monthText(r.from)} to ${monthText(r.to)}`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="waymark-signposting.csv"')
        .send(countsCsv(countsView(r.counts), period));
    });

    scope.get(paths.signposting.duty, async (request, reply) => reply.view(DUTY, await dutyPage(request)));
  });

  // Scheduling shifts: the scheme's coordinator.
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator'));
    const shiftPage = async (request: FastifyRequest, values: FormBody) => {
      const connectors = await signposting.connectorsOf(request.user!);
      const points = await signposting.pointsOf(request.user!);
      return {
        pageTitle: 'Schedule a shift',
        backHref: paths.signposting.duty,
        values,
        fieldErrors: {},
        // The scheme's own information points first (who will be there is shown for them), then other kinds of place.
        infoPointItems: [
          ...points.map((p) => ({ value: p.id, text: p.name, hint: { text: kindLabel(p.kind) }, checked: values.infoPoint === p.id })),
          ...(points.length ? [{ divider: 'or somewhere else' }] : []),
          ...INFO_POINTS.map((p) => ({ value: p.code, text: p.label, checked: values.infoPoint === p.code })),
        ],
        connectorItems: [
          { value: '', text: 'Nobody yet (an open shift)' },
          ...connectors.map((c) => ({ value: c.id, text: c.name, selected: c.id === values.connectorId })),
        ],
      };
    };
    scope.get(paths.signposting.newShift, async (request, reply) => reply.view('features/signposting/shift.njk', await shiftPage(request, {})));
    scope.post(paths.signposting.newShift, async (request, reply) =>
      handleForm(request, reply, {
        schema: shiftForm,
        view: 'features/signposting/shift.njk',
        context: (values) => shiftPage(request, values),
        handle: async (input) => {
          await signposting.scheduleShift(request.user!, input);
          return `${paths.signposting.duty}?done=scheduled`;
        },
      }),
    );
    scope.post<WithId>(paths.signposting.removeShift(':id'), async (request, reply) => {
      await signposting.removeShift(request.user!, request.params.id);
      return reply.redirect(`${paths.signposting.duty}?done=removed`, 303);
    });
  });
}
