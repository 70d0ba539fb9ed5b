import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import { visibleListing } from './visible-listing.sql.ts';

/** One item of the OpenActive RPDE feed as stored (decision 045). */
export type FeedItemRow = { id: string; modified: number; state: 'updated' | 'deleted'; data: Record<string, unknown> | null };

export type FeedCursor = { afterTimestamp: number; afterId: string | null };

/** A public listing as a point on a map (GeoJSON export). */
export type MapPoint = {
  id: string;
  title: string;
  shortCode: string;
  nextSessionAt: Date | null;
  organisation: string;
  place: string;
  town: string;
  postcode: string;
  latitude: number;
  longitude: number;
};

/**
 * The OpenActive feed's change log (`openactive_items`): which listings are published now and what
 * they were built from, and the feed pages read from it.
 */
export function createOpenActiveRepository(db: Db) {
  return {
    /**
     * Every publicly visible listing with a fingerprint of everything its feed item is built from: the
     * activity, organisation and place (their change times), its sessions and their cancellations, and
     * `salt` (the public address and the item format), so a change to any of them changes the print.
     */
    async currentFingerprints(tx: Db, freshSince: Date, salt: string): Promise<Map<string, string>> {
      // Sessions and cancellations aggregated once per activity (hash joins), not per row.
      const rows = await tx.query<{ id: string; fingerprint: string }>(
        `with sessions as (select s.activity_id, string_agg(s::text, ';' order by s.id) as t from activity_sessions s group by s.activity_id),
              cancellations as (select s.activity_id, string_agg(c::text, ';' order by c.session_id, c.on_date) as t
                                from session_cancellations c join activity_sessions s on s.id = c.session_id group by s.activity_id)
         select a.id, md5(concat_ws('|', $2::text, a.updated_at, o.updated_at, p.updated_at, ss.t, cc.t)) as fingerprint
         from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
           left join sessions ss on ss.activity_id = a.id left join cancellations cc on cc.activity_id = a.id
         where ${visibleListing('a', 'o', '$1')}`,
        [freshSince, salt],
      );
      return new Map(rows.map((r) => [String(r.id), r.fingerprint]));
    },

    /** What the feed holds now: each item's state and fingerprint, and the highest change stamp. */
    async stored(tx: Db): Promise<{ items: Map<string, { state: string; fingerprint: string | null }>; maxModified: number }> {
      const rows = await tx.query<{ id: string; state: string; fingerprint: string | null; modified: string | number }>(
        'select id, state, fingerprint, modified from openactive_items',
      );
      let maxModified = 0;
      const items = new Map<string, { state: string; fingerprint: string | null }>();
      for (const r of rows) {
        items.set(String(r.id), { state: r.state, fingerprint: r.fingerprint });
        maxModified = Math.max(maxModified, Number(r.modified));
      }
      return { items, maxModified };
    },

    /** Serialises syncs: the one writer of the feed at a time, so stamps rise in commit order. */
    async lockForSync(tx: Db): Promise<void> {
      await tx.query(`select pg_advisory_xact_lock(hashtext('openactive_items'))`);
    },

    async writeUpdated(tx: Db, modified: number, items: { id: string; fingerprint: string; data: unknown }[]): Promise<void> {
      if (items.length === 0) return;
      await tx.query(
        `insert into openactive_items (id, modified, state, fingerprint, data)
         select u.id, $1, 'updated', u.fingerprint, u.data
         from jsonb_to_recordset($2::jsonb) as u(id uuid, fingerprint text, data jsonb)
         on conflict (id) do update set modified = excluded.modified, state = 'updated', fingerprint = excluded.fingerprint, data = excluded.data`,
        [modified, JSON.stringify(items)],
      );
    },

    async writeDeleted(tx: Db, modified: number, ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await tx.query(`update openactive_items set modified = $1, state = 'deleted', fingerprint = null, data = null where id = any($2::uuid[])`, [
        modified,
        ids,
      ]);
    },

    /** A feed page: items after the cursor in (modified, id) order. */
    async page(cursor: FeedCursor | null, limit: number): Promise<FeedItemRow[]> {
      const params: unknown[] = [limit];
      let after = '';
      if (cursor) {
        params.push(cursor.afterTimestamp);
        if (cursor.afterId) {
          params.push(cursor.afterId);
          after = 'where (modified, id) > ($2, $3::uuid)';
        } else after = 'where modified > $2';
      }
      const rows = await db.query<{ id: string; modified: string | number; state: 'updated' | 'deleted'; data: unknown }>(
        `select id, modified, state, data from openactive_items ${after} order by modified, id limit $1`,
        params,
      );
      return rows.map((r) => ({
        id: String(r.id),
        modified: Number(r.modified),
        state: r.state,
        data: r.data == null ? null : ((typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>),
      }));
    },

    /** Every publicly visible listing's point and public facts, for the GeoJSON export: only the columns it needs. */
    async mapPoints(freshSince: Date): Promise<MapPoint[]> {
      const rows = await db.query<Record<string, unknown>>(
        `select a.id, a.title, a.short_code, a.next_session_at, o.name as organisation, p.name as place, p.town, p.postcode, p.latitude, p.longitude
         from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
         where ${visibleListing('a', 'o', '$1')} order by a.id`,
        [freshSince],
      );
      return rows.map((r) => ({
        id: String(r.id),
        title: String(r.title),
        shortCode: String(r.short_code ?? ''),
        nextSessionAt: r.next_session_at == null ? null : new Date(r.next_session_at as string | Date),
        organisation: String(r.organisation),
        place: String(r.place),
        town: String(r.town ?? ''),
        postcode: String(r.postcode ?? ''),
        latitude: Number(r.latitude),
        longitude: Number(r.longitude),
      }));
    },

    /** The latest change stamp in the feed, or null when it is empty. */
    async latestModified(): Promise<number | null> {
      const row = await maybeOne<{ m: string | number | null }>(db, 'select max(modified) as m from openactive_items');
      return row?.m == null ? null : Number(row.m);
    },
  };
}

export type OpenActiveRepository = ReturnType<typeof createOpenActiveRepository>;
