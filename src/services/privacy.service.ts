import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ParticipantRepository } from '../data/repositories/participant.repository.ts';
import type { PrivacyRepository } from '../data/repositories/privacy.repository.ts';
import type { SubjectAccessRepository } from '../data/repositories/subject-access.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import type { Participant } from '../domain/participant.ts';
import { referenceQuery, subjectAccessDocument, type RecordGone, type SubjectAccessMatch } from '../domain/subject-access.ts';
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
  subjectAccess: SubjectAccessRepository;
  participants: ParticipantRepository;
  participantAccess: ParticipantService;
  audit: AuditRepository;
  clock: Clock;
  anonymiseAfterDays: number;
  outboxDir: string;
}) {
  const { db, privacy, subjectAccess, participants, participantAccess, audit, clock, anonymiseAfterDays, outboxDir } = deps;

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

  /** Tables the subject access document describes in words; rows of any other table found are listed as other records. */
  const DESCRIBED = ['participants', 'consents', 'referrals', 'referral_events', 'attendance', 'questionnaire_responses', 'questionnaire_links'];

  return {
    /** For the privacy page: who it is about (the view is audited) and whether they are anonymised. */
    async request(user: User, id: string) {
      const p = await allowed(user, id);
      await audit.record({ actorId: user.id, action: 'participant.privacy_viewed', subjectType: 'participant', subjectId: p.id });
      return { id: p.id, name: p.anonymisedAt ? null : p.preferredName, anonymised: p.anonymisedAt !== null };
    },

    /**
     * Everything held about one person, in words (decision 023): shown as a printable page and
     * downloaded as JSON from the same document. Each is audited, naming the format, never values.
     */
    async exportFor(user: User, id: string, format: 'page' | 'json' = 'json') {
      const p = await allowed(user, id);
      const data = await subjectAccess.data(p.id);
      if (!data) throw new NotFound('Person');
      const rows = await privacy.exportRows(p.id);
      const otherRecords = Object.fromEntries(Object.entries(rows).filter(([table, list]) => !DESCRIBED.includes(table) && list.length > 0));
      await audit.record({
        actorId: user.id,
        action: 'participant.exported',
        subjectType: 'participant',
        subjectId: p.id,
        detail: { format, tables: Object.keys(rows) },
      });
      return {
        filename: `waymark-subject-access-${p.id}.json`,
        document: subjectAccessDocument({ ...data, otherRecords }, clock.now()),
      };
    },

    /**
     * An administrator looks a person up by part of their name or by reference (theirs, or one of
     * their referrals'). Every search is audited with how it searched and how many it found, never
     * what was typed (a name).
     */
    async search(user: User, typed: string): Promise<{ by: 'name' | 'reference'; matches: SubjectAccessMatch[] }> {
      if (user.role !== 'admin') throw new Forbidden();
      const reference = referenceQuery(typed);
      const by = reference ? ('reference' as const) : ('name' as const);
      const name = typed.trim();
      if (!reference && name.length < 2) throw new ValidationFailed([{ field: 'q', message: 'Enter at least 2 letters of their name, or their reference' }]);
      const matches = await subjectAccess.search(reference ?? { name });
      await audit.record({
        actorId: user.id,
        action: 'participant.searched',
        subjectType: 'user',
        subjectId: user.id,
        detail: { by, results: matches.length },
      });
      return { by, matches };
    },

    /**
     * An erased person's record, for those who could see it: their caseworker and team, their
     * scheme's coordinators, administrators. Anyone else (and a record never erased) gets null.
     */
    async erased(user: User, id: string): Promise<RecordGone | null> {
      const e = await subjectAccess.erased(id);
      if (!e) return null;
      const may =
        user.role === 'admin' ||
        (user.role === 'coordinator' && user.schemeId !== null && user.schemeId === e.schemeId) ||
        (user.role === 'link_worker' && (e.caseworkerId === user.id || (e.organisationId !== null && user.organisationIds.includes(e.organisationId))));
      return may ? { reference: e.participantId, how: 'erased', at: e.erasedAt } : null;
    },

    /** Erases the person's personal data everywhere; referrals remain as anonymous counts. */
    async erase(user: User, id: string): Promise<{ referrals: number }> {
      const p = await allowed(user, id);
      const { referrals, outboxFiles } = await db.transaction(async (tx) => {
        const result = await privacy.erase(p.id, clock.now(), tx, user.id);
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
