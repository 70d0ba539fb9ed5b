import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { ROLE_LABELS, type Role } from '../../../domain/user.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm, parseOrFail } from '../../forms.ts';
import { auditQuery } from './audit.query.ts';
import { newUserForm } from './new-user.form.ts';
import { auditView, userFormContext } from './admin.view-model.ts';

type WithId = { Params: { id: string } };
const FLASH = {
  created: 'The account has been created. Give them the temporary password in person or by phone, never by email.',
  disabled: 'The account has been disabled and signed out.',
  erased: 'The person’s personal data has been erased. Their referrals remain only as anonymous counts.',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Administrators: accounts, the audit trail, and subject access and erasure requests. */
export async function registerAdminRoutes(app: FastifyInstance, services: Services) {
  const { admin } = services;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('admin'));

    scope.get(paths.admin.home, async (request, reply) =>
      reply.view('features/admin/home.njk', { pageTitle: 'Administration', flash: flashFrom(request.query, FLASH), fieldErrors: {} }),
    );

    // A person's reference (from the audit trail or their link worker) opens their privacy page.
    scope.get(paths.admin.privacyRequest, async (request, reply) => {
      const reference = String((request.query as Record<string, unknown>).reference ?? '').trim();
      if (UUID.test(reference)) return reply.redirect(paths.caseload.participantPrivacy(reference.toLowerCase()), 303);
      const error = 'Enter the person’s reference, like 3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
      return reply.status(422).view('features/admin/home.njk', {
        pageTitle: 'Administration',
        errors: [{ text: error, href: '#reference' }],
        fieldErrors: { reference: error },
      });
    });

    scope.get(paths.admin.audit, async (request, reply) => {
      const [events, users] = [await admin.auditEvents(request.user!, parseOrFail(auditQuery, request.query)), await admin.users(request.user!)];
      return reply.view('features/admin/audit.njk', { pageTitle: 'Audit trail', ...auditView(events, users) });
    });

    scope.get(paths.admin.users, async (request, reply) => {
      const users = await admin.users(request.user!);
      return reply.view('features/admin/users.njk', {
        pageTitle: 'Accounts',
        flash: flashFrom(request.query, FLASH),
        users: users.map((u) => ({ ...u, roleLabel: ROLE_LABELS[u.role as Role] ?? u.role, self: u.id === request.user!.id })),
      });
    });

    scope.get(paths.admin.userNew, async (request, reply) =>
      reply.view('features/admin/user-form.njk', userFormContext(await admin.formOptions(request.user!), {})),
    );
    scope.post(paths.admin.userNew, async (request, reply) =>
      handleForm(request, reply, {
        schema: newUserForm,
        view: 'features/admin/user-form.njk',
        context: async (values) => userFormContext(await admin.formOptions(request.user!), values),
        handle: async (input) => {
          await admin.createUser(request.user!, input);
          return `${paths.admin.users}?done=created`;
        },
      }),
    );

    scope.get<WithId>(paths.admin.userDisable(':id'), async (request, reply) => {
      const account = await admin.account(request.user!, request.params.id);
      return reply.view('features/admin/user-disable.njk', { pageTitle: 'Disable this account?', account, action: paths.admin.userDisable(account.id) });
    });
    scope.post<WithId>(paths.admin.userDisable(':id'), async (request, reply) => {
      await admin.disableUser(request.user!, request.params.id);
      return reply.redirect(`${paths.admin.users}?done=disabled`, 303);
    });
  });
}
