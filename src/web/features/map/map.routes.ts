import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';

/** The outlines change only when someone imports boundaries again, so browsers keep them for an hour. */
const CACHE = 'public, max-age=3600';

/** Local authority outlines for the map module (decision 021): open data, the same for everyone. */
export function registerMapRoutes(app: FastifyInstance, services: Services) {
  app.get(paths.mapAreas, async (request, reply) => {
    const { body, etag } = await services.map.outlines();
    reply.header('cache-control', CACHE).header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
