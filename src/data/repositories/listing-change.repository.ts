import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { ActivityContent } from '../../domain/directory.ts';
import type { ModerationArea } from '../../domain/scheme-area.ts';
import { areaParams, placeInArea } from './scheme-area.sql.ts';

/** Proposed edits to live listings (activity_changes) and the approved versions (activity_versions). */
export type ChangeStatus = 'pending' | 'approved' | 'rejected' | 'superseded' | 'changes_requested';

export type ActivityChange = {
  id: string;
  activityId: string;
  proposed: ActivityContent;
  status: ChangeStatus;
  proposedBy: string | null;
  proposedByName: string | null;
  proposedAt: Date;
  reviewNote: string | null;
  reviewedAt: Date | null;
};

export type ChangeQueueItem = { id: string; activityId: string; title: string; organisationName: string; proposedAt: Date };

export type ActivityVersion = {
  version: number;
  snapshot: ActivityContent;
  summary: string;
  changedByName: string | null;
  approvedByName: string | null;
  createdAt: Date;
};

type ChangeRow = {
  id: string;
  activity_id: string;
  proposed: ActivityContent | string;
  status: ChangeStatus;
  proposed_by: string | null;
  proposer: string | null;
  proposed_at: Date;
  review_note: string | null;
  reviewed_at: Date | null;
};

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

const SELECT_CHANGE = `select c.id, c.activity_id, c.proposed, c.status, c.proposed_by, u.display_name as proposer, c.proposed_at,
  c.review_note, c.reviewed_at from activity_changes c left join users u on u.id = c.proposed_by`;

/** The place a change (alias `c`) names, as `p`. */
const JOIN_CHANGE_PLACE = "join places p on p.id = (c.proposed->>'placeId')::uuid";

const toChange = (r: ChangeRow): ActivityChange => ({
  id: r.id,
  activityId: r.activity_id,
  proposed: json(r.proposed),
  status: r.status,
  proposedBy: r.proposed_by,
  proposedByName: r.proposer,
  proposedAt: new Date(r.proposed_at),
  reviewNote: r.review_note,
  reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
});

export function createListingChangeRepository(db: Db) {
  return {
    /** One pending change per activity: a newer proposal replaces the older one. */
    async supersedePending(activityId: string, now: Date, tx: Db = db) {
      await tx.query("update activity_changes set status = 'superseded', reviewed_at = $2 where activity_id = $1 and status = 'pending'", [activityId, now]);
    },

    /** Stores a proposal only when its place belongs to the activity's organisation; undefined otherwise. */
    async insertProposal(activityId: string, proposed: ActivityContent, proposedBy: string, now: Date, tx: Db = db): Promise<string | undefined> {
      const rows = await tx.query<{ id: string }>(
        `insert into activity_changes (activity_id, proposed, proposed_by, proposed_at)
         select a.id, $2::jsonb, $3, $4 from activities a
         where a.id = $1 and exists (select 1 from places p where p.id = $5::uuid and p.organisation_id = a.organisation_id)
         returning id`,
        [activityId, JSON.stringify(proposed), proposedBy, now, proposed.placeId],
      );
      return rows[0]?.id;
    },

    async findById(id: string, tx: Db = db): Promise<ActivityChange | undefined> {
      const row = await maybeOne<ChangeRow>(tx, `${SELECT_CHANGE} where c.id = $1`, [id]);
      return row && toChange(row);
    },

    async pendingFor(activityId: string): Promise<ActivityChange | undefined> {
      const row = await maybeOne<ChangeRow>(db, `${SELECT_CHANGE} where c.activity_id = $1 and c.status = 'pending'`, [activityId]);
      return row && toChange(row);
    },

    async latestReviewedFor(activityId: string): Promise<ActivityChange | undefined> {
      const row = await maybeOne<ChangeRow>(
        db,
        `${SELECT_CHANGE} where c.activity_id = $1 and c.status in ('approved', 'rejected', 'changes_requested') order by c.reviewed_at desc limit 1`,
        [activityId],
      );
      return row && toChange(row);
    },

    /** False when the change was no longer pending (someone else reviewed it first). */
    async setReviewed(id: string, status: 'approved' | 'rejected' | 'changes_requested', reviewerId: string, note: string | null, now: Date, tx: Db = db) {
      const rows = await tx.query(
        `update activity_changes set status = $2, reviewed_by = $3, review_note = $4, reviewed_at = $5
         where id = $1 and status = 'pending' returning id`,
        [id, status, reviewerId, note, now],
      );
      return rows.length > 0;
    },

    /** Pending changes in the area: a change is moderated where the place it names is. */
    async listPending(area: ModerationArea): Promise<ChangeQueueItem[]> {
      const rows = await db.query<{ id: string; activity_id: string; title: string; name: string; proposed_at: Date }>(
        `select c.id, c.activity_id, a.title, o.name, c.proposed_at from activity_changes c
         join activities a on a.id = c.activity_id join organisations o on o.id = a.organisation_id ${JOIN_CHANGE_PLACE}
         where c.status = 'pending' and ${placeInArea('p', 1)} order by c.proposed_at`,
        areaParams(area),
      );
      return rows.map((r) => ({ id: r.id, activityId: r.activity_id, title: r.title, organisationName: r.name, proposedAt: new Date(r.proposed_at) }));
    },

    async countPending(area: ModerationArea): Promise<number> {
      return (
        await one<{ n: number }>(
          db,
          `select count(*) as n from activity_changes c ${JOIN_CHANGE_PLACE} where c.status = 'pending' and ${placeInArea('p', 1)}`,
          areaParams(area),
        )
      ).n;
    },

    /** Appends the next version (the first approval is version 1) and returns its number. */
    async appendVersion(
      activityId: string,
      v: { snapshot: ActivityContent; summary: string; changedBy: string | null; approvedBy: string | null; now: Date },
      tx: Db = db,
    ): Promise<number> {
      const row = await one<{ version: number }>(
        tx,
        `insert into activity_versions (activity_id, version, snapshot, summary, changed_by, approved_by, created_at)
         select $1, coalesce(max(version), 0) + 1, $2::jsonb, $3, $4, $5, $6 from activity_versions where activity_id = $1
         returning version`,
        [activityId, JSON.stringify(v.snapshot), v.summary, v.changedBy, v.approvedBy, v.now],
      );
      return row.version;
    },

    async latestVersion(activityId: string, tx: Db = db): Promise<ActivityContent | undefined> {
      const row = await maybeOne<{ snapshot: ActivityContent | string }>(
        tx,
        'select snapshot from activity_versions where activity_id = $1 order by version desc limit 1',
        [activityId],
      );
      return row && json(row.snapshot);
    },

    async listVersions(activityId: string): Promise<ActivityVersion[]> {
      const rows = await db.query<{
        version: number;
        snapshot: ActivityContent | string;
        summary: string;
        changer: string | null;
        approver: string | null;
        created_at: Date;
      }>(
        `select v.version, v.snapshot, v.summary, cu.display_name as changer, au.display_name as approver, v.created_at
         from activity_versions v left join users cu on cu.id = v.changed_by left join users au on au.id = v.approved_by
         where v.activity_id = $1 order by v.version desc`,
        [activityId],
      );
      return rows.map((r) => ({
        version: r.version,
        snapshot: json(r.snapshot),
        summary: r.summary,
        changedByName: r.changer,
        approvedByName: r.approver,
        createdAt: new Date(r.created_at),
      }));
    },
  };
}

export type ListingChangeRepository = ReturnType<typeof createListingChangeRepository>;
