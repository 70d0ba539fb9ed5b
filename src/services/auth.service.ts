import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import { ValidationFailed } from '../domain/errors.ts';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from '../domain/password.ts';
import type { User } from '../domain/user.ts';
import type { SessionRepository } from '../data/repositories/session.repository.ts';
import type { UserRepository } from '../data/repositories/user.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';

const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000; // a working day
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

export function createAuthService(deps: {
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { users, sessions, audit, clock } = deps;

  async function startSession(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await sessions.insert(hashToken(token), userId, now, new Date(now.getTime() + SESSION_LIFETIME_MS));
    return token;
  }

  return {
    /** Returns a session token, or undefined when the email or password is wrong (never says which). */
    async signIn(email: string, password: string): Promise<string | undefined> {
      const found = await users.findByEmailWithHash(email.trim());
      if (!found || !(await verifyPassword(password, found.passwordHash))) return undefined;
      await audit.record({ actorId: found.user.id, action: 'signed_in', subjectType: 'user', subjectId: found.user.id });
      return startSession(found.user.id);
    },

    async userForToken(token: string | undefined): Promise<User | undefined> {
      if (!token) return undefined;
      const userId = await sessions.findUserId(hashToken(token), clock.now());
      return userId ? users.findById(userId) : undefined;
    },

    async signOut(token: string | undefined) {
      if (token) await sessions.delete(hashToken(token));
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
      }, clock.now());
      await audit.record({ actorId: userId, action: 'account_created', subjectType: 'user', subjectId: userId });
      return { token: await startSession(userId), userId };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
