import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { NotFound } from '../../../domain/errors.ts';
import { ORGANISATION_TYPES } from '../../../domain/vocabulary.ts';
import { paths } from '../../paths.ts';
import { handleForm } from '../../forms.ts';
import { organisationForm } from './organisation.form.ts';

const VIEW = 'features/provider/organisation-form.njk';
const orgTypes = ORGANISATION_TYPES.map((t) => ({ value: t.code, text: t.label }));
const FIELDS = ['name', 'orgType', 'description', 'email', 'phone', 'website'] as const;
const pick = (body: unknown) => Object.fromEntries(FIELDS.map((f) => [f, String((body as Record<string, unknown>)?.[f] ?? '')]));

export function registerOrganisationRoutes(app: FastifyInstance, services: Services) {
  const orgs = services.listings.organisations;
  const newPage = { pageTitle: 'Add your organisation', creating: true, action: paths.provider.organisationNew, orgTypes, fieldErrors: {} };
  const editPage = { pageTitle: 'Edit organisation details', creating: false, action: paths.provider.organisationEdit, orgTypes, fieldErrors: {} };

  app.get(paths.provider.organisationNew, async (request, reply) => {
    if (request.user!.organisationIds.length > 0) return reply.redirect(paths.provider.organisationEdit);
    return reply.view(VIEW, { ...newPage, values: {} });
  });

  app.post(paths.provider.organisationNew, async (request, reply) => {
    if (request.user!.organisationIds.length > 0) return reply.redirect(paths.provider.organisationEdit, 303);
    return handleForm(request, reply, {
      schema: organisationForm,
      view: VIEW,
      context: (values) => ({ ...newPage, values: pick(values) }),
      handle: async (input) => {
        await orgs.create(request.user!, input);
        return `${paths.provider.dashboard}?done=organisation-created`;
      },
    });
  });

  app.get(paths.provider.organisationEdit, async (request, reply) => {
    const org = await orgs.mine(request.user!);
    return reply.view(VIEW, { ...editPage, values: org ? pick(org) : {} });
  });

  app.post(paths.provider.organisationEdit, async (request, reply) => {
    if (!(await orgs.mine(request.user!))) throw new NotFound('Organisation');
    return handleForm(request, reply, {
      schema: organisationForm,
      view: VIEW,
      context: (values) => ({ ...editPage, values: pick(values) }),
      handle: async (input) => {
        await orgs.update(request.user!, input);
        return `${paths.provider.dashboard}?done=organisation`;
      },
    });
  });
}
