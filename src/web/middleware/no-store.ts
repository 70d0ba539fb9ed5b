import type { FastifyInstance } from 'fastify';
import { paths } from '../paths.ts';

/** Static files, the open-data API, calendar feeds and the map's outlines: the only responses that never carry anything personal. */
export function isPublicFile(url: string): boolean {
  return (
    url.startsWith('/assets/') ||
    url.startsWith('/static/') ||
    url.startsWith(paths.leaflet) ||
    url.startsWith('/api/') ||
    url.startsWith(paths.mapAreas) ||
    url.startsWith('/calendars/')
  );
}

/**
 * `Cache-Control: no-store` on every page and download except static files and open data, so no
 * browser, proxy or shared NHS computer keeps a copy of anything personal. Public directory pages
 * are included: each carries the visitor's own form token and shortlist (decision 015).
 */
export function registerNoStore(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isPublicFile(request.url)) reply.header('cache-control', 'no-store');
    return payload;
  });
}
