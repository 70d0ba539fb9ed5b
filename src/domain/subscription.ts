import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { terms } from './vocabulary.ts';

/**
 * "Tell me about new activities near me" (issue 10, decision 036): an email address, an area and
 * interests; double opt-in; a weekly or monthly digest of new and changed visible listings; one-click
 * unsubscribe in every email.
 */
export const RADII = terms([
  { code: '1', label: 'Within 1 mile' },
  { code: '3', label: 'Within 3 miles' },
  { code: '5', label: 'Within 5 miles' },
  { code: '10', label: 'Within 10 miles' },
  { code: '20', label: 'Within 20 miles' },
] as const);

export const FREQUENCIES = terms([
  { code: 'weekly', label: 'Once a week' },
  { code: 'monthly', label: 'Once a month' },
] as const);
export type Frequency = (typeof FREQUENCIES)[number]['code'];

/** A confirmation link works for this long; unconfirmed subscriptions are then deleted. */
export const UNCONFIRMED_DAYS = 7;
/** At most this many listings in one digest (the newest changes first). */
export const DIGEST_LIMIT = 25;
const DAY = 24 * 60 * 60 * 1000;
const METRES_PER_MILE = 1609.344;

export const radiusMetres = (miles: number) => Math.round(miles * METRES_PER_MILE);

/** A subscription as a form gives it (parsed at the edge); the area is resolved by the service. */
export type SubscriptionInput = { email: string; where: string; radiusMiles: number; interests: string[]; frequency: Frequency };

/** When a subscription's next digest is due: a week, or a calendar month, after the last one (or the confirmation). */
export function nextDigestAt(since: Date, frequency: Frequency): Date {
  if (frequency === 'weekly') return new Date(since.getTime() + 7 * DAY);
  const next = new Date(since.getTime());
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

export const unconfirmedBefore = (now: Date) => new Date(now.getTime() - UNCONFIRMED_DAYS * DAY);

/** A single-use confirmation token, and the hash that is all Waymark keeps of it. */
export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url'); // 43 characters, the shape of every one-time link (input-hygiene.ts);
  return { token, hash: hashConfirmToken(token) };
}
export const hashConfirmToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The unsubscribe link's token: derived from the subscription's id with the server's secret, so every
 * email can carry it without Waymark storing it, and nobody can unsubscribe someone else by guessing.
 */
export function unsubscribeToken(secret: string, subscriptionId: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${subscriptionId}`).digest('base64url');
}
export function isUnsubscribeToken(secret: string, subscriptionId: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, subscriptionId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
