import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { describeContent } from '../../../domain/listing-diff.ts';
import { LISTING_STATES } from '../../../domain/listing-status.ts';
import { contentOf } from '../../../domain/listing-diff.ts';
import { paths } from '../../paths.ts';
import { ACTIVITY_OPTIONS, NEW_ACTIVITY_VALUES, placeItems, valuesFromBody, valuesFromContent, type ActivityFormValues } from './activity-form.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm } from '../../forms.ts';
import { activityForm } from './activity.form.ts';

const FORM = 'features/provider/activity-form.njk';
type WithId = { Params: { id: string } };

const FLASH = {
  created: 'Your activity has been sent to a coordinator for approval. Add its sessions so people know when it happens.',
  updated: 'Your changes have been saved. The listing is waiting for a coordinator to approve it.',
  proposed: 'Your changes have been sent for approval. The live listing stays as it was until a coordinator approves them.',
  unchanged: 'Nothing had changed, so there is nothing to approve.',
  confirmed: 'Thank you. The listing is marked as checked today.',
  'session-added': 'The session has been added.',
  'session-deleted': 'The session has been deleted.',
  'session-deleted-told': 'The session has been deleted. Waymark has told the people with a place and their referrers.',
  'session-cancelled': 'That date has been cancelled.',
  'session-cancelled-told': 'That date has been cancelled. Waymark has told the people with a place and their referrers.',
  'session-bank-holidays': 'Saved. The next dates follow your answer about bank holidays.',
  'calendar-imported': 'The sessions from your calendar have been imported.',
  'calendar-proposed': 'The sessions from your calendar have been sent for approval. People see the sessions as they were until a coordinator approves them.',
};

export function registerActivityRoutes(app: FastifyInstance, services: Services) {
  const { activities, freshness, sessions } = services.listings;

  async function formPage(user: NonNullable<import('fastify').FastifyRequest['user']>, values: ActivityFormValues, extra: Record<string, unknown>) {
    const places = await activities.placeOptions(user);
    return { options: ACTIVITY_OPTIONS, placeItems: placeItems(places, values.placeId), values, fieldErrors: {}, ...extra };
  }
  const newExtra = { pageTitle: 'Add an activity', action: paths.provider.activityNew, submitText: 'Send for approval', backHref: paths.provider.dashboard };

  app.get(paths.provider.activityNew, async (request, reply) => {
    if ((await activities.placeOptions(request.user!)).length === 0) return reply.redirect(paths.provider.placeNew);
    return reply.view(FORM, await formPage(request.user!, NEW_ACTIVITY_VALUES, newExtra));
  });

  app.post(paths.provider.activityNew, async (request, reply) =>
    handleForm(request, reply, {
      schema: activityForm,
      view: FORM,
      context: (values) => formPage(request.user!, valuesFromBody(values), newExtra),
      handle: async (input) => `${paths.provider.activity(await activities.create(request.user!, input))}?done=created`,
    }),
  );

  app.get<WithId>(paths.provider.activity(':id'), async (request, reply) => {
    const v = await activities.view(request.user!, request.params.id);
    const schedule = await sessions.list(request.user!, request.params.id);
    const placeNames = v.place ? { [v.place.id]: `${v.place.name}, ${v.place.town}` } : {};
    return reply.view('features/provider/activity.njk', {
      pageTitle: v.activity.title,
      flash: flashFrom(request.query, FLASH),
      activity: v.activity,
      state: LISTING_STATES[v.state],
      freshness: v.freshness,
      pendingChange: v.pendingChange && { proposedAt: v.pendingChange.proposedAt },
      lastReview:
        (v.lastReview?.status === 'rejected' || v.lastReview?.status === 'changes_requested') && !v.pendingChange
          ? { status: v.lastReview.status, note: v.lastReview.reviewNote, at: v.lastReview.reviewedAt }
          : undefined,
      rows: describeContent(contentOf(v.activity), placeNames).map((r) => ({ key: { text: r.label }, value: { text: r.value } })),
      sessions: schedule.sessions,
      nextDates: schedule.next,
    });
  });

  const editExtra = (id: string, status: string, hasPendingChange: boolean) => ({
    pageTitle: 'Edit activity',
    action: paths.provider.activityEdit(id),
    backHref: paths.provider.activity(id),
    submitText: status === 'live' ? 'Send changes for approval' : 'Save and send for approval',
    liveNotice:
      status === 'live'
        ? `This listing is live. Your changes go to a coordinator and appear once approved; until then people see the listing as it is.${
            hasPendingChange ? ' This form shows the changes you already sent: sending again replaces them.' : ''
          }`
        : undefined,
  });

  app.get<WithId>(paths.provider.activityEdit(':id'), async (request, reply) => {
    const e = await activities.editable(request.user!, request.params.id);
    return reply.view(FORM, await formPage(request.user!, valuesFromContent(e.content), editExtra(request.params.id, e.status, e.hasPendingChange)));
  });

  app.post<WithId>(paths.provider.activityEdit(':id'), async (request, reply) => {
    const { id } = request.params;
    const e = await activities.editable(request.user!, id); // 404 for someone else's activity, before any form errors
    return handleForm(request, reply, {
      schema: activityForm,
      view: FORM,
      context: (values) => formPage(request.user!, valuesFromBody(values), editExtra(id, e.status, e.hasPendingChange)),
      handle: async (input) => `${paths.provider.activity(id)}?done=${await activities.edit(request.user!, id, input)}`,
    });
  });

  app.post<WithId>(paths.provider.activityConfirm(':id'), async (request, reply) => {
    await freshness.confirm(request.user!, request.params.id);
    return reply.redirect(`${paths.provider.activity(request.params.id)}?done=confirmed`, 303);
  });

  app.get<WithId>(paths.provider.activityWithdraw(':id'), async (request, reply) => {
    const v = await activities.view(request.user!, request.params.id);
    return reply.view('features/provider/withdraw.njk', { pageTitle: `Withdraw ${v.activity.title}`, activity: v.activity });
  });

  app.post<WithId>(paths.provider.activityWithdraw(':id'), async (request, reply) => {
    await activities.withdraw(request.user!, request.params.id);
    return reply.redirect(`${paths.provider.dashboard}?done=withdrawn`, 303);
  });

  app.get<WithId>(paths.provider.activityHistory(':id'), async (request, reply) => {
    const h = await activities.history(request.user!, request.params.id);
    return reply.view('features/provider/history.njk', { pageTitle: `Version history: ${h.activity.title}`, activity: h.activity, versions: h.versions });
  });
}
