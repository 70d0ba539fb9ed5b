import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Activity, ActivityContent, ListingStatus } from '../../domain/directory.ts';
import type { ModerationArea } from '../../domain/scheme-area.ts';
import { areaParams, placeInArea } from './scheme-area.sql.ts';

/** ActivityContent field → activities column. The one place the two namings meet. */
export const CONTENT_COLUMNS: readonly [keyof ActivityContent, string][] = [
  ['placeId', 'place_id'],
  ['title', 'title'],
  ['summary', 'summary'],
  ['description', 'description'],
  ['activityTypes', 'activity_types'],
  ['needs', 'needs'],
  ['ageMin', 'age_min'],
  ['ageMax', 'age_max'],
  ['groupSizeMax', 'group_size_max'],
  ['eligibility', 'eligibility'],
  ['firstVisit', 'first_visit'],
  ['costType', 'cost_type'],
  ['pricePence', 'price_pence'],
  ['costNote', 'cost_note'],
  ['fundedPlaces', 'funded_places'],
  ['access', 'access'],
  ['distanceWalkedM', 'distance_walked_m'],
  ['terrain', 'terrain'],
  ['support', 'support'],
  ['referralRoutes', 'referral_routes'],
  ['languages', 'languages'],
  ['safeguarding', 'safeguarding'],
  ['months', 'months'],
  ['capacity', 'capacity'],
  ['howToJoin', 'how_to_join'],
  ['contactName', 'contact_name'],
  ['contactEmail', 'contact_email'],
  ['contactPhone', 'contact_phone'],
];

const SELECT = `select a.id, a.organisation_id, ${CONTENT_COLUMNS.map(([, c]) => `a.${c}`).join(', ')}, a.status, a.status_note,
  a.last_checked_at, a.next_session_at, a.next_session_end_at, a.version, a.created_at, a.updated_at, a.short_code from activities a`;

type Row = Record<string, unknown>;

