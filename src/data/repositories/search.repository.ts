import type { Db } from '../database.ts';
import type { CostType } from '../../domain/directory.ts';
import { NO_SEARCH_FILTERS, type SearchFilters, type SearchResult, type SortOrder } from '../../domain/search.ts';
import type { CorrectionCandidate, SearchConcept } from '../../domain/search-words.ts';
import { anyConceptQuery, conceptQuery, SEARCH_COLUMNS, SEARCH_CONFIG } from './text-search.sql.ts';
import { visibleListing } from './visible-listing.sql.ts';

export type SearchArea = { easting: number; northing: number; radiusM: number };

export type SearchCriteria = {
  filters: SearchFilters;
  /** What the typed words mean: a listing matching any concept is found, ranked by how many it matches. */
  concepts: SearchConcept[];
  area: SearchArea | null;
  now: Date;
  cutoff: Date;
  soonUntil: Date;
};

type ResultRow = {
  id: string;
  title: string;
  summary: string;
  organisation_name: string;
  place_name: string;
  town: string;
  latitude: number;
  longitude: number;
  distance_m: number | null;
  next_session_at: Date | null;
  cost_type: CostType;
  price_pence: number | null;
  access: string[];
  last_checked_at: Date;
};

const toResult = (r: ResultRow): SearchResult => ({
  id: r.id,
  title: r.title,
  summary: r.summary,
  organisationName: r.organisation_name,
  placeName: r.place_name,
  town: r.town,
  latitude: r.latitude,
  longitude: r.longitude,
  distanceM: r.distance_m == null ? null : Number(r.distance_m),
  nextSessionAt: r.next_session_at ? new Date(r.next_session_at) : null,
  costType: r.cost_type,
  pricePence: r.price_pence,
  access: r.access,
  lastCheckedAt: new Date(r.last_checked_at),
});

/** The shared FROM and WHERE of search and its count; every value is a parameter. */
function whereClause(c: SearchCriteria) {
  const params: unknown[] = [c.cutoff];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conds = [visibleListing('a', 'o', '$1')];
  let distance = 'null::double precision';
  if (c.area) {
    const { easting: e, northing: n, radiusM: r } = c.area;
    const centre = `point(${p(e)}, ${p(n)})`;
    distance = `(p.pos <-> ${centre})`;
    // The box lets the GiST index on places.pos do the work; the exact circle follows.
    conds.push(`p.pos <@ box(point(${p(e - r)}, ${p(n - r)}), point(${p(e + r)}, ${p(n + r)}))`, `${distance} <= ${p(r)}`);
  }
  const f = c.filters;
  if (c.concepts.length > 0) conds.push(`a.search_vector @@ to_tsquery('${SEARCH_CONFIG}', ${p(anyConceptQuery(c.concepts))})`);
  if (f.types.length) conds.push(`a.activity_types && ${p(f.types)}::text[]`);
  if (f.needs.length) conds.push(`a.needs && ${p(f.needs)}::text[]`);
  if (f.days.length) conds.push(`a.session_days && ${p(f.days)}::int[]`);
  if (f.times.length) conds.push(`a.session_times && ${p(f.times)}::text[]`);
  if (f.soon) conds.push(`a.next_session_at < ${p(c.soonUntil)}`, `a.next_session_end_at > ${p(c.now)}`);
  if (f.cost === 'free') conds.push(`a.cost_type = 'free'`);
  if (f.cost === 'free_for_referred') conds.push(`a.cost_type in ('free', 'free_for_referred')`);
  if (f.access.length) conds.push(`a.access @> ${p(f.access)}::text[]`);
  if (f.support.length) conds.push(`a.support ${f.supportMatch === 'all' ? '@>' : '&&'} ${p(f.support)}::text[]`);
  if (f.languages.length) conds.push(`a.languages && ${p(f.languages)}::text[]`);
  const from = `from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id`;
  return { from, where: conds.join(' and '), distance, params, p };
}

/** `a.<column> @@ <query>`: whether the listing matches a concept there. */
const matchesIn = (column: keyof typeof SEARCH_COLUMNS, query: string) => `a.${SEARCH_COLUMNS[column]} @@ to_tsquery('${SEARCH_CONFIG}', ${query})`;

/** 2 when the concept is in the title, 1 in the activity types or needs, 0 only elsewhere. */
const placed = (query: string) => `case when ${matchesIn('title', query)} then 2 when ${matchesIn('labels', query)} then 1 else 0 end`;

/**
 * Relevance comes before the chosen order: first how many concepts a listing matches, then where it
 * matches them. One number says both: 100 for each concept matched plus where (at most 8 concepts,
 * so where never outweighs another match).
 */
