/**
 * The one way Waymark words a count ("1 organisation", "3 organisations"). Every page, message and
 * export uses it, so a count never disagrees with its noun. `many` is given where adding "s" is wrong
 * ("activity" → "activities", "person" → "people", and verbs: "fits" → "fit").
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** "1 organisation", "1,204 organisations". */
export function countOf(count: number, one: string, many?: string): string {
  return `${count.toLocaleString('en-GB')} ${plural(count, one, many)}`;
}
