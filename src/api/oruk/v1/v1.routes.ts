import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import { NotFound } from '../../../domain/errors.ts';
import { londonDate } from '../../../domain/schedule.ts';
import type { Services } from '../../../services.ts';
import { paths } from '../../../web/paths.ts';
import { lastModified, OPEN_DATA_RATE_LIMIT_PER_MINUTE, openDataScope } from '../open-data-scope.ts';
import { isUuid, QueryReader, readPerPage } from '../oruk-query.ts';
import { toOrukV1Location } from './v1-location.serialiser.ts';
import { readServiceQueryV1, V1_DEFAULT_PER_PAGE, V1_MAX_PER_PAGE } from './v1-query.ts';
import { toOrukV1Organisation, toOrukV1Page, toOrukV1Service, toOrukV1Taxonomies } from './v1-service.serialiser.ts';

/**
 * Open Referral UK 1.0, read-only, for the clients that only read 1.0 (decision 038). Open to any web
 * page; every answer carries an ETag and a conditional request that matches gets a 304; the rate limit
 * is one a client paging through the whole directory at per_page=50 never meets (decision 041).
 */
type Query = { Querystring: Record<string, unknown>; Params: { id: string } };

export async function registerOrukV1Routes(app: FastifyInstance, services: Services, config: Config) {
  const baseUrl = config.publicUrl.replace(/\/+$/, '');
  const limits = { config: { rateLimit: { max: OPEN_DATA_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } };
  const ctx = () => ({ baseUrl, today: londonDate(services.clock.now()) });
  const v1 = paths.api.orukV1;

  await app.register(async (api) => {
    openDataScope(api, v1.root);

    const details = {
      version: '1.0',
      profile: 'HSDS-UK-1.0',
      description: 'Heritage wellbeing activities in England, as Open Referral UK 1.0. The same listings in 3.0 are at the address in "v3".',
      v3: `${baseUrl}${paths.api.orukRoot}`,
      per_page: { default: V1_DEFAULT_PER_PAGE, maximum: V1_MAX_PER_PAGE },
    };
    api.get(v1.root, limits, async () => details);
    api.get(`${v1.root}/`, limits, async () => details);

    api.get<Query>(v1.services, limits, async (request, reply) => {
      const q = readServiceQueryV1(request.query);
      const { total, items } = await services.openDirectory.listActivitiesInFull(q);
      const c = ctx();
      lastModified(
        reply,
        items.map((i) => i.modifiedAt),
      );
      return toOrukV1Page(
        items.map((i) => toOrukV1Service(i, c)),
        total,
        q.page,
        q.perPage,
      );
    });

    api.get<Query>(`${v1.services}/:id`, limits, async (request, reply) => {
      if (!isUuid(request.params.id)) throw new NotFound('Service');
      const found = await services.openDirectory.getActivity(request.params.id.toLowerCase());
      lastModified(reply, [found.modifiedAt]);
      return toOrukV1Service(found, ctx());
    });

    // Organisations with at least one publicly visible listing, in the 1.0 envelope.
    api.get<Query>(v1.organizations, limits, async (request) => {
      const reader = new QueryReader(request.query);
      const page = reader.wholeNumber('page', 1, 1_000_000, 1);
      const perPage = readPerPage(reader, V1_DEFAULT_PER_PAGE, V1_MAX_PER_PAGE);
      reader.done();
      const { total, items } = await services.openDirectory.listOrganisations({ page, perPage });
      return toOrukV1Page(items.map(toOrukV1Organisation), total, page, perPage);
    });

    // Places with at least one publicly visible listing, each with what is true of the place (decision 054).
    api.get<Query>(v1.locations, limits, async (request, reply) => {
      const reader = new QueryReader(request.query);
      const page = reader.wholeNumber('page', 1, 1_000_000, 1);
      const perPage = readPerPage(reader, V1_DEFAULT_PER_PAGE, V1_MAX_PER_PAGE);
      reader.done();
      const { total, items } = await services.openDirectory.listPlaces({ page, perPage });
      const c = ctx();
      lastModified(
        reply,
        items.map((i) => i.modifiedAt),
      );
      return toOrukV1Page(
        items.map((i) => toOrukV1Location(i, c)),
        total,
        page,
        perPage,
      );
    });

    api.get<Query>(`${v1.locations}/:id`, limits, async (request, reply) => {
      if (!isUuid(request.params.id)) throw new NotFound('Location');
      const found = await services.openDirectory.getPlace(request.params.id.toLowerCase());
      lastModified(reply, [found.modifiedAt]);
      return toOrukV1Location(found, ctx());
    });

    api.get<Query>(v1.taxonomies, limits, async (request) => {
      const reader = new QueryReader(request.query);
      const page = reader.wholeNumber('page', 1, 1_000_000, 1);
      const perPage = readPerPage(reader, V1_DEFAULT_PER_PAGE, V1_MAX_PER_PAGE);
      const vocabulary = reader.text('vocabulary')?.toLowerCase();
      reader.done();
      const all = toOrukV1Taxonomies().filter((t) => !vocabulary || t.vocabulary.toLowerCase() === vocabulary);
      return toOrukV1Page(all.slice((page - 1) * perPage, page * perPage), all.length, page, perPage);
    });

    api.get<Query>(`${v1.taxonomies}/:id`, limits, async (request) => {
      const found = toOrukV1Taxonomies().find((t) => t.id === request.params.id.toLowerCase());
      if (!found) throw new NotFound('Taxonomy');
      return found;
    });

    api.get(v1.vocabularies, limits, async () => [...new Set(toOrukV1Taxonomies().map((t) => t.vocabulary))]);
  });
}
