import { createHash } from 'node:crypto';

/** What an API token looks like (decision 051): a prefix saying what it is, then 43 base64url characters (32 random bytes). */
export const API_TOKEN_PATTERN = /^wm_[A-Za-z0-9_-]{43}$/;

/** Only this is stored: the token's SHA-256, so a copy of the database lets nobody send referrals. */
export const apiTokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');
