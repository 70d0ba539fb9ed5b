import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ParticipantRepository } from '../data/repositories/participant.repository.ts';
import type { PrivacyRepository } from '../data/repositories/privacy.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import type { Participant } from '../domain/participant.ts';
import type { User } from '../domain/user.ts';
import type { ParticipantService } from './participant.service.ts';
import { removeOutboxFiles } from './senders/file.sender.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * UK GDPR rights and retention: subject access export, erasure, and the hourly anonymisation of
 * people whose referrals all closed more than `anonymiseAfterDays` ago. Each is audited. Erasure and
 * anonymisation also delete the messages' files in the outbox folder (`outboxDir`), once the
 * database change has committed.
 */
export function createPrivacyService(deps: {
  db: Db;
  privacy: PrivacyRepository;
  participants: ParticipantRepository;
  participantAccess: ParticipantService;
  audit: AuditRepository;
  clock: Clock;
  anonymiseAfterDays: number;
  outboxDir: string;
}) {
  const { db, privacy, participants, participantAccess, audit, clock, anonymiseAfterDays, outboxDir } = deps;

  /** The caseworker (or their sharing team), the scheme's coordinator, or an administrator. */
  async function allowed(user: User, id: string): Promise<Participant> {
    if (user.role === 'admin') {
      const p = await participants.findById(id);
      if (!p) throw new NotFound('Person');
      return p;
    }
    if (user.role !== 'link_worker' && user.role !== 'coordinator') throw new Forbidden();
    return participantAccess.visible(user, id);
  }

  return {
    /** For the privacy page: no personal data beyond what the user may already see. */
    async request(user: User, id: string) {
      const p = await allowed(user, id);
      return { id: p.id, name: user.role === 'admin' ? null : p.preferredName, anonymised: p.anonymisedAt !== null };
    },

    /** One person's data as a JSON document: their record, consents, referrals with timelines and attendance, answers. */
    async exportFor(user: User, id: string) {
      const p = await allowed(user, id);
      const rows = await privacy.exportRows(p.id);
      await audit.record({
        actorId: user.id,
        action: 'participant.exported',
        subjectType: 'participant',
        subjectId: p.id,
        detail: { tables: Object.keys(rows) },
      });
      return {
        filename: `waymark-subject-access-${p.id}.json`,
        document: { kind: 'Waymark subject access export', participantId: p.id, exportedAt: clock.now().toISOString(), data: rows },
      };
    },

    /** Erases the person's personal data everywhere; referrals remain as anonymous counts. */
    async erase(user: User, id: string): Promise<{ referrals: number }> {
      const p = await allowed(user, id);
      const { referrals, outboxFiles } = await db.transaction(async (tx) => {
        const result = await privacy.erase(p.id, clock.now(), tx);
        await audit.record(
          { actorId: user.id, action: 'participant.erased', subjectType: 'participant', subjectId: p.id, detail: { referrals: result.referrals } },
          tx,
        );
        return result;
      });
      await removeOutboxFiles(outboxDir, outboxFiles);
      return { referrals };
    },

    /** The retention job (run hourly): anonymise closed referrals and people whose referrals all closed long enough ago. */
    async anonymiseClosedReferrals(now: Date = clock.now()): Promise<{ referrals: number; participants: number }> {
      const cutoff = new Date(now.getTime() - anonymiseAfterDays * DAY_MS);
      const { outboxFiles, ...counts } = await db.transaction(async (tx) => {
        const referrals = await privacy.anonymiseClosedReferrals(cutoff, now, tx);
        for (const rid of referrals.ids)
          await audit.record({ actorId: null, action: 'referral.anonymised', subjectType: 'referral', subjectId: rid, detail: { reason: 'retention' } }, tx);
        const participantIds = await privacy.anonymiseInactiveParticipants(cutoff, now, tx);
        for (const pid of participantIds)
          await audit.record(
            { actorId: null, action: 'participant.anonymised', subjectType: 'participant', subjectId: pid, detail: { reason: 'retention' } },
            tx,
          );
        return { referrals: referrals.ids.length, participants: participantIds.length, outboxFiles: referrals.outboxFiles };
      });
      await removeOutboxFiles(outboxDir, outboxFiles);
      return counts;
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
