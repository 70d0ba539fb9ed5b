import type { SearchRepository } from '../data/repositories/search.repository.ts';
import type { SearchSynonymRepository } from '../data/repositories/search-synonym.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { chooseCorrection, conceptsFrom, phrasesOf, queryWords, type SearchConcept } from '../domain/search-words.ts';
import {
  freshnessCutoff,
  milesToMetres,
  PAGE_SIZE,
  totalOf,
  SOON_DAYS,
  WORD_CORRECTION_SIMILARITY,
  WORD_SEARCH_COUNT_LIMIT,
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
  /** Words were searched for: the listings matching them best come first, then the chosen order. */
  bestMatchesFirst: boolean;
  sort: SortOrder;
  results: Page<SearchResult>;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function createSearchService(deps: { search: SearchRepository; synonyms: SearchSynonymRepository; where: ResolveWhereService; clock: Clock }) {
  const { search, synonyms, where, clock } = deps;

  /** The typed words as concepts, each with the other words coordinators listed for it. */
  async function conceptsOf(words: string[]): Promise<SearchConcept[]> {
    if (words.length === 0) return [];
    return conceptsFrom(words, await synonyms.alsoFind(phrasesOf(words)));
  }

  /**
   * The words with each word that no listing contains (nor its synonyms) replaced by a close listing
   * word, or null when there is nothing to correct.
   */
  async function corrected(words: string[], concepts: SearchConcept[], cutoff: Date): Promise<string[] | null> {
    const unmatched = await search.unmatchedConcepts(concepts, cutoff);
    const single = unmatched.map((i) => concepts[i]!.typed).filter((typed) => !typed.includes(' '));
    if (single.length === 0) return null;
    const candidates = await search.similarWords(single, WORD_CORRECTION_SIMILARITY);
    const replaced = words.map((w) => (single.includes(w) ? (chooseCorrection(w, candidates.get(w) ?? []) ?? w) : w));
    return replaced.some((w, i) => w !== words[i]) ? replaced : null;
  }

  return {
    /** Throws ValidationFailed (field `where`) when the place cannot be found. */
    async search(request: SearchRequest): Promise<SearchOutcome> {
      const now = clock.now();
      const origin = await where.resolve(request.where);
      const sort: SortOrder = origin ? request.sort : 'next';
      const page = Math.max(1, Math.floor(request.page) || 1);
      const offset = (page - 1) * PAGE_SIZE;
      const cutoff = freshnessCutoff(now);
      const base = {
        filters: request.filters,
        area: origin ? { easting: origin.easting, northing: origin.northing, radiusM: milesToMetres(request.radiusMiles) } : null,
        now,
        cutoff,
        soonUntil: new Date(now.getTime() + SOON_DAYS * DAY_MS),
      };
      const find = async (concepts: SearchConcept[]) => {
        const criteria = { ...base, concepts };
        const items = await search.search(criteria, { sort, limit: PAGE_SIZE, offset });
        const upTo = concepts.length ? WORD_SEARCH_COUNT_LIMIT : undefined;
        const counted = await totalOf(items.length, offset, () => search.count(criteria, upTo));
        const moreThanTotal = upTo !== undefined && counted > upTo;
        return { items, total: moreThanTotal ? upTo : counted, moreThanTotal };
      };

      const words = queryWords(request.text);
      const concepts = await conceptsOf(words);
      let found = await find(concepts);
      let correctedText: string | null = null;
      // A word is corrected only when the search as typed finds nothing and the corrected one finds something.
      if (found.total === 0 && words.length > 0) {
        const instead = await corrected(words, concepts, cutoff);
        if (instead) {
          const again = await find(await conceptsOf(instead));
          if (again.total > 0) {
            found = again;
            correctedText = instead.join(' ');
          }
        }
      }
      return {
        origin,
        radiusMiles: request.radiusMiles,
        correctedText,
        bestMatchesFirst: words.length > 0,
        sort,
        results: { items: found.items, total: found.total, page, pageSize: PAGE_SIZE, moreThanTotal: found.moreThanTotal },
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
