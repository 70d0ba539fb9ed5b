import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../domain/errors.ts';

/**
 * Requests a minute per route and address on the open-data feeds (decision 041). A client paging the
 * whole national directory (50,000 listings) at the default 50 a page makes 1,000 requests, and several
 * clients can share one address (a council's proxy, a university's NAT); 600 stopped one mid-way.
 * The limit is there against a runaway loop, not against reading the whole directory.
 */
export const OPEN_DATA_RATE_LIMIT_PER_MINUTE = 6000;

/**
 * What every Open Referral feed's routes share, set on their plugin scope: open to any web page
 * (ORUK compliance rule), including error responses; a bad query parameter is a 400 in the API's one
 * JSON error shape; CORS preflights under `root`. Every 200 carries a tag of the bytes
 * sent (pages are compressed before this hook, decision 024, so each encoding has its own) and a
 * request whose If-None-Match still matches gets 304 with no body; without If-None-Match, so does one
 * whose If-Modified-Since is not before the answer's Last-Modified (set by the route, `lastModified`).
 */
/**
 * Last-Modified for an answer made of these records: the latest of their times, to the second (the
 * header's precision). Nothing is set for an empty list, so a client's copy of it is revalidated by ETag.
 */
export function lastModified(reply: FastifyReply, times: readonly Date[]) {
  const latest = times.reduce<number | null>((max, t) => (max == null || t.getTime() > max ? t.getTime() : max), null);
  if (latest != null) reply.header('last-modified', new Date(Math.floor(latest / 1000) * 1000).toUTCString());
}

/** Whether the client's copy is still current: its ETag matches, or (without one) nothing changed after If-Modified-Since. */
function stillCurrent(request: FastifyRequest, etag: string, modified: string | undefined): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return modified !== undefined && !Number.isNaN(since) && Date.parse(modified) <= since;
}

export function openDataScope(api: FastifyInstance, root: string) {
  api.addHook('onSend', async (request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
    if (reply.statusCode !== 200) return payload;
    if (!(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    reply.header('cache-control', 'public, max-age=300');
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    const modified = reply.getHeader('last-modified');
    if (stillCurrent(request, etag, typeof modified === 'string' ? modified : undefined)) {
      reply.code(304);
      return '';
    }
    return payload;
  });
  // Query parameters are not a form: a bad one is a 400 for API clients. Everything else goes to the app's handler.
  api.setErrorHandler((error, _request, reply) => {
    if (error instanceof ValidationFailed) return reply.status(400).send({ error: error.message, status: 400, errors: error.errors });
    throw error;
  });
  const preflight = (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .status(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? 'Accept, Content-Type')
      .header('access-control-max-age', '86400')
      .send();
  api.options(root, preflight);
  api.options(`${root}/*`, preflight);
}
