import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { VolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import type { VolunteerPrivacyRepository } from '../data/repositories/volunteer-privacy.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { UUID_PATTERN } from '../domain/ids.ts';
import type { User } from '../domain/user.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import { removeOutboxFiles } from './senders/file.sender.ts';

/**
 * A volunteer's subject access and erasure (issue 9, decision 034): an administrator, or the volunteer
 * lead of their organisation, exports everything held about them or erases it; both are audited.
 */
export function createVolunteerPrivacyService(deps: {
  db: Db;
  volunteers: VolunteerRepository;
  privacy: VolunteerPrivacyRepository;
  audit: AuditRepository;
  clock: Clock;
  /** The file sender's folder: messages already written there to or about an erased volunteer are deleted too. */
  outboxDir: string;
}) {
  const { db, volunteers, privacy, audit, clock } = deps;

  async function reachable(user: User, id: string): Promise<Volunteer> {
    if (user.role !== 'admin' && user.role !== 'volunteer_lead') throw new Forbidden();
    const v = UUID_PATTERN.test(id) ? await volunteers.find(id) : undefined;
    if (!v || (user.role === 'volunteer_lead' && !user.organisationIds.includes(v.organisationId))) throw new NotFound('Volunteer');
    return v;
  }

  return {
    async page(user: User, id: string) {
      return reachable(user, id);
    },

    async export(user: User, id: string) {
      const v = await reachable(user, id);
      return db.transaction(async (tx) => {
        const data = await privacy.export(v.id, tx);
        if (!data) throw new NotFound('Volunteer');
        await audit.record({ actorId: user.id, action: 'volunteer.exported', subjectType: 'volunteer', subjectId: v.id }, tx);
        return data;
      });
    },

    async erase(user: User, id: string): Promise<void> {
      const v = await reachable(user, id);
      const outboxFiles = await db.transaction(async (tx) => {
        const erased = await privacy.erase(v.id, clock.now(), tx);
        if (!erased) throw new NotFound('Volunteer');
        await audit.record({ actorId: user.id, action: 'volunteer.erased', subjectType: 'volunteer', subjectId: v.id }, tx);
        return erased.outboxFiles;
      });
      await removeOutboxFiles(deps.outboxDir, outboxFiles);
    },
  };
}

export type VolunteerPrivacyService = ReturnType<typeof createVolunteerPrivacyService>;
