import { BANK_HOLIDAY_RULES, type BankHolidayRule } from '../domain/bank-holidays.ts';
import { NotFound, ValidationFailed } from '../domain/errors.ts';
import type { Cancellation } from '../domain/directory.ts';
import type { SessionInput } from '../domain/listing-session.ts';
import { describeSession, formatTime, isCurrentSession, londonDate, nextOccurrences } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import { isUuid, ownActivity, type ListingDeps } from './listing-access.ts';

/**
 * Sessions change often, so they are not content-approved; every change re-derives the
 * activity's next session and days for search in the same transaction.
 */
export function createSessionScheduleService(deps: ListingDeps) {
  const { db, sessions, audit, clock } = deps;

  async function ownSession(user: User, activityId: string, sessionId: string) {
    const activity = await ownActivity(deps, user, activityId);
    const session = isUuid(sessionId) ? await sessions.findById(sessionId) : undefined;
    if (!session || session.activityId !== activity.id) throw new NotFound('Session');
    return { activity, session };
  }

  return {
    async list(user: User, activityId: string) {
      const activity = await ownActivity(deps, user, activityId);
      const all = await sessions.listForActivity(activityId);
      const now = clock.now();
      return {
        sessions: all.map((s) => ({
          ...s,
          pattern: describeSession(s),
          bankHolidaysText: BANK_HOLIDAY_RULES.find((r) => r.code === s.bankHolidays)?.label ?? '',
          next: nextOccurrences([s], now, { limit: 3, months: activity.months }),
        })),
        next: nextOccurrences(all, now, { limit: 5, months: activity.months }),
      };
    },

    async add(user: User, activityId: string, data: SessionInput): Promise<string> {
      await ownActivity(deps, user, activityId);
      const now = clock.now();
      const today = londonDate(now);
      if (!isCurrentSession(data, today)) {
        throw new ValidationFailed([
          data.frequency === 'once'
            ? { field: 'startDate', message: 'The date of a one-off session must be today or in the future' }
            : { field: 'endDate', message: 'Last date must be today or in the future, or leave it blank' },
        ]);
      }
      return db.transaction(async (tx) => {
        const id = await sessions.insert(activityId, data, now, tx);
        await refreshActivityIndex(tx, [activityId], now);
        await audit.record({ actorId: user.id, action: 'session_added', subjectType: 'activity', subjectId: activityId, detail: { sessionId: id } }, tx);
        return id;
      });
    },

    async get(user: User, activityId: string, sessionId: string) {
      const { activity, session } = await ownSession(user, activityId, sessionId);
      return {
        activity,
        session: { ...session, pattern: describeSession(session) },
        upcoming: nextOccurrences([session], clock.now(), { limit: 12, months: activity.months }),
      };
    },

    /** Deletes a session and tells the people holding a place, and their referrers. Returns how many referrals someone was told about. */
    async remove(user: User, activityId: string, sessionId: string): Promise<number> {
      const { activity, session } = await ownSession(user, activityId, sessionId);
      const now = clock.now();
      const dates = nextOccurrences([session], now, { limit: 60, months: activity.months }).map((o) => o.date);
      return db.transaction(async (tx) => {
        await sessions.delete(sessionId, tx);
        await refreshActivityIndex(tx, [activityId], now);
        await audit.record({ actorId: user.id, action: 'session_deleted', subjectType: 'activity', subjectId: activityId, detail: { sessionId } }, tx);
        // A series with no dates to come (it ended) has nobody left to tell.
        if (!deps.sessionCancelled || dates.length === 0) return 0;
        return deps.sessionCancelled(tx, { kind: 'ended', activityId, pattern: describeSession(session), dates, at: now });
      });
    },

    /** Whether the series runs on bank holidays; its next dates move at once. */
    async setBankHolidays(user: User, activityId: string, sessionId: string, rule: BankHolidayRule) {
      await ownSession(user, activityId, sessionId);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await sessions.setBankHolidays(sessionId, rule, tx);
        await refreshActivityIndex(tx, [activityId], now);
        await audit.record(
          { actorId: user.id, action: 'session_bank_holidays_set', subjectType: 'activity', subjectId: activityId, detail: { sessionId, rule } },
          tx,
        );
      });
    },

    /**
     * Cancels one upcoming date of a session, with a reason people will see, and tells the people
     * referred to it and their referrers. Returns how many referrals someone was told about.
     */
    async cancel(user: User, activityId: string, sessionId: string, { date, reason }: Cancellation): Promise<number> {
      const { activity, session } = await ownSession(user, activityId, sessionId);
      const upcoming = nextOccurrences([session], clock.now(), { limit: 60, months: activity.months });
      if (!upcoming.some((o) => o.date === date)) {
        throw new ValidationFailed([{ field: 'date', message: 'Choose one of the upcoming dates of this session' }]);
      }
      const now = clock.now();
      return db.transaction(async (tx) => {
        await sessions.cancel(sessionId, date, reason, tx);
        await refreshActivityIndex(tx, [activityId], now);
        await audit.record({ actorId: user.id, action: 'session_cancelled', subjectType: 'activity', subjectId: activityId, detail: { sessionId, date } }, tx);
        return deps.sessionCancelled
          ? deps.sessionCancelled(tx, { kind: 'cancelled', activityId, date, time: formatTime(session.startTime), reason, at: now })
          : 0;
      });
    },
  };
}

export type SessionScheduleService = ReturnType<typeof createSessionScheduleService>;
