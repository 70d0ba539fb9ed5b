import type { Db } from '../database.ts';
import { visibleListing } from './visible-listing.sql.ts';

export type SubscriptionRow = {
  id: string;
  email: string;
  areaLabel: string;
  easting: number;
  northing: number;
  radiusMiles: number;
  interests: string[];
  frequency: 'weekly' | 'monthly';
  createdAt: Date;
  confirmedAt: Date | null;
  lastSentAt: Date | null;
};

export type DigestListing = { id: string; title: string; organisationName: string; town: string | null; isNew: boolean };

type Row = {
  id: string;
  email: string;
  area_label: string;
  easting: number;
  northing: number;
  radius_miles: number;
  interests: string[];
  frequency: 'weekly' | 'monthly';
  created_at: Date;
  confirmed_at: Date | null;
  last_sent_at: Date | null;
};
const toRow = (r: Row): SubscriptionRow => ({
  id: r.id,
  email: r.email,
  areaLabel: r.area_label,
  easting: Number(r.easting),
  northing: Number(r.northing),
  radiusMiles: Number(r.radius_miles),
  interests: r.interests,
  frequency: r.frequency,
  createdAt: new Date(r.created_at),
  confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
  lastSentAt: r.last_sent_at ? new Date(r.last_sent_at) : null,
});
const COLUMNS = 'id, email, area_label, easting, northing, radius_miles, interests, frequency, created_at, confirmed_at, last_sent_at';

/** Email subscriptions to new activities near a place (decision 036): an address, an area, interests. */
export function createSubscriptionRepository(db: Db) {
  return {
    async insert(
      s: {
        email: string;
        areaLabel: string;
        easting: number;
        northing: number;
        radiusMiles: number;
        interests: string[];
        frequency: string;
        confirmTokenHash: string;
        createdBy: string | null;
      },
      now: Date,
      tx: Db = db,
    ): Promise<string> {
      const rows = await tx.query<{ id: string }>(
        `insert into activity_subscriptions (email, area_label, easting, northing, radius_miles, interests, frequency, confirm_token_hash, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [s.email, s.areaLabel, Math.round(s.easting), Math.round(s.northing), s.radiusMiles, s.interests, s.frequency, s.confirmTokenHash, s.createdBy, now],
      );
      return rows[0]!.id;
    },

    async find(id: string): Promise<SubscriptionRow | undefined> {
      const [r] = await db.query<Row>(`select ${COLUMNS} from activity_subscriptions where id = $1`, [id]);
      return r ? toRow(r) : undefined;
    },

    async findUnconfirmed(confirmTokenHash: string): Promise<SubscriptionRow | undefined> {
      const [r] = await db.query<Row>(`select ${COLUMNS} from activity_subscriptions where confirm_token_hash = $1 and confirmed_at is null`, [
        confirmTokenHash,
      ]);
      return r ? toRow(r) : undefined;
    },

    /** Confirms once: the token's hash is cleared, so the link cannot be used again. */
    async confirm(id: string, confirmTokenHash: string, now: Date, tx: Db = db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update activity_subscriptions set confirmed_at = $3, confirm_token_hash = null
         where id = $1 and confirm_token_hash = $2 and confirmed_at is null returning id`,
        [id, confirmTokenHash, now],
      );
      return rows.length === 1;
    },

    async delete(id: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(`delete from activity_subscriptions where id = $1 returning id`, [id]);
      return rows.length === 1;
    },

    async purgeUnconfirmed(before: Date): Promise<number> {
      const rows = await db.query<{ id: string }>(`delete from activity_subscriptions where confirmed_at is null and created_at < $1 returning id`, [before]);
      return rows.length;
    },

    async confirmed(): Promise<SubscriptionRow[]> {
      const rows = await db.query<Row>(`select ${COLUMNS} from activity_subscriptions where confirmed_at is not null order by id`);
      return rows.map(toRow);
    },

    /** Records a digest as sent, only if no other run has done so since `previous` was read. */
    async markSent(id: string, previous: Date | null, now: Date, tx: Db = db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update activity_subscriptions set last_sent_at = $3 where id = $1 and last_sent_at is not distinct from $2::timestamptz returning id`,
        [id, previous, now],
      );
      return rows.length === 1;
    },

    /**
     * Visible listings within the radius, of the interests (any, when none chosen), created or changed
     * after `since` and up to `until`; newest changes first.
     */
    async newAndChanged(q: {
      easting: number;
      northing: number;
      radiusM: number;
      interests: string[];
      since: Date;
      until: Date;
      cutoff: Date;
      limit: number;
    }): Promise<DigestListing[]> {
      const rows = await db.query<{ id: string; title: string; organisation_name: string; town: string | null; is_new: boolean }>(
        `select a.id, a.title, o.name as organisation_name, p.town, (a.created_at > $6) as is_new
         from activities a
         join organisations o on o.id = a.organisation_id
         join places p on p.id = a.place_id
         where ${visibleListing('a', 'o', '$1')}
           and (p.pos <-> point($2, $3)) <= $4
           and (cardinality($5::text[]) = 0 or a.activity_types && $5::text[])
           and a.updated_at > $6 and a.updated_at <= $7
         order by a.updated_at desc, a.id
         limit $8`,
        [q.cutoff, q.easting, q.northing, q.radiusM, q.interests, q.since, q.until, q.limit],
      );
      return rows.map((r) => ({ id: r.id, title: r.title, organisationName: r.organisation_name, town: r.town, isNew: r.is_new }));
    },
  };
}

export type SubscriptionRepository = ReturnType<typeof createSubscriptionRepository>;
