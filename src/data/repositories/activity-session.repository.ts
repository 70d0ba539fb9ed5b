import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { ActivitySession } from '../../domain/directory.ts';
import type { SessionInput } from '../../domain/listing-session.ts';
import { loadSessions, SELECT_SESSIONS, toSession } from './activity-index.repository.ts';

export function createActivitySessionRepository(db: Db) {
  return {
    listForActivity: (activityId: string, tx: Db = db): Promise<ActivitySession[]> => loadSessions(tx, [activityId]),

    async findById(id: string, tx: Db = db): Promise<ActivitySession | undefined> {
      const row = await maybeOne<Parameters<typeof toSession>[0]>(tx, `${SELECT_SESSIONS} where s.id = $1`, [id]);
      return row && toSession(row);
    },

    async insert(activityId: string, s: SessionInput, at: Date, tx: Db = db): Promise<string> {
      const row = await one<{ id: string }>(
        tx,
        `insert into activity_sessions (activity_id, frequency, weekday, week_of_month, start_date, end_date, start_time, end_time, note, bank_holidays, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
        [activityId, s.frequency, s.weekday, s.weekOfMonth, s.startDate, s.endDate, s.startTime, s.endTime, s.note, s.bankHolidays, at],
      );
      return row.id;
    },

    async setBankHolidays(id: string, rule: ActivitySession['bankHolidays'], tx: Db = db) {
      await tx.query('update activity_sessions set bank_holidays = $2 where id = $1', [id, rule]);
    },

    async delete(id: string, tx: Db = db) {
      await tx.query('delete from activity_sessions where id = $1', [id]);
    },

    async cancel(id: string, date: string, reason: string, tx: Db = db) {
      await tx.query(
        `insert into session_cancellations (session_id, on_date, reason) values ($1, $2, $3)
         on conflict (session_id, on_date) do update set reason = excluded.reason`,
        [id, date, reason],
      );
    },
  };
}

export type ActivitySessionRepository = ReturnType<typeof createActivitySessionRepository>;
