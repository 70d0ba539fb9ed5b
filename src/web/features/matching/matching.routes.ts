import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { DEFAULT_MATCH_RADIUS_MILES, MATCH_RADIUS_MILES } from '../../../domain/matching.ts';
import { asArray } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { matchesPageView, type MatchPageRequest } from './matching.view-model.ts';

type Params = { id: string };

const first = (value: unknown) => String(asArray(value)[0] ?? '');

/** The filters are the URL's state; anything unexpected falls back to the default rather than failing. */
export function parseMatchQuery(query: Record<string, unknown>): MatchPageRequest {
  const miles = Number(first(query.radius));
  return {
    radiusMiles: (MATCH_RADIUS_MILES as readonly number[]).includes(miles) ? miles : DEFAULT_MATCH_RADIUS_MILES,
    soon: first(query.soon) === '1',
    showUnsuitable: first(query.show) === 'unsuitable',
  };
}

/** Matching: activities ranked for one person, with the reasons (issue 3). */
export function registerMatchingRoutes(app: FastifyInstance, services: Services) {
  app.get<{ Params: Params }>(paths.caseload.matches(':id'), { preHandler: requireRole('link_worker', 'connector', 'coordinator') }, async (request, reply) => {
    const req = parseMatchQuery(request.query as Record<string, unknown>);
    const outcome = await services.matching.matchesFor(request.user!, request.params.id, req);
    return reply.view('features/matching/matches.njk', matchesPageView(outcome, req));
  });
}
