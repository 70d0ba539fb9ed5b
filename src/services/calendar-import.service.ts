import { createHash } from 'node:crypto';
import { readCalendar, type CalendarReading, type ImportedSession } from '../domain/calendar-import.ts';
import { Conflict, NotFound, ValidationFailed } from '../domain/errors.ts';
import { describeSession, londonDate } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import type { CalendarImportRepository } from '../data/repositories/calendar-import.repository.ts';
import type { Db } from '../data/database.ts';
import { isUuid, ownActivity, type ListingDeps } from './listing-access.ts';
import type { CalendarFetcher } from './calendar-fetch.ts';

/** What a provider asked to read: a chosen file's text, or a calendar's address. */
export type CalendarSource = { kind: 'file'; text: string } | { kind: 'url'; url: string };

const fingerprintOf = (sessions: readonly ImportedSession[]) => createHash('sha256').update(JSON.stringify(sessions)).digest('hex');

/**
 * Calendars in (decision 037): a provider's own calendar read into the activity's sessions. Reading
 * makes a preview; confirming replaces the activity's sessions (a listing that is not live) or waits
 * for a coordinator (a live one). Nothing changes while a calendar cannot be read.
 */
export function createCalendarImportService(deps: ListingDeps & { imports: CalendarImportRepository; fetchCalendar: CalendarFetcher }) {
  const { db, sessions, audit, clock, imports } = deps;

  async function read(source: CalendarSource): Promise<CalendarReading> {
    const today = londonDate(clock.now());
    if (source.kind === 'file') return readCalendar(source.text, today);
    const fetched = await deps.fetchCalendar(source.url);
    return fetched.ok ? readCalendar(fetched.text, today) : { ok: false, message: fetched.message };
  }

  async function ownImport(user: User, activityId: string, importId: string) {
    const activity = await ownActivity(deps, user, activityId);
    const found = isUuid(importId) ? await imports.findById(importId) : undefined;
    if (!found || found.activityId !== activity.id) throw new NotFound('Calendar import');
    return { activity, found };
  }

  /** Replaces the activity's sessions with an import's, in the caller's transaction. */
  async function apply(tx: Db, activityId: string, imported: readonly ImportedSession[], at: Date) {
    for (const s of await sessions.listForActivity(activityId, tx)) await sessions.delete(s.id, tx);
    for (const { cancellations, ...s } of imported) {
      const id = await sessions.insert(activityId, s, at, tx);
      for (const c of cancellations) await sessions.cancel(id, c.date, c.reason, tx);
    }
    await refreshActivityIndex(tx, [activityId], at);
  }

  return {
    async page(user: User, activityId: string) {
      const activity = await ownActivity(deps, user, activityId);
      const waiting = await imports.waitingFor(activityId);
      return { activity, feed: await imports.feed(activityId), waiting: waiting ?? null };
    },

    /** Reads a calendar and keeps what it would create as a preview; a calendar that cannot be read is a message next to its field. */
    async preview(user: User, activityId: string, source: CalendarSource): Promise<string> {
      await ownActivity(deps, user, activityId);
      const field = source.kind === 'file' ? 'calendarFile' : 'calendarUrl';
      const reading = await read(source);
      if (!reading.ok) throw new ValidationFailed([{ field, message: reading.message }]);
      if (reading.sessions.length === 0) {
        const reasons = reading.skipped.slice(0, 3).map((s) => `${s.title}: ${s.reason}`).join('. ');
        throw new ValidationFailed([{ field, message: `Nothing in this calendar can become a session. ${reasons}` }]);
      }
      return imports.insert(
        {
          activityId,
          source: source.kind,
          url: source.kind === 'url' ? source.url : null,
          sessions: reading.sessions,
          skipped: reading.skipped,
          fingerprint: fingerprintOf(reading.sessions),
          status: 'preview',
          createdBy: user.id,
        },
        clock.now(),
      );
    },

    async getPreview(user: User, activityId: string, importId: string) {
      const { activity, found } = await ownImport(user, activityId, importId);
      return {
        activity,
        preview: found,
        sessions: found.sessions.map((s) => ({ ...s, pattern: describeSession(s) })),
      };
    },

    /**
     * Confirms a preview: a listing that is not live gets the sessions at once; a live listing's
     * sessions change only when a coordinator approves (decision 037). Returns which happened.
     */
    async confirm(user: User, activityId: string, importId: string): Promise<'applied' | 'awaiting_approval'> {
      const { activity, found } = await ownImport(user, activityId, importId);
      if (found.status !== 'preview') throw new Conflict('This calendar has already been imported');
      const now = clock.now();
      const live = activity.status === 'live';
      return db.transaction(async (tx) => {
        if (live) await imports.supersedeWaiting(activityId, now, tx);
        if (!(await imports.setStatus(importId, ['preview'], live ? 'awaiting_approval' : 'applied', now, tx))) {
          throw new Conflict('This calendar has already been imported');
        }
        if (!live) await apply(tx, activityId, found.sessions, now);
        if (found.source === 'url' && found.url) await imports.saveFeed(activityId, found.url, found.fingerprint, now, tx);
        await audit.record(
          {
            actorId: user.id,
            action: live ? 'calendar_import_proposed' : 'calendar_imported',
            subjectType: 'activity',
            subjectId: activityId,
            detail: { importId, sessions: found.sessions.length, source: found.source },
          },
          tx,
        );
        return live ? 'awaiting_approval' : 'applied';
      });
    },
  };
}

export type CalendarImportService = ReturnType<typeof createCalendarImportService>;
