import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { ORGANISATION_TYPES, labelOf } from '../../../domain/vocabulary.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';
import { registerDuplicateRoutes } from './duplicates.routes.ts';
import { registerReviewRoutes } from './review.routes.ts';
import { registerCalendarReviewRoutes } from './calendar-review.routes.ts';

export const COORDINATOR_FLASH = {
  'organisation-approved': 'The organisation has been approved. We have emailed the provider.',
  'organisation-rejected': 'The organisation has been rejected. We have emailed the provider your reason.',
  'listing-approved': 'The listing has been approved and is now live. We have emailed the provider.',
  'listing-rejected': 'The listing has been rejected. We have emailed the provider your reason.',
  'listing-changes-requested': 'We have emailed the provider what needs to change. The listing comes back here when they send it again.',
  'calendar-approved': 'The sessions from the provider’s calendar are now live. We have emailed the provider.',
  'calendar-rejected': 'The sessions from the provider’s calendar were rejected. People see the sessions as they were. We have emailed the provider.',
  'change-approved': 'The change has been approved and is now live. We have emailed the provider.',
  'change-rejected': 'The change has been rejected. The live listing is unchanged. We have emailed the provider your reason.',
  'change-changes-requested': 'We have emailed the provider what needs to change. The live listing is unchanged.',
};

/** Coordinators and administrators: approval queues and freshness. */
export async function registerCoordinatorRoutes(app: FastifyInstance, services: Services) {
  const { organisations, review, freshness, calendarImports } = services.listings;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'admin'));

    scope.get(paths.coordinator.dashboard, async (request, reply) => {
      const counts = { ...(await freshness.coordinatorCounts(request.user!)), calendarImports: await calendarImports.countWaiting(request.user!) };
      return reply.view('features/coordinator/dashboard.njk', { pageTitle: 'Coordinator dashboard', counts });
    });

    scope.get(paths.coordinator.organisations, async (request, reply) => {
      const list = await organisations.queue(request.user!);
      return reply.view('features/coordinator/organisations.njk', {
        pageTitle: 'Organisations waiting for approval',
        flash: flashFrom(request.query, COORDINATOR_FLASH),
        organisations: list.map((o) => ({ ...o, typeLabel: labelOf(ORGANISATION_TYPES, o.orgType) })),
      });
    });

    scope.get(paths.coordinator.listings, async (request, reply) => {
      return reply.view('features/coordinator/listings.njk', {
        pageTitle: 'Listings waiting for approval',
        flash: flashFrom(request.query, COORDINATOR_FLASH),
        listings: await review.listingQueue(request.user!),
        changes: await review.changeQueue(request.user!),
        calendarImports: await calendarImports.queue(request.user!),
      });
    });

    scope.get(paths.coordinator.stale, async (request, reply) => {
      const stale = await freshness.stale(request.user!);
      return reply.view('features/coordinator/stale.njk', { pageTitle: 'Listings going stale', ...stale });
    });

    registerReviewRoutes(scope, services);
    registerDuplicateRoutes(scope, services);
    registerCalendarReviewRoutes(scope, services);
  });
}
