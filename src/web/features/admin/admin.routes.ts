import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { ValidationFailed } from '../../../domain/errors.ts';
import { ROLE_LABELS, type Role } from '../../../domain/user.ts';
import { paths } from '../../paths.ts';
import { requireRole } from '../../middleware/session.ts';
import { flashFrom } from '../../flash.ts';
import { handleForm, parseOrFail, rerender } from '../../forms.ts';
import { auditQuery } from './audit.query.ts';
import { newUserForm } from './new-user.form.ts';
import { auditView, privacySearchView, userFormContext } from './admin.view-model.ts';

type WithId = { Params: { id: string } };
const FLASH = {
  created: 'The account has been created. Give them the temporary password in person or by phone, never by email.',
  disabled: 'The account has been disabled and signed out.',
  erased: 'The person’s personal data has been erased. Their referrals remain only as anonymous counts.',
  contributorErased: 'The contributor’s account has been erased, and what they added removed or kept without their name as they chose.',
};

/** Administrators: accounts, the audit trail, and subject access and erasure requests. */
export async function registerAdminRoutes(app: FastifyInstance, services: Services) {
  const { admin } = services;
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireRole('admin'));

    scope.get(paths.admin.home, async (request, reply) =>
      reply.view('features/admin/home.njk', { pageTitle: 'Administration', flash: flashFrom(request.query, FLASH), fieldErrors: {}, values: {} }),
    );

    // Subject access: find the person by part of their name or by reference (audited), then open their page.
    scope.get(paths.admin.privacyRequest, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const typed = String(query.q ?? query.reference ?? '').trim();
      try {
        const found = await services.privacy.search(request.user!, typed);
        const only = found.matches.length === 1 ? found.matches[0]! : null;
        if (found.by === 'reference' && only && only.id === typed.toLowerCase()) return reply.redirect(paths.caseload.participantPrivacy(only.id), 303);
        return reply.view('features/admin/privacy-search.njk', { pageTitle: 'Find a person', q: typed, ...privacySearchView(found) });
      } catch (err) {
        if (!(err instanceof ValidationFailed)) throw err;
        return rerender(reply, 'features/admin/home.njk', { pageTitle: 'Administration', values: { q: typed } }, err.errors);
      }
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
