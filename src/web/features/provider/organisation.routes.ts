import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../../domain/user.ts';
import type { Services } from '../../../services.ts';
import { formatPhone } from '../../../domain/contact-details.ts';
import { NotFound } from '../../../domain/errors.ts';
import { ORGANISATION_TYPES } from '../../../domain/vocabulary.ts';
import { paths } from '../../paths.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm } from '../../forms.ts';
import { organisationForm, twoFactorSettingForm } from './organisation.form.ts';

const CONFIRM_EMAIL_VIEW = 'features/account/confirm-email-first.njk';
const FLASH = {
  'two-factor-on': 'Two-factor sign-in is now required for your organisation’s staff. Anyone without it was signed out and sets it up when they next sign in.',
  'two-factor-off': 'Two-factor sign-in is no longer required for your organisation’s staff. Those who use it keep it.',
};

const VIEW = 'features/provider/organisation-form.njk';
const orgTypes = ORGANISATION_TYPES.map((t) => ({ value: t.code, text: t.label }));
const FIELDS = ['name', 'orgType', 'description', 'email', 'phone', 'website'] as const;
/** The form's values: as typed, or as stored with the phone number shown formatted (decision 023). */
const pick = (body: unknown) =>
  Object.fromEntries(
    FIELDS.map((f) => {
      const v = String((body as Record<string, unknown>)?.[f] ?? '');
      return [f, f === 'phone' && v ? formatPhone(v) : v];
    }),
  );

export function registerOrganisationRoutes(app: FastifyInstance, services: Services) {
  const orgs = services.listings.organisations;
  const newPage = { pageTitle: 'Add your organisation', creating: true, action: paths.provider.organisationNew, orgTypes, fieldErrors: {} };
  const editPage = { pageTitle: 'Edit organisation details', creating: false, action: paths.provider.organisationEdit, orgTypes, fieldErrors: {} };

  // An organisation goes to a coordinator only from a confirmed email address.
  const confirmFirst = (reply: FastifyReply, status: number) =>
    reply.status(status).view(CONFIRM_EMAIL_VIEW, { pageTitle: 'Confirm your email address first' });

  app.get(paths.provider.organisationNew, async (request, reply) => {
    if (request.user!.organisationIds.length > 0) return reply.redirect(paths.provider.organisationEdit);
    if (!(await services.accounts.isEmailVerified(request.user!.id))) return confirmFirst(reply, 200);
    return reply.view(VIEW, { ...newPage, values: {} });
  });

  app.post(paths.provider.organisationNew, async (request, reply) => {
    if (request.user!.organisationIds.length > 0) return reply.redirect(paths.provider.organisationEdit, 303);
    if (!(await services.accounts.isEmailVerified(request.user!.id))) return confirmFirst(reply, 403);
    return handleForm(request, reply, {
      schema: organisationForm,
      view: VIEW,
      context: (values) => ({ ...newPage, values: pick(values) }),
      handle: async (input) => {
        // Flag a likely duplicate before it is made (decision 047): the provider may still send it.
        if ((request.body as Record<string, unknown>)?.differentOrganisation !== 'yes') {
          const similar = await services.listings.duplicates.similarToNew({
            name: input.name,
            email: input.email,
            phone: input.phone,
            website: input.website,
            places: [],
          });
          if (similar.length > 0) return reply.view(VIEW, { ...newPage, values: pick(request.body), similar });
        }
        await orgs.create(request.user!, input);
        return `${paths.provider.dashboard}?done=organisation-created`;
      },
    });
  });

  const twoFactorSetting = async (user: User) => {
    const id = user.organisationIds[0];
    return id ? { requireTwoFactor: await services.accounts.organisationRequiresTwoFactor(id) } : undefined;
  };

  app.get(paths.provider.organisationEdit, async (request, reply) => {
    const org = await orgs.mine(request.user!);
    return reply.view(VIEW, {
      ...editPage,
      values: org ? pick(org) : {},
      twoFactor: await twoFactorSetting(request.user!),
      flash: flashFrom(request.query, FLASH),
    });
  });

  app.post(paths.provider.organisationTwoFactor, async (request, reply) => {
    const org = await orgs.mine(request.user!);
    if (!org) throw new NotFound('Organisation');
    return handleForm(request, reply, {
      schema: twoFactorSettingForm,
      view: VIEW,
      context: async (values) => ({ ...editPage, values: pick(org), twoFactor: { requireTwoFactor: values.requireTwoFactor === 'yes' } }),
      handle: async ({ requireTwoFactor }) => {
        await services.accounts.setOrganisationTwoFactor(request.user!, requireTwoFactor);
        return `${paths.provider.organisationEdit}?done=${requireTwoFactor ? 'two-factor-on' : 'two-factor-off'}`;
      },
    });
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
