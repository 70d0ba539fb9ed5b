import type { Db } from '../database.ts';
import { GAP_RULES } from '../../domain/deprivation.ts';
import type { MapArea } from '../../domain/map-outline.ts';
import { visibleListing } from './visible-listing.sql.ts';
import type { SentReferral } from './reply-stats.repository.ts';

/**
 * Insight's SQL (issue 12, decision 044): the neighbourhoods an area covers, provision in them, gaps
 * and the facts behind reach. An area is one scheme's neighbourhoods (those of its local authorities,
 * or when it has none those of the postcodes in its postcode districts), worked out once per page by
 * `areaCodes`, or all England (null).
 */
const SCOPE = (p: number) => `(select l.* from lsoas l where $${p}::text[] is null or l.code = any($${p}::text[]))`;

/** The neighbourhoods of an area: their codes, or null for all England (see `areaCodes`). */
export type Area = string[] | null;

/** A live listing that counts as accessible and low cost for the gaps (domain/deprivation.ts GAP_RULES). */
const ACCESSIBLE_LOW_COST = (a: string) =>
  `('${GAP_RULES.accessFeature}' = any(${a}.access) and (${a}.cost_type <> 'paid' or coalesce(${a}.price_pence, 0) <= ${GAP_RULES.maxPricePence}))`;

export type GeographyStatus = { lsoas: number; placed: number; postcodes: number; edition: number | null; ruralUrban: number };
export type AreaLsoa = { code: string; ladCode: string; ladName: string; decile: number; population: number };
export type SessionCount = { ladCode: string; decile: number; month: string; sessions: number };
export type LiveActivity = { id: string; ladCode: string; decile: number; months: number[] };
export type GapRow = {
  code: string;
  name: string;
  ladCode: string;
  ladName: string;
  decile: number;
  population: number;
  easting: number;
  northing: number;
  /** The ONS 2011 rural–urban class's name, when loaded. */
  ruralUrban: string | null;
  /** How far this neighbourhood looked, in metres (further when it is rural). */
  metres: number;
};
/** How far a gap looks: the chosen distance, and for rural neighbourhoods (when the classification is loaded) the rural one if further. */
export type GapDistance = { metres: number; ruralMetres: number };
/** The distance a neighbourhood `s` joined to `lsoa_rural_urban ru` looks, from parameters $m (chosen) and $r (rural). */
const LOOK = (m: number, r: number) => `(case when ru.rural then greatest($${m}::float8, $${r}::float8) else $${m}::float8 end)`;
export type NearbyHeritage = { code: string; unorganised: number; examples: { name: string; category: string; metres: number }[] };
export type ReachRow = {
  schemeId: string;
  providerId: string;
  providerName: string;
  route: string;
  decile: number | null;
  started: boolean;
  completed: boolean;
  improved: boolean;
  /** Referrals with these same values. */
  n: number;
};

export type FlowRow = {
  schemeId: string;
  referrerId: string | null;
  referrerName: string | null;
  route: string;
  providerId: string;
  providerName: string;
  status: string;
  accepted: boolean;
  declineReason: string | null;
} & SentReferral;

/**
 * Runs a read without PostgreSQL's JIT compilation: these queries' cost estimates (many index probes)
 * cross the JIT threshold, and compiling took 0.7 s of a 0.9 s query that runs in 0.12 s without it
 * (docs/benchmarks.md). PGlite has no JIT.
 */
async function withoutJit<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (db.engine !== 'postgres') return fn(db);
  return db.transaction(async (tx) => {
    await tx.query('set local jit = off');
    return fn(tx);
  });
}

