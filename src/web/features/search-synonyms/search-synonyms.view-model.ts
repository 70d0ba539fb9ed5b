import type { SearchSynonym } from '../../../data/repositories/search-synonym.repository.ts';

/** The list grouped by what people search for, in alphabetical order. */
export function synonymGroups(list: readonly SearchSynonym[]) {
  const groups = new Map<string, { searchedFor: string; alsoFind: { id: string; text: string }[] }>();
  for (const s of list) {
    const group = groups.get(s.searchedFor) ?? { searchedFor: s.searchedFor, alsoFind: [] };
    group.alsoFind.push({ id: s.id, text: s.alsoFind });
    groups.set(s.searchedFor, group);
  }
  return [...groups.values()];
}
