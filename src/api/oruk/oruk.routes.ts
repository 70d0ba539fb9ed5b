import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { NotFound } from '../../domain/errors.ts';
import { londonDate } from '../../domain/schedule.ts';
import { VOCABULARIES } from '../../domain/vocabulary.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { lastModified, OPEN_DATA_RATE_LIMIT_PER_MINUTE, openDataScope } from './open-data-scope.ts';
import { termByTermId, vocabularyByTaxonomyId } from './oruk-ids.ts';
import { isUuid, readPagingOnly, readServiceQuery, readTermQuery } from './oruk-query.ts';
import { pageOf, toOrukPage } from './page.serialiser.ts';
import {
  serviceAtLocationIdOf,
  toOrukOrganisation,
  toOrukOrganisationWithServices,
  toOrukService,
  toOrukServiceAtLocation,
  toOrukServiceAtLocationSummary,
  toOrukServiceSummary,
} from './service.serialiser.ts';
import { toOrukTaxonomy, toOrukTaxonomyTerm } from './taxonomy.serialiser.ts';

/** Open Referral UK 3.0 (read-only): the public directory as open data. */
const API_DETAILS = {
  version: 'HSDS-UK-3.0',
  profile: 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md',
  openapi_url: 'https://docs.openreferraluk.org/en/latest/openapi30.json',
} as const;

type Query = { Querystring: Record<string, unknown>; Params: { id: string } };

export async function registerOrukRoutes(app: FastifyInstance, services: Services, config: Config) {
  const root = paths.api.orukRoot;
  const ctx = { baseUrl: config.publicUrl.replace(/\/+$/, '') };
  const limits = { config: { rateLimit: { max: OPEN_DATA_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } };

  await app.register(async (api) => {
    openDataScope(api, root);

    api.get(root, limits, async () => API_DETAILS);
    api.get(`${root}/`, limits, async () => API_DETAILS);

    api.get<Query>(paths.api.orukServices, limits, async (request, reply) => {
      const q = readServiceQuery(request.query);
      const { total, items } = await services.openDirectory.listActivities(q);
      lastModified(
        reply,
        items.map((i) => i.modifiedAt),
      );
      return toOrukPage(
        items.map((i) => toOrukServiceSummary(i, ctx)),
        total,
        q.page,
        q.perPage,
      );
    });

    api.get<Query>(`${paths.api.orukServices}/:id`, limits, async (request, reply) => {
      if (!isUuid(request.params.id)) throw new NotFound('Activity');
      const found = await services.openDirectory.getActivity(request.params.id.toLowerCase());
      lastModified(reply, [found.modifiedAt]);
      return toOrukService(found, { ...ctx, today: londonDate(services.clock.now()) });
    });

    // Organisations with at least one publicly visible listing; any other id is a 404.
    api.get<Query>(paths.api.orukOrganisations, limits, async (request) => {
      const { page, perPage } = readPagingOnly(request.query);
      const { total, items } = await services.openDirectory.listOrganisations({ page, perPage });
      return toOrukPage(
        items.map((o) => toOrukOrganisation(o, ctx, false)),
        total,
        page,
        perPage,
      );
    });

    api.get<Query>(`${paths.api.orukOrganisations}/:id`, limits, async (request) => {
      if (!isUuid(request.params.id)) throw new NotFound('Organisation');
      const { organisation, listings } = await services.openDirectory.getOrganisation(request.params.id.toLowerCase());
      return toOrukOrganisationWithServices(organisation, listings, { ...ctx, today: londonDate(services.clock.now()) });
    });

    // Each public listing is at one place, so the listings are the service_at_locations (same filters as /services).
    api.get<Query>(paths.api.orukServiceAtLocations, limits, async (request) => {
      const q = readServiceQuery(request.query);
      const { total, items } = await services.openDirectory.listActivities(q);
      return toOrukPage(
        items.map((i) => toOrukServiceAtLocationSummary(i, ctx)),
        total,
        q.page,
        q.perPage,
      );
    });

    api.get<Query>(`${paths.api.orukServiceAtLocations}/:id`, limits, async (request) => {
      const wanted = request.params.id.toLowerCase();
      if (!isUuid(wanted)) throw new NotFound('Service at location');
      const found = await services.openDirectory.getActivityByServiceAtLocationId(wanted, serviceAtLocationIdOf);
      return toOrukServiceAtLocation(found, { ...ctx, today: londonDate(services.clock.now()) });
    });

    api.get<Query>(paths.api.orukTaxonomies, limits, async (request) => {
      const { page, perPage } = readPagingOnly(request.query);
      return pageOf(
        VOCABULARIES.map((v) => toOrukTaxonomy(v, ctx)),
        page,
        perPage,
      );
    });

    api.get<Query>(`${paths.api.orukTaxonomies}/:id`, limits, async (request) => {
      const vocabulary = vocabularyByTaxonomyId(request.params.id);
      if (!vocabulary) throw new NotFound('Taxonomy');
      return toOrukTaxonomy(vocabulary, ctx);
    });

    api.get<Query>(paths.api.orukTaxonomyTerms, limits, async (request) => {
      const { page, perPage, taxonomyId } = readTermQuery(request.query);
      const vocabularies = taxonomyId ? VOCABULARIES.filter((v) => v === vocabularyByTaxonomyId(taxonomyId)) : VOCABULARIES;
      return pageOf(
        vocabularies.flatMap((v) => v.terms.map((t) => toOrukTaxonomyTerm(v, t, ctx))),
        page,
        perPage,
      );
    });

    api.get<Query>(`${paths.api.orukTaxonomyTerms}/:id`, limits, async (request) => {
      const known = termByTermId(request.params.id);
      if (!known) throw new NotFound('Taxonomy term');
      return toOrukTaxonomyTerm(known.vocabulary, known.term, ctx);
    });

    // Anything else under the API is a JSON 404 that still carries the CORS header.
    api.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: `${root}/*`,
      handler: async () => {
        throw new NotFound('Resource');
      },
    });
  });
}
