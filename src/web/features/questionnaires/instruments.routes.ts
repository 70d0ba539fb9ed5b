import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { multipartForm } from '../../middleware/multipart-form.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm } from '../../forms.ts';
import { wordingForm } from './wording.form.ts';

type Code = { Params: { code: string } };
const FORM = 'features/questionnaires/instrument.njk';
/** A wording file is a few kilobytes; anything bigger is not one. */
const MAX_WORDING_FILE_BYTES = 256 * 1024;

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

    // One field per statement (values: what was typed, or the loaded wording to check and correct).
    const page = (i: Awaited<ReturnType<typeof instruments.get>>, values: Record<string, unknown>) => ({
      pageTitle: `Load ${i.shortName} wording`,
      instrument: i,
      example: EXAMPLE,
      values,
      statements: Array.from({ length: i.items }, (_, n) => ({
        name: `statement${n + 1}`,
        label: `Statement ${n + 1}`,
        value: String(values[`statement${n + 1}`] ?? ''),
      })),
    });
    const loaded = (i: Awaited<ReturnType<typeof instruments.get>>) => ({
      licence: i.licence ?? '',
      ...Object.fromEntries(i.statements.map((text, n) => [`statement${n + 1}`, text])),
    });

    scope.get<Code>(paths.admin.instrument(':code'), async (request, reply) => {
      const i = await instruments.get(request.user!, request.params.code);
      return reply.view(FORM, { ...page(i, loaded(i)), fieldErrors: {} });
    });

    // Wording can also be uploaded as a file (a plain form post, no JavaScript needed): fields arrive as
    // strings, as in every other form, and the file as its text; read only after the role check.
    scope.post<Code>(paths.admin.instrument(':code'), multipartForm({ maxFileBytes: MAX_WORDING_FILE_BYTES }), async (request, reply) => {
      const i = await instruments.get(request.user!, request.params.code);
      return handleForm(request, reply, {
        schema: wordingForm(i),
        view: FORM,
        context: (values) => page(i, values),
        handle: async (input) => {
          if (input.remove) {
            await instruments.removeWording(request.user!, request.params.code);
            return `${paths.admin.instruments}?done=removed`;
          }
          await instruments.loadWording(request.user!, request.params.code, input.wording);
          return `${paths.admin.instruments}?done=loaded`;
        },
      });
    });
  });
}
