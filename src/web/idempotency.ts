import { randomBytes } from 'node:crypto';

/** A fresh key for a form that creates something: a repeated submission of the same form is one record. */
export const newIdempotencyKey = () => randomBytes(18).toString('base64url');
