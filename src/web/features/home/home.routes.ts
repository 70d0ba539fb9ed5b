import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { ACTIVITY_TYPES, NEEDS } from '../../../domain/vocabulary.ts';

export function registerHomeRoutes(app: FastifyInstance, _services: Services) {
  app.get(paths.home, async (_request, reply) =>
    reply.view('features/home/home.njk', { pageTitle: 'Find heritage wellbeing activities', activityTypes: ACTIVITY_TYPES, needs: NEEDS }),
  );
  app.get(paths.accessibility, async (_request, reply) => reply.view('features/home/accessibility.njk', { pageTitle: 'Accessibility statement' }));
  app.get(paths.privacy, async (_request, reply) => reply.view('features/home/privacy.njk', { pageTitle: 'Privacy' }));
}
