import type { FastifyReply, FastifyRequest } from 'fastify';

/** The shortlist lives in a cookie of activity ids: no sign-in, nothing personal. */
export const SHORTLIST_COOKIE = 'wm_shortlist';
const MAX_ITEMS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readShortlist(request: FastifyRequest): string[] {
  const raw = request.cookies?.[SHORTLIST_COOKIE];
  if (!raw) return [];
  return [...new Set(raw.split('.').filter((id) => UUID.test(id)))].slice(0, MAX_ITEMS);
}

export function writeShortlist(reply: FastifyReply, ids: string[], secure: boolean) {
  reply.setCookie(SHORTLIST_COOKIE, [...new Set(ids)].slice(0, MAX_ITEMS).join('.'), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: 60 * 60 * 24 * 90,
  });
}
