import { createHash } from 'node:crypto';
import { countOf } from '../domain/plural.ts';
import { readCalendar, type CalendarReading, type ImportedSession } from '../domain/calendar-import.ts';
import { Conflict, NotFound, ValidationFailed } from '../domain/errors.ts';
import { describeSession, londonDate, nextOccurrences } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import type { SessionInput } from '../domain/listing-session.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import type { CalendarImportRepository } from '../data/repositories/calendar-import.repository.ts';
import type { Db } from '../data/database.ts';
import { isUuid, moderationArea, ownActivity, type ListingDeps } from './listing-access.ts';
import { areaCoversPlace } from '../domain/scheme-area.ts';
import type { CalendarFetcher } from './calendar-fetch.ts';
import type { CalendarNotifier } from './calendar-notices.ts';

/** What a provider asked to read: a chosen file's text, or a calendar's address. */
export type CalendarSource = { kind: 'file'; text: string } | { kind: 'url'; url: string };

/**
 * What a calendar says, whatever the day: read as if on 1 January 2000, so dates passing do not look
 * like changes (the daily re-read tells people only when the calendar itself changed).
 */
function fingerprintOf(text: string): string {
  const timeless = readCalendar(text, '2000-01-01');
  return createHash('sha256')
    .update(JSON.stringify(timeless.ok ? timeless.sessions : text))
    .digest('hex');
}

/** The same series: how often, which day, what time (and, for a one-off, which date). */
const sameSeries = (a: SessionInput, b: SessionInput) =>
  a.frequency === b.frequency &&
  a.weekday === b.weekday &&
  a.weekOfMonth === b.weekOfMonth &&
  a.startTime === b.startTime &&
  a.endTime === b.endTime &&
  (a.frequency !== 'once' || a.startDate === b.startDate);

type Read = { ok: true; reading: Extract<CalendarReading, { ok: true }>; text: string } | { ok: false; message: string };
const READ_FEEDS_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Calendars in (decision 037): a provider's own calendar read into the activity's sessions. Reading
 * makes a preview; confirming replaces the activity's sessions (a listing that is not live) or waits
 * for a coordinator (a live one). Nothing changes while a calendar cannot be read.
 */
