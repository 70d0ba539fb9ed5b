import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm, parseOrFail } from '../../forms.ts';
import { moveForm, promptForm } from './prompt.form.ts';

const FORM = 'features/prompts/prompt-form.njk';
type WithId = { Params: { id: string } };
const FLASH = {
  added: 'The prompt has been added.',
  saved: 'The prompt has been saved.',
  deleted: 'The prompt has been deleted.',
  moved: 'The order has been changed.',
};

const valuesOf = (body: unknown) => {
  const b = (body ?? {}) as Record<string, unknown>;
  return { theme: typeof b.theme === 'string' ? b.theme : '', prompt: typeof b.prompt === 'string' ? b.prompt : '' };
};

/** Coordinators keep the conversation prompts link workers see beside "what matters". */
export async function registerPromptRoutes(app: FastifyInstance, services: Services) {
  const { prompts } = services;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator', 'admin'));

    scope.get(paths.prompts.list, async (request, reply) => {
      const list = await prompts.list();
      return reply.view('features/prompts/prompts.njk', {
        pageTitle: 'Conversation prompts',
        flash: flashFrom(request.query, FLASH),
        prompts: list.map((p, i) => ({ ...p, first: i === 0, last: i === list.length - 1 })),
      });
    });

    const newPage = { pageTitle: 'Add a prompt', action: paths.prompts.new, fieldErrors: {} };
    scope.get(paths.prompts.new, async (_request, reply) => reply.view(FORM, { ...newPage, values: valuesOf({}) }));
    scope.post(paths.prompts.new, async (request, reply) =>
      handleForm(request, reply, {
        schema: promptForm,
        view: FORM,
        context: (values) => ({ ...newPage, values: valuesOf(values) }),
        handle: async (input) => {
          await prompts.create(request.user!, input);
          return `${paths.prompts.list}?done=added`;
        },
      }),
    );

    const editPage = (id: string) => ({ pageTitle: 'Change a prompt', action: paths.prompts.edit(id), fieldErrors: {} });
    scope.get<WithId>(paths.prompts.edit(':id'), async (request, reply) => {
      const p = await prompts.get(request.user!, request.params.id);
      return reply.view(FORM, { ...editPage(p.id), values: valuesOf(p) });
    });
    scope.post<WithId>(paths.prompts.edit(':id'), async (request, reply) => {
      const p = await prompts.get(request.user!, request.params.id); // not found before any form errors
      return handleForm(request, reply, {
        schema: promptForm,
        view: FORM,
        context: (values) => ({ ...editPage(p.id), values: valuesOf(values) }),
        handle: async (input) => {
          await prompts.update(request.user!, p.id, input);
          return `${paths.prompts.list}?done=saved`;
        },
      });
    });

    scope.post<WithId>(paths.prompts.move(':id'), async (request, reply) => {
      await prompts.move(request.user!, request.params.id, parseOrFail(moveForm, request.body).direction);
      return reply.redirect(`${paths.prompts.list}?done=moved`, 303);
    });

    scope.get<WithId>(paths.prompts.delete(':id'), async (request, reply) => {
      const p = await prompts.get(request.user!, request.params.id);
      return reply.view('features/prompts/prompt-delete.njk', { pageTitle: 'Delete this prompt?', prompt: p, action: paths.prompts.delete(p.id) });
    });
    scope.post<WithId>(paths.prompts.delete(':id'), async (request, reply) => {
      await prompts.remove(request.user!, request.params.id);
      return reply.redirect(`${paths.prompts.list}?done=deleted`, 303);
    });
  });
}
