import type { Db } from '../data/database.ts';
import type { ReferableActivity } from '../data/repositories/referral-list.repository.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import type { ConnectorReferralInput, ContactInput, SelfReferralInput } from '../domain/referral-input.ts';
import type { User } from '../domain/user.ts';
import { isUuid, recordCreated, type ReferralDeps } from './referral-lifecycle.service.ts';

/** Why someone cannot refer themselves to an activity through Waymark. */
export type SelfReferralClosed = 'no_self_referrals' | 'no_scheme';

/** Referrals that bring a new person in: self-referral from an activity page, and community connectors' referrals. */
export function createReferralCommunityService(deps: ReferralDeps) {
  const { db, referrals, lists, people, audit, clock } = deps;

  type NewPerson = {
    activity: ReferableActivity;
    schemeId: string;
    route: 'self' | 'connector';
    actor: User | null;
    contact: ContactInput;
    supportNeeds: string;
    message: string;
    followUp?: boolean;
    idempotencyKey: string;
  };

  /** Person, consents and a sent referral in one transaction; the same form sent twice makes one referral. */
  async function createWithPerson(n: NewPerson): Promise<string> {
    const now = clock.now();
    const actorId = n.actor?.id ?? null;
    return db.transaction(async (tx: Db) => {
      await referrals.lockKey(n.idempotencyKey, tx);
      const existing = await referrals.findByIdempotencyKey(n.idempotencyKey, tx);
      if (existing) {
        if (existing.route !== n.route || existing.referrerId !== actorId)
          throw new Conflict('This form has already been used. Reload the page and try again.');
        return existing.id;
      }
      const participantId = await people.insert({ schemeId: n.schemeId, source: n.route, contact: n.contact, now }, tx);
      const method = n.route === 'self' ? 'online' : 'verbal';
      await people.addConsent({ participantId, purpose: 'referral', method, recordedBy: actorId, now }, tx);
      if (n.followUp) await people.addConsent({ participantId, purpose: 'follow_up', method, recordedBy: actorId, now }, tx);
      await audit.record({ actorId, action: 'participant.created', subjectType: 'participant', subjectId: participantId, detail: { source: n.route } }, tx);
      const id = await referrals.insert(
        {
          participantId,
          schemeId: n.schemeId,
          target: { activityId: n.activity.id },
          providerOrganisationId: n.activity.organisationId,
          route: n.route,
          referrerId: actorId,
          referrerOrganisationId: null,
          supportNeeds: n.supportNeeds,
          message: n.message,
          fundedPlace: false,
          idempotencyKey: n.idempotencyKey,
          now,
        },
        'sent',
        tx,
      );
      await recordCreated(deps, tx, id, 'sent', actorId, now, { participantId, route: n.route });
      return id;
    });
  }

  async function selfReferable(activityId: string): Promise<{ activity: ReferableActivity; closed: SelfReferralClosed | null }> {
    const activity = isUuid(activityId) ? await lists.activity(activityId) : undefined;
    if (!activity?.listed) throw new NotFound('Activity');
    const closed = !activity.referralRoutes.includes('self') ? 'no_self_referrals' : activity.schemeId === null ? 'no_scheme' : null;
    return { activity, closed };
  }

  function connectorScheme(user: User): string {
    if (user.role !== 'connector') throw new Forbidden('Only community connectors use this form');
    if (!user.schemeId) throw new Forbidden('You are not part of a scheme yet. Ask your coordinator to add you.');
    return user.schemeId;
  }

  return {
    selfReferralForm: selfReferable,

    /** A member of the public refers themselves. Refused politely when the organisation works with no scheme. */
    async selfRefer(activityId: string, form: SelfReferralInput): Promise<string> {
      const { activity, closed } = await selfReferable(activityId);
      if (closed) throw new Conflict('This activity does not take self-referrals through Waymark. Contact the organisation directly.');
      return createWithPerson({
        activity,
        schemeId: activity.schemeId!,
        route: 'self',
        actor: null,
        contact: form.contact,
        supportNeeds: form.supportNeeds,
        message: form.whatWouldHelp,
        followUp: form.followUp,
        idempotencyKey: form.idempotencyKey,
      });
    },

    async connectorHome(user: User) {
      connectorScheme(user);
      const items = await lists.forReferrer(user.id);
      await audit.record({ actorId: user.id, action: 'referral.list_viewed', subjectType: 'user', subjectId: user.id });
      return { items };
    },

    async connectorActivities(user: User) {
      return lists.activitiesTaking(connectorScheme(user), 'community_connector');
    },

    /** A connector refers someone they met, with consent given in conversation. */
    async connectorRefer(user: User, form: ConnectorReferralInput): Promise<string> {
      const schemeId = connectorScheme(user);
      const activity = await lists.activity(form.activityId);
      if (!activity?.listed || activity.schemeId !== schemeId || !activity.referralRoutes.includes('community_connector')) {
        throw new ValidationFailed([{ field: 'activityId', message: 'Choose an activity from the list' }]);
      }
      return createWithPerson({
        activity,
        schemeId,
        route: 'connector',
        actor: user,
        contact: form.contact,
        supportNeeds: form.supportNeeds,
        message: form.message,
        idempotencyKey: form.idempotencyKey,
      });
    },
  };
}

export type ReferralCommunityService = ReturnType<typeof createReferralCommunityService>;
