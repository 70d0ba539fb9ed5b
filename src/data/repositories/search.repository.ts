import type { Db } from '../database.ts';
import type { CostType } from '../../domain/directory.ts';
import type { SearchFilters, SearchResult, SortOrder } from '../../domain/search.ts';

export type SearchArea = { easting: number; northing: number; radiusM: number };

export type SearchCriteria = {
  filters: SearchFilters;
  /** Lexicon words to match as prefixes, all of them. */
  words: string[];
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
  const conds = [`a.status = 'live'`, `o.status = 'approved'`, `a.last_checked_at > $1`];
  let distance = 'null::double precision';
  if (c.area) {
    const { easting: e, northing: n, radiusM: r } = c.area;
    const centre = `point(${p(e)}, ${p(n)})`;
    distance = `(p.pos <-> ${centre})`;
    // The box lets the GiST index on places.pos do the work; the exact circle follows.
    conds.push(`p.pos <@ box(point(${p(e - r)}, ${p(n - r)}), point(${p(e + r)}, ${p(n + r)}))`, `${distance} <= ${p(r)}`);
  }
  const f = c.filters;
  if (c.words.length > 0) {
    conds.push(`a.search_vector @@ to_tsquery('english', ${p(c.words.map((w) => `${w}:*`).join(' & '))})`);
  }
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

/** Correct words use the lexicon (words that occur in listings); `%` uses its trigram index. */
const CORRECT_WORDS = `
  select w.word as typed,
         exists (select 1 from search_lexicon l where l.word like w.word || '%') as known,
         (select l.word from search_lexicon l
           where l.word % w.word and similarity(l.word, w.word) >= $2
           order by similarity(l.word, w.word) desc, l.word limit 1) as suggestion
  from unnest($1::text[]) with ordinality as w(word, n) order by w.n`;

export type SearchPageOptions = { sort: SortOrder; limit: number; offset: number };

function searchSql(c: SearchCriteria, opts: SearchPageOptions) {
  const { from, where, distance, params, p } = whereClause(c);
  const order =
    c.area && opts.sort === 'distance'
      ? 'distance_m, a.next_session_at nulls last, a.id'
      : `a.next_session_at nulls last, ${c.area ? 'distance_m, ' : ''}a.title, a.id`;
  const sql = `select a.id, a.title, a.summary, o.name as organisation_name, p.name as place_name, p.town, p.latitude, p.longitude,
            ${distance} as distance_m, a.next_session_at, a.cost_type, a.price_pence, a.access, a.last_checked_at
     ${from} where ${where} order by ${order} limit ${p(opts.limit)} offset ${p(opts.offset)}`;
  return { sql, params };
}

export function createSearchRepository(db: Db) {
  return {
    /** One page of results. */
    async search(c: SearchCriteria, opts: SearchPageOptions): Promise<SearchResult[]> {
      const { sql, params } = searchSql(c, opts);
      const rows = await db.query<ResultRow>(sql, params);
      return rows.map(toResult);
    },

    async count(c: SearchCriteria): Promise<number> {
      const { from, where, params } = whereClause(c);
      const rows = await db.query<{ n: number }>(`select count(*) as n ${from} where ${where}`, params);
      return Number(rows[0]?.n ?? 0);
    },

    /** For each word: whether some listing word starts with it, and the most similar listing word. */
    async lexiconMatches(words: string[], minSimilarity: number) {
      if (words.length === 0) return [];
      // `%` filters on pg_trgm.similarity_threshold, which every connection sets to WORD_CORRECTION_SIMILARITY (database.ts).
      return db.query<{ typed: string; known: boolean; suggestion: string | null }>(CORRECT_WORDS, [words, minSimilarity]);
    },

    /** The executed plan of a search or its count, for plan checks and benchmarks. */
    async explain(c: SearchCriteria, opts: SearchPageOptions | 'count'): Promise<string> {
      const { sql, params } =
        opts === 'count'
          ? (({ from, where, params: ps }) => ({ sql: `select count(*) ${from} where ${where}`, params: ps }))(whereClause(c))
          : searchSql(c, opts);
      const rows = await db.query<Record<string, string>>(`explain (analyze, costs off, summary on) ${sql}`, params);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
