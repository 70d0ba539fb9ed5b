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
 * JSON error shape; CORS preflights under `root`. With `etags`, every 200 carries a tag of the bytes
 * sent (pages are compressed before this hook, decision 024, so each encoding has its own) and a
 * request whose If-None-Match still matches gets 304 with no body.
 */
export function openDataScope(api: FastifyInstance, root: string, opts: { etags: boolean }) {
  api.addHook('onSend', async (request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
    if (reply.statusCode !== 200) return payload;
    if (!opts.etags) {
      reply.header('cache-control', 'public, max-age=300');
      return payload;
    }
    if (!(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    reply.header('cache-control', 'public, max-age=300');
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    if (request.headers['if-none-match']?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
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
