import type { Db } from '../database.ts';
import {
  type ActivityCandidate,
  BLOCK_METRES,
  BLOCK_SIMILARITY,
  type DuplicateKind,
  type OrganisationCandidate,
  type PlaceCandidate,
  SHARED_DOMAINS,
} from '../../domain/duplicates.ts';
import type { ModerationArea } from '../../domain/scheme-area.ts';
import { areaParams, organisationInArea, placeInArea } from './scheme-area.sql.ts';
import { nearbyPairs, similarNames } from './duplicate-blocks.sql.ts';

/**
 * Runs a candidate-pair query with hash joins only: the blocks join on equal keys, and without table
 * statistics (a new PGlite database has none) the planner would compare every row with every other.
 */
async function blockQuery(tx: Db, sql: string, params: unknown[]): Promise<{ a: string; b: string }[]> {
  return tx.transaction(async (t) => {
    // Ruling nested loops out adds a huge cost to any plan, which would set PostgreSQL compiling it (JIT) for seconds.
    await t.exec('set local enable_nestloop = off; set local jit = off');
    return t.query<{ a: string; b: string }>(sql, params);
  });
}

/** Likely duplicates (decision 047): the candidates compared, "not the same" pairs, and merges. */
export function createDuplicateRepository(db: Db) {
  return {
    /** Organisations waiting or approved, not merged away, in the area (with no places: everywhere). */
    async organisations(area: ModerationArea, tx: Db = db, statuses: readonly string[] = ['pending', 'approved']): Promise<OrganisationCandidate[]> {
      const rows = await tx.query<{
        id: string;
        name: string;
        email: string | null;
        phone: string | null;
        website: string | null;
        places: { postcode: string; easting: number; northing: number }[] | string;
      }>(
        `select o.id, o.name, o.email, o.phone, o.website,
           coalesce((select json_agg(json_build_object('postcode', p.postcode, 'easting', p.easting, 'northing', p.northing))
                     from places p where p.organisation_id = o.id and p.merged_into is null), '[]') as places
         from organisations o
         where o.merged_into is null and o.status = any($3::text[]) and ${organisationInArea('o', 1)}
         order by o.name`,
        [...areaParams(area), statuses],
      );
      return rows.map((r) => ({ ...r, places: typeof r.places === 'string' ? JSON.parse(r.places) : r.places }));
    },

    async places(area: ModerationArea, tx: Db = db): Promise<PlaceCandidate[]> {
      return tx.query<PlaceCandidate>(
        `select p.id, p.organisation_id as "organisationId", p.name, p.postcode, p.nhle_list_entry as "nhleListEntry", p.easting, p.northing
         from places p join organisations o on o.id = p.organisation_id
         where p.merged_into is null and o.merged_into is null and o.status in ('pending', 'approved') and ${placeInArea('p', 1)}
         order by p.name`,
        areaParams(area),
      );
    },

    async activities(area: ModerationArea, tx: Db = db): Promise<ActivityCandidate[]> {
      const rows = await tx.query<Omit<ActivityCandidate, 'slots'> & { slots: ActivityCandidate['slots'] | string }>(
        `select a.id, a.organisation_id as "organisationId", a.title, a.activity_types as "activityTypes", p.easting, p.northing,
           coalesce((select json_agg(json_build_object('weekday', case when s.frequency = 'once' then null else s.weekday end,
                       'startTime', s.start_time, 'endTime', s.end_time)) from activity_sessions s where s.activity_id = a.id), '[]') as slots
         from activities a join places p on p.id = a.place_id
         where a.merged_into is null and a.status in ('pending', 'live') and ${placeInArea('p', 1)}
         order by a.title`,
        areaParams(area),
      );
      return rows.map((r) => ({
        ...r,
        slots: (typeof r.slots === 'string' ? JSON.parse(r.slots) : r.slots).map((s: { weekday: number | null; startTime: string; endTime: string }) => ({
          ...s,
          startTime: String(s.startTime).slice(0, 5),
          endTime: String(s.endTime).slice(0, 5),
        })),
      }));
    },

    /**
     * Candidate pairs of organisations (decision 047 addendum), found by blocks so that only these are
     * scored: the same email domain, website or phone; places at one postcode or nearby; similar names.
     */
    async organisationPairs(area: ModerationArea, tx: Db = db, statuses: readonly string[] = ['pending', 'approved']): Promise<[string, string][]> {
      const names = similarNames('o', '$6');
      const rows = await blockQuery(
        tx,
        `with o as materialized (
           select o.id, duplicate_words(o.name) as words,
             nullif(lower(trim(substring(o.email from '@([^@]*)$'))), '') as domain,
             nullif(regexp_replace(regexp_replace(regexp_replace(lower(trim(o.website)), '^[a-z]+://', ''), '^www\\.', ''), '[/?#].*$', ''), '') as host,
             regexp_replace(regexp_replace(coalesce(o.phone, ''), '\\D', '', 'g'), '^44', '0') as phone
           from organisations o
           where o.merged_into is null and o.status = any($3::text[]) and ${organisationInArea('o', 1)}),
         op as materialized (
           select p.id, p.organisation_id, p.easting, p.northing, upper(regexp_replace(p.postcode, '\\s', '', 'g')) as postcode
           from places p join o on o.id = p.organisation_id where p.merged_into is null),
         near as materialized (${nearbyPairs('op', '$5')}),
         ${names.ctes}
         select x.id as a, y.id as b from o x join o y on y.domain = x.domain and x.id < y.id where x.domain <> all($4::text[])
         union select x.id, y.id from o x join o y on y.host = x.host and x.id < y.id where x.host <> all($4::text[])
         union select x.id, y.id from o x join o y on y.phone = x.phone and x.id < y.id where length(x.phone) >= 10
         union select least(x.organisation_id, y.organisation_id), greatest(x.organisation_id, y.organisation_id)
           from op x join op y on y.postcode = x.postcode and y.organisation_id <> x.organisation_id
         union select least(x.organisation_id, y.organisation_id), greatest(x.organisation_id, y.organisation_id)
           from near n join op x on x.id = n.a join op y on y.id = n.b where y.organisation_id <> x.organisation_id
         union ${names.pairs}`,
        [...areaParams(area), statuses, [...SHARED_DOMAINS], BLOCK_METRES.organisationPlaces, BLOCK_SIMILARITY.organisation],
      );
      return rows.map((r) => [r.a, r.b]);
    },

    /** Candidate pairs of places: the same National Heritage List entry, the same postcode, or nearby. */
    async placePairs(area: ModerationArea, tx: Db = db): Promise<[string, string][]> {
      const rows = await blockQuery(
        tx,
        `with c as materialized (
           select p.id, p.easting, p.northing, p.nhle_list_entry as nhle, upper(regexp_replace(p.postcode, '\\s', '', 'g')) as postcode
           from places p join organisations o on o.id = p.organisation_id
           where p.merged_into is null and o.merged_into is null and o.status in ('pending', 'approved') and ${placeInArea('p', 1)})
         select x.id as a, y.id as b from c x join c y on y.nhle = x.nhle and x.id < y.id
         union select x.id, y.id from c x join c y on y.postcode = x.postcode and x.id < y.id
         union ${nearbyPairs('c', '$3')}`,
        [...areaParams(area), BLOCK_METRES.place],
      );
      return rows.map((r) => [r.a, r.b]);
    },

    /** Candidate pairs of activities: at places within a few kilometres, with titles not wholly unalike. */
    async activityPairs(area: ModerationArea, tx: Db = db): Promise<[string, string][]> {
      const rows = await blockQuery(
        tx,
        `with c as materialized (
           select a.id, a.place_id, duplicate_words(a.title) as words
           from activities a join places p on p.id = a.place_id
           where a.merged_into is null and a.status in ('pending', 'live') and ${placeInArea('p', 1)}),
         cp as materialized (select id, easting, northing from places where id in (select place_id from c)),
         near as materialized (${nearbyPairs('cp', '$3')} union all select id, id from cp)
         select least(x.id, y.id) as a, greatest(x.id, y.id) as b
         from near n join c x on x.place_id = n.a join c y on y.place_id = n.b
         where (n.a <> n.b or x.id < y.id) and similarity(x.words, y.words) >= $4`,
        [...areaParams(area), BLOCK_METRES.activity, BLOCK_SIMILARITY.activity],
      );
      return rows.map((r) => [r.a, r.b]);
    },

    async names(kind: DuplicateKind, ids: readonly string[], tx: Db = db): Promise<Map<string, { name: string; detail: string; organisationId: string }>> {
      if (ids.length === 0) return new Map();
      const sql =
        kind === 'organisation'
          ? `select o.id, o.name, o.status as detail, o.id as "organisationId" from organisations o where o.id = any($1::uuid[])`
          : kind === 'place'
            ? `select p.id, p.name, p.postcode || ' (' || o.name || ')' as detail, p.organisation_id as "organisationId" from places p join organisations o on o.id = p.organisation_id where p.id = any($1::uuid[])`
            : `select a.id, a.title as name, a.status || ', ' || o.name as detail, a.organisation_id as "organisationId" from activities a join organisations o on o.id = a.organisation_id where a.id = any($1::uuid[])`;
      const rows = await tx.query<{ id: string; name: string; detail: string; organisationId: string }>(sql, [ids]);
      return new Map(rows.map((r) => [r.id, r]));
    },

    async dismissed(tx: Db = db): Promise<Set<string>> {
      const rows = await tx.query<{ kind: string; first_id: string; second_id: string }>('select kind, first_id, second_id from duplicate_dismissals');
      return new Set(rows.map((r) => `${r.kind}:${r.first_id}:${r.second_id}`));
    },

    async dismiss(kind: DuplicateKind, firstId: string, secondId: string, by: string, at: Date, tx: Db = db) {
      await tx.query(
        `insert into duplicate_dismissals (kind, first_id, second_id, dismissed_by, dismissed_at) values ($1, $2, $3, $4, $5) on conflict do nothing`,
        [kind, firstId, secondId, by, at],
      );
    },

    /** Where a merged-away record now lives (following merges of merges), or undefined. */
    async mergedInto(kind: 'organisation' | 'activity', id: string, tx: Db = db): Promise<string | undefined> {
      const table = kind === 'organisation' ? 'organisations' : 'activities';
      let current = id;
      for (let hops = 0; hops < 10; hops++) {
        const [row] = await tx.query<{ merged_into: string | null }>(`select merged_into from ${table} where id = $1`, [current]);
        if (!row?.merged_into) return current === id ? undefined : current;
        current = row.merged_into;
      }
      return current;
    },

    /** Moves everything of the losing organisation to the kept one; the loser stays, marked merged. Counts what moved. */
    async mergeOrganisations(keepId: string, loseId: string, at: Date, tx: Db) {
      const moved = async (sql: string) => (await tx.query<{ id: string }>(sql, [keepId, loseId])).map((r) => r.id);
      const places = (
        await tx.query<{ id: string }>('update places set organisation_id = $1, updated_at = $3 where organisation_id = $2 returning id', [keepId, loseId, at])
      ).map((r) => r.id);
      const activities = await moved('update activities set organisation_id = $1 where organisation_id = $2 returning id');
      const referrals = await moved('update referrals set provider_organisation_id = $1 where provider_organisation_id = $2 returning id');
      await tx.query(
        `insert into memberships (user_id, organisation_id, created_at) select user_id, $1, created_at from memberships where organisation_id = $2 on conflict do nothing`,
        [keepId, loseId],
      );
      await tx.query('delete from memberships where organisation_id = $1', [loseId]);
      for (const table of ['buddy_schemes', 'volunteer_roles', 'volunteers', 'volunteer_interests', 'walks'])
        await moved(`update ${table} set organisation_id = $1 where organisation_id = $2 returning id`);
      // Stories a group entered for its tellers (decision 042) stay with the group, private ones too.
      await moved('update contributions set entered_for_organisation_id = $1 where entered_for_organisation_id = $2 returning id');
      await tx.query(
        `update organisations set merged_into = $1, status = 'rejected', status_note = 'Merged into another listing of the same organisation', updated_at = $3 where id = $2`,
        [keepId, loseId, at],
      );
      return { places, activities, referrals };
    },

    async mergePlaces(keepId: string, loseId: string, at: Date, tx: Db) {
      const activities = (await tx.query<{ id: string }>('update activities set place_id = $1 where place_id = $2 returning id', [keepId, loseId])).map(
        (r) => r.id,
      );
      await tx.query('update places set merged_into = $1, updated_at = $3 where id = $2', [keepId, loseId, at]);
      return { activities };
    },

    /** Referrals of the losing activity (in flight or closed) move to the kept one, with its organisation; the loser is withdrawn. */
    async mergeActivities(keepId: string, loseId: string, at: Date, tx: Db) {
      const referrals = await tx.query<{ id: string; status: string }>(
        `update referrals r set activity_id = $1, provider_organisation_id = k.organisation_id, updated_at = $3
         from activities k where k.id = $1 and r.activity_id = $2 returning r.id, r.status`,
        [keepId, loseId, at],
      );
      await tx.query('update contributions set about_activity_id = $1 where about_activity_id = $2', [keepId, loseId]);
      await tx.query(
        `update activities set merged_into = $1, status = 'withdrawn', status_note = 'Merged into another listing', updated_at = $3 where id = $2`,
        [keepId, loseId, at],
      );
      return { referrals };
    },
  };
}

export type DuplicateRepository = ReturnType<typeof createDuplicateRepository>;