export function createInsightRepository(db: Db) {
  return {
    async status(): Promise<GeographyStatus> {
      const [r] = await db.query<GeographyStatus>(
        `select (select count(*)::int from lsoas) as lsoas, (select count(*)::int from lsoas where easting is not null) as placed,
                (select count(*)::int from postcode_lsoas) as postcodes, (select max(imd_edition) from lsoas) as edition,
                (select count(*)::int from lsoa_rural_urban u join lsoas l on l.code = u.lsoa_code) as "ruralUrban"`,
      );
      return r ?? { lsoas: 0, placed: 0, postcodes: 0, edition: null, ruralUrban: 0 };
    },

    /** A scheme's neighbourhoods (null: all England). */
    async areaCodes(schemeId: string | null): Promise<Area> {
      if (!schemeId) return null;
      const rows = await withoutJit(db, (tx) =>
        tx.query<{ code: string }>(
          `select l.code from lsoas l join scheme_local_authorities sla on sla.lad_code = l.lad_code and sla.scheme_id = $1
           union
           select distinct pl.lsoa_code from postcode_lsoas pl
           where not exists (select 1 from scheme_local_authorities sla where sla.scheme_id = $1)
             and left(pl.postcode, -3) in (select outcode from scheme_outcodes where scheme_id = $1)`,
          [schemeId],
        ),
      );
      return rows.map((r) => r.code);
    },

    async areaLsoas(area: Area): Promise<AreaLsoa[]> {
      return withoutJit(db, (tx) =>
        tx.query<AreaLsoa>(
          `select s.code, s.lad_code as "ladCode", s.lad_name as "ladName", s.imd_decile as decile, coalesce(s.population, 0) as population
         from ${SCOPE(1)} s order by s.lad_name, s.code`,
          [area],
        ),
      );
    },

    /** Publicly visible listings whose place's postcode is in a neighbourhood of the scope. */
    async liveActivities(area: Area, cutoff: Date): Promise<{ activities: LiveActivity[]; unplaced: number }> {
      const rows = await withoutJit(db, (tx) =>
        tx.query<{ id: string; ladCode: string | null; decile: number | null; months: number[] }>(
          `select a.id, s.lad_code as "ladCode", s.imd_decile as decile, a.months
         from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
         left join postcode_lsoas pl on pl.postcode = p.postcode
         left join ${SCOPE(1)} s on s.code = pl.lsoa_code
         where ${visibleListing('a', 'o', '$2')} and (s.code is not null or pl.postcode is null)`,
          [area, cutoff],
        ),
      );
      const activities = rows.filter((r): r is LiveActivity => r.ladCode !== null && r.decile !== null);
      // Listings whose postcode has no neighbourhood are counted as not placed only for all England
      // (a scheme's unplaced listings cannot be told apart from other areas').
      return { activities, unplaced: area ? 0 : rows.length - activities.length };
    },

    /**
     * The dated sessions of the area's live listings from `today` to `last`, counted in one set-based query by
     * the local authority and decile of the listing's neighbourhood and by month: each series' dates are made by
     * arithmetic (every 7 or 14 days from the first on or after today, the nth or last weekday of each month, or
     * the one date), then the activity's months, cancelled dates and bank-holiday closures are taken out, as
     * `nextOccurrences` does (domain/schedule.ts; the test compares the two). `closures` are the dates each
     * bank-holiday rule closes (from domain/bank-holidays.ts); sessions today that have ended by `nowTime` do not count.
     */
    async sessionCounts(
      area: Area,
      cutoff: Date,
      window: { today: string; last: string; nowTime: string },
      closures: readonly { date: string; rule: string }[],
    ): Promise<SessionCount[]> {
      return withoutJit(db, async (tx) => {
        // Row estimates through generate_series are far too low (hundreds for a million dates), so the planner
        // picks nested-loop anti joins for the closures and cancellations; hash joins are 10 times faster here.
        if (tx.engine === 'postgres') await tx.query('set local enable_nestloop = off');
        return tx.query<SessionCount>(
          `with live as (
             select a.id, a.months, s.lad_code, s.imd_decile as decile
             from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
             join postcode_lsoas pl on pl.postcode = p.postcode
             join ${SCOPE(1)} s on s.code = pl.lsoa_code
             where ${visibleListing('a', 'o', '$2')}),
           series as (
             select ss.id, live.lad_code, live.decile, live.months, ss.frequency, ss.week_of_month, ss.start_date, ss.end_date,
                    ss.end_time, ss.bank_holidays, coalesce(ss.weekday, extract(isodow from ss.start_date)::int) as wd
             from live join activity_sessions ss on ss.activity_id = live.id
             where (ss.end_date is null or ss.end_date >= $3::date) and ss.start_date <= $4::date),
           firsts as (
             select se.*, case se.frequency
               when 'weekly' then greatest(se.start_date, $3::date) + (se.wd - extract(isodow from greatest(se.start_date, $3::date))::int + 7) % 7
               when 'fortnightly' then (se.start_date + (se.wd - extract(isodow from se.start_date)::int + 7) % 7)
                 + 14 * ceil(greatest(0, $3::date - (se.start_date + (se.wd - extract(isodow from se.start_date)::int + 7) % 7)) / 14.0)::int
               end as first
             from series se),
           dates as (
             select f.*, f.first + i * (case f.frequency when 'weekly' then 7 else 14 end) as day
             from firsts f cross join lateral generate_series(0, greatest(-1, ($4::date - f.first) / (case f.frequency when 'weekly' then 7 else 14 end))) i
             where f.frequency in ('weekly', 'fortnightly')
             union all
             select f.*, f.start_date from firsts f where f.frequency = 'once'
             union all
             select f.*, case when f.week_of_month = -1
                   then (m.start + interval '1 month')::date - 1 - (extract(isodow from (m.start + interval '1 month')::date - 1)::int - f.wd + 7) % 7
                   else m.start + (f.wd - extract(isodow from m.start)::int + 7) % 7 + 7 * (coalesce(f.week_of_month, 1) - 1) end
             from firsts f cross join lateral (
               select (date_trunc('month', $3::date) + k * interval '1 month')::date as start from generate_series(0, 12) k) m
             where f.frequency = 'monthly')
           select d.lad_code as "ladCode", d.decile, to_char(d.day, 'YYYY-MM') as month, count(*)::int as sessions
           from dates d
           where d.day between $3::date and $4::date and d.day >= d.start_date and (d.end_date is null or d.day <= d.end_date)
             and (cardinality(d.months) = 0 or extract(month from d.day)::int = any(d.months))
             and not (d.day = $3::date and d.end_time <= $5::time)
             and not exists (select 1 from session_cancellations c where c.session_id = d.id and c.on_date = d.day)
             and not exists (select 1 from unnest($6::date[], $7::text[]) x(day, rule) where x.day = d.day and x.rule = d.bank_holidays::text)
           group by 1, 2, 3`,
          [area, cutoff, window.today, window.last, window.nowTime, closures.map((c) => c.date), closures.map((c) => c.rule)],
        );
      });
    },

    /** Core20 neighbourhoods of the scope with no accessible, low-cost live listing within `metres`, most people first. */
    async gaps(area: Area, distance: GapDistance, cutoff: Date): Promise<GapRow[]> {
      return withoutJit(db, (tx) =>
        tx.query<GapRow>(
          `select s.code, s.name, s.lad_code as "ladCode", s.lad_name as "ladName", s.imd_decile as decile, coalesce(s.population, 0) as population,
                  s.easting, s.northing, ru.ruc_name as "ruralUrban", ${LOOK(2, 4)} as metres
         from ${SCOPE(1)} s left join lsoa_rural_urban ru on ru.lsoa_code = s.code
         where s.imd_decile <= 2 and s.pos is not null
           and not exists (
             select 1 from places p join activities a on a.place_id = p.id join organisations o on o.id = a.organisation_id
             where p.pos <@ circle(s.pos, ${LOOK(2, 4)}) and ${visibleListing('a', 'o', '$3')} and ${ACCESSIBLE_LOW_COST('a')})
         order by s.population desc nulls last, s.code`,
          [area, distance.metres, cutoff, distance.ruralMetres],
        ),
      );
    },

    /** For some neighbourhoods: heritage within `metres` with no live listing within 250 m of it, and the three nearest. */
    async unorganisedHeritage(codes: readonly string[], distance: GapDistance, cutoff: Date): Promise<NearbyHeritage[]> {
      if (codes.length === 0) return [];
      const rows = await withoutJit(db, (tx) =>
        tx.query<{ code: string; unorganised: number; examples: { name: string; category: string; metres: number }[] | null }>(
          `with h as (
           select l.code, h.name, h.category, round(h.pos <-> l.pos)::int as metres
           from lsoas l left join lsoa_rural_urban ru on ru.lsoa_code = l.code
           join heritage_assets h on h.pos <@ circle(l.pos, ${LOOK(2, 4)})
           where l.code = any($1::text[])
             and not exists (
               select 1 from places p join activities a on a.place_id = p.id join organisations o on o.id = a.organisation_id
               where p.pos <@ circle(h.pos, ${GAP_RULES.organisedWithinMetres}) and ${visibleListing('a', 'o', '$3')}))
         select code, count(*)::int as unorganised,
                (array_agg(json_build_object('name', name, 'category', category, 'metres', metres) order by metres, name))[1:3] as examples
         from h group by code`,
          [codes, distance.metres, cutoff, distance.ruralMetres],
        ),
      );
      return rows.map((r) => ({ code: r.code, unorganised: r.unorganised, examples: r.examples ?? [] }));
    },

    /**
     * Referrals sent in [from, to) in the scope, counted by scheme, provider, route, the neighbourhood decile of the
     * person's postcode today and the stages reached.
     */
    async reachRows(schemeId: string | null, from: Date, to: Date): Promise<ReachRow[]> {
      return withoutJit(db, (tx) =>
        tx.query<ReachRow>(
          `select "schemeId", "providerId", o.name as "providerName", route, decile, started, completed, improved, n
           from (select "schemeId", "providerId", route, decile, started, completed, improved, count(*)::int as n from (
           select r.scheme_id as "schemeId", r.provider_organisation_id as "providerId", r.route,
                l.imd_decile as decile,
                (exists (select 1 from attendance at where at.referral_id = r.id and at.attended)
                  or exists (select 1 from referral_events e where e.referral_id = r.id and e.to_status = 'attending')) as started,
                r.status = 'completed' as completed,
                exists (select 1 from questionnaire_responses b join questionnaire_responses e
                          on e.referral_id = b.referral_id and e.instrument = b.instrument and e.time_point = 'end'
                        where b.referral_id = r.id and b.time_point = 'baseline' and b.instrument in ('swemwbs', 'wemwbs')
                          and e.scores[1] > b.scores[1]) as improved
         from referrals r
         left join participants pt on pt.id = r.participant_id
         left join postcode_lsoas pl on pl.postcode = pt.postcode
         left join lsoas l on l.code = pl.lsoa_code
         where r.sent_at >= $2 and r.sent_at < $3 and ($1::uuid is null or r.scheme_id = $1::uuid)
           ) per_referral group by 1, 2, 3, 4, 5, 6, 7) g
           join organisations o on o.id = g."providerId"`,
          [schemeId, from, to],
        ),
      );
    },

    /**
     * Referrals sent in [from, to) in the scope, one row each, for referral flows: who referred (the referring
     * organisation, or none), the provider, whether the provider accepted (then or later), the decline reason and the
     * reply times (reply-stats.service's inputs).
     */
    async flowRows(schemeId: string | null, from: Date, to: Date): Promise<FlowRow[]> {
      const rows = await withoutJit(db, (tx) =>
        tx.query<Omit<FlowRow, 'sentAt' | 'responseDueAt' | 'respondedAt'> & { sentAt: string; responseDueAt: string | null; respondedAt: string | null }>(
          `select r.scheme_id as "schemeId", r.referrer_organisation_id as "referrerId", ro.name as "referrerName", r.route,
                  r.provider_organisation_id as "providerId", po.name as "providerName", r.status,
                  (r.status in ('accepted', 'first_visit_planned', 'attending', 'completed', 'stopped')
                    or exists (select 1 from referral_events e where e.referral_id = r.id and e.to_status = 'accepted')) as accepted,
                  case when r.status = 'declined' then coalesce(nullif(r.status_reason, ''), 'other') end as "declineReason",
                  r.sent_at as "sentAt", r.response_due_at as "responseDueAt", r.responded_at as "respondedAt"
           from referrals r join organisations po on po.id = r.provider_organisation_id
           left join organisations ro on ro.id = r.referrer_organisation_id
           where r.sent_at >= $2 and r.sent_at < $3 and ($1::uuid is null or r.scheme_id = $1::uuid)`,
          [schemeId, from, to],
        ),
      );
      return rows.map((r) => ({
        ...r,
        sentAt: new Date(r.sentAt),
        responseDueAt: r.responseDueAt ? new Date(r.responseDueAt) : null,
        respondedAt: r.respondedAt ? new Date(r.respondedAt) : null,
      }));
    },

    /** The map outlines of some local authorities (decision 021's `map_areas`), and whether any outlines are loaded. */
    async outlines(codes: readonly string[]): Promise<{ loaded: boolean; areas: MapArea[] }> {
      const [rows, [any]] = await Promise.all([
        db.query<{ name: string; code: string; lng: number; lat: number; outline: number[][][] }>(
          'select name, code, label_longitude as lng, label_latitude as lat, outline from map_areas where code = any($1::text[]) order by name',
          [codes],
        ),
        db.query<{ loaded: boolean }>('select exists (select 1 from map_areas) as loaded'),
      ]);
      return { loaded: Boolean(any?.loaded), areas: rows.map((r) => ({ name: r.name, code: r.code, label: [r.lng, r.lat], polygons: r.outline })) };
    },

    async schemes(): Promise<{ id: string; name: string }[]> {
      return db.query('select id, name from schemes order by name');
    },

    async schemeLocalAuthorities(schemeId: string): Promise<string[]> {
      const rows = await db.query<{ lad_code: string }>('select lad_code from scheme_local_authorities where scheme_id = $1 order by lad_code', [schemeId]);
      return rows.map((r) => r.lad_code);
    },

    async setSchemeLocalAuthorities(schemeId: string, codes: readonly string[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('delete from scheme_local_authorities where scheme_id = $1', [schemeId]);
        await tx.query('insert into scheme_local_authorities (scheme_id, lad_code) select $1, unnest($2::text[]) on conflict do nothing', [schemeId, codes]);
      });
    },

    /** Every local authority the map or the deprivation data knows, by name. */
    async localAuthorities(): Promise<{ code: string; name: string }[]> {
      return db.query(
        `select code, min(name) as name from (
           select code, name from map_areas where code is not null
           union all select lad_code, lad_name from lsoas where lad_code = lad_code_published) x
         group by code order by 2`,
      );
    },
  };
}

export type InsightRepository = ReturnType<typeof createInsightRepository>;
