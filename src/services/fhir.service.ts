import { createHash } from 'node:crypto';
import type { FhirReferralRecord, FhirRepository } from '../data/repositories/fhir.repository.ts';
import type { NewReferral } from '../data/repositories/referral.repository.ts';
import { fullReferralView } from '../domain/access-policy.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { type FhirBundle, type FhirReferralFacts, type FhirServiceRequest, type InboundReferral, toFhirBundle, toFhirServiceRequest } from '../domain/fhir.ts';
import type { ReferralTargetRef } from '../domain/referral.ts';
import type { User } from '../domain/user.ts';
import type { ApiCaller } from './api-token.service.ts';
import { isUuid, recordCreated, type ReferralDeps } from './referral-lifecycle.service.ts';

/** The sender's identifier as an idempotency key: the same organisation sending the same identifier again. */
const keyFor = (organisationId: string, identifier: { system: string; value: string }) =>
  `fhir:${organisationId}:${createHash('sha256').update(`${identifier.system}|${identifier.value}`).digest('base64url')}`;

/**
 * FHIR R4 out and in (issue 13, decision 051). Out: a referral as a Bundle for the referrer's side,
 * exactly when they may see its GP summary, audited as a personal-data export. In: a ServiceRequest
 * from a referring organisation's system becomes a draft referral in its activity's scheme, waiting
 * for a link worker to take it, check it and send it on.
 */
