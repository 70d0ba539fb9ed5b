import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Activity, ActivitySession, Organisation, Place } from '../../domain/directory.ts';
import type { GridRef } from '../../domain/geo.ts';
import { loadSessions } from './activity-index.repository.ts';
import { SEARCH_CONFIG } from './text-search.sql.ts';
import { visibleListing } from './visible-listing.sql.ts';

/**
 * Reads the public directory for open data feeds (Open Referral UK): only live activities of
 * approved organisations, checked since `freshSince`. Nothing here is visible that search hides.
 */
export type PublishedActivity = {
  activity: Activity;
  organisation: Organisation;
  place: Place;
  /** The latest change to the activity, its organisation or its place. */
  modifiedAt: Date;
};

export type PublishedActivityInFull = PublishedActivity & { sessions: ActivitySession[] };

/** A vocabulary term to filter on; a null code means "any term of this vocabulary". */
export type TermFilter = { vocabularyId: string; code: string | null };

/**
 * Open Referral 1.0's session filters: a listing matches when one of its current sessions fits one
 * slot (any of the weekdays, starting and ending at or after the given times; a missing part fits all).
 */
export type SessionSlot = { weekdays: readonly number[] | null; startsAtOrAfter: string | null; endsAtOrAfter: string | null };

export type PublishedActivityQuery = {
  freshSince: Date;
  words?: string | undefined;
  term?: TermFilter | undefined;
  /** Any of these terms (Open Referral 1.0's taxonomy_id and vocabulary lists). */
  anyTerm?: readonly TermFilter[] | undefined;
  /** Open Referral 1.0's age filters, as worded there: the stated minimum age is at least, the maximum at most (none stated counts as 0 and as no limit). */
  ages?: { minimumAtLeast: number | null; maximumAtMost: number | null } | undefined;
  sessions?: { today: string; slots: readonly SessionSlot[] } | undefined;
  modifiedSince?: Date | undefined;
  /** Only this organisation's listings (ORUK's /organizations/{id}). */
  organisationId?: string | undefined;
  /** Only listings at these places (ORUK 1.0's /locations). */
  placeIds?: readonly string[] | undefined;
  near?: (GridRef & { withinMetres: number | null }) | undefined;
  limit: number;
  offset: number;
  /** Start after this listing in title order (a page boundary the survey kept); `offset` then counts from it. */
  after?: PageAnchor | undefined;
};

/** A listing's place in the open-data order (title, then id). */
export type PageAnchor = { title: string; id: string };

/** One pass over the listings a filter matches (decision 053): enough to serve any page of it without counting again. */
export type Survey = {
  /** The directory's version the pass saw (migration 241). */
  version: number;
  total: number;
  /** The earliest last check among the listings counted: the first of them to leave when the freshness cutoff passes it. */
  earliestCheck: Date | null;
  /** The listing at every `stride`-th place in title order (1-based places stride, 2 × stride, …). */
  anchors: PageAnchor[];
};

/** The directory's version: grows whenever a transaction that wrote activities, organisations or places commits (migration 241). */
const DIRECTORY_VERSION = '((select n from directory_changes_folded) + (select count(*) from directory_changes))';

// Vocabulary id (src/domain/vocabulary.ts VOCABULARIES) → the array column holding its codes.
const ACTIVITY_TERM_COLUMNS: Record<string, string> = {
  activity_types: 'a.activity_types',
  needs: 'a.needs',
  access: 'a.access',
  support: 'a.support',
  referral_routes: 'a.referral_routes',
  safeguarding: 'a.safeguarding',
};

const SELECT = `
  select a.*, greatest(a.updated_at, o.updated_at, p.updated_at) as modified_at,
         o.name as o_name, o.org_type as o_org_type, o.description as o_description, o.email as o_email, o.phone as o_phone,
         o.website as o_website, o.status as o_status, o.status_note as o_status_note, o.created_at as o_created_at, o.updated_at as o_updated_at,
         p.organisation_id as p_organisation_id, p.name as p_name, p.address_line as p_address_line, p.town as p_town, p.postcode as p_postcode, p.easting as p_easting,
         p.northing as p_northing, p.latitude as p_latitude, p.longitude as p_longitude, p.nhle_list_entry as p_nhle_list_entry,
         p.community_valued as p_community_valued, p.description as p_description
  from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id`;

