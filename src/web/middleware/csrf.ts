import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSessionless } from './session.ts';

export const CSRF_COOKIE = 'wm_csrf';
export const csrfCookieName = (secure: boolean) => (secure ? `__Host-${CSRF_COOKIE}` : CSRF_COOKIE);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const VISITOR_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Every form repeats a token in a hidden `_csrf` field. The token is an HMAC (with SESSION_SECRET)
 * of what the request is bound to: the session token when signed in, so a token from one session
 * fails on another; otherwise a random "visitor" value in an HttpOnly SameSite cookie, for the
 * signed-out forms (sign-in, sign-up, self-referral). Signing in replaces the visitor value.
 * A cross-site page can read neither cookie nor forge the HMAC. JSON API routes under /api are
 * read-only and exempt, as are static files.
 *
 * Pages are compressed (decision 024), so a page must not repeat a secret byte for byte: an attacker
 * who can add text to a page and watch its compressed size could otherwise learn the token a few
 * characters at a time (BREACH). Each page therefore shows the token masked with fresh random bytes
 * (`maskToken`); any masked copy is accepted.
 */
export function registerCsrf(app: FastifyInstance, opts: { secureCookies: boolean; secret: string }) {
  const name = csrfCookieName(opts.secureCookies);
  const tokenFor = (binding: string) => createHmac('sha256', opts.secret).update(`csrf:${binding}`).digest('base64url');
  app.decorateRequest('csrfToken', '');
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (isSessionless(request.url)) return;
    let binding: string;
    if (request.sessionToken) binding = `session:${request.sessionToken}`;
    else {
      let visitor = request.cookies[name];
      if (!visitor || !VISITOR_TOKEN.test(visitor)) visitor = setVisitorCookie(reply, opts.secureCookies);
      binding = `visitor:${visitor}`;
    }
    request.csrfToken = tokenFor(binding);
    if (SAFE_METHODS.has(request.method)) return;
    // A form with a file is read only after the route's role checks; multipartForm() checks its token then.
    if (request.isMultipart() && request.routeOptions.config.multipartForm) return;
    if (request.routeOptions.config.oneClickUnsubscribe && isOneClickBody(request.body)) return;
    return checkFormToken(request, reply);
  });
}

/** RFC 8058's one-click body, and nothing else: `List-Unsubscribe=One-Click`. */
const isOneClickBody = (body: unknown) => typeof body === 'object' && body !== null && (body as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click';

const MASKED_TOKEN = /^[A-Za-z0-9_-]{86}$/;

/** The token as a page shows it: 32 random bytes, then the token's 32 bytes XOR those, base64url. */
export function maskToken(token: string): string {
  const raw = Buffer.from(token, 'base64url');
  const mask = randomBytes(raw.length);
  const masked = Buffer.alloc(raw.length * 2);
  mask.copy(masked);
  for (let i = 0; i < raw.length; i++) masked[raw.length + i] = raw[i]! ^ mask[i]!;
  return masked.toString('base64url');
}

function unmaskToken(sent: string): Buffer | undefined {
  if (!MASKED_TOKEN.test(sent)) return undefined;
  const masked = Buffer.from(sent, 'base64url');
  const half = masked.length / 2;
  const raw = Buffer.alloc(half);
  for (let i = 0; i < half; i++) raw[i] = masked[i]! ^ masked[half + i]!;
  return raw;
}

/** Refuses a post whose `_csrf` field is not this session's (or this signed-out visitor's) token. */
export async function checkFormToken(request: FastifyRequest, reply: FastifyReply) {
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof sent !== 'string' || !sameToken(sent, request.csrfToken)) {
    return reply.status(403).view('features/errors/csrf.njk', { pageTitle: 'Your form has expired' });
  }
}

/** A new random visitor value; called on signing in so signed-out tokens from before cannot be replayed. */
export function setVisitorCookie(reply: FastifyReply, secure: boolean): string {
  const value = randomBytes(32).toString('base64url');
  reply.setCookie(csrfCookieName(secure), value, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  return value;
}

function sameToken(sent: string, token: string): boolean {
  const raw = unmaskToken(sent);
  const expected = Buffer.from(token, 'base64url');
  return raw !== undefined && raw.length === expected.length && timingSafeEqual(raw, expected);
}