function relevanceOrder(c: SearchCriteria, p: (value: unknown) => string): string[] {
  if (c.concepts.length === 0) return [];
  const queries = c.concepts.map((k) => p(conceptQuery(k)));
  // One concept: every listing found matches it, so only where it matches counts.
  if (queries.length === 1) return [`${placed(queries[0]!)} desc`];
  return [`(${queries.map((q) => `case when ${matchesIn('anywhere', q)} then 100 + ${placed(q)} else 0 end`).join(' + ')}) desc`];
}

/**
 * Words similar to each typed word: words in listings (the lexicon, whose trigram index `%` uses) and
 * words coordinators listed synonyms for ("geneology" is "genealogy").
 */
const SIMILAR_WORDS = `
  select w.word as typed, c.word, similarity(c.word, w.word)::float8 as similarity
  from unnest($1::text[]) as w(word)
  cross join lateral (
    select k.word from (
      select l.word from search_lexicon l where l.word % w.word
      union
      select s.searched_for from search_synonyms s where s.searched_for % w.word
    ) k
    where similarity(k.word, w.word) >= $2
    order by similarity(k.word, w.word) desc, k.word limit 5) c`;

export type SearchPageOptions = { sort: SortOrder; limit: number; offset: number };

const RESULT_COLUMNS = `a.id, a.title, a.summary, o.name as organisation_name, p.name as place_name, p.town, p.latitude, p.longitude`;
const RESULT_TAIL = `a.next_session_at, a.cost_type, a.price_pence, a.access, a.last_checked_at`;

function searchSql(c: SearchCriteria, opts: SearchPageOptions) {
  const { from, where, distance, params, p } = whereClause(c);
  const chosen =
    c.area && opts.sort === 'distance'
      ? 'distance_m, a.next_session_at nulls last, a.id'
      : `a.next_session_at nulls last, ${c.area ? 'distance_m, ' : ''}a.title, a.id`;
  const order = [...relevanceOrder(c, p), chosen].join(', ');
  const sql = `select ${RESULT_COLUMNS}, ${distance} as distance_m, ${RESULT_TAIL}
     ${from} where ${where} order by ${order} limit ${p(opts.limit)} offset ${p(opts.offset)}`;
  return { sql, params };
}

/**
 * One concept across England is found tier by tier, in the order relevanceOrder gives: in the title,
 * then in the types and needs, then elsewhere, each soonest first. Ranking every match would read
 * thousands of listings for a common word; instead one walk of the next-session index looks at the
 * soonest `walkListings` listings and keeps the first of each tier, and only a tier that this leaves
 * short is fetched whole through its GIN index. (The planner cannot tell from a prefix how rare a
 * word is in titles, so it cannot be left to choose: an absent word would walk the whole index.)
 */
const TIERS = ['title', 'labels', 'elsewhere'] as const;
type Tier = (typeof TIERS)[number];
const WALK_LISTINGS = 1000;

function tierOf(q: string) {
  return `case when ${matchesIn('title', q)} then 'title' when ${matchesIn('labels', q)} then 'labels' when ${matchesIn('anywhere', q)} then 'elsewhere' end`;
}

/** The first `limit` listings of each tier among the soonest `walkListings` (each row says its tier). */
function soonestByTierSql(c: SearchCriteria, concept: SearchConcept, limit: number, walkListings: number) {
  const { where, params, p } = whereClause({ ...c, concepts: [] });
  const q = p(conceptQuery(concept));
  // No place is asked for, so `where` names none: organisations and places are looked up (LATERAL …
  // LIMIT 1, never a hash of every place) only for the few listings kept.
  const sql = `with walk as materialized (
       select a.id, a.next_session_at, a.title, ${tierOf(q)} as tier
       from activities a join organisations o on o.id = a.organisation_id
       where ${where} order by a.next_session_at nulls last, a.title, a.id limit ${p(walkListings)}),
     kept as materialized (
       select t.id, t.tier from (select w.id, w.tier, row_number() over (partition by w.tier order by w.next_session_at nulls last, w.title, w.id) as n
                                 from walk w where w.tier is not null) t
       where t.n <= ${p(limit)})
     select ${RESULT_COLUMNS}, null::double precision as distance_m, ${RESULT_TAIL}, k.tier
     from kept k join activities a on a.id = k.id
     cross join lateral (select o.name from organisations o where o.id = a.organisation_id limit 1) o
     cross join lateral (select p.name, p.town, p.latitude, p.longitude from places p where p.id = a.place_id limit 1) p
     order by a.next_session_at nulls last, a.title, a.id`;
  return { sql, params };
}

