import type { Db } from '../database.ts';
import type { AuditAction } from '../../domain/audit-actions.ts';
import type { Clock } from '../../domain/clock.ts';

export type AuditEvent = {
  actorId: string | null;
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
};

/** The clock stamps each event: an audit record's time is when it was written. */
export function createAuditRepository(db: Db, clock: Clock) {
  return {
    async record(event: AuditEvent, tx: Db = db) {
      await tx.query('insert into audit_events (actor_id, action, subject_type, subject_id, detail, at) values ($1, $2, $3, $4, $5, $6)', [
        event.actorId,
        event.action,
        event.subjectType,
        event.subjectId,
        JSON.stringify(event.detail ?? {}),
        clock.now(),
      ]);
    },
    async forSubject(subjectType: string, subjectId: string) {
      return db.query<{ action: string; actor_id: string | null; at: Date; detail: unknown }>(
        'select action, actor_id, at, detail from audit_events where subject_type = $1 and subject_id = $2 order by id',
        [subjectType, subjectId],
      );
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