type Row = Record<string, unknown>;

type Filter = Omit<PublishedActivityQuery, 'limit' | 'offset' | 'after'>;

/** The tables a filter reads: places only when it asks where or when they changed (a join costs a pass over them). */
function fromOf(q: Filter): string {
  const places = q.near || q.modifiedSince ? ' join places p on p.id = a.place_id' : '';
  return `from activities a join organisations o on o.id = a.organisation_id${places}`;
}

function where(q: Filter): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.freshSince];
  const clauses = [visibleListing('a', 'o', '$1')];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (q.organisationId) add((n) => `a.organisation_id = ${n}`, q.organisationId);
  if (q.placeIds) add((n) => `a.place_id = any(${n}::uuid[])`, q.placeIds);
  if (q.words) add((n) => `a.search_vector @@ websearch_to_tsquery('${SEARCH_CONFIG}', ${n})`, q.words);
  const termClause = (term: TermFilter): string => {
    const column = ACTIVITY_TERM_COLUMNS[term.vocabularyId];
    if (term.vocabularyId === 'organisation_types') {
      if (term.code === null) return 'true';
      params.push(term.code);
      return `o.org_type = $${params.length}`;
    }
    if (!column) return 'false';
    if (term.code === null) return `cardinality(${column}) > 0`;
    params.push(term.code);
    return `$${params.length} = any(${column})`;
  };
  if (q.term) clauses.push(termClause(q.term));
  if (q.anyTerm) clauses.push(q.anyTerm.length ? `(${q.anyTerm.map(termClause).join(' or ')})` : 'false');
  if (q.ages?.minimumAtLeast != null) add((n) => `coalesce(a.age_min, 0) >= ${n}`, q.ages.minimumAtLeast);
  if (q.ages?.maximumAtMost != null) add((n) => `a.age_max <= ${n}`, q.ages.maximumAtMost);
  if (q.sessions) {
    params.push(q.sessions.today);
    const today = `$${params.length}`;
    const slots = q.sessions.slots.map((slot) => {
      const parts = ['true'];
      if (slot.weekdays) {
        params.push(slot.weekdays);
        parts.push(`s.weekday = any($${params.length}::int[])`);
      }
      if (slot.startsAtOrAfter) {
        params.push(slot.startsAtOrAfter);
        parts.push(`s.start_time >= $${params.length}::time`);
      }
      if (slot.endsAtOrAfter) {
        params.push(slot.endsAtOrAfter);
        parts.push(`s.end_time >= $${params.length}::time`);
      }
      return `(${parts.join(' and ')})`;
    });
    clauses.push(
      `exists (select 1 from activity_sessions s where s.activity_id = a.id and coalesce(s.end_date, ${today}::date) >= ${today}::date and (${slots.join(' or ') || 'true'}))`,
    );
  }
  if (q.modifiedSince) add((n) => `greatest(a.updated_at, o.updated_at, p.updated_at) >= ${n}`, q.modifiedSince);
  if (q.near?.withinMetres != null) {
    params.push(q.near.easting, q.near.northing, q.near.withinMetres);
    const l = params.length;
    clauses.push(`p.pos <@ circle(point($${l - 2}, $${l - 1}), $${l})`);
  }
  return { sql: `where ${clauses.join(' and ')}`, params };
}

