/**
 * The short code of an activity (issue 10, decision 030): a postcode area and three characters, such
 * as NR-4K7, printed on leaflets, read out on the phone and typed on the website. The characters
 * leave out those people mistake for one another (0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V); the database makes
 * the codes (migration 160) so every way an activity is created gets one.
 */
export const SHORT_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';

const COMPACT = /^[A-Z]{1,2}[34679ACDEFGHJKMNPQRTWXY]{3,4}$/;

/** A code as someone typed it ("nr 4k7", "NR-4K7", "nr4k7") in the compact form codes are matched by, or null. */
export function compactShortCode(typed: string): string | null {
  const compact = typed.replace(/[\s\-‐-―.]+/g, '').toUpperCase();
  return COMPACT.test(compact) ? compact : null;
}

/** How a short code route parameter may look before it is checked: letters, digits, spaces and hyphens. */
export const SHORT_CODE_PARAMETER = /^[A-Za-z0-9 -]{3,12}$/;
