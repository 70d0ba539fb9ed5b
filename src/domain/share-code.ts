import { randomBytes } from 'node:crypto';

/**
 * The code of a shared shortlist (decision 020): eight characters from 32 that cannot be mistaken
 * for one another when read from paper or a phone screen (no 0, O, 1 or I), so 40 random bits.
 * Codes are shown and stored in capitals; typed lower case is accepted.
 */
export const SHARE_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const SHARE_CODE_LENGTH = 8;
export const SHARE_CODE_PATTERN = /^[2-9A-HJ-NP-Z]{8}$/i;

/** A new random code. 256 is a multiple of 32, so each byte picks a character without bias. */
export function newShareCode(bytes: (n: number) => Uint8Array = randomBytes): string {
  return Array.from(bytes(SHARE_CODE_LENGTH), (b) => SHARE_CODE_ALPHABET[b % SHARE_CODE_ALPHABET.length]).join('');
}

/** The code as stored, or null when it cannot be a share code. */
export function normaliseShareCode(value: string): string | null {
  return SHARE_CODE_PATTERN.test(value) ? value.toUpperCase() : null;
}
