import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadInput, NotFound } from '../../domain/errors.ts';
import { UUID_PATTERN } from '../../domain/ids.ts';
import { SHARE_CODE_PATTERN } from '../../domain/share-code.ts';
import { SHORT_CODE_PARAMETER } from '../../domain/short-code.ts';

/**
 * Checks every request once, at the edge, before any handler sees it (decision 017):
 * - route parameters must have their declared shape (ids are UUIDs), or the page is not found;
 * - no text anywhere (query, parameters, body) may hold a NUL character or a lone surrogate, which
 *   PostgreSQL cannot store and no person types: such a request is refused with 400;
 * - bodies come only as forms (url-encoded, or multipart where a route takes files): no route reads
 *   JSON or plain text, so those are refused with 415 rather than reaching a handler as objects.
 */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const CODE = /^[a-z0-9_-]{1,40}$/;
const PLACE_REF = new RegExp(`^(nhle-\\d{1,10}|museum-[A-Za-z0-9._-]{1,60}|${UUID_PATTERN.source.replace(/^\^|\$$/g, '')})$`, 'i');
const PHOTO_COPY = /^(small|large)\.(jpg|webp)$/;

/** How each route parameter must look. A route with a parameter not named here fails to register. */
export function parameterFormat(name: string): RegExp | 'any' | undefined {
  if (name === 'id' || /^[a-z]+Id$/.test(name)) return UUID_PATTERN;
  if (name === 'token') return TOKEN; // one-time questionnaire links
  if (name === 'timePoint' || name === 'code') return CODE; // vocabulary codes: baseline, swemwbs
  if (name === 'shareCode') return SHARE_CODE_PATTERN; // shared shortlists: /s/7KQ4MX2P
  if (name === 'shortCode') return SHORT_CODE_PARAMETER; // activity codes: /c/NR-4K7, checked by the handler
  if (name === 'placeRef') return PLACE_REF; // place pages: a contributed place's id, or nhle-1096802 (decision 042)
  if (name === 'photoCopy') return PHOTO_COPY; // served photo copies: small.jpg, large.webp
  if (name === '*') return 'any'; // static files and the open-data API's catch-all answer for themselves
  return undefined;
}

/** In a Unicode regular expression a paired surrogate is one character; only a lone one is \p{Cs}. */
const LONE_SURROGATE = /\p{Cs}/u;

export const UNACCEPTABLE_CHARACTERS = 'Your request contained characters we cannot accept. Remove them and try again.';

/** A string holds a NUL or a lone surrogate; anything else (objects, arrays) is searched through. */
export function hasUnacceptableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  for (const [key, v] of Object.entries(value)) {
    if (hasUnacceptableText(key) || hasUnacceptableText(v, depth + 1)) return true;
  }
  return false;
}

function routeParameters(url: string): string[] {
  return [...url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
}

export function registerInputHygiene(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json', 'text/plain']);

  app.addHook('onRoute', (route) => {
    for (const name of routeParameters(route.url)) {
      if (!parameterFormat(name)) throw new Error(`Route ${route.url}: say what the parameter "${name}" looks like in input-hygiene.ts`);
    }
  });

  // preValidation runs after the body is parsed and before sign-in, CSRF and role checks.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const params = (request.params ?? {}) as Record<string, string>;
    for (const [name, value] of Object.entries(params)) {
      const format = parameterFormat(name);
      if (format instanceof RegExp && !format.test(value)) throw new NotFound();
    }
    if (hasUnacceptableText(params) || hasUnacceptableText(request.query) || hasUnacceptableText(request.body)) {
      throw new BadInput(UNACCEPTABLE_CHARACTERS);
    }
  });
}
