import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { OPEN_DATA_LICENCE, RPDE } from '../../domain/openactive.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { openDataScope } from '../oruk/open-data-scope.ts';
import { toActivityFeatures } from './geojson.serialiser.ts';
import { readFeedCursor } from './rpde-query.ts';

type Query = { Querystring: Record<string, unknown> };

/**
 * Open data beyond Open Referral (decision 045): OpenActive's RPDE feed of session series, and a GeoJSON
 * export of the public listings. Both open to any web page (CORS), with ETags; the feed's pages say how
 * long they may be cached as the RPDE validator expects: an hour for a page of items, 8 seconds for the
 * last (empty) page, which consumers poll.
 */
export async function registerOpenActiveRoutes(app: FastifyInstance, services: Services, config: Config) {
  const baseUrl = config.publicUrl.replace(/\/+$/, '');
  const limits = { config: { rateLimit: { max: 3000, timeWindow: '1 minute' } } };
  const open = paths.openData;
  const cacheFor = new WeakMap<FastifyRequest, number>();

  await app.register(async (api) => {
    openDataScope(api, open.openActiveRoot);
    // After the shared scope's hook: a feed page's own cache lifetime replaces its default.
    api.addHook('onSend', async (request, reply, payload) => {
      const maxAge = cacheFor.get(request);
      if (maxAge !== undefined && (reply.statusCode === 200 || reply.statusCode === 304)) reply.header('cache-control', `public, max-age=${maxAge}`);
      return payload;
    });

    api.get<Query>(open.sessionSeries, limits, async (request) => {
      const cursor = readFeedCursor(request.query);
      const { items } = await services.openActive.page(cursor);
      const self = cursor
        ? `${baseUrl}${open.sessionSeries}?afterTimestamp=${cursor.afterTimestamp}${cursor.afterId ? `&afterId=${cursor.afterId}` : ''}`
        : `${baseUrl}${open.sessionSeries}`;
      const last = items.at(-1);
      cacheFor.set(request, last ? RPDE.fullPageMaxAge : RPDE.lastPageMaxAge);
      return {
        next: last ? `${baseUrl}${open.sessionSeries}?afterTimestamp=${last.modified}&afterId=${last.id}` : self,
        items: items.map((i) =>
          i.state === 'deleted'
            ? { state: 'deleted', kind: 'SessionSeries', id: i.id, modified: i.modified }
            : { state: 'updated', kind: 'SessionSeries', id: i.id, modified: i.modified, data: i.data },
        ),
        license: OPEN_DATA_LICENCE.url,
      };
    });
  });

  await app.register(async (api) => {
    openDataScope(api, open.root);
    api.get(open.activitiesGeojson, limits, async (_request, reply) => {
      const points = await services.openActive.mapPoints();
      const body = JSON.stringify(
        toActivityFeatures(points, {
          activityUrl: (id) => `${baseUrl}${paths.activity(id)}`,
          licence: OPEN_DATA_LICENCE.url,
          datasetUrl: `${baseUrl}${open.dataset}`,
        }),
      );
      return reply.type('application/geo+json; charset=utf-8').send(body);
    });
  });
}
