import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../domain/clock.ts';
import type { User } from '../domain/user.ts';
import type { SessionRepository } from '../data/repositories/session.repository.ts';
import type { UserRepository } from '../data/repositories/user.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';

const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000; // a working day
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Sessions. Checking who someone is (password, two-factor, first-time password change) is the
 * account service's (account.service.ts): it calls startSession only when every step is done.
 */
export function createAuthService(deps: {
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { users, sessions, clock } = deps;

  return {
    /** A new session for an account that has passed every sign-in step; returns its token. */
    async startSession(userId: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await sessions.insert(hashToken(token), userId, now, new Date(now.getTime() + SESSION_LIFETIME_MS));
      return token;
    },

    async userForToken(token: string | undefined): Promise<User | undefined> {
      if (!token) return undefined;
      const userId = await sessions.findUserId(hashToken(token), clock.now());
      return userId ? users.findById(userId) : undefined;
    },

    async signOut(token: string | undefined) {
      if (token) await sessions.delete(hashToken(token));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
