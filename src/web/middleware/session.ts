import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService } from '../../services/auth.service.ts';
import { Forbidden } from '../../domain/errors.ts';
import type { Role } from '../../domain/user.ts';
import { paths } from '../paths.ts';
import { isPublicFile } from './no-store.ts';

/**
 * Cookie names. With secure cookies (production) they carry the `__Host-` prefix: the browser then
 * only accepts them over HTTPS, for Path=/ and without a Domain, so no sibling subdomain can plant
 * or overwrite them. Development keeps plain names (browsers refuse `__Host-` over plain http).
 */
export const SESSION_COOKIE = 'wm_session';
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

export function registerSession(app: FastifyInstance, auth: AuthService, opts: { secureCookies: boolean }) {
  const name = sessionCookieName(opts.secureCookies);
  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('preHandler', async (request) => {
    if (isSessionless(request.url)) return;
    const token = request.cookies[name];
    request.user = await auth.userForToken(token);
    // Only a live session's token: CSRF tokens are bound to it (see csrf.ts).
    request.sessionToken = request.user ? token : undefined;
  });
}

/** The session cookie as the browser sent it, live or not (signing in or out ends it). */
export function sessionCookieOf(request: FastifyRequest, secure: boolean): string | undefined {
  return request.cookies[sessionCookieName(secure)];
}

/** Open data, static files and the map's outlines never read the session (no personal context, cacheable). */
export function isSessionless(url: string): boolean {
  return isPublicFile(url) || url === '/health';
}

/**
 * No Max-Age: the cookie goes when the browser closes (shared computers), and the server ends the
 * session after SESSION_IDLE_MINUTES without use or SESSION_MAX_HOURS after signing in.
 */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(sessionCookieName(secure), token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** A preHandler: signed-out people go to sign in (and come back); the wrong role gets 403. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.user) {
      return reply.redirect(`${paths.signIn}?returnTo=${encodeURIComponent(request.url)}`);
    }
    if (roles.length > 0 && !roles.includes(request.user.role)) throw new Forbidden();
  };
}
