import type { SearchRepository } from '../data/repositories/search.repository.ts';
import type { Clock } from '../domain/clock.ts';
import {
  freshnessCutoff,
  milesToMetres,
  PAGE_SIZE,
  totalOf,
  queryWords,
  SOON_DAYS,
  WORD_CORRECTION_SIMILARITY,
  type Origin,
  type Page,
  type SearchFilters,
  type SearchResult,
  type SortOrder,
} from '../domain/search.ts';
import type { ResolveWhereService } from './resolve-where.service.ts';

export type SearchRequest = {
  where: string;
  radiusMiles: number;
  text: string;
  filters: SearchFilters;
  sort: SortOrder;
  page: number;
};

export type SearchOutcome = {
  origin: Origin | null;
  radiusMiles: number;
  /** The words actually searched for, when any typed word was corrected ("Showing results for …"). */
  correctedText: string | null;
  sort: SortOrder;
  results: Page<SearchResult>;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function createSearchService(deps: { search: SearchRepository; where: ResolveWhereService; clock: Clock }) {
  const { search, where, clock } = deps;

  /** Only words that start no listing word are corrected. Each becomes the most similar listing word, if any is close. */
  async function correct(words: string[]) {
    const matches = await search.lexiconMatches(words, WORD_CORRECTION_SIMILARITY);
    const corrected = matches.map((m) => (m.known || !m.suggestion || !/^[a-z\u00c0-\u024f]+$/.test(m.suggestion) ? m.typed : m.suggestion));
    return { corrected, changed: corrected.some((w, i) => w !== words[i]) };
  }

  return {
    /** Throws ValidationFailed (field `where`) when the place cannot be found. */
    async search(request: SearchRequest): Promise<SearchOutcome> {
      const now = clock.now();
      const origin = await where.resolve(request.where);
      const words = queryWords(request.text);
      const { corrected, changed } = await correct(words);
      const criteria = {
        filters: request.filters,
        words: corrected,
        area: origin ? { easting: origin.easting, northing: origin.northing, radiusM: milesToMetres(request.radiusMiles) } : null,
        now,
        cutoff: freshnessCutoff(now),
        soonUntil: new Date(now.getTime() + SOON_DAYS * DAY_MS),
      };
      const sort: SortOrder = origin ? request.sort : 'next';
      const page = Math.max(1, Math.floor(request.page) || 1);
      const offset = (page - 1) * PAGE_SIZE;
      const items = await search.search(criteria, { sort, limit: PAGE_SIZE, offset });
      const total = await totalOf(items.length, offset, () => search.count(criteria));
      return {
        origin,
        radiusMiles: request.radiusMiles,
        correctedText: changed ? corrected.join(' ') : null,
        sort,
        results: { items, total, page, pageSize: PAGE_SIZE },
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