export function createCalendarImportService(
  deps: ListingDeps & { imports: CalendarImportRepository; fetchCalendar: CalendarFetcher; tellAboutCalendar?: CalendarNotifier },
) {
  const { db, sessions, audit, clock, imports, activities } = deps;

  async function read(source: CalendarSource, now: Date): Promise<Read> {
    const text = source.kind === 'file' ? source.text : await deps.fetchCalendar(source.url).then((f) => (f.ok ? f.text : f));
    if (typeof text !== 'string') return { ok: false, message: text.message };
    const reading = readCalendar(text, londonDate(now));
    if (!reading.ok) return reading;
    if (reading.sessions.length === 0) {
      const reasons = reading.skipped
        .slice(0, 3)
        .map((s) => `${s.title}: ${s.reason}`)
        .join('. ');
      return { ok: false, message: `Nothing in this calendar can become a session. ${reasons}` };
    }
    return { ok: true, reading, text };
  }

  async function ownImport(user: User, activityId: string, importId: string) {
    const activity = await ownActivity(deps, user, activityId);
    const found = isUuid(importId) ? await imports.findById(importId) : undefined;
    if (!found || found.activityId !== activity.id) throw new NotFound('Calendar import');
    return { activity, found };
  }

  /**
   * Replaces the activity's sessions with an import's, in the caller's transaction. A series the
   * calendar no longer has is a session stopped: the people holding a place and their referrers are
   * told, as when a provider deletes it. A series the calendar still has is not.
   */
  async function apply(tx: Db, activityId: string, imported: readonly ImportedSession[], at: Date) {
    const before = await sessions.listForActivity(activityId, tx);
    const months = (await activities.findById(activityId, tx))?.months ?? [];
    for (const s of before) await sessions.delete(s.id, tx);
    for (const { cancellations, ...s } of imported) {
      const id = await sessions.insert(activityId, s, at, tx);
      for (const c of cancellations) await sessions.cancel(id, c.date, c.reason, tx);
    }
    await refreshActivityIndex(tx, [activityId], at);
    if (!deps.sessionCancelled) return;
    for (const stopped of before.filter((s) => !imported.some((i) => sameSeries(s, i)))) {
      const dates = nextOccurrences([stopped], at, { limit: 60, months }).map((o) => o.date);
      if (dates.length > 0) await deps.sessionCancelled(tx, { kind: 'ended', activityId, pattern: describeSession(stopped), dates, at });
    }
  }

  /** An import of a listing in the coordinator's area (where its place is, decision 016); elsewhere 404. */
  async function importToReview(user: User, importId: string) {
    const area = await moderationArea(deps, user);
    const found = isUuid(importId) ? await imports.findById(importId) : undefined;
    const activity = found ? await activities.findById(found.activityId) : undefined;
    const place = activity ? await deps.places.findById(activity.placeId) : undefined;
    if (!found || !activity || !place || !areaCoversPlace(area, place.postcode) || found.status === 'preview') throw new NotFound('Calendar import');
    return { found, activity };
  }

  return {
    /** Sessions from providers' calendars waiting for this coordinator (their area; administrators everywhere): the listings queue. */
    async queue(user: User) {
      return imports.listWaiting(await moderationArea(deps, user));
    },

    /** How many are waiting, for the coordinator's dashboard. */
    async countWaiting(user: User) {
      return imports.countWaiting(await moderationArea(deps, user));
    },

    /** A coordinator's view of sessions from a provider's calendar waiting for approval, beside the sessions people see now. */
    async review(user: User, importId: string) {
      const { found, activity } = await importToReview(user, importId);
      const current = await sessions.listForActivity(activity.id);
      return {
        activity,
        calendarImport: found,
        proposed: found.sessions.map((s) => ({ ...s, pattern: describeSession(s) })),
        current: current.map((s) => ({ ...s, pattern: describeSession(s) })),
      };
    },

    /** Approving replaces the live listing's sessions with the calendar's; rejecting leaves them. The provider is told either way. */
    async decide(user: User, importId: string, decision: { decision: 'approve' } | { decision: 'reject'; reason: string }) {
      const { found, activity } = await importToReview(user, importId);
      const now = clock.now();
      const approve = decision.decision === 'approve';
      await db.transaction(async (tx) => {
        if (!(await imports.setStatus(importId, ['awaiting_approval'], approve ? 'approved' : 'rejected', now, tx))) {
          throw new Conflict('These sessions have already been reviewed');
        }
        if (approve) await apply(tx, activity.id, found.sessions, now);
        await audit.record(
          {
            actorId: user.id,
            action: approve ? 'calendar_import_approved' : 'calendar_import_rejected',
            subjectType: 'activity',
            subjectId: activity.id,
            detail: { importId, ...(approve ? {} : { reason: (decision as { reason: string }).reason }) },
          },
          tx,
        );
        await deps.tellProvider?.(tx, {
          organisationId: activity.organisationId,
          activityId: activity.id,
          outcome: approve ? 'change_approved' : 'change_rejected',
          title: `the sessions of ${activity.title} from your calendar`,
          note: approve ? null : (decision as { reason: string }).reason,
          at: now,
        });
      });
    },

    async page(user: User, activityId: string) {
      const activity = await ownActivity(deps, user, activityId);
      const waiting = await imports.waitingFor(activityId);
      return { activity, feed: await imports.feed(activityId), waiting: waiting ?? null };
    },

    /** Reads a calendar and keeps what it would create as a preview; a calendar that cannot be read is a message next to its field. */
    async preview(user: User, activityId: string, source: CalendarSource): Promise<string> {
      await ownActivity(deps, user, activityId);
      const field = source.kind === 'file' ? 'calendarFile' : 'calendarUrl';
      const read_ = await read(source, clock.now());
      if (!read_.ok) throw new ValidationFailed([{ field, message: read_.message }]);
      const { reading, text } = read_;
      return imports.insert(
        {
          activityId,
          source: source.kind,
          url: source.kind === 'url' ? source.url : null,
          sessions: reading.sessions,
          skipped: reading.skipped,
          fingerprint: fingerprintOf(text),
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

    /**
     * The daily re-read (job `calendar-feeds`, decision 025): each calendar address not read for a day
     * is read again. A failure is told once, when it starts; a change to a live listing's sessions waits
     * for a coordinator and is told once; a listing that is not live takes the change at once.
     * Returns how many calendars were read.
     */
    async rereadFeeds(now: Date, limit = 20): Promise<number> {
      const due = await imports.dueFeeds(new Date(now.getTime() - READ_FEEDS_EVERY_MS + 60_000), limit);
      for (const feed of due) {
        const activity = await activities.findById(feed.activityId);
        if (!activity) continue;
        const result = await read({ kind: 'url', url: feed.url }, now);
        await db.transaction(async (tx) => {
          if (!result.ok) {
            await imports.recordFailure(feed.activityId, result.message, now, tx);
            if (!feed.failure) {
              await deps.tellAboutCalendar?.(tx, {
                activityId: activity.id,
                organisationId: activity.organisationId,
                title: activity.title,
                kind: 'failed',
                detail: result.message,
                at: now,
              });
            }
            return;
          }
          const fingerprint = fingerprintOf(result.text);
          await imports.recordRead(feed.activityId, fingerprint, now, tx);
          if (fingerprint === feed.fingerprint) return;
          const live = activity.status === 'live';
          if (live) await imports.supersedeWaiting(activity.id, now, tx);
          const importId = await imports.insert(
            {
              activityId: activity.id,
              source: 'url',
              url: feed.url,
              sessions: result.reading.sessions,
              skipped: result.reading.skipped,
              fingerprint,
              status: live ? 'awaiting_approval' : 'applied',
              createdBy: null,
            },
            now,
            tx,
          );
          if (!live) await apply(tx, activity.id, result.reading.sessions, now);
          await audit.record(
            {
              actorId: null,
              action: live ? 'calendar_import_proposed' : 'calendar_imported',
              subjectType: 'activity',
              subjectId: activity.id,
              detail: { importId, sessions: result.reading.sessions.length, source: 'url' },
            },
            tx,
          );
          if (live) {
            const detail = countOf(result.reading.sessions.length, 'session');
            await deps.tellAboutCalendar?.(tx, {
              activityId: activity.id,
              importId,
              organisationId: activity.organisationId,
              title: activity.title,
              kind: 'changed',
              detail,
              at: now,
            });
          }
        });
      }
      return due.length;
    },
  };
}

export type CalendarImportService = ReturnType<typeof createCalendarImportService>;
