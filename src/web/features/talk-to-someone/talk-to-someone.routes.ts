import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { pointView } from '../pack/pack.view-model.ts';

/**
 * "Talk to someone" (issue 10, decision 035): the information points by area — the Heritage Café
 * (where, when, who will be there), the phone line (number, opening hours), libraries with the pack.
 */
export function registerTalkToSomeoneRoutes(app: FastifyInstance, services: Services, config: Config) {
  app.get(paths.talkToSomeone, async (_request, reply) => {
    const areas = await services.informationPoints.listPublic();
    return reply.view('features/talk-to-someone/talk-to-someone.njk', {
      pageTitle: 'Talk to someone',
      areas: areas.map((a) => ({ area: a.area, points: a.points.map((p) => pointView({ ...p, dates: p.next }, config.publicUrl)) })),
    });
  });
}
