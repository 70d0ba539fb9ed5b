import { matchesAsPrefix, type SearchConcept } from '../../domain/search-words.ts';

/**
 * The text search configuration listings are indexed with (migration 100): English stemming with
 * accents folded. Every query against `activities.search_vector` must use it.
 */
export const SEARCH_CONFIG = 'waymark_search';

/**
 * A concept as tsquery text: any of its alternatives, each alternative's words all present (long
 * words as prefixes). `weights` narrows where they may occur ('A' the title, 'AB' the title, types and needs).
 * Concept words are letters only (queryWords), so nothing in them is tsquery syntax.
 */
export function conceptQuery(concept: SearchConcept, weights = ''): string {
  const lexeme = (w: string) => {
    const label = `${matchesAsPrefix(w) ? '*' : ''}${weights}`;
    return label ? `${w}:${label}` : w;
  };
  return concept.alternatives.map((words) => `(${words.map(lexeme).join(' & ')})`).join(' | ');
}

/** Any of the concepts: what a listing must match to be found at all. */
export const anyConceptQuery = (concepts: readonly SearchConcept[]) => concepts.map((c) => `(${conceptQuery(c)})`).join(' | ');
