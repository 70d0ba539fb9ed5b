import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import type { User } from '../../../domain/user.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm, parseOrFail } from '../../forms.ts';
import { buddySchemeActiveForm, buddySchemeForm } from './buddy-scheme.form.ts';
import { loneWorkingForm } from './lone-working.form.ts';
import { formatPhone } from '../../../domain/contact-details.ts';
import type { LoneWorkingSettings } from '../../../domain/buddy-scheme.ts';
import { listItem, NEW_VALUES, OPTIONS, organisationField, valuesFromBody, valuesFromScheme, type BuddySchemeFormValues } from './buddy-scheme-form.ts';

const FORM = 'features/buddy-schemes/buddy-scheme-form.njk';
const LONE_WORKING = 'features/buddy-schemes/lone-working.njk';

const settingsValues = (s: LoneWorkingSettings) => ({
  checkoutGraceMinutes: String(s.checkoutGraceMinutes),
  escalateAfterMinutes: String(s.escalateAfterMinutes),
  safeguardingName: s.safeguardingName ?? '',
  safeguardingPhone: s.safeguardingPhone ? formatPhone(s.safeguardingPhone) : '',
  safeguardingEmail: s.safeguardingEmail ?? '',
});

/**
 * The lone-working settings page (decision 028, 034), for the coordinator at `path` and the volunteer
 * lead at `leadPath`; the service decides whose buddy scheme it is (anyone else's is not found).
 */
function registerLoneWorking(scope: FastifyInstance, services: Services, page: { path: (id: string) => string; back: string; backText: string; done: string }) {
  const { buddySchemes } = services;
  const context = (schemeName: string, id: string, values: Record<string, unknown>) => ({
    pageTitle: 'Lone-working settings',
    schemeName,
    action: page.path(id),
    backHref: page.back,
    backText: page.backText,
    values,
    fieldErrors: {},
  });
  scope.get<WithId>(page.path(':id'), async (request, reply) => {
    const { scheme, settings } = await buddySchemes.loneWorking(request.user!, request.params.id);
    return reply.view(LONE_WORKING, context(scheme.name, scheme.id, settingsValues(settings)));
  });
  scope.post<WithId>(page.path(':id'), async (request, reply) => {
    const { scheme } = await buddySchemes.loneWorking(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: loneWorkingForm,
      view: LONE_WORKING,
      context: (values) => context(scheme.name, scheme.id, values),
      handle: async (input) => {
        await buddySchemes.updateLoneWorking(request.user!, scheme.id, input);
        return `${page.done}?done=loneWorking`;
      },
    });
  });
}
type WithId = { Params: { id: string } };
const FLASH = {
  added: 'The buddy scheme has been added. Link workers in your scheme can now refer people to it.',
  saved: 'The buddy scheme has been saved.',
  loneWorking: 'The lone-working settings have been saved.',
  paused: 'The buddy scheme has been paused. It takes no new referrals until you resume it.',
  resumed: 'The buddy scheme has been resumed. Link workers can refer people to it again.',
};

/** A scheme's coordinators keep the buddy schemes its link workers can refer people to. */
export async function registerBuddySchemeRoutes(app: FastifyInstance, services: Services) {
  const { buddySchemes } = services;

  async function formPage(user: User, page: { pageTitle: string; action: string }, values: BuddySchemeFormValues) {
    const choices = await buddySchemes.organisationChoices(user);
    return { ...page, values, options: OPTIONS, organisation: organisationField(choices, values.organisationId), fieldErrors: {} };
  }

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('coordinator'));

    scope.get(paths.buddySchemes.list, async (request, reply) => {
      const list = await buddySchemes.listForCoordinator(request.user!);
      return reply.view('features/buddy-schemes/buddy-schemes.njk', {
        pageTitle: 'Buddy schemes',
        flash: flashFrom(request.query, FLASH),
        buddySchemes: list.map(listItem),
      });
    });

    const newPage = { pageTitle: 'Add a buddy scheme', action: paths.buddySchemes.new };
    scope.get(paths.buddySchemes.new, async (request, reply) => reply.view(FORM, await formPage(request.user!, newPage, NEW_VALUES)));
    scope.post(paths.buddySchemes.new, async (request, reply) =>
      handleForm(request, reply, {
        schema: buddySchemeForm,
        view: FORM,
        context: (values) => formPage(request.user!, newPage, valuesFromBody(values)),
        handle: async (input) => {
          await buddySchemes.create(request.user!, input);
          return `${paths.buddySchemes.list}?done=added`;
        },
      }),
    );

    const editPage = (id: string) => ({ pageTitle: 'Change a buddy scheme', action: paths.buddySchemes.edit(id) });
    scope.get<WithId>(paths.buddySchemes.edit(':id'), async (request, reply) => {
      const b = await buddySchemes.get(request.user!, request.params.id);
      return reply.view(FORM, await formPage(request.user!, editPage(b.id), valuesFromScheme(b)));
    });
    scope.post<WithId>(paths.buddySchemes.edit(':id'), async (request, reply) => {
      // Someone else's buddy scheme is not found before anything about the form is said.
      const b = await buddySchemes.get(request.user!, request.params.id);
      return handleForm(request, reply, {
        schema: buddySchemeForm,
        view: FORM,
        context: (values) => formPage(request.user!, editPage(b.id), valuesFromBody(values)),
        handle: async (input) => {
          await buddySchemes.update(request.user!, b.id, input);
          return `${paths.buddySchemes.list}?done=saved`;
        },
      });
    });

    scope.post<WithId>(paths.buddySchemes.active(':id'), async (request, reply) => {
      const b = await buddySchemes.get(request.user!, request.params.id);
      const { active } = parseOrFail(buddySchemeActiveForm, request.body);
      await buddySchemes.setActive(request.user!, b.id, active);
      return reply.redirect(`${paths.buddySchemes.list}?done=${active ? 'resumed' : 'paused'}`, 303);
    });

    registerLoneWorking(scope, services, {
      path: paths.buddySchemes.loneWorking,
      back: paths.buddySchemes.list,
      backText: 'Buddy schemes',
      done: paths.buddySchemes.list,
    });
  });

  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('volunteer_lead'));
    registerLoneWorking(scope, services, {
      path: paths.buddySchemes.leadLoneWorking,
      back: paths.volunteers.list,
      backText: 'Volunteers',
      done: paths.volunteers.list,
    });
  });
}
