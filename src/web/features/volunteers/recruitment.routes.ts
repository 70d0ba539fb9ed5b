import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Services } from '../../../services.ts';
import { labelOf } from '../../../domain/vocabulary.ts';
import { formatPhone } from '../../../domain/contact-details.ts';
import { shortDate } from '../../../domain/volunteer-checks.ts';
import { londonDate } from '../../../domain/schedule.ts';
import { INTEREST_KEEP_DAYS } from '../../../services/volunteer-recruitment.service.ts';
import type { VolunteerInterest } from '../../../data/repositories/volunteer-recruitment.repository.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm, type FormBody } from '../../forms.ts';
import { requireRole } from '../../middleware/session.ts';
import { paths } from '../../paths.ts';
import { VOLUNTEER_CONTACT } from './profile.form.ts';
import { CHECK_KINDS, checkTypeForm, conversationForm, inviteForm } from './recruitment.form.ts';
import { volunteerWithUsForm } from './volunteer-with-us.form.ts';

type WithId = { Params: { id: string } };
const V = 'features/volunteers/';

const INTEREST_FLASH = {
  conversation: 'The conversation has been recorded.',
  closed: 'The expression of interest has been closed and deleted.',
};

function interestView(i: VolunteerInterest) {
  return {
    id: i.id,
    knownAs: i.knownAs,
    role: i.roleName,
    organisation: i.organisationName,
    contact: [labelOf(VOLUNTEER_CONTACT, i.contactPreference), i.email, i.phone && formatPhone(i.phone)].filter(Boolean).join(' · '),
    email: i.email ?? '',
    postcode: i.postcode ?? '',
    about: i.about,
    sent: shortDate(londonDate(i.createdAt)),
    conversation: i.conversationOn ? shortDate(i.conversationOn) : '',
    deletedAfter: shortDate(londonDate(new Date(i.createdAt.getTime() + INTEREST_KEEP_DAYS * 86_400_000))),
  };
}

