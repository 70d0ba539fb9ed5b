import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom, handleForm } from '../provider/form-post.ts';

type Code = { Params: { code: string } };
const FORM = 'features/questionnaires/instrument.njk';
const EXAMPLE = JSON.stringify({ instrument: 'swemwbs', licence: 'Licence reference', items: ['First statement', 'Second statement', '…'] }, null, 2);

/** Administrators: the instrument registry, and loading the organisation's licensed wording. */
export async function registerInstrumentRoutes(app: FastifyInstance, services: Services) {
  const instruments = services.instruments;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('admin'));

    scope.get(paths.admin.instruments, async (request, reply) =>
      reply.view('features/questionnaires/instruments.njk', {
        pageTitle: 'Questionnaires and instruments',
        instruments: await instruments.list(request.user!),
        flash: flashFrom(request.query, { loaded: 'The wording has been loaded. Questionnaires now show it.', removed: 'The wording has been removed.' }),
      }),
    );

    scope.get<Code>(paths.admin.instrument(':code'), async (request, reply) => {
      const i = await instruments.get(request.user!, request.params.code);
      return reply.view(FORM, { pageTitle: `Load ${i.shortName} wording`, instrument: i, example: EXAMPLE, values: { wording: '' }, fieldErrors: {} });
    });

    scope.post<Code>(paths.admin.instrument(':code'), async (request, reply) => {
      const i = await instruments.get(request.user!, request.params.code);
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (body.action === 'remove') {
        await instruments.removeWording(request.user!, request.params.code);
        return reply.redirect(`${paths.admin.instruments}?done=removed`, 303);
      }
      const context = { pageTitle: `Load ${i.shortName} wording`, instrument: i, example: EXAMPLE, values: { wording: String(body.wording ?? '') } };
      return handleForm(reply, { view: FORM, context }, async () => {
        await instruments.loadWording(request.user!, request.params.code, body.wording);
        return reply.redirect(`${paths.admin.instruments}?done=loaded`, 303);
      });
    });
  });
}
