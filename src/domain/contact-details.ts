import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * UK postcodes and phone numbers, in one place (decision 023). Stored normalised, so they compare,
 * look up and send the same however they were typed; shown formatted, with the standard spacing,
 * wherever people read them (pages, letters, texts, emails, the GP summary, the open data API).
 *
 *   postcode  stored 'NR301NE' (upper case, no space; an outcode alone, 'NR30', where that is enough)
 *             shown  'NR30 1NE'
 *   phone     stored '+441493846346' (E.164)
 *             shown  '01493 846346'
 *
 * The formatters accept anything stored before this rule (spaced, unspaced, national digits), and
 * give back text they cannot read unchanged rather than lose it.
 */

const FULL_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;
const OUTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

/** A UK postcode (full, or the outward code alone) as stored: upper case, no spaces. */
export function normalisePostcode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isFullPostcode(normalised: string): boolean {
  return FULL_POSTCODE.test(normalised);
}

export function isOutcode(normalised: string): boolean {
  return OUTCODE.test(normalised);
}

/** 'NR301NE', 'nr30 1ne' → 'NR30 1NE'; an outcode stays itself; anything else is shown as it is. */
export function formatPostcode(stored: string): string {
  const code = normalisePostcode(stored);
  if (isFullPostcode(code)) return `${code.slice(0, -3)} ${code.slice(-3)}`;
  return isOutcode(code) ? code : stored.trim();
}

/** The postcode district: 'NR30 1NE' → 'NR30'; an outcode alone stays itself. */
export function outcodeOf(postcode: string): string {
  const code = normalisePostcode(postcode);
  return isFullPostcode(code) ? code.slice(0, -3) : code;
}

const ukNumber = (input: string) => {
  const cleaned = input.trim().replace(/^\+44\s*\(0\)/, '+44');
  if (!/^\+?[0-9 ()\-.]+$/.test(cleaned)) return undefined;
  const parsed = parsePhoneNumberFromString(cleaned, 'GB');
  return parsed && parsed.countryCallingCode === '44' && /^\d{9,10}$/.test(parsed.nationalNumber) && parsed.isPossible() ? parsed : undefined;
};

/**
 * A UK phone number as stored (E.164, '+441493846346'), or null when it is not one. Spaces, dashes,
 * brackets, a leading 0, +44 or 0044 are all fine. Ofcom's drama numbers (07700 900xxx) count: they
 * are possible numbers, which is all a form can know.
 */
export function normalisePhone(input: string): string | null {
  return ukNumber(input)?.number ?? null;
}

/** '+441493846346', '01493846346' → '01493 846346'; text that is not a UK number is shown as it is. */
export function formatPhone(stored: string): string {
  return ukNumber(stored)?.formatNational() ?? stored.trim();
}

/** A `tel:` link for a stored number. */
export function phoneHref(stored: string): string {
  return `tel:${ukNumber(stored)?.number ?? stored.replace(/[^0-9+]/g, '')}`;
}

/** UK mobile numbers (07…): the only ones a text message can go to. */
export function isMobile(stored: string): boolean {
  return /^\+447\d{9}$/.test(normalisePhone(stored) ?? '');
}

export const PHONE_EXAMPLE = '01493 846346';
export const MOBILE_EXAMPLE = '07700 900982';
export const POSTCODE_EXAMPLE = 'NR30 1NE';
