import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Services } from '../services.ts';
import { registerOrukRoutes } from './oruk/oruk.routes.ts';
import { registerOrukV1Routes } from './oruk/v1/v1.routes.ts';
import { registerOpenActiveRoutes } from './openactive/openactive.routes.ts';
import { registerFhirRoutes } from './fhir/fhir.routes.ts';

export async function registerApiRoutes(app: FastifyInstance, services: Services, config: Config) {
  await registerOrukV1Routes(app, services, config);
  await registerOrukRoutes(app, services, config);
  await registerOpenActiveRoutes(app, services, config);
  await registerFhirRoutes(app, services, config);
}
