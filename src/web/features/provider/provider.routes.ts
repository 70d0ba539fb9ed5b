import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { ORGANISATION_TYPES, labelOf } from '../../../domain/vocabulary.ts';
import { LISTING_STATES, ORGANISATION_STATES } from '../../../domain/listing-status.ts';
import { FRESHNESS } from '../../../domain/directory.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';
import { registerOrganisationRoutes } from './organisation.routes.ts';
import { registerPlaceRoutes } from './place.routes.ts';
import { registerActivityRoutes } from './activity.routes.ts';
import { registerSessionRoutes } from './session.routes.ts';
import { registerCalendarImportRoutes } from './calendar-import.routes.ts';

const FLASH = {
  organisation: 'Your organisation has been saved',
  'email-confirmed': 'Your email address is confirmed. You can now send your organisation for approval.',
  'organisation-created': 'Your organisation has been sent to a coordinator for approval. Next, add the places where your activities happen.',
  withdrawn: 'The listing has been withdrawn. It no longer appears in search.',
};

const COORDINATOR_NOTE = {
  rejected: 'Not approved',
  changes_requested: 'Changes requested',
  change_rejected: 'Your changes were not approved',
  change_changes_requested: 'Changes requested to your changes',
} as const;

/** Provider staff: their organisation, places, activities and sessions. Nobody else comes in. */
export async function registerProviderRoutes(app: FastifyInstance, services: Services) {
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('provider'));
    // Everything here is about an organisation: a provider without one creates it first.
    scope.addHook('preHandler', async (request, reply) => {
      if (reply.sent || !request.user || request.user.organisationIds.length > 0) return;
      if (request.url.split('?')[0] !== paths.provider.organisationNew) return reply.redirect(paths.provider.organisationNew);
    });

    scope.get(paths.provider.sites, async (request, reply) => {
      const rows = await services.listings.parentBodies.sites(request.user!);
      const sites = [...new Set(rows.map((r) => r.organisationId))].map((id) => {
        const mine = rows.filter((r) => r.organisationId === id);
        return { name: mine[0]!.organisationName, listings: mine.filter((r) => r.activityId) };
      });
      return reply.view('features/provider/sites.njk', { pageTitle: 'Your sites', sites });
    });

    scope.get(paths.provider.dashboard, async (request, reply) => {
      const d = await services.listings.activities.dashboard(request.user!);
      return reply.view('features/provider/dashboard.njk', {
        pageTitle: 'Your listings',
        flash: flashFrom(request.query, FLASH),
        organisation: d.organisation && {
          ...d.organisation,
          typeLabel: labelOf(ORGANISATION_TYPES, d.organisation.orgType),
          state: ORGANISATION_STATES[d.organisation.status],
        },
        placeCount: d.places.length,
        activities: d.activities.map((a) => ({
          id: a.id,
          title: a.title,
          placeName: a.placeName,
          state: LISTING_STATES[a.state],
          freshness: a.freshness,
          lastCheckedAt: a.lastCheckedAt,
          nextSessionAt: a.nextSessionAt,
          flag: a.coordinatorNote ? { heading: COORDINATOR_NOTE[a.coordinatorNote.status], note: a.coordinatorNote.note } : null,
        })),
        attention: d.activities.filter((a) => a.coordinatorNote || a.freshness === 'due' || a.freshness === 'expired').length,
        freshness: FRESHNESS,
      });
    });

    scope.get(paths.provider.activities, async (_request, reply) => reply.redirect(paths.provider.dashboard));

    registerOrganisationRoutes(scope, services);
    registerPlaceRoutes(scope, services);
    registerActivityRoutes(scope, services);
    registerSessionRoutes(scope, services);
    registerCalendarImportRoutes(scope, services);
  });
}
