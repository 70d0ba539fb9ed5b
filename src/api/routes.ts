import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Services } from '../services.ts';
import { registerOrukRoutes } from './oruk/oruk.routes.ts';

export async function registerApiRoutes(app: FastifyInstance, services: Services, config: Config) {
  await registerOrukRoutes(app, services, config);
}
