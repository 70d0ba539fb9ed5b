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

/** The name of a source; one not in the list is named plainly (by its publisher when known) rather than shown as a code. */
export function heritageSourceName(code: string): string {
  if (HERITAGE_SOURCES.some((s) => s.code === code)) return labelOf(HERITAGE_SOURCES, code);
  return code.startsWith('nhle') ? 'National Heritage List for England' : 'Open heritage data';
}

/** Categories the importers write in words; older rows and other sources may hold a code instead. */
const CATEGORY_CODES: Readonly<Record<string, string>> = {
  scheduled_monument: 'Scheduled monument',
  listed_building: 'Listed building',
  park_and_garden: 'Registered park and garden',
  battlefield: 'Registered battlefield',
  protected_wreck: 'Protected wreck site',
  world_heritage_site: 'World Heritage Site',
  museum: 'Museum',
};

/** A heritage place's category as people read it: as stored when it is words, from the map when it is a code. */
export function heritageCategoryName(category: string): string {
  if (!/^[a-z0-9_]+$/.test(category)) return category;
  return CATEGORY_CODES[category] ?? 'Heritage place';
}
