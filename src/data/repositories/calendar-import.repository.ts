import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { ImportedSession, SkippedEvent } from '../../domain/calendar-import.ts';
import type { ModerationArea } from '../../domain/scheme-area.ts';
import { areaParams, placeInArea } from './scheme-area.sql.ts';

export type CalendarImportStatus = 'preview' | 'applied' | 'awaiting_approval' | 'approved' | 'rejected' | 'superseded';
export type CalendarImport = {
  id: string;
  activityId: string;
  source: 'file' | 'url';
  url: string | null;
  sessions: ImportedSession[];
  skipped: SkippedEvent[];
  fingerprint: string;
  status: CalendarImportStatus;
  createdAt: Date;
};
/** A calendar import waiting for a coordinator, as the listings queue shows it. */
export type WaitingCalendarImport = { id: string; activityId: string; title: string; organisationName: string; source: 'file' | 'url'; createdAt: Date };

/** Imports waiting for approval of listings whose place is in the area (decision 016: moderated where the place is). */
const WAITING_IN_AREA = `from calendar_imports i join activities a on a.id = i.activity_id
  join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
  where i.status = 'awaiting_approval' and ${placeInArea('p', 1)}`;

export type CalendarFeed = { activityId: string; url: string; fingerprint: string | null; failure: string | null; failureTold: boolean };

type Row = {
  id: string;
  activity_id: string;
  source: 'file' | 'url';
  url: string | null;
  sessions: ImportedSession[] | string;
  skipped: SkippedEvent[] | string;
  fingerprint: string;
  status: CalendarImportStatus;
  created_at: Date;
};
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const toImport = (r: Row): CalendarImport => ({
  id: r.id,
  activityId: r.activity_id,
  source: r.source,
  url: r.url,
  sessions: json(r.sessions),
  skipped: json(r.skipped),
  fingerprint: r.fingerprint,
  status: r.status,
  createdAt: new Date(r.created_at),
});

export function createCalendarImportRepository(db: Db) {
  return {
    async insert(
      i: Pick<CalendarImport, 'activityId' | 'source' | 'url' | 'sessions' | 'skipped' | 'fingerprint' | 'status'> & { createdBy: string | null },
      at: Date,
      tx: Db = db,
    ): Promise<string> {
      const row = await one<{ id: string }>(
        tx,
        `insert into calendar_imports (activity_id, source, url, sessions, skipped, fingerprint, status, created_by, created_at)
         values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9) returning id`,
        [i.activityId, i.source, i.url, JSON.stringify(i.sessions), JSON.stringify(i.skipped), i.fingerprint, i.status, i.createdBy, at],
      );
      return row.id;
    },

    async findById(id: string, tx: Db = db): Promise<CalendarImport | undefined> {
      const row = await maybeOne<Row>(tx, 'select * from calendar_imports where id = $1', [id]);
      return row && toImport(row);
    },

    /** Moves an import on from `from`; false when someone else moved it first. */
    async setStatus(id: string, from: CalendarImportStatus[], to: CalendarImportStatus, at: Date, tx: Db = db): Promise<boolean> {
      const r = await tx.query('update calendar_imports set status = $3, decided_at = $4 where id = $1 and status = any($2::text[]) returning id', [
        id,
        from,
        to,
        at,
      ]);
      return r.length > 0;
    },

    /** A newer reading replaces what was waiting for a coordinator. */
    async supersedeWaiting(activityId: string, at: Date, tx: Db = db) {
      await tx.query(`update calendar_imports set status = 'superseded', decided_at = $2 where activity_id = $1 and status = 'awaiting_approval'`, [
        activityId,
        at,
      ]);
    },

    async waitingFor(activityId: string, tx: Db = db): Promise<CalendarImport | undefined> {
      const row = await maybeOne<Row>(
        tx,
        `select * from calendar_imports where activity_id = $1 and status = 'awaiting_approval' order by created_at desc limit 1`,
        [activityId],
      );
      return row && toImport(row);
    },

    /** The coordinator's queue: imports waiting for approval in their area, oldest first. */
    async listWaiting(area: ModerationArea): Promise<WaitingCalendarImport[]> {
      const rows = await db.query<{ id: string; activity_id: string; title: string; name: string; source: 'file' | 'url'; created_at: Date }>(
        `select i.id, i.activity_id, a.title, o.name, i.source, i.created_at ${WAITING_IN_AREA}
         order by i.created_at, i.id`,
        areaParams(area),
      );
      return rows.map((r) => ({
        id: r.id,
        activityId: r.activity_id,
        title: r.title,
        organisationName: r.name,
        source: r.source,
        createdAt: new Date(r.created_at),
      }));
    },

    async countWaiting(area: ModerationArea): Promise<number> {
      return (await one<{ n: number }>(db, `select count(*) as n ${WAITING_IN_AREA}`, areaParams(area))).n;
    },

    async feed(activityId: string, tx: Db = db): Promise<CalendarFeed | undefined> {
      const row = await maybeOne<{ activity_id: string; url: string; fingerprint: string | null; failure: string | null; failure_told: boolean }>(
        tx,
        'select activity_id, url, fingerprint, failure, failure_told from calendar_feeds where activity_id = $1',
        [activityId],
      );
      return row && { activityId: row.activity_id, url: row.url, fingerprint: row.fingerprint, failure: row.failure, failureTold: row.failure_told };
    },

    async saveFeed(activityId: string, url: string, fingerprint: string, at: Date, tx: Db = db) {
      await tx.query(
        `insert into calendar_feeds (activity_id, url, fingerprint, last_read_at, created_at) values ($1, $2, $3, $4, $4)
         on conflict (activity_id) do update set url = excluded.url, fingerprint = excluded.fingerprint, last_read_at = excluded.last_read_at, failure = null, failure_told = false`,
        [activityId, url, fingerprint, at],
      );
    },

    async recordRead(activityId: string, fingerprint: string, at: Date, tx: Db = db) {
      await tx.query('update calendar_feeds set fingerprint = $2, last_read_at = $3, failure = null, failure_told = false where activity_id = $1', [
        activityId,
        fingerprint,
        at,
      ]);
    },

    async recordFailure(activityId: string, failure: string, at: Date, tx: Db = db) {
      await tx.query('update calendar_feeds set failure = $2, failure_told = true, last_read_at = $3 where activity_id = $1', [activityId, failure, at]);
    },

    /** Feeds not read since `before`, oldest first. */
    async dueFeeds(before: Date, limit: number, tx: Db = db): Promise<CalendarFeed[]> {
      const r = await tx.query<{ activity_id: string; url: string; fingerprint: string | null; failure: string | null; failure_told: boolean }>(
        'select activity_id, url, fingerprint, failure, failure_told from calendar_feeds where last_read_at is null or last_read_at < $1 order by last_read_at nulls first limit $2',
        [before, limit],
      );
      return r.map((row) => ({ activityId: row.activity_id, url: row.url, fingerprint: row.fingerprint, failure: row.failure, failureTold: row.failure_told }));
    },
  };
}

export type CalendarImportRepository = ReturnType<typeof createCalendarImportRepository>;
