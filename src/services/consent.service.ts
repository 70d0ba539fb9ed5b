import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ConsentRepository } from '../data/repositories/consent.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../domain/participant.ts';
import type { ConsentInput } from '../domain/participant-form.ts';
import type { User } from '../domain/user.ts';
import type { ParticipantService } from './participant.service.ts';

/**
 * What a person agreed to, how and when, and its withdrawal. A withdrawn consent stops the uses it
 * covered: other services ask `has(participantId, purpose)` before each use.
 */
export function createConsentService(deps: { db: Db; consents: ConsentRepository; participants: ParticipantService; audit: AuditRepository; clock: Clock }) {
  const { db, consents, participants, audit, clock } = deps;

  async function editableBy(user: User, participantId: string) {
    if (user.role !== 'link_worker') throw new Forbidden('Only link workers can record consent');
    const p = await participants.visible(user, participantId);
    if (p.anonymisedAt) throw new NotFound('Person');
    return p;
  }

  async function findForWithdrawal(user: User, participantId: string, consentId: string) {
    await editableBy(user, participantId);
    const consent = await consents.find(participantId, consentId);
    if (!consent || consent.withdrawnAt) throw new NotFound('Consent');
    return consent;
  }

  return {
    /** True while the person has a current (not withdrawn) consent for the purpose. Pass tx inside a transaction. */
    has(participantId: string, purpose: ConsentPurpose, tx?: Db): Promise<boolean> {
      return consents.has(participantId, purpose, tx);
    },

    /** Every consent, newest first, and which purposes are current. Callers have already checked access. */
    async summary(participantId: string) {
      const list = await consents.forParticipant(participantId);
      const current = new Set(list.filter((c) => !c.withdrawnAt).map((c) => c.purpose));
      return {
        list,
        purposes: CONSENT_PURPOSES.map((t) => ({ code: t.code as ConsentPurpose, label: t.label, given: current.has(t.code as ConsentPurpose) })),
      };
    },

    /** The form's page: the person must be one the link worker may change. */
    async checkCanRecord(user: User, participantId: string) {
      await editableBy(user, participantId);
    },

    async record(user: User, participantId: string, input: ConsentInput): Promise<ConsentPurpose[]> {
      await editableBy(user, participantId);
      const now = clock.now();
      const { purposes, method, givenOn, note } = input;
      if (givenOn && givenOn.getTime() > now.getTime()) {
        throw new ValidationFailed([{ field: 'givenOn-day', message: 'The date they gave consent must be today or in the past' }]);
      }
      const givenAt = givenOn && new Date(Math.min(givenOn.getTime() + 12 * 3600 * 1000, now.getTime())); // midday, or now if that is earlier
      return db.transaction(async (tx) => {
        const fresh: ConsentPurpose[] = [];
        for (const purpose of purposes) {
          if (await consents.has(participantId, purpose, tx)) continue;
          await consents.insert({ participantId, purpose, method, givenAt: givenAt ?? now, recordedBy: user.id, note }, tx);
          fresh.push(purpose);
        }
        if (fresh.length === 0) throw new ValidationFailed([{ field: 'purposes', message: 'They have already agreed to everything you selected' }]);
        await audit.record(
          { actorId: user.id, action: 'consent.recorded', subjectType: 'participant', subjectId: participantId, detail: { purposes: fresh, method } },
          tx,
        );
        return fresh;
      });
    },

    findForWithdrawal,

    async withdraw(user: User, participantId: string, consentId: string): Promise<ConsentPurpose> {
      const consent = await findForWithdrawal(user, participantId, consentId);
      await db.transaction(async (tx) => {
        await consents.withdraw(participantId, consent.purpose, user.id, clock.now(), tx);
        await audit.record(
          { actorId: user.id, action: 'consent.withdrawn', subjectType: 'participant', subjectId: participantId, detail: { purposes: [consent.purpose] } },
          tx,
        );
      });
      return consent.purpose;
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;
