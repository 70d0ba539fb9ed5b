import type { CostType } from './directory.ts';

/** The public directory search: what a visitor asks for and what comes back. */
export const RADIUS_MILES = [1, 3, 5, 10, 25] as const;
export const DEFAULT_RADIUS_MILES = 5;
export const PAGE_SIZE = 20;
/** A heritage asset counts as "already has something on" when a live activity is this close. */
export const DOORSTEP_ACTIVITY_RADIUS_M = 250;
export const SOON_DAYS = 14;
/**
 * A word search counts its matches up to this many, then says "more than 1000": any word matches, so
 * a common word across England matches thousands, and counting them all would cost more than the page.
 */
export const WORD_SEARCH_COUNT_LIMIT = 1000;
/**
 * Typed words are corrected to a listing word at least this similar (pg_trgm trigram similarity).
 * A little under pg_trgm's usual 0.3, so a swapped pair of letters in a six-letter word ("mmeory",
 * 0.27) is still corrected. Every database connection sets pg_trgm.similarity_threshold to it, so
 * the `%` operator (and its index) finds every candidate in one query.
 */
export const WORD_CORRECTION_SIMILARITY = 0.25;

const METRES_PER_MILE = 1609.344;
export const milesToMetres = (miles: number) => Math.round(miles * METRES_PER_MILE);

export type CostFilter = 'any' | 'free' | 'free_for_referred';
export type SupportMatch = 'any' | 'all';
export type SortOrder = 'distance' | 'next';

export type SearchFilters = {
  types: string[];
  needs: string[];
  days: number[];
  times: string[];
  soon: boolean;
  cost: CostFilter;
  access: string[];
  support: string[];
  supportMatch: SupportMatch;
  languages: string[];
};

/** No filter chosen: every activity the words and place find. */
export const NO_SEARCH_FILTERS: SearchFilters = {
  types: [],
  needs: [],
  days: [],
  times: [],
  soon: false,
  cost: 'any',
  access: [],
  support: [],
  supportMatch: 'any',
  languages: [],
};

/** A resolved "where": a point in British National Grid metres and how to name it back. */
export type Origin = { label: string; easting: number; northing: number; approximate: boolean };

export type SearchResult = {
  id: string;
  title: string;
  summary: string;
  organisationName: string;
  placeName: string;
  town: string;
  latitude: number;
  longitude: number;
  distanceM: number | null;
  nextSessionAt: Date | null;
  costType: CostType;
  pricePence: number | null;
  access: string[];
  lastCheckedAt: Date;
};

/** `total` is exact unless `moreThanTotal`, when there are more than `total` (counting stopped there). */
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; moreThanTotal?: boolean };

export type HeritageAsset = {
  id: string;
  source: string;
  /** The source's own id (for the National Heritage List, the list entry number). */
  sourceId: string;
  name: string;
  category: string;
  grade: string | null;
  latitude: number;
  longitude: number;
  url: string | null;
  distanceM: number;
};

export { freshnessCutoff } from './directory.ts';

/**
 * The total number of matches, from a page when it can tell (a part-filled page), else by counting.
 * A separate count measured cheaper than count(*) over (), which makes every match go through the sort.
 */
export async function totalOf(itemsOnPage: number, offset: number, count: () => Promise<number>, pageSize = PAGE_SIZE): Promise<number> {
  if (itemsOnPage > 0 && itemsOnPage < pageSize) return offset + itemsOnPage;
  if (offset === 0 && itemsOnPage === 0) return 0;
  return count();
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