/** A whole tier through the GIN indexes, soonest first. */
function tierSql(c: SearchCriteria, concept: SearchConcept, tier: Tier, limit: number) {
  const { from, where, params, p } = whereClause({ ...c, concepts: [] });
  const q = p(conceptQuery(concept));
  const inTier = {
    title: matchesIn('title', q),
    labels: `${matchesIn('labels', q)} and not ${matchesIn('title', q)}`,
    elsewhere: `${matchesIn('anywhere', q)} and not ${matchesIn('title', q)} and not ${matchesIn('labels', q)}`,
  }[tier];
  // Sorting on an expression keeps the planner off the next-session index: it reads the tier's matches.
  const sql = `select ${RESULT_COLUMNS}, null::double precision as distance_m, ${RESULT_TAIL} ${from} where ${where} and ${inTier}
     order by coalesce(a.next_session_at, 'infinity'::timestamptz), a.title, a.id limit ${p(limit)}`;
  return { sql, params };
}

const byTier = (c: SearchCriteria) => !c.area && c.concepts.length === 1;

/** `walkListings`: how many of the soonest listings a one-word search across England looks at first (tests make it small). */
export function createSearchRepository(db: Db, settings: { walkListings?: number } = {}) {
  return {
    /** One page of results. */
    async search(c: SearchCriteria, opts: SearchPageOptions): Promise<SearchResult[]> {
      if (byTier(c)) {
        const concept = c.concepts[0]!;
        const want = opts.offset + opts.limit;
        const soonest = soonestByTierSql(c, concept, want, settings.walkListings ?? WALK_LISTINGS);
        const walked = await db.query<ResultRow & { tier: Tier }>(soonest.sql, soonest.params);
        const rows: ResultRow[] = [];
        for (const tier of TIERS) {
          const need = want - rows.length;
          const found = walked.filter((r) => r.tier === tier);
          if (found.length >= need) rows.push(...found.slice(0, need));
          else {
            const whole = tierSql(c, concept, tier, need);
            rows.push(...(await db.query<ResultRow>(whole.sql, whole.params)));
          }
          if (rows.length >= want) break;
        }
        return rows.slice(opts.offset, want).map(toResult);
      }
      const { sql, params } = searchSql(c, opts);
      const rows = await db.query<ResultRow>(sql, params);
      return rows.map(toResult);
    },

    /** How many listings match, counting no further than one past `upTo` when given. */
    async count(c: SearchCriteria, upTo?: number): Promise<number> {
      const { from, where, params, p } = whereClause(c);
      const sql =
        upTo === undefined
          ? `select count(*) as n ${from} where ${where}`
          : `select count(*) as n from (select 1 ${from} where ${where} limit ${p(upTo + 1)}) x`;
      const rows = await db.query<{ n: number }>(sql, params);
      return Number(rows[0]?.n ?? 0);
    },

    /** The positions of the concepts that no listing in search matches, wherever it is (for typo correction). */
    async unmatchedConcepts(concepts: readonly SearchConcept[], cutoff: Date): Promise<number[]> {
      if (concepts.length === 0) return [];
      // The listings search can show at all: no place, no filters.
      const { from, where, params, p } = whereClause({ filters: NO_SEARCH_FILTERS, concepts: [], area: null, now: cutoff, cutoff, soonUntil: cutoff });
      const queries = p(concepts.map((k) => conceptQuery(k)));
      const rows = await db.query<{ n: number }>(
        `select c.n::int as n from unnest(${queries}::text[]) with ordinality as c(q, n)
          where not exists (select 1 ${from} where ${where} and a.search_vector @@ to_tsquery('${SEARCH_CONFIG}', c.q)) order by c.n`,
        params,
      );
      return rows.map((r) => r.n - 1);
    },

    /** Up to five known words similar to each word, most similar first. */
    async similarWords(words: readonly string[], minSimilarity: number): Promise<Map<string, CorrectionCandidate[]>> {
      const out = new Map<string, CorrectionCandidate[]>();
      if (words.length === 0) return out;
      // `%` filters on pg_trgm.similarity_threshold, which every connection sets to WORD_CORRECTION_SIMILARITY (database.ts).
      const rows = await db.query<{ typed: string; word: string; similarity: number }>(SIMILAR_WORDS, [words, minSimilarity]);
      for (const r of rows) out.set(r.typed, [...(out.get(r.typed) ?? []), { word: r.word, similarity: Number(r.similarity) }]);
      return out;
    },

    /** The executed plan of a search or its count, for plan checks and benchmarks. */
    async explain(c: SearchCriteria, opts: SearchPageOptions | 'count'): Promise<string> {
      const { sql, params } =
        opts === 'count'
          ? (({ from, where, params: ps }) => ({ sql: `select count(*) ${from} where ${where}`, params: ps }))(whereClause(c))
          : byTier(c)
            ? soonestByTierSql(c, c.concepts[0]!, opts.offset + opts.limit, WALK_LISTINGS)
            : searchSql(c, opts);
      const rows = await db.query<Record<string, string>>(`explain (analyze, costs off, summary on) ${sql}`, params);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
