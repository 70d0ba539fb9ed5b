import { matchesAsPrefix, type SearchConcept } from '../../domain/search-words.ts';

/**
 * The text search configuration listings are indexed with (migration 100): English stemming with
 * accents folded. Every query against `activities.search_vector` must use it.
 */
export const SEARCH_CONFIG = 'waymark_search';

/**
 * A concept as tsquery text: any of its alternatives, each alternative's words all present (long
 * words as prefixes). Concept words are letters only (queryWords), so nothing in them is tsquery syntax.
 */
export function conceptQuery(concept: SearchConcept): string {
  const lexeme = (w: string) => (matchesAsPrefix(w) ? `${w}:*` : w);
  return concept.alternatives.map((words) => `(${words.map(lexeme).join(' & ')})`).join(' | ');
}

/** Where a listing matches a concept, for ranking: its title, its activity types and needs, or anywhere. */
export const SEARCH_COLUMNS = { title: 'search_title_vector', labels: 'search_labels_vector', anywhere: 'search_vector' } as const;

/** Any of the concepts: what a listing must match to be found at all. */
export const anyConceptQuery = (concepts: readonly SearchConcept[]) => concepts.map((c) => `(${conceptQuery(c)})`).join(' | ');
