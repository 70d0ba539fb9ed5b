import { canSeeParticipant } from '../domain/access-policy.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { hasConsent } from '../domain/participant.ts';
import { takesFundedPlaces } from '../domain/listing.ts';
import type { BuddyReferralInput } from '../domain/buddy-scheme.ts';
import type { ReferralDraftInput, StatusChangeInput } from '../domain/referral-input.ts';
import { openReferralTo } from '../domain/referral.ts';
import { nextOccurrences } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import type { NewReferral } from '../data/repositories/referral.repository.ts';
import {
  applyChange,
  isUuid,
  nextStatuses,
  plainChange,
  recordCreated,
  referralFor,
  refuseSecondOpenReferral,
  sideOf,
  STALE,
  type ReferralDeps,
} from './referral-lifecycle.service.ts';

/** How many of an activity's next sessions a first visit is chosen from. */
const FIRST_VISIT_CHOICES = 6;

/** Referrals from the referrer's side, and the one referral page every role with access shares. */
export function createReferralService(deps: ReferralDeps) {
  const { db, referrals, lists, people, attendance, buddySchemes, audit, clock } = deps;

  /** A person on this link worker's caseload (or their team's, when shared). Anyone else's: 404. */
  async function ownPerson(user: User, participantId: string) {
    if (user.role !== 'link_worker') throw new Forbidden('Only link workers refer from a caseload');
    const person = isUuid(participantId) ? await people.find(participantId) : undefined;
    if (!person || person.anonymised || !canSeeParticipant(user, person, { teamSharesCaseload: person.teamSharesCaseload })) throw new NotFound('Person');
    return person;
  }

  async function referableActivity(activityId: string) {
    const activity = isUuid(activityId) ? await lists.activity(activityId) : undefined;
    if (!activity?.listed) throw new NotFound('Activity');
    return activity;
  }

  /**
   * Creates a link worker's referral as a draft, and sends it at once when asked, in one transaction.
   * A repeated submission of the same form (same idempotency key) returns the first referral.
   */
  async function createOnce(
    user: User,
    form: { idempotencyKey: string; action: 'draft' | 'send' },
    personName: string,
    referral: (now: Date) => NewReferral,
  ): Promise<string> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      await referrals.lockKey(form.idempotencyKey, tx);
      const existing = await referrals.findByIdempotencyKey(form.idempotencyKey, tx);
      if (existing) {
        if (existing.referrerId !== user.id) throw new Conflict('This form has already been used. Reload the page and try again.');
        return existing.id;
      }
      const r = referral(now);
      await refuseSecondOpenReferral(deps, tx, r.participantId, r.target, personName);
      const id = await referrals.insert(r, 'draft', tx);
      const activityId = 'activityId' in r.target ? r.target.activityId : null;
      await recordCreated(deps, tx, id, 'draft', user.id, now, { participantId: r.participantId, ...(activityId ? {} : { target: 'buddy_scheme' }) });
      if (form.action === 'send') {
        await applyChange(deps, tx, { id, activityId, participantId: r.participantId }, plainChange('draft', 'sent'), 'referrer', user.id, now);
      }
      return id;
    });
  }

  return {
    /** The form before an activity is chosen: still 404 for anyone not on this link worker's caseload. */
    async checkReferable(user: User, participantId: string): Promise<void> {
      await ownPerson(user, participantId);
    },

    /** What the referral form shows: the activity's key facts and the person's barriers to check. */
    async referForm(user: User, participantId: string, activityId: string) {
      const person = await ownPerson(user, participantId);
      const activity = await referableActivity(activityId);
      const consents = await people.consents(person.id);
      await audit.record({ actorId: user.id, action: 'participant.viewed', subjectType: 'participant', subjectId: person.id, detail: { context: 'refer' } });
      return {
        person: { id: person.id, preferredName: person.preferredName, barriers: person.barriers, accessNeeds: person.accessNeeds },
        activity,
        takesLinkWorkerReferrals: activity.referralRoutes.includes('link_worker'),
        placesTaken: await referrals.countHoldingPlaces(activity.id),
        hasReferralConsent: hasConsent(consents, 'referral'),
        openReferral: openReferralTo(await referrals.targetsOf(person.id), { activityId: activity.id }) ?? null,
      };
    },

    /** Saves a draft, or creates and sends at once. A repeated submission of the same form returns the first referral. */
    async create(user: User, participantId: string, form: ReferralDraftInput): Promise<string> {
      const person = await ownPerson(user, participantId);
      const activity = await referableActivity(form.activityId);
      if (!activity.referralRoutes.includes('link_worker')) {
        throw new ValidationFailed([{ field: 'activityId', message: 'This activity does not take referrals from link workers. See how to join on its page.' }]);
      }
      return createOnce(user, form, person.preferredName, (now) => ({
        participantId: person.id,
        schemeId: person.schemeId,
        target: { activityId: activity.id },
        providerOrganisationId: activity.organisationId,
        route: 'link_worker',
        referrerId: user.id,
        referrerOrganisationId: user.organisationIds[0] ?? null,
        supportNeeds: form.supportNeeds,
        message: form.message,
        fundedPlace: form.fundedPlace && takesFundedPlaces(activity.costType),
        idempotencyKey: form.idempotencyKey,
        now,
      }));
    },

    /** The buddy-scheme referral form: the active buddy schemes in the person's scheme, and what they could be taken to. */
    async buddyReferForm(user: User, participantId: string) {
      const person = await ownPerson(user, participantId);
      const consents = await people.consents(person.id);
      await audit.record({
        actorId: user.id,
        action: 'participant.viewed',
        subjectType: 'participant',
        subjectId: person.id,
        detail: { context: 'refer_buddy' },
      });
      return {
        person: { id: person.id, preferredName: person.preferredName, barriers: person.barriers },
        buddySchemes: await buddySchemes.forScheme(person.schemeId, { activeOnly: true }),
        accompanyChoices: await lists.activitiesReferredFor(person.id),
        hasReferralConsent: hasConsent(consents, 'referral'),
        /** Their open referrals to buddy schemes (a second to the same scheme is refused). */
        openBuddyReferrals: (await referrals.targetsOf(person.id)).filter((r) => r.buddySchemeId && openReferralTo([r], { buddySchemeId: r.buddySchemeId })),
      };
    },

    /**
     * Refers a person to a buddy scheme in their own scheme (saved as a draft, or sent at once). The
     * scheme's organisation answers it in its inbox; a repeated submission returns the first referral.
     */
    async createBuddyReferral(user: User, participantId: string, form: BuddyReferralInput): Promise<string> {
      const person = await ownPerson(user, participantId);
      const scheme = await buddySchemes.find(form.buddySchemeId);
      if (!scheme?.active || scheme.schemeId !== person.schemeId) {
        throw new ValidationFailed([{ field: 'buddySchemeId', message: 'Choose one of the buddy schemes listed' }]);
      }
      if (form.accompanyActivityId && !(await lists.activitiesReferredFor(person.id)).some((a) => a.id === form.accompanyActivityId)) {
        throw new ValidationFailed([{ field: 'accompanyActivityId', message: 'Choose an activity from the list, or none' }]);
      }
      return createOnce(user, form, person.preferredName, (now) => ({
        participantId: person.id,
        schemeId: person.schemeId,
        providerOrganisationId: scheme.organisationId,
        target: { buddySchemeId: scheme.id, accompanyActivityId: form.accompanyActivityId, buddyPreference: form.buddyPreference },
        route: 'link_worker',
        referrerId: user.id,
        referrerOrganisationId: user.organisationIds[0] ?? null,
        supportNeeds: form.supportNeeds,
        message: form.message,
        fundedPlace: false,
        idempotencyKey: form.idempotencyKey,
        now,
      }));
    },

    /** The referral page: what this viewer may see of it, its timeline, attendance, and what they may do next. */
    async view(user: User, id: string) {
      const { record, view } = await referralFor(deps, user, id);
      const side = sideOf(user, view);
      const person = record.participantId ? await people.find(record.participantId) : undefined;
      const consents = person ? await people.consents(person.id) : [];
      await audit.record({ actorId: user.id, action: 'referral.viewed', subjectType: 'referral', subjectId: record.id, detail: { view } });
      const provider = view === 'provider';
      const next = nextStatuses(record.status, side);
      const activity = record.activityId ? await lists.activity(record.activityId) : undefined;
      const firstVisitSessions =
        activity && next.includes('first_visit_planned')
          ? nextOccurrences(await deps.sessions.listForActivity(activity.id), clock.now(), { limit: FIRST_VISIT_CHOICES, months: activity.months })
          : [];
      return {
        referral: record,
        view,
        side,
        person:
          person && !person.anonymised
            ? {
                id: person.id,
                preferredName: person.preferredName,
                contactPreference: person.contactPreference,
                phone: person.phone,
                email: person.email,
                address: person.address,
                // Providers see what matters only with the person's consent to share it.
                whatMatters: !provider || hasConsent(consents, 'share_with_provider') ? person.whatMatters : null,
                hasReferralConsent: hasConsent(consents, 'referral'),
              }
            : null,
        events: await referrals.events(record.id),
        attendance: await attendance.history(record.id),
        placesTaken: record.activityId ? await referrals.countHoldingPlaces(record.activityId) : 0,
        capacity: activity?.capacity ?? null,
        offersFundedPlaces: activity ? takesFundedPlaces(activity.costType) : false,
        next,
        /** The activity's next sessions, to choose a first visit from. */
        firstVisitSessions,
      };
    },

    /** Any status change from the referral page, by whichever side the user is on. */
    async change(user: User, id: string, change: StatusChangeInput): Promise<void> {
      const now = clock.now();
      const { record, view } = await referralFor(deps, user, id);
      const side = sideOf(user, view);
      if (!side) throw new Forbidden('Coordinators can see referrals but not change them');
      if (change.from !== record.status) throw new Conflict(STALE);
      await db.transaction((tx) => applyChange(deps, tx, record, change, side, user.id, now));
    },

    /** A link worker's referrals (own, caseload, shared team), or a coordinator's whole scheme. */
    async list(user: User) {
      await audit.record({ actorId: user.id, action: 'referral.list_viewed', subjectType: 'user', subjectId: user.id });
      if (user.role === 'link_worker') return lists.forLinkWorker(user.id, user.organisationIds);
      if (user.role === 'coordinator' && user.schemeId) return lists.forScheme(user.schemeId);
      if (user.role === 'connector') return lists.forReferrer(user.id);
      return [];
    },
  };
}

export type ReferralService = ReturnType<typeof createReferralService>;
