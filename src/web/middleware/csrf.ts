import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSessionless } from './session.ts';

export const CSRF_COOKIE = 'wm_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit token: a random value in an HttpOnly SameSite cookie that every form repeats in
 * a hidden `_csrf` field. A cross-site page can neither read the cookie nor set it.
 * JSON API routes under /api are read-only and exempt, as are static files.
 */
export function registerCsrf(app: FastifyInstance, opts: { secureCookies: boolean }) {
  app.decorateRequest('csrfToken', '');
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (isSessionless(request.url)) return;
    let token = request.cookies[CSRF_COOKIE];
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
      token = randomBytes(32).toString('base64url');
      reply.setCookie(CSRF_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies,
      });
    }
    request.csrfToken = token;
    if (SAFE_METHODS.has(request.method)) return;
    // A form with a file is read only after the route's role checks; multipartForm() checks its token then.
    if (request.isMultipart() && request.routeOptions.config.multipartForm) return;
    return checkFormToken(request, reply);
  });
}

/** Refuses a post whose `_csrf` field does not repeat the cookie. */
export async function checkFormToken(request: FastifyRequest, reply: FastifyReply) {
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof sent !== 'string' || !sameToken(sent, request.cookies[CSRF_COOKIE])) {
    return reply.status(403).view('features/errors/csrf.njk', { pageTitle: 'Your form has expired' });
  }
}

function sameToken(a: string, b: string | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