/** Light-touch recruitment: the public "Volunteer with us" form, the lead's expressions of interest, and the types of training and check. */
export function registerRecruitmentRoutes(app: FastifyInstance, services: Services, config: Config) {
  const recruitment = services.volunteerRecruitment;

  // The public form (no account).

  const formPage = async (values: FormBody) => {
    const roles = await recruitment.recruitingRoles();
    return {
      pageTitle: 'Volunteer with us',
      roles: roles.map((r) => ({
        value: r.id,
        text: `${r.name} at ${r.organisationName}`,
        hint: { text: r.buddyScheme ? `${r.buddyScheme}. ${r.description}` : r.description },
        checked: values.volunteerRoleId === r.id,
      })),
      contactItems: VOLUNTEER_CONTACT.map((c) => ({ value: c.code, text: c.label, checked: values.contactPreference === c.code })),
      values,
      fieldErrors: {},
    };
  };

  // A pre-filled link from the end of a prescription (decision 034): the form stays editable; a link
  // that is not (or no longer) good shows the plain form.
  app.get<{ Querystring: { invite?: string } }>(paths.volunteerWithUs.form, async (request, reply) => {
    const invite = typeof request.query?.invite === 'string' ? request.query.invite : '';
    const prefill = invite ? await services.volunteerPathways.prefill(invite) : null;
    return reply.view(`${V}volunteer-with-us.njk`, await formPage(prefill ? { ...prefill.values, invite } : {}));
  });

  app.post(paths.volunteerWithUs.form, { config: { rateLimit: { max: config.formRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) =>
    handleForm(request, reply, {
      schema: volunteerWithUsForm,
      view: `${V}volunteer-with-us.njk`,
      context: (values) => formPage(values),
      handle: async ({ invite, ...input }) => {
        await recruitment.expressInterest(input, services.volunteerPathways.from(invite));
        return paths.volunteerWithUs.sent;
      },
    }),
  );

  app.get(paths.volunteerWithUs.sent, async (_request, reply) =>
    reply.view(`${V}volunteer-with-us-sent.njk`, { pageTitle: 'Thank you for offering to volunteer', keepDays: INTEREST_KEEP_DAYS }),
  );

  // The volunteer lead's expressions of interest.

  const lead = { preHandler: requireRole('volunteer_lead') };

  app.get(paths.volunteers.interests, lead, async (request, reply) => {
    const list = await recruitment.interests(request.user!);
    return reply.view(`${V}interests.njk`, {
      pageTitle: 'Expressions of interest',
      flash: flashFrom(request.query, INTEREST_FLASH),
      interests: list.map(interestView),
      keepDays: INTEREST_KEEP_DAYS,
    });
  });

  const interestPage = async (request: FastifyRequest<WithId>, values: FormBody = {}) => {
    const i = await recruitment.interest(request.user!, request.params.id);
    return {
      pageTitle: i.knownAs,
      flash: flashFrom(request.query, INTEREST_FLASH),
      interest: interestView(i),
      values: { email: i.email ?? '', ...values },
      fieldErrors: {},
    };
  };

  app.get<WithId>(paths.volunteers.interest(':id'), lead, async (request, reply) => reply.view(`${V}interest.njk`, await interestPage(request)));

  app.post<WithId>(paths.volunteers.interestConversation(':id'), lead, async (request, reply) => {
    await recruitment.ledInterest(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: conversationForm,
      view: `${V}interest.njk`,
      context: (values) => interestPage(request, values),
      handle: async (input) => {
        await recruitment.recordConversation(request.user!, request.params.id, input.conversationOn);
        return `${paths.volunteers.interest(request.params.id)}?done=conversation`;
      },
    });
  });

  app.post<WithId>(paths.volunteers.interestInvite(':id'), lead, async (request, reply) => {
    await recruitment.ledInterest(request.user!, request.params.id);
    return handleForm(request, reply, {
      schema: inviteForm,
      view: `${V}interest.njk`,
      context: (values) => interestPage(request, values),
      handle: async (input) => {
        const volunteerId = await recruitment.invite(request.user!, request.params.id, input.email);
        return `${paths.volunteers.volunteer(volunteerId)}?done=invited`;
      },
    });
  });

  app.post<WithId>(paths.volunteers.interestClose(':id'), lead, async (request, reply) => {
    await recruitment.closeInterest(request.user!, request.params.id);
    return reply.redirect(`${paths.volunteers.interests}?done=closed`, 303);
  });

  // Types of training and check (administrators).

  const admin = { preHandler: requireRole('admin') };
  const typesPage = async (request: FastifyRequest, values: FormBody = {}) => {
    const { types, roles } = await recruitment.checkTypesForAdmin(request.user!);
    const chosen = Array.isArray(values.roleIds) ? values.roleIds.map(String) : typeof values.roleIds === 'string' ? [values.roleIds] : [];
    return {
      pageTitle: 'Volunteer training and checks',
      flash: flashFrom(request.query, { added: 'The training or check has been added.' }),
      types: types.map(({ type, roles: requiredBy }) => ({
        name: type.name,
        kind: labelOf(CHECK_KINDS, type.kind),
        lasts: type.validMonths ? `${type.validMonths} months` : 'Does not expire',
        roles: requiredBy.map((r) => `${r.name} (${r.organisationName})`),
      })),
      kinds: CHECK_KINDS.map((k) => ({ value: k.code, text: k.label, hint: 'hint' in k ? { text: k.hint } : undefined, checked: values.kind === k.code })),
      roles: roles.map((r) => ({ value: r.id, text: `${r.name} at ${r.organisationName}`, checked: chosen.includes(r.id) })),
      values,
      fieldErrors: {},
    };
  };
  app.get(paths.admin.volunteerChecks, admin, async (request, reply) => reply.view(`${V}check-types.njk`, await typesPage(request)));
  app.post(paths.admin.volunteerChecks, admin, async (request, reply) =>
    handleForm(request, reply, {
      schema: checkTypeForm,
      view: `${V}check-types.njk`,
      context: (values) => typesPage(request, values),
      handle: async (input) => {
        await recruitment.addCheckType(request.user!, input);
        return `${paths.admin.volunteerChecks}?done=added`;
      },
    }),
  );
}
