import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { AuditFilter, UserAdminRepository } from '../data/repositories/user-admin.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound, ValidationFailed, type FieldError } from '../domain/errors.ts';
import { hashPassword } from '../domain/password.ts';
import { passwordProblem, personalWords } from '../domain/password-strength.ts';
import type { Role, User } from '../domain/user.ts';

export const ROLES = [
  'link_worker',
  'connector',
  'coordinator',
  'provider',
  'commissioner',
  'admin',
  'buddy',
  'volunteer_lead',
] as const satisfies readonly Role[];

/** A new account as an administrator enters it (parsed at the edge); blank scheme or organisation is ''. */
export type NewUserInput = {
  displayName: string;
  email: string;
  role: (typeof ROLES)[number];
  schemeId: string;
  organisationId: string;
  temporaryPassword: string;
};

export const AUDIT_PAGE_SIZE = 50;
/** Audit trail filters: a subject id, an actor's user id, dates 'YYYY-MM-DD'; blank means any. */
export type AuditQuery = { subject: string; actor: string; from: string; to: string; page: number };

/**
 * Administrators: accounts (create any role with a temporary password, which the person must change
 * when they first sign in; disable) and the audit trail.
 */
export function createAdminService(deps: { db: Db; accounts: UserAdminRepository; audit: AuditRepository; clock: Clock }) {
  const { db, accounts, audit, clock } = deps;
  const mustBeAdmin = (user: User) => {
    if (user.role !== 'admin') throw new Forbidden();
  };

  return {
    async users(user: User) {
      mustBeAdmin(user);
      return accounts.accounts();
    },

    async formOptions(user: User) {
      mustBeAdmin(user);
      return { schemes: await accounts.schemes(), organisations: await accounts.organisations() };
    },

    async createUser(user: User, d: NewUserInput): Promise<string> {
      mustBeAdmin(user);
      const errors: FieldError[] = [];
      const [schemes, organisations] = [await accounts.schemes(), await accounts.organisations()];
      const scheme = schemes.find((s) => s.id === d.schemeId);
      const organisation = organisations.find((o) => o.id === d.organisationId);
      if (d.schemeId && !scheme) errors.push({ field: 'schemeId', message: 'Choose a scheme from the list' });
      if (['link_worker', 'connector', 'coordinator', 'buddy', 'volunteer_lead'].includes(d.role) && !d.schemeId)
        errors.push({ field: 'schemeId', message: 'Choose the scheme they work in' });
      if (d.organisationId && !organisation) errors.push({ field: 'organisationId', message: 'Choose an organisation from the list' });
      if (d.role === 'provider' && organisation?.kind !== 'provider')
        errors.push({ field: 'organisationId', message: 'Choose the heritage organisation they work for' });
      if (d.role === 'volunteer_lead' && !organisation)
        errors.push({ field: 'organisationId', message: 'Choose the organisation whose volunteers they look after' });
      if (d.role === 'link_worker' && organisation?.kind !== 'referrer')
        errors.push({ field: 'organisationId', message: 'Choose the referrer team they work in' });
      const weak = passwordProblem(d.temporaryPassword, personalWords(d.email, d.displayName));
      if (weak) errors.push({ field: 'temporaryPassword', message: weak.replace(/^Choose a password/, 'Choose a temporary password') });
      if (await accounts.emailExists(d.email)) errors.push({ field: 'email', message: 'An account with this email address already exists' });
      if (errors.length > 0) throw new ValidationFailed(errors);
      const passwordHash = await hashPassword(d.temporaryPassword);
      return db.transaction(async (tx) => {
        const id = await accounts.insert(
          {
            email: d.email,
            displayName: d.displayName,
            role: d.role,
            passwordHash,
            schemeId: d.schemeId || null,
            organisationId: d.organisationId || null,
            at: clock.now(),
          },
          tx,
        );
        await audit.record({ actorId: user.id, action: 'user.created', subjectType: 'user', subjectId: id, detail: { role: d.role } }, tx);
        return id;
      });
    },

    async account(user: User, id: string) {
      mustBeAdmin(user);
      const found = await accounts.find(id);
      if (!found) throw new NotFound('Account');
      return found;
    },

    async disableUser(user: User, id: string) {
      mustBeAdmin(user);
      if (id === user.id) throw new ValidationFailed([{ field: 'confirm', message: 'You cannot disable your own account' }]);
      const found = await accounts.find(id);
      if (!found) throw new NotFound('Account');
      await db.transaction(async (tx) => {
        await accounts.disable(id, clock.now(), tx);
        await audit.record({ actorId: user.id, action: 'user.disabled', subjectType: 'user', subjectId: id }, tx);
      });
    },

    /** The audit trail, filtered (the filters are parsed at the edge: blank means any). */
    async auditEvents(user: User, { subject, actor, from, to, page }: AuditQuery) {
      mustBeAdmin(user);
      const filter: AuditFilter = {};
      if (subject) filter.subjectId = subject;
      if (actor) filter.actorId = actor;
      if (from) filter.from = new Date(`${from}T00:00:00Z`);
      if (to) filter.to = new Date(Date.parse(`${to}T00:00:00Z`) + 24 * 3600 * 1000);
      const result = await accounts.auditEvents(filter, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE);
      return {
        ...result,
        page,
        pages: Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE)),
        filter: { subject, actor: filter.actorId ?? '', from: filter.from ? from : '', to: filter.to ? to : '' },
      };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