export function createFhirService(deps: ReferralDeps & { fhir: FhirRepository; baseUrl: string }) {
  const { db, fhir, referrals, lists, people, buddySchemes, audit, clock } = deps;

  const refuse = (message: string) => new ValidationFailed([{ field: 'ServiceRequest.performer', message }]);

  /**
   * Where a received referral goes, with the checks a link worker's referral to it would meet: a
   * listed activity that takes referrals from link workers and works with a scheme, or an active
   * buddy scheme (decision 051, addendum). Its scheme's link workers see it.
   */
  async function receivingEnd(to: ReferralTargetRef): Promise<{ schemeId: string; providerOrganisationId: string; target: NewReferral['target'] }> {
    if ('buddySchemeId' in to) {
      const scheme = await buddySchemes.find(to.buddySchemeId);
      if (!scheme) throw refuse('No buddy scheme in Waymark has this identifier');
      if (!scheme.active) throw refuse('This buddy scheme is not taking referrals at the moment');
      return {
        schemeId: scheme.schemeId,
        providerOrganisationId: scheme.organisationId,
        target: { buddySchemeId: scheme.id, accompanyActivityId: null, buddyPreference: null },
      };
    }
    const activity = await lists.activity(to.activityId);
    if (!activity?.listed) throw refuse('No activity listed in Waymark has this identifier');
    if (!activity.referralRoutes.includes('link_worker')) throw refuse('This activity does not take referrals from link workers');
    if (!activity.schemeId) throw refuse('This activity works with no social prescribing scheme, so no link worker can take the referral');
    return { schemeId: activity.schemeId, providerOrganisationId: activity.organisationId, target: { activityId: activity.id } };
  }

  function factsOf(r: FhirReferralRecord): FhirReferralFacts {
    const p = r.participant!;
    return {
      baseUrl: deps.baseUrl,
      at: clock.now(),
      referral: { id: r.id, status: r.status, authoredOn: r.sentAt ?? r.createdAt, supportNeeds: r.supportNeeds, message: r.message },
      patient: { id: p.id, preferredName: p.preferredName, contactPreference: p.contactPreference, phone: p.phone, email: p.email, address: p.address },
      requester: {
        practitioner: r.referrerId && r.referrerName ? { id: r.referrerId, name: r.referrerName } : null,
        organisation: r.referrerOrganisation,
      },
      performer: { kind: r.target, id: r.targetId, name: r.targetTitle, provider: { id: r.providerOrganisationId, name: r.providerName } },
      consent: r.consent,
    };
  }
  const bundleOf = (r: FhirReferralRecord): FhirBundle => toFhirBundle(factsOf(r));

  return {
    /** The referral as FHIR, for link workers who may see it and the scheme's coordinators (as the GP summary). */
    async exportReferral(user: User, id: string): Promise<FhirBundle> {
      if (user.role !== 'link_worker' && user.role !== 'coordinator') throw new Forbidden();
      const r = isUuid(id) ? await fhir.find(id) : undefined;
      const p = r?.participant;
      if (!r || !p) throw new NotFound('Referral');
      if (!fullReferralView(user, r, p)) throw new NotFound('Referral');
      await audit.record({
        actorId: user.id,
        action: 'participant.fhir_exported',
        subjectType: 'participant',
        subjectId: p.id,
        detail: { referralId: r.id, fields: ['name', 'contact', 'support_needs', 'message'] },
      });
      return bundleOf(r);
    },

    /**
     * A referral from another system. A resend of the same identifier by the same organisation returns
     * the first referral and creates nothing. The person, their consent (as the sender asserts it) and
     * the draft are made in one transaction, each audited as any referral's are.
     */
    async receive(caller: ApiCaller, input: InboundReferral): Promise<{ id: string; created: boolean }> {
      const now = clock.now();
      if (input.consentGivenAt > now) {
        throw new ValidationFailed([{ field: 'Consent.dateTime', message: 'The person’s consent cannot be dated in the future' }]);
      }
      const { schemeId, providerOrganisationId, target } = await receivingEnd(input.target);
      const key = keyFor(caller.organisationId, input.identifier);
      return db.transaction(async (tx) => {
        await referrals.lockKey(key, tx);
        const existing = await fhir.findReceived(caller.organisationId, input.identifier, tx);
        if (existing) return { id: existing, created: false };
        const participantId = await people.insert({ schemeId, source: 'link_worker', contact: input.contact, now }, tx);
        await people.addConsent(
          {
            participantId,
            purpose: 'referral',
            method: 'written',
            recordedBy: null,
            note: 'Asserted by the referring system (FHIR Consent)',
            now: input.consentGivenAt,
          },
          tx,
        );
        await audit.record(
          {
            actorId: null,
            action: 'participant.created',
            subjectType: 'participant',
            subjectId: participantId,
            detail: { source: 'fhir', organisationId: caller.organisationId },
          },
          tx,
        );
        await audit.record(
          { actorId: null, action: 'consent.recorded', subjectType: 'participant', subjectId: participantId, detail: { purpose: 'referral', source: 'fhir' } },
          tx,
        );
        const id = await referrals.insert(
          {
            participantId,
            schemeId,
            target,
            providerOrganisationId,
            route: 'link_worker',
            referrerId: null,
            referrerOrganisationId: null,
            supportNeeds: input.supportNeeds,
            message: input.message,
            fundedPlace: false,
            idempotencyKey: key,
            now,
          },
          'draft',
          tx,
        );
        const detail = { participantId, source: 'fhir', ...('buddySchemeId' in target ? { target: 'buddy_scheme' } : {}) };
        await recordCreated(deps, tx, id, 'draft', null, now, detail);
        await fhir.recordReceived(
          { referralId: id, participantId, schemeId, organisationId: caller.organisationId, apiTokenId: caller.id, identifier: input.identifier, at: now },
          tx,
        );
        await audit.record(
          {
            actorId: null,
            action: 'referral.received',
            subjectType: 'referral',
            subjectId: id,
            detail: { organisationId: caller.organisationId, apiTokenId: caller.id },
          },
          tx,
        );
        return { id, created: true };
      });
    },

    /** The sending system reads back a referral it sent (to follow its status); anything else is not found. */
    async readReceived(caller: ApiCaller, id: string): Promise<FhirServiceRequest> {
      const r = isUuid(id) && (await fhir.sentBy(id, caller.organisationId)) ? await fhir.find(id) : undefined;
      if (!r?.participant) throw new NotFound('ServiceRequest');
      await audit.record({
        actorId: null,
        action: 'referral.received_read',
        subjectType: 'participant',
        subjectId: r.participant.id,
        detail: { referralId: r.id, organisationId: caller.organisationId, apiTokenId: caller.id },
      });
      return toFhirServiceRequest(factsOf(r));
    },

    /** Referrals other systems sent to the user's scheme, waiting for a link worker (coordinators see them too). */
    async waiting(user: User) {
      if ((user.role !== 'link_worker' && user.role !== 'coordinator') || !user.schemeId) return [];
      const rows = await fhir.waiting(user.schemeId);
      if (rows.length > 0) {
        await audit.record({
          actorId: user.id,
          action: 'referral.received_queue_viewed',
          subjectType: 'user',
          subjectId: user.id,
          detail: { count: rows.length },
        });
      }
      return rows;
    },

    /** A link worker of the scheme takes a received referral: the person joins their caseload and the draft is theirs. */
    async take(user: User, referralId: string): Promise<string> {
      if (user.role !== 'link_worker') throw new Forbidden('Only link workers take referrals');
      if (!user.schemeId) throw new NotFound('Referral');
      const now = clock.now();
      return db.transaction(async (tx) => {
        const r = await fhir.lockReceived(referralId, tx);
        if (!r || r.scheme_id !== user.schemeId) throw new NotFound('Referral');
        if (r.taken_at) throw new Conflict(`This referral has already been taken by ${r.taken_by_name ?? 'another link worker'}`);
        await fhir.markTaken({ referralId, participantId: r.participant_id, userId: user.id, organisationId: user.organisationIds[0] ?? null, at: now }, tx);
        await audit.record(
          { actorId: user.id, action: 'referral.received_taken', subjectType: 'referral', subjectId: referralId, detail: { participantId: r.participant_id } },
          tx,
        );
        return referralId;
      });
    },
  };
}

export type FhirService = ReturnType<typeof createFhirService>;
