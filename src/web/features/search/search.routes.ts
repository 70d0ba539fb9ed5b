import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import { toErrorItems } from '../../forms.ts';
import { paths } from '../../paths.ts';
import { readShortlist } from '../shortlist/shortlist-cookie.ts';
import { parseSearchQuery } from './search.query.ts';
import { searchPageView } from './search.view-model.ts';
import { queryWords } from '../../../domain/search-words.ts';
import { walkListItem } from '../walks/walk.view-model.ts';

const VIEW = 'features/search/search.njk';

export function registerSearchRoutes(app: FastifyInstance, services: Services) {
  app.get(paths.search, async (request, reply) => {
    const query = parseSearchQuery(request.query as Record<string, unknown>);
    const opts = { shortlist: new Set(readShortlist(request)), currentUrl: request.url };
    try {
      const outcome = await services.search.search(query);
      // Self-guided walks beside the results (decision 043): free and any time, so only place, words and step-free narrow them.
      const walks =
        outcome.results.page === 1
          ? await services.walks.alongside({
              origin: outcome.origin,
              radiusMiles: outcome.radiusMiles,
              words: queryWords(query.text),
              stepFreeOnly: query.filters.access.includes('step_free'),
            })
          : [];
      return reply.view(VIEW, { ...searchPageView(query, outcome, opts), walks: walks.map(walkListItem) });
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      return reply.status(422).view(VIEW, searchPageView(query, null, { ...opts, ...toErrorItems(err.errors) }));
    }
  });
}
