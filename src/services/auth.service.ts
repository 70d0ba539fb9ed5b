import { createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import { ValidationFailed } from '../domain/errors.ts';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from '../domain/password.ts';
import type { User } from '../domain/user.ts';
import type { SessionRepository } from '../data/repositories/session.repository.ts';
import type { SignInFailureRepository } from '../data/repositories/sign-in-failure.repository.ts';
import { accountRetryAt, addressRetryAt, laterOf, SIGN_IN_THROTTLE } from '../domain/sign-in-throttle.ts';
import type { UserRepository } from '../data/repositories/user.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';

/** A live session's last-seen time is written at most this often (one write a minute, not one a request). */
const TOUCH_EVERY_MS = 60 * 1000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export const signUpSchema = z.object({
  displayName: z.string().trim().min(1, 'Enter your name').max(100, 'Name must be 100 characters or fewer'),
  email: z.string().trim().toLowerCase().min(1, 'Enter your email address').pipe(
    z.email('Enter an email address in the correct format, like name@example.org'),
  ),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(200, 'Password must be 200 characters or fewer'),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export type SessionSettings = { idleMinutes: number; maxHours: number; secret: string };

export type SignInAttempt = { email: string; password: string; address: string; previousToken?: string | undefined };
export type SignInResult =
  | { outcome: 'signed-in'; token: string; user: User }
  | { outcome: 'refused' }
  | { outcome: 'throttled'; retryAt: Date };

export function createAuthService(deps: {
  users: UserRepository;
  sessions: SessionRepository;
  signInFailures: SignInFailureRepository;
  audit: AuditRepository;
  clock: Clock;
  settings: SessionSettings;
}) {
  const { users, sessions, signInFailures, audit, clock, settings } = deps;
  const idleMs = settings.idleMinutes * 60 * 1000;
  // Keyed hashes: the table of failures names no email address and no IP address.
  const keyFor = (kind: string, value: string) => createHmac('sha256', settings.secret).update(`${kind}:${value}`).digest('base64url');

  async function startSession(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await sessions.insert(hashToken(token), userId, now, new Date(now.getTime() + settings.maxHours * 60 * 60 * 1000));
    return token;
  }

  return {
    /**
     * Checks the throttle before the password, so a slowed account cannot be guessed at all while
     * it waits. Unknown accounts are counted and slowed exactly as real ones (no enumeration).
     * A success clears the account's failures and ends the session the browser already had.
     */
    async signIn(attempt: SignInAttempt): Promise<SignInResult> {
      const now = clock.now();
      const since = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs);
      const account = { scope: 'account' as const, keyHash: keyFor('account', attempt.email.trim().toLowerCase()) };
      const address = { scope: 'address' as const, keyHash: keyFor('address', attempt.address) };
      const retryAt = laterOf(
        accountRetryAt(await signInFailures.since(account.scope, account.keyHash, since), now),
        addressRetryAt(await signInFailures.since(address.scope, address.keyHash, since), now),
      );
      if (retryAt) return { outcome: 'throttled', retryAt };

      const found = await users.findByEmailWithHash(attempt.email.trim());
      if (!found || !(await verifyPassword(attempt.password, found.passwordHash))) {
        await signInFailures.record(now, [account, address]);
        return { outcome: 'refused' };
      }
      await signInFailures.clear(account.scope, account.keyHash);
      if (attempt.previousToken) await sessions.delete(hashToken(attempt.previousToken));
      await audit.record({ actorId: found.user.id, action: 'signed_in', subjectType: 'user', subjectId: found.user.id });
      return { outcome: 'signed-in', token: await startSession(found.user.id), user: found.user };
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

    /** Provider staff register themselves; their organisation is created next and waits for approval. */
    async signUpProvider(input: unknown): Promise<{ token: string; userId: string }> {
      const parsed = signUpSchema.safeParse(input);
      if (!parsed.success) {
        throw new ValidationFailed(parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
      }
      if (await users.emailExists(parsed.data.email)) {
        throw new ValidationFailed([{ field: 'email', message: 'An account with this email address already exists. Sign in instead.' }]);
      }
      const userId = await users.insert({
        email: parsed.data.email,
        displayName: parsed.data.displayName,
        passwordHash: await hashPassword(parsed.data.password),
        role: 'provider',
      });
      await audit.record({ actorId: userId, action: 'account_created', subjectType: 'user', subjectId: userId });
      return { token: await startSession(userId), userId };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
