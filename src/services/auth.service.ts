import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../domain/clock.ts';
import type { User } from '../domain/user.ts';
import type { SessionRepository } from '../data/repositories/session.repository.ts';
import type { SignInFailureRepository } from '../data/repositories/sign-in-failure.repository.ts';
import { accountRetryAt, addressRetryAt, laterOf, SIGN_IN_THROTTLE } from '../domain/sign-in-throttle.ts';
import type { UserRepository } from '../data/repositories/user.repository.ts';

/** A live session's last-seen time is written at most this often (one write a minute, not one a request). */
const TOUCH_EVERY_MS = 60 * 1000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export type SessionSettings = { idleMinutes: number; maxHours: number; secret: string };

/**
 * Sessions and the sign-in throttle. Checking who someone is (password, two-factor, first-time
 * password change) is the account service's (account.service.ts): it calls startSession only when
 * every step is done.
 */
export function createAuthService(deps: {
  users: UserRepository;
  sessions: SessionRepository;
  signInFailures: SignInFailureRepository;
  clock: Clock;
  settings: SessionSettings;
}) {
  const { users, sessions, signInFailures, clock, settings } = deps;
  const idleMs = settings.idleMinutes * 60 * 1000;
  // Keyed hashes: the table of failures names no email address and no IP address.
  const keyFor = (kind: string, value: string) => createHmac('sha256', settings.secret).update(`${kind}:${value}`).digest('base64url');
  const keysOf = (email: string, address: string) => ({
    account: { scope: 'account' as const, keyHash: keyFor('account', email.trim().toLowerCase()) },
    address: { scope: 'address' as const, keyHash: keyFor('address', address) },
  });

  return {
    /** A new session for an account that has passed every sign-in step; returns its token. */
    async startSession(userId: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await sessions.insert(hashToken(token), userId, now, new Date(now.getTime() + settings.maxHours * 60 * 60 * 1000));
      return token;
    },

    /**
     * Sign-in throttle (decision 015), checked before the password so a slowed account cannot be
     * guessed at all while it waits. Unknown accounts are counted and slowed exactly as real ones.
     */
    signInThrottle: {
      async retryAt(email: string, address: string): Promise<Date | undefined> {
        const now = clock.now();
        const since = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs);
        const k = keysOf(email, address);
        return laterOf(
          accountRetryAt(await signInFailures.since(k.account.scope, k.account.keyHash, since), now),
          addressRetryAt(await signInFailures.since(k.address.scope, k.address.keyHash, since), now),
        );
      },
      async failed(email: string, address: string) {
        const k = keysOf(email, address);
        await signInFailures.record(clock.now(), [k.account, k.address]);
      },
      /** A right password clears the account's failures (not the address's). */
      async succeeded(email: string, address: string) {
        const k = keysOf(email, address);
        await signInFailures.clear(k.account.scope, k.account.keyHash);
      },
    },

    /** The signed-in user, while the session is inside its idle and absolute limits; each use keeps it alive. */
    async userForToken(token: string | undefined): Promise<User | undefined> {
      if (!token) return undefined;
      const now = clock.now();
      const tokenHash = hashToken(token);
      const session = await sessions.findLive(tokenHash, now, new Date(now.getTime() - idleMs));
      if (!session) return undefined;
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await sessions.touch(tokenHash, now);
      return users.findById(session.userId);
    },

    async signOut(token: string | undefined) {
      if (token) await sessions.delete(hashToken(token));
    },

    /** For the job runner: forget ended sessions and sign-in failures older than the throttle window. */
    async purgeExpired(): Promise<{ sessions: number; signInFailures: number }> {
      const now = clock.now();
      return {
        sessions: await sessions.deleteExpired(now, new Date(now.getTime() - idleMs)),
        signInFailures: await signInFailures.deleteOlderThan(new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs)),
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
