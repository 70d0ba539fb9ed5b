import { labelOf, type Term } from './vocabulary.ts';

/**
 * The open data sets heritage places come from, by the code the importer stores, and the name people
 * read. The one label map for them: the doorstep page, its credits and anything else that names a
 * source read it here, never by tidying up the code ("nhle_scheduled_monument" is not a name).
 */
export const HERITAGE_SOURCES = [
  { code: 'nhle_scheduled_monument', label: 'National Heritage List for England (scheduled monuments)' },
  { code: 'nhle_park_garden', label: 'National Heritage List for England (registered parks and gardens)' },
  { code: 'nhle_battlefield', label: 'National Heritage List for England (registered battlefields)' },
  { code: 'mapping_museums', label: 'Mapping Museums (Birkbeck, University of London)' },
] as const satisfies readonly Term[];

export type HeritageSource = (typeof HERITAGE_SOURCES)[number]['code'];

/** The name of a source; one not in the list is named plainly as such rather than shown as a code. */
export function heritageSourceName(code: string): string {
  return HERITAGE_SOURCES.some((s) => s.code === code) ? labelOf(HERITAGE_SOURCES, code) : 'Open heritage data';
}
