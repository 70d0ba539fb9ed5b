import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { BARRIERS } from '../../../domain/participant.ts';
import { REFERRAL_STATUSES } from '../../../domain/referral.ts';
import { BUDDY_PREFERENCES, BUDDY_SUPPORT } from '../../../domain/buddy-scheme.ts';
import { LANGUAGES, labelOf, labelsOf } from '../../../domain/vocabulary.ts';
import { formatUkDateTime } from '../../render.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { newIdempotencyKey } from '../../idempotency.ts';
import { referBuddyForm } from './refer-buddy.form.ts';
import { takesFundedPlaces } from '../../../domain/listing.ts';
import { referForm } from './refer.form.ts';
import { activityFactRows } from './refer.view-model.ts';
import { postStatus, renderReferral, type WithId } from './referral-page.ts';

type Refer = { Params: { id: string }; Querystring: { activity?: string } };

/** The referrer's side: refer someone from the caseload, the referrals list, and the referral page. */
export function registerReferralRoutes(app: FastifyInstance, services: Services) {
  const s = services.referral.referrals;

  async function referContext(request: FastifyRequest<Refer>, activityId: string, values: FormBody) {
    if (!activityId) await s.checkReferable(request.user!, request.params.id);
    const f = activityId ? await s.referForm(request.user!, request.params.id, activityId) : undefined;
    return {
      pageTitle: 'Refer to an activity',
      backHref: paths.caseload.participant(request.params.id),
      findHref: paths.caseload.matches(request.params.id),
      personName: f?.person.preferredName ?? 'someone',
      activity: f?.activity,
      activityRows: f ? activityFactRows(f.activity, f.placesTaken) : [],
      takesReferrals: f?.takesLinkWorkerReferrals ?? false,
      offersFundedPlaces: f ? takesFundedPlaces(f.activity.costType) : false,
      barriers: f ? labelsOf(BARRIERS, f.person.barriers) : [],
      hasConsent: f?.hasReferralConsent ?? false,
      openReferral: f?.openReferral
        ? { href: paths.referrals.referral(f.openReferral.id), status: labelOf(REFERRAL_STATUSES, f.openReferral.status).toLowerCase() }
        : null,
      action: `${paths.caseload.refer(request.params.id)}`,
      idempotencyKey: String(values.idempotencyKey ?? newIdempotencyKey()),
      values,
      fieldErrors: {},
    };
  }

  app.get<Refer>(paths.caseload.refer(':id'), { preHandler: requireRole('link_worker') }, async (request, reply) =>
    reply.view('features/referrals/refer.njk', await referContext(request, request.query.activity ?? '', {})),
  );

  app.post<Refer>(paths.caseload.refer(':id'), { preHandler: requireRole('link_worker') }, async (request, reply) => {
    await s.checkReferable(request.user!, request.params.id); // someone else's person is not found before any form errors
    return handleForm(request, reply, {
      schema: referForm,
      view: 'features/referrals/refer.njk',
      context: (values) => referContext(request, String(values.activityId ?? ''), values),
      handle: async (input) =>
        `${paths.referrals.referral(await s.create(request.user!, request.params.id, input))}?done=${input.action === 'send' ? 'sent' : 'draft'}`,
    });
  });

  async function buddyContext(request: FastifyRequest<Refer>, values: FormBody) {
    const f = await s.buddyReferForm(request.user!, request.params.id);
    return {
      pageTitle: 'Refer to a buddy scheme',
      backHref: paths.caseload.participant(request.params.id),
      personName: f.person.preferredName,
      barriers: labelsOf(BARRIERS, f.person.barriers),
      schemeItems: f.buddySchemes.map((b) => ({
        value: b.id,
        text: b.name,
        checked: values.buddySchemeId === b.id,
        hint: {
          text:
            `Run by ${b.organisationName}. ${b.description} Where: ${b.areas}. Offers: ${labelsOf(BUDDY_SUPPORT, b.support).join(', ').toLowerCase()}. ` +
            `Languages: ${labelsOf(LANGUAGES, b.languages).join(', ')}.`,
        },
      })),
      accompanyItems: [
        { value: '', text: 'Not decided yet', selected: !values.accompanyActivityId },
        ...f.accompanyChoices.map((a) => ({ value: a.id, text: a.title, selected: values.accompanyActivityId === a.id })),
      ],
      preferenceItems: [
        { value: '', text: 'No preference', checked: !values.buddyPreference },
        ...BUDDY_PREFERENCES.map((p) => ({ value: p.code, text: p.label, checked: values.buddyPreference === p.code })),
      ],
      hasConsent: f.hasReferralConsent,
      openReferrals: f.openBuddyReferrals.map((r) => ({
        href: paths.referrals.referral(r.id),
        name: f.buddySchemes.find((b) => b.id === r.buddySchemeId)?.name ?? 'a buddy scheme',
        status: labelOf(REFERRAL_STATUSES, r.status).toLowerCase(),
      })),
      action: paths.caseload.referBuddy(request.params.id),
      idempotencyKey: String(values.idempotencyKey ?? newIdempotencyKey()),
      values,
      fieldErrors: {},
    };
  }

  app.get<Refer>(paths.caseload.referBuddy(':id'), { preHandler: requireRole('link_worker') }, async (request, reply) =>
    reply.view('features/referrals/refer-buddy.njk', await buddyContext(request, {})),
  );

  app.post<Refer>(paths.caseload.referBuddy(':id'), { preHandler: requireRole('link_worker') }, async (request, reply) => {
    await s.checkReferable(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: referBuddyForm,
      view: 'features/referrals/refer-buddy.njk',
      context: (values) => buddyContext(request, values),
      handle: async (input) =>
        `${paths.referrals.referral(await s.createBuddyReferral(request.user!, request.params.id, input))}?done=${input.action === 'send' ? 'sent' : 'draft'}`,
    });
  });

  app.get(paths.referrals.list, { preHandler: requireRole('link_worker', 'coordinator') }, async (request, reply) => {
    const items = await s.list(request.user!);
    const now = services.clock.now();
    const groups = REFERRAL_STATUSES.map((st) => ({
      label: st.label,
      items: items
        .filter((i) => i.status === st.code)
        .map((i) => ({
          href: paths.referrals.referral(i.id),
          personName: i.participantName ?? 'Name removed',
          activity: i.activityTitle ?? i.providerName,
          updated: formatUkDateTime(i.updatedAt),
          overdue: i.status === 'sent' && i.responseDueAt !== null && i.responseDueAt < now,
        })),
    })).filter((g) => g.items.length > 0);
    return reply.view('features/referrals/referrals.njk', {
      pageTitle: request.user!.role === 'coordinator' ? 'Referrals in your scheme' : 'Your referrals',
      groups,
    });
  });

  const referrers = requireRole('link_worker', 'connector', 'coordinator');
  app.get<WithId>(paths.referrals.referral(':id'), { preHandler: referrers }, async (request, reply) =>
    renderReferral(services, request, reply, { provider: false }),
  );
  app.post<WithId>(paths.referrals.status(':id'), { preHandler: referrers }, async (request, reply) =>
    postStatus(services, request, reply, false, paths.referrals.referral(request.params.id)),
  );
}
