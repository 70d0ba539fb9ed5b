import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import { UUID_PATTERN } from '../../domain/ids.ts';
import type { Conversation, ConversationInput, InfoPoint, ReferralFollowed } from '../../domain/signposting.ts';

type Row = {
  id: string;
  scheme_id: string;
  connector_id: string;
  held_on: string;
  info_point: InfoPoint;
  needs: string[];
  interests: string[];
  activity_ids: string[];
  link_worker: boolean;
  other_services: string[];
  referral_followed: ReferralFollowed;
};
const COLUMNS = `id, scheme_id, connector_id, to_char(held_on, 'YYYY-MM-DD') as held_on, info_point, needs, interests,
  activity_ids::text[] as activity_ids, link_worker, other_services, referral_followed`;
const toConversation = (r: Row): Conversation => ({
  id: r.id,
  schemeId: r.scheme_id,
  connectorId: r.connector_id,
  heldOn: r.held_on,
  infoPoint: r.info_point,
  needs: r.needs,
  interests: r.interests,
  activityIds: r.activity_ids,
  linkWorker: r.link_worker,
  otherServices: r.other_services,
  referralFollowed: r.referral_followed,
});

/** A conversation reduced to what the counts need (no ids, no activities). */
export type ConversationFactRow = { connectorId: string; infoPoint: string; needs: string[]; referral: boolean; heldOn: string };

export type ActivityChoice = { id: string; title: string; organisationName: string };

export type ShiftRow = {
  id: string;
  schemeId: string;
  infoPoint: InfoPoint;
  place: string;
  startsAt: Date;
  endsAt: Date;
  connectorId: string | null;
  connectorName: string | null;
  /** The information point it is at (decision 041), when booked at one. */
  informationPointId: string | null;
  pointName: string | null;
};
type ShiftDbRow = {
  id: string;
  scheme_id: string;
  info_point: InfoPoint;
  place: string;
  starts_at: Date | string;
  ends_at: Date | string;
  connector_id: string | null;
  connector_name: string | null;
  information_point_id: string | null;
  point_name: string | null;
};
const toShift = (r: ShiftDbRow): ShiftRow => ({
  id: r.id,
  schemeId: r.scheme_id,
  infoPoint: r.info_point,
  place: r.place,
  startsAt: new Date(r.starts_at),
  endsAt: new Date(r.ends_at),
  connectorId: r.connector_id,
  connectorName: r.connector_name,
  informationPointId: r.information_point_id,
  pointName: r.point_name,
});
const SHIFT_SELECT = `select s.id, s.scheme_id, s.info_point, s.place, s.starts_at, s.ends_at, s.connector_id, u.display_name as connector_name,
    s.information_point_id, ip.name as point_name
  from connector_shifts s left join users u on u.id = s.connector_id left join information_points ip on ip.id = s.information_point_id`;