function toActivity(r: Row): Activity {
  const content: Record<string, unknown> = {};
  for (const [key, column] of CONTENT_COLUMNS) content[key] = r[column];
  const date = (v: unknown) => (v == null ? null : new Date(v as string));
  return {
    ...(content as ActivityContent),
    id: String(r.id),
    organisationId: String(r.organisation_id),
    shortCode: String(r.short_code),
    status: r.status as ListingStatus,
    statusNote: (r.status_note as string | null) ?? null,
    lastCheckedAt: new Date(r.last_checked_at as string),
    nextSessionAt: date(r.next_session_at),
    nextSessionEndAt: date(r.next_session_end_at),
    version: Number(r.version),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

const values = (c: ActivityContent) => CONTENT_COLUMNS.map(([key]) => c[key]);

export type ActivityListItem = Activity & {
  placeName: string;
  hasPendingChange: boolean;
  /** The latest coordinator's answer to a change of this listing, when no newer change waits. */
  lastChange: { status: 'approved' | 'rejected' | 'changes_requested'; note: string | null; reviewedAt: Date } | null;
};
export type QueueItem = { id: string; title: string; organisationId: string; organisationName: string; organisationStatus: string; createdAt: Date };
export type StaleItem = {
  id: string;
  title: string;
  lastCheckedAt: Date;
  organisationName: string;
  organisationEmail: string | null;
  organisationPhone: string | null;
};

export function createActivityRepository(db: Db) {
  return {
    async findById(id: string, tx: Db = db): Promise<Activity | undefined> {
      const row = await maybeOne<Row>(tx, `${SELECT} where a.id = $1`, [id]);
      return row && toActivity(row);
    },

    async listForOrganisation(organisationId: string): Promise<ActivityListItem[]> {
      const rows = await db.query<Row>(
        `${SELECT.replace(
          ' from activities a',
          `, p.name as place_name,
           exists (select 1 from activity_changes c where c.activity_id = a.id and c.status = 'pending') as has_pending_change,
           (select json_build_object('status', c.status, 'note', c.review_note, 'reviewedAt', c.reviewed_at) from activity_changes c
             where c.activity_id = a.id and c.status in ('approved', 'rejected', 'changes_requested') order by c.reviewed_at desc limit 1) as last_change
           from activities a join places p on p.id = a.place_id`,
        )}
         where a.organisation_id = $1 order by a.title`,
        [organisationId],
      );
      return rows.map((r) => {
        const last = r.last_change as { status: 'approved' | 'rejected' | 'changes_requested'; note: string | null; reviewedAt: string } | null;
        return {
          ...toActivity(r),
          placeName: String(r.place_name),
          hasPendingChange: Boolean(r.has_pending_change),
          lastChange: last ? { status: last.status, note: last.note, reviewedAt: new Date(last.reviewedAt) } : null,
        };
      });
    },

    /** Inserts only when the place belongs to the organisation; returns undefined otherwise. */
    async insert(organisationId: string, content: ActivityContent, createdBy: string, now: Date, tx: Db = db): Promise<string | undefined> {
      const cols = CONTENT_COLUMNS.map(([, c]) => c);
      const params = cols.map((_, i) => `$${i + 4}`);
      const rows = await tx.query<{ id: string }>(
        `insert into activities (organisation_id, created_by, last_checked_at, created_at, updated_at, ${cols.join(', ')}, status)
         select $1, $2, $3, $3, $3, ${params.join(', ')}, 'pending'
         where exists (select 1 from places where id = $4::uuid and organisation_id = $1::uuid)
         returning id`,
        [organisationId, createdBy, now, ...values(content)],
      );
      return rows[0]?.id;
    },

    /** Replaces the content; false when the place is not the organisation's (nothing written). */
    async updateContent(id: string, content: ActivityContent, now: Date, tx: Db = db, status?: ListingStatus): Promise<boolean> {
      const sets = CONTENT_COLUMNS.map(([, c], i) => `${c} = $${i + 4}`);
      const rows = await tx.query(
        `update activities a set ${sets.join(', ')}, updated_at = $2, status = coalesce($3, a.status)
         where a.id = $1 and exists (select 1 from places p where p.id = $4::uuid and p.organisation_id = a.organisation_id)
         returning a.id`,
        [id, now, status ?? null, ...values(content)],
      );
      return rows.length > 0;
    },

    async setStatus(id: string, status: ListingStatus, note: string | null, now: Date, tx: Db = db) {
      await tx.query('update activities set status = $2, status_note = $3, updated_at = $4 where id = $1', [id, status, note, now]);
    },

    async publish(id: string, version: number, now: Date, tx: Db = db) {
      await tx.query(
        `update activities set status = 'live', status_note = null, version = $2, last_checked_at = $3, stale_prompted_at = null, updated_at = $3
         where id = $1`,
        [id, version, now],
      );
    },

    /** Locks the row for the rest of the transaction, so two reviewers cannot both publish it. */
    async lockStatus(id: string, tx: Db): Promise<ListingStatus | undefined> {
      return (await maybeOne<{ status: ListingStatus }>(tx, 'select status from activities where id = $1 for update', [id]))?.status;
    },

    async markChecked(id: string, now: Date, tx: Db = db) {
      await tx.query('update activities set last_checked_at = $2, stale_prompted_at = null where id = $1', [id, now]);
    },

    /**
     * Claims the live listings not checked since `before` whose owners have not been asked since
     * their last check (confirming or publishing clears the mark), so each is prompted once.
     */
    async claimFreshnessPrompts(before: Date, now: Date, limit: number, tx: Db = db): Promise<{ id: string; title: string; organisationId: string }[]> {
      const rows = await tx.query<{ id: string; title: string; organisation_id: string }>(
        `update activities set stale_prompted_at = $2
         where id in (select id from activities where status = 'live' and last_checked_at < $1 and stale_prompted_at is null
                      order by last_checked_at limit $3 for update skip locked)
         returning id, title, organisation_id`,
        [before, now, limit],
      );
      return rows.map((r) => ({ id: r.id, title: r.title, organisationId: r.organisation_id }));
    },

    /** New listings waiting in the area (a listing is moderated where its place is). */
    async listPending(area: ModerationArea): Promise<QueueItem[]> {
      const rows = await db.query<{ id: string; title: string; organisation_id: string; name: string; org_status: string; created_at: Date }>(
        `select a.id, a.title, a.organisation_id, o.name, o.status as org_status, a.created_at
         from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
         where a.status = 'pending' and ${placeInArea('p', 1)} order by a.updated_at, a.title`,
        areaParams(area),
      );
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        organisationId: r.organisation_id,
        organisationName: r.name,
        organisationStatus: r.org_status,
        createdAt: new Date(r.created_at),
      }));
    },

    async countPending(area: ModerationArea): Promise<number> {
      return (
        await one<{ n: number }>(
          db,
          `select count(*) as n from activities a join places p on p.id = a.place_id where a.status = 'pending' and ${placeInArea('p', 1)}`,
          areaParams(area),
        )
      ).n;
    },

    /** Live listings in the area last checked before `before`, oldest first, with who to contact. */
    async listCheckedBefore(before: Date, area: ModerationArea): Promise<StaleItem[]> {
      const rows = await db.query<{ id: string; title: string; last_checked_at: Date; name: string; email: string | null; phone: string | null }>(
        `select a.id, a.title, a.last_checked_at, o.name, o.email, o.phone
         from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
         where a.status = 'live' and a.last_checked_at < $1 and ${placeInArea('p', 2)} order by a.last_checked_at, a.title`,
        [before, ...areaParams(area)],
      );
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        lastCheckedAt: new Date(r.last_checked_at),
        organisationName: r.name,
        organisationEmail: r.email,
        organisationPhone: r.phone,
      }));
    },

    async countCheckedBefore(before: Date, area: ModerationArea): Promise<number> {
      return (
        await one<{ n: number }>(
          db,
          `select count(*) as n from activities a join places p on p.id = a.place_id
         where a.status = 'live' and a.last_checked_at < $1 and ${placeInArea('p', 2)}`,
          [before, ...areaParams(area)],
        )
      ).n;
    },

    async createdBy(id: string, tx: Db = db): Promise<string | null> {
      return (await maybeOne<{ created_by: string | null }>(tx, 'select created_by from activities where id = $1', [id]))?.created_by ?? null;
    },

    async idsForOrganisation(organisationId: string, tx: Db = db): Promise<string[]> {
      return (await tx.query<{ id: string }>('select id from activities where organisation_id = $1', [organisationId])).map((r) => r.id);
    },
  };
}

export type ActivityRepository = ReturnType<typeof createActivityRepository>;
