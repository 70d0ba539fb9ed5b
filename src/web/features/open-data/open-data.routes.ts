import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { datasetPage } from './dataset.view-model.ts';

/** The OpenActive dataset page (decision 045): public, no session, works without JavaScript. */
export function registerOpenDataRoutes(app: FastifyInstance, services: Services, config: Config) {
  const baseUrl = config.publicUrl.replace(/\/+$/, '');
  app.get(paths.openData.dataset, async (_request, reply) =>
    reply.view('features/open-data/dataset.njk', datasetPage({ baseUrl, lastChanged: await services.openActive.lastChanged() })),
  );
}
