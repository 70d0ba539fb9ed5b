import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { searchSynonymForm } from './search-synonym.form.ts';
import { synonymGroups } from './search-synonyms.view-model.ts';

const VIEW = 'features/search-synonyms/search-synonyms.njk';
type WithId = { Params: { id: string } };
const FLASH = { added: 'The words have been added. Search uses them straight away.', removed: 'The words have been removed from search.' };

const valuesOf = (body: FormBody) => ({
  searchedFor: typeof body.searchedFor === 'string' ? body.searchedFor : '',
  alsoFind: typeof body.alsoFind === 'string' ? body.alsoFind : '',
});

/** Coordinators keep the other words search finds for what people type, for the whole directory. */
export async function registerSearchSynonymRoutes(app: FastifyInstance, services: Services) {
  const { searchSynonyms } = services;
  const page = async (request: FastifyRequest, values: FormBody) => ({
    pageTitle: 'Other words for search',
    flash: flashFrom(request.query, FLASH),
    groups: synonymGroups(await searchSynonyms.list(request.user!)),
    values: valuesOf(values),
    fieldErrors: {},
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'admin'));

    scope.get(paths.searchSynonyms.list, async (request, reply) => reply.view(VIEW, await page(request, {})));

    scope.post(paths.searchSynonyms.list, async (request, reply) =>
      handleForm(request, reply, {
        schema: searchSynonymForm,
        view: VIEW,
        context: (values) => page(request, values),
        handle: async (input) => {
          await searchSynonyms.add(request.user!, input);
          return `${paths.searchSynonyms.list}?done=added`;
        },
      }),
    );

    scope.post<WithId>(paths.searchSynonyms.remove(':id'), async (request, reply) => {
      await searchSynonyms.remove(request.user!, request.params.id);
      return reply.redirect(`${paths.searchSynonyms.list}?done=removed`, 303);
    });
  });
}