export function createSignpostingRepository(db: Db) {
  return {
    async find(id: string): Promise<Conversation | undefined> {
      if (!UUID_PATTERN.test(id)) return undefined;
      const row = await maybeOne<Row>(db, `select ${COLUMNS} from signposting_conversations where id = $1`, [id]);
      return row ? toConversation(row) : undefined;
    },

    /** A connector's own conversations held on or after `since`, newest first. */
    async recentFor(connectorId: string, since: string): Promise<Conversation[]> {
      const rows = await db.query<Row>(
        `select ${COLUMNS} from signposting_conversations where connector_id = $1 and held_on >= $2::date order by held_on desc, created_at desc`,
        [connectorId, since],
      );
      return rows.map(toConversation);
    },

    /** Adds a conversation; null when one with the same form key was already recorded by this connector. */
    async insert(c: { schemeId: string; connectorId: string } & ConversationInput, at: Date, tx: Db = db): Promise<string | null> {
      const [row] = await tx.query<{ id: string }>(
        `insert into signposting_conversations (scheme_id, connector_id, held_on, info_point, needs, interests, activity_ids, link_worker,
           other_services, referral_followed, idempotency_key, created_at, updated_at)
         values ($1, $2, $3::date, $4, $5::text[], $6::text[], $7::uuid[], $8, $9::text[], $10, $11, $12, $12)
         on conflict (connector_id, idempotency_key) where idempotency_key is not null do nothing returning id`,
        [
          c.schemeId,
          c.connectorId,
          c.heldOn,
          c.infoPoint,
          c.needs,
          c.interests,
          c.activityIds,
          c.linkWorker,
          c.otherServices,
          c.referralFollowed,
          c.idempotencyKey ?? null,
          at,
        ],
      );
      return row?.id ?? null;
    },

    async update(id: string, c: ConversationInput, at: Date, tx: Db = db) {
      await tx.query(
        `update signposting_conversations set held_on = $2::date, info_point = $3, needs = $4::text[], interests = $5::text[], activity_ids = $6::uuid[],
           link_worker = $7, other_services = $8::text[], referral_followed = $9, updated_at = $10 where id = $1`,
        [id, c.heldOn, c.infoPoint, c.needs, c.interests, c.activityIds, c.linkWorker, c.otherServices, c.referralFollowed, at],
      );
    },

    async delete(id: string, tx: Db = db) {
      await tx.query('delete from signposting_conversations where id = $1', [id]);
    },

    /** The scheme's conversations (or one connector's) as facts for the counts. */
    async facts(schemeId: string, connectorId: string | null): Promise<ConversationFactRow[]> {
      const rows = await db.query<{ connector_id: string; info_point: string; needs: string[]; referral: boolean; held_on: string }>(
        `select connector_id, info_point, needs, referral_followed = 'yes' as referral, to_char(held_on, 'YYYY-MM-DD') as held_on
           from signposting_conversations where scheme_id = $1 and ($2::uuid is null or connector_id = $2::uuid)`,
        [schemeId, connectorId],
      );
      return rows.map((r) => ({ connectorId: r.connector_id, infoPoint: r.info_point, needs: r.needs, referral: r.referral, heldOn: r.held_on }));
    },

    /** The scheme's connectors, by name. */
    async connectors(schemeId: string): Promise<{ id: string; name: string }[]> {
      return db.query<{ id: string; name: string }>(
        `select id, display_name as name from users where scheme_id = $1 and role = 'connector' order by display_name, id`,
        [schemeId],
      );
    },

    /** Live activities whose title or organisation matches the words, for a connector to choose from. */
    async searchActivities(words: string, limit = 10): Promise<ActivityChoice[]> {
      const like = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return db.query<ActivityChoice>(
        `select a.id, a.title, o.name as "organisationName" from activities a join organisations o on o.id = a.organisation_id
          where a.status = 'live' and (a.title ilike $1 or o.name ilike $1) order by a.title, a.id limit $2`,
        [like, limit],
      );
    },

    async activities(ids: readonly string[]): Promise<ActivityChoice[]> {
      if (ids.length === 0) return [];
      return db.query<ActivityChoice>(
        `select a.id, a.title, o.name as "organisationName" from activities a join organisations o on o.id = a.organisation_id
          where a.id = any($1::uuid[]) and a.status = 'live' order by a.title, a.id`,
        [ids],
      );
    },

    /** The live activities a connector signposted to most recently (their "recent" list). */
    async recentActivityIds(connectorId: string, limit = 8): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `select x.id::text as id from (
           select unnest(activity_ids) as id, max(held_on) as last from signposting_conversations where connector_id = $1 group by 1
         ) x join activities a on a.id = x.id and a.status = 'live' order by x.last desc, x.id limit $2`,
        [connectorId, limit],
      );
      return rows.map((r) => r.id);
    },

    // Shifts
    async shift(id: string): Promise<ShiftRow | undefined> {
      if (!UUID_PATTERN.test(id)) return undefined;
      const row = await maybeOne<ShiftDbRow>(db, `${SHIFT_SELECT} where s.id = $1`, [id]);
      return row ? toShift(row) : undefined;
    },

    /** The scheme's shifts that end after `from` and start before `to`, in time order. */
    async shifts(schemeId: string, from: Date, to: Date): Promise<ShiftRow[]> {
      const rows = await db.query<ShiftDbRow>(
        `${SHIFT_SELECT} where s.scheme_id = $1 and s.ends_at > $2 and s.starts_at < $3 order by s.starts_at, s.info_point, s.id`,
        [schemeId, from, to],
      );
      return rows.map(toShift);
    },

    async insertShift(
      s: {
        schemeId: string;
        infoPoint: string;
        place: string;
        startsAt: Date;
        endsAt: Date;
        connectorId: string | null;
        createdBy: string;
        informationPointId?: string | null;
        showFirstName?: boolean;
      },
      at: Date,
      tx: Db = db,
    ): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into connector_shifts (scheme_id, info_point, place, starts_at, ends_at, connector_id, created_by, created_at, information_point_id, show_first_name)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [s.schemeId, s.infoPoint, s.place, s.startsAt, s.endsAt, s.connectorId, s.createdBy, at, s.informationPointId ?? null, s.showFirstName ?? true],
      );
      return row!.id;
    },

    /** Whether this connector already has a shift at the point overlapping these times. */
    async hasShiftAt(informationPointId: string, connectorId: string, startsAt: Date, endsAt: Date, tx: Db = db): Promise<boolean> {
      const rows = await tx.query(
        'select 1 from connector_shifts where information_point_id = $1 and connector_id = $2 and starts_at < $4 and ends_at > $3 limit 1',
        [informationPointId, connectorId, startsAt, endsAt],
      );
      return rows.length > 0;
    },

    /** Signs a connector up to an open shift; false when someone else got there first. */
    async takeShift(id: string, connectorId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>('update connector_shifts set connector_id = $2 where id = $1 and connector_id is null returning id', [
        id,
        connectorId,
      ]);
      return rows.length === 1;
    },

    async releaseShift(id: string, connectorId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>('update connector_shifts set connector_id = null where id = $1 and connector_id = $2 returning id', [
        id,
        connectorId,
      ]);
      return rows.length === 1;
    },

    async deleteShift(id: string, tx: Db = db) {
      await tx.query('delete from connector_shifts where id = $1', [id]);
    },
  };
}

export type SignpostingRepository = ReturnType<typeof createSignpostingRepository>;
