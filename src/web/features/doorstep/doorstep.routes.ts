import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import { asArray, toErrorItems } from '../../forms.ts';
import { paths } from '../../paths.ts';
import { parsePage, parseRadius } from '../search/search.query.ts';
import { doorstepPageView, type DoorstepRequest } from './doorstep.view-model.ts';
import { walkListItem } from '../walks/walk.view-model.ts';

const VIEW = 'features/doorstep/doorstep.njk';

/** Heritage on your doorstep: nearby heritage places with no organised activity yet. */
export function registerDoorstepRoutes(app: FastifyInstance, services: Services) {
  app.get(paths.doorstep, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const req: DoorstepRequest = {
      where: String(asArray(query.where)[0] ?? '').slice(0, 200),
      radiusMiles: parseRadius(query.radius),
      page: parsePage(query.page),
    };
    try {
      const outcome = await services.doorstep.nearby(req);
      // Heritage walks near here too, with their source in words (decision 043).
      const walks = outcome ? await services.walks.alongside({ origin: outcome.origin, radiusMiles: req.radiusMiles, words: [], stepFreeOnly: false }) : [];
      return reply.view(VIEW, { ...doorstepPageView(req, outcome), walks: walks.map(walkListItem) });
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      return reply.status(422).view(VIEW, doorstepPageView(req, null, toErrorItems(err.errors)));
    }
  });
}