export function createOpenDirectoryRepository(db: Db) {
  const repository = {
    async countPublished(q: Filter): Promise<number> {
      const w = where(q);
      const row = await one<{ n: number }>(db, `select count(*) as n ${fromOf(q)} ${w.sql}`, w.params);
      return row.n;
    },

    /** The directory's version now (see `Survey`). */
    async directoryVersion(): Promise<number> {
      const row = await one<{ version: number }>(db, `select ${DIRECTORY_VERSION} as version`);
      return Number(row.version);
    },

    /**
     * Counts what a filter matches and keeps every `stride`-th listing in title order, with the directory's
     * version, in one statement (so one snapshot): the walk is the title index's (migration 241).
     */
    async surveyPublished(q: Filter, stride: number): Promise<Survey> {
      const w = where(q);
      const params = [...w.params, stride];
      const row = await one<{ version: number; total: number; earliest_check: unknown; anchors: unknown }>(
        db,
        `select ${DIRECTORY_VERSION} as version, count(*) as total, min(x.last_checked_at) as earliest_check,
                coalesce(json_agg(json_build_array(x.title, x.id) order by x.n) filter (where x.n % $${params.length} = 0), '[]'::json) as anchors
         from (select a.title, a.id, a.last_checked_at, row_number() over (order by a.title, a.id) as n ${fromOf(q)} ${w.sql}) x`,
        params,
      );
      const anchors = (typeof row.anchors === 'string' ? JSON.parse(row.anchors) : row.anchors) as [string, string][];
      return {
        version: Number(row.version),
        total: Number(row.total),
        earliestCheck: row.earliest_check == null ? null : date(row.earliest_check),
        anchors: anchors.map(([title, id]) => ({ title, id })),
      };
    },

    /** Folds the directory's change rows into its running total (the job `fold-directory-changes`); how many it folded. */
    async foldDirectoryChanges(): Promise<number> {
      const row = await one<{ folded: number }>(
        db,
        `with gone as (delete from directory_changes returning 1)
         update directory_changes_folded set n = n + (select count(*) from gone) returning (select count(*) from gone) as folded`,
      );
      return Number(row.folded);
    },

    /**
     * A page: the ids first, from the title index alone (or nearest first), then the details of those few.
     * Sorting whole rows of every match before the offset is what made a page cost a second (decision 053).
     */
    async findPublished(q: PublishedActivityQuery): Promise<PublishedActivity[]> {
      const w = where(q);
      const params = [...w.params];
      let seek = '';
      if (q.after) {
        params.push(q.after.title, q.after.id);
        seek = ` and (a.title, a.id) > ($${params.length - 1}, $${params.length}::uuid)`;
      }
      let distance = '';
      if (q.near) {
        params.push(q.near.easting, q.near.northing);
        distance = `, p.pos <-> point($${params.length - 1}, $${params.length}) as distance`;
      }
      params.push(q.limit, q.offset);
      const ids = `select a.id, a.title${distance} ${fromOf(q)} ${w.sql}${seek}
        order by ${q.near ? 'distance, ' : ''}a.title, a.id limit $${params.length - 1} offset $${params.length}`;
      const rows = await db.query<Row>(`${SELECT} join (${ids}) page on page.id = a.id order by ${q.near ? 'page.distance, ' : ''}page.title, page.id`, params);
      return rows.map(toPublished);
    },

    /** A page of listings with their sessions, for feeds that nest everything (Open Referral 1.0). */
    async findPublishedInFull(q: PublishedActivityQuery): Promise<PublishedActivityInFull[]> {
      const found = await repository.findPublished(q);
      const byActivity = new Map<string, ActivitySession[]>();
      for (const s of await loadSessions(
        db,
        found.map((f) => f.activity.id),
      ))
        byActivity.set(s.activityId, [...(byActivity.get(s.activityId) ?? []), s]);
      return found.map((f) => ({ ...f, sessions: byActivity.get(f.activity.id) ?? [] }));
    },

    async findPublishedById(id: string, freshSince: Date): Promise<PublishedActivityInFull | undefined> {
      const w = where({ freshSince });
      const row = await maybeOne<Row>(db, `${SELECT} ${w.sql} and a.id = $${w.params.length + 1}`, [...w.params, id]);
      if (!row) return undefined;
      return { ...toPublished(row), sessions: await loadSessions(db, [id]) };
    },

    /** How many organisations have at least one publicly visible listing. */
    async countPublishingOrganisations(freshSince: Date): Promise<number> {
      const w = where({ freshSince });
      const row = await one<{ n: number }>(
        db,
        `select count(distinct o.id) as n from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id ${w.sql}`,
        w.params,
      );
      return row.n;
    },

    /** A page of organisations with at least one publicly visible listing, by name; each with one of its listings. */
    async findPublishingOrganisations(q: { freshSince: Date; limit: number; offset: number }): Promise<PublishedActivity[]> {
      const w = where(q);
      const params = [...w.params, q.limit, q.offset];
      const rows = await db.query<Row>(
        `select * from (${SELECT.replace('select a.*', 'select distinct on (o.name, o.id) a.*')} ${w.sql} order by o.name, o.id, a.title, a.id) firsts
         order by o_name, organisation_id limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      return rows.map(toPublished);
    },

    /** How many places have at least one publicly visible listing. */
    async countPublishingPlaces(freshSince: Date): Promise<number> {
      const w = where({ freshSince });
      const row = await one<{ n: number }>(
        db,
        `select count(distinct a.place_id) as n from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id ${w.sql}`,
        w.params,
      );
      return row.n;
    },

    /** A page of the places with at least one publicly visible listing, by name: their ids. */
    async findPublishingPlaceIds(q: { freshSince: Date; limit: number; offset: number }): Promise<string[]> {
      const w = where(q);
      const params = [...w.params, q.limit, q.offset];
      const rows = await db.query<{ id: string }>(
        `select p.id from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id ${w.sql}
         group by p.id, p.name order by p.name, p.id limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      return rows.map((r) => String(r.id));
    },

    /**
     * The listing whose ORUK service_at_location id is `id` (migration 240), visible or not. Read-only: listings
     * written since the job last filled the column (new or moved ones) are matched in memory with `idOf`.
     */
    async findListingByServiceAtLocationId(id: string, idOf: (activityId: string, placeId: string) => string): Promise<string | undefined> {
      const stored = await maybeOne<{ id: string }>(db, 'select id from activities where oruk_service_at_location_id = $1', [id]);
      if (stored) return stored.id;
      const missing = await db.query<{ id: string; place_id: string }>('select id, place_id from activities where oruk_service_at_location_id is null');
      return missing.find((m) => idOf(m.id, m.place_id) === id)?.id;
    },

    /** Stores the service_at_location ids the column is missing (the job `service-at-location-ids`); how many it filled. */
    async fillServiceAtLocationIds(idOf: (activityId: string, placeId: string) => string): Promise<number> {
      return db.transaction(async (tx) => {
        const missing = await tx.query<{ id: string; place_id: string }>('select id, place_id from activities where oruk_service_at_location_id is null');
        if (missing.length === 0) return 0;
        await tx.query(
          `update activities a set oruk_service_at_location_id = x.sal from unnest($1::uuid[], $2::uuid[], $3::uuid[]) as x(id, place_id, sal)
           where a.id = x.id and a.place_id = x.place_id and a.oruk_service_at_location_id is null`,
          [missing.map((m) => m.id), missing.map((m) => m.place_id), missing.map((m) => idOf(m.id, m.place_id))],
        );
        return missing.length;
      });
    },

    /** A full postcode's or outward code's centre, or undefined when we do not know it. */
    async locatePostcode(normalised: string): Promise<GridRef | undefined> {
      return (
        (await maybeOne<GridRef>(db, 'select easting, northing from postcodes where postcode = $1', [normalised])) ??
        (await maybeOne<GridRef>(db, 'select easting, northing from outcodes where outcode = $1', [normalised]))
      );
    },
  };
  return repository;
}

export type OpenDirectoryRepository = ReturnType<typeof createOpenDirectoryRepository>;

const str = (v: unknown) => String(v ?? '');
const strOrNull = (v: unknown) => (v == null ? null : String(v));
const numOrNull = (v: unknown) => (v == null ? null : Number(v));
const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

function toPublished(r: Row): PublishedActivity {
  const activity: Activity = {
    id: str(r.id),
    organisationId: str(r.organisation_id),
    shortCode: str(r.short_code),
    placeId: str(r.place_id),
    title: str(r.title),
    summary: str(r.summary),
    description: str(r.description),
    activityTypes: list(r.activity_types),
    needs: list(r.needs),
    ageMin: numOrNull(r.age_min),
    ageMax: numOrNull(r.age_max),
    groupSizeMax: numOrNull(r.group_size_max),
    eligibility: str(r.eligibility),
    firstVisit: str(r.first_visit),
    costType: r.cost_type as Activity['costType'],
    pricePence: numOrNull(r.price_pence),
    costNote: str(r.cost_note),
    fundedPlaces: numOrNull(r.funded_places),
    access: list(r.access),
    distanceWalkedM: numOrNull(r.distance_walked_m),
    terrain: strOrNull(r.terrain),
    support: list(r.support),
    referralRoutes: list(r.referral_routes),
    languages: list(r.languages),
    safeguarding: list(r.safeguarding),
    months: Array.isArray(r.months) ? r.months.map(Number) : [],
    capacity: numOrNull(r.capacity),
    howToJoin: str(r.how_to_join),
    contactName: strOrNull(r.contact_name),
    contactEmail: strOrNull(r.contact_email),
    contactPhone: strOrNull(r.contact_phone),
    status: r.status as Activity['status'],
    statusNote: strOrNull(r.status_note),
    lastCheckedAt: date(r.last_checked_at),
    nextSessionAt: r.next_session_at == null ? null : date(r.next_session_at),
    nextSessionEndAt: r.next_session_end_at == null ? null : date(r.next_session_end_at),
    version: Number(r.version),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
  const organisation: Organisation = {
    id: str(r.organisation_id),
    name: str(r.o_name),
    orgType: str(r.o_org_type),
    description: str(r.o_description),
    email: strOrNull(r.o_email),
    phone: strOrNull(r.o_phone),
    website: strOrNull(r.o_website),
    status: r.o_status as Organisation['status'],
    statusNote: strOrNull(r.o_status_note),
    createdAt: date(r.o_created_at),
    updatedAt: date(r.o_updated_at),
  };
  const place: Place = {
    id: str(r.place_id),
    organisationId: str(r.p_organisation_id),
    name: str(r.p_name),
    addressLine: str(r.p_address_line),
    town: str(r.p_town),
    postcode: str(r.p_postcode),
    easting: Number(r.p_easting),
    northing: Number(r.p_northing),
    latitude: Number(r.p_latitude),
    longitude: Number(r.p_longitude),
    nhleListEntry: numOrNull(r.p_nhle_list_entry),
    communityValued: Boolean(r.p_community_valued),
    description: str(r.p_description),
  };
  return { activity, organisation, place, modifiedAt: date(r.modified_at) };
}

/**
 * Visible listings by id with their sessions, on the connection given (a transaction's): the OpenActive
 * feed builds its items from these (decision 045). Ids no longer visible are simply absent.
 */
export async function findPublishedInFullByIds(db: Db, ids: readonly string[], freshSince: Date): Promise<PublishedActivityInFull[]> {
  if (ids.length === 0) return [];
  const w = where({ freshSince });
  const rows = await db.query<Row>(`${SELECT} ${w.sql} and a.id = any($${w.params.length + 1}::uuid[]) order by a.id`, [...w.params, ids]);
  const byActivity = new Map<string, ActivitySession[]>();
  for (const s of await loadSessions(
    db,
    rows.map((r) => String(r.id)),
  ))
    byActivity.set(s.activityId, [...(byActivity.get(s.activityId) ?? []), s]);
  return rows.map((r) => {
    const published = toPublished(r);
    return { ...published, sessions: byActivity.get(published.activity.id) ?? [] };
  });
}
