import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService } from '../../services/auth.service.ts';
import { Forbidden } from '../../domain/errors.ts';
import type { Role } from '../../domain/user.ts';
import { paths } from '../paths.ts';

export const SESSION_COOKIE = 'wm_session';

export function registerSession(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('user', undefined);
  app.addHook('preHandler', async (request) => {
    if (isSessionless(request.url)) return;
    request.user = await auth.userForToken(request.cookies[SESSION_COOKIE]);
  });
}

/** Open data and static files never read the session (no personal context, cacheable). */
export function isSessionless(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/static/') || url.startsWith('/assets/') || url === '/health';
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 8 * 60 * 60 });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
