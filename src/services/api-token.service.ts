import { randomBytes } from 'node:crypto';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { ApiTokenRepository } from '../data/repositories/api-token.repository.ts';
import { API_TOKEN_PATTERN, apiTokenHash } from '../domain/api-token.ts';
import type { Clock } from '../domain/clock.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';

export type NewApiTokenInput = { organisationId: string; label: string };

/**
 * API tokens for systems that send referrals (decision 051). Administrators issue one to a referring
 * organisation and see it once; only its hash is kept. Issuing and revoking are audited.
 */
export function createApiTokenService(deps: { tokens: ApiTokenRepository; audit: AuditRepository; clock: Clock }) {
  const { tokens, audit, clock } = deps;
  const mustBeAdmin = (user: User) => {
    if (user.role !== 'admin') throw new Forbidden();
  };

  return {
    async list(user: User) {
      mustBeAdmin(user);
      return { tokens: await tokens.list(), organisations: await tokens.referringOrganisations() };
    },

    /** Issues a token; the only time it is ever shown is in what this returns. */
    async issue(user: User, input: NewApiTokenInput): Promise<{ id: string; token: string; organisationName: string }> {
      mustBeAdmin(user);
      const org = (await tokens.referringOrganisations()).find((o) => o.id === input.organisationId);
      if (!org) throw new ValidationFailed([{ field: 'organisationId', message: 'Choose a referring organisation from the list' }]);
      const token = `wm_${randomBytes(32).toString('base64url')}`;
      const id = await tokens.insert({ organisationId: org.id, label: input.label, tokenHash: apiTokenHash(token), createdBy: user.id, at: clock.now() });
      await audit.record({ actorId: user.id, action: 'api_token.issued', subjectType: 'api_token', subjectId: id, detail: { organisationId: org.id } });
      return { id, token, organisationName: org.name };
    },

    async revoke(user: User, id: string): Promise<void> {
      mustBeAdmin(user);
      if (!(await tokens.find(id))) throw new NotFound('API token');
      if (!(await tokens.revoke(id, user.id, clock.now()))) throw new Conflict('This token has already been revoked');
      await audit.record({ actorId: user.id, action: 'api_token.revoked', subjectType: 'api_token', subjectId: id });
    },

    /** The organisation a presented token speaks for, or undefined for a malformed, unknown or revoked token. */
    async authenticate(presented: string): Promise<{ id: string; organisationId: string } | undefined> {
      if (!API_TOKEN_PATTERN.test(presented)) return undefined;
      return tokens.use(apiTokenHash(presented), clock.now());
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
export type ApiCaller = NonNullable<Awaited<ReturnType<ApiTokenService['authenticate']>>>;
