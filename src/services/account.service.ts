import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Db } from '../data/database.ts';
import type { AccountRepository, AccountState, LinkPurpose } from '../data/repositories/account.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, ValidationFailed, type FieldError } from '../domain/errors.ts';
import { str, trimInvisible } from '../domain/form-text.ts';
import { hashPassword, verifyPassword } from '../domain/password.ts';
import { passwordProblem, personalWords } from '../domain/password-strength.ts';
import {
  acceptedStep,
  groupedSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  totpUri,
  type SecretBox,
} from '../domain/two-factor.ts';
import type { User } from '../domain/user.ts';
import type { AuthService } from './auth.service.ts';
import type { NotificationService } from './notification.service.ts';

const HOUR = 60 * 60 * 1000;
/** "Forgot your password" links work once, for an hour. */
export const RESET_LINK_LIFETIME_MS = HOUR;
/** "Confirm your email address" links: a day, as people often read them later. */
export const VERIFY_LINK_LIFETIME_MS = 24 * HOUR;
/** Invitations to an account someone made for you (a volunteer): a week, as people may be busy. */
export const INVITATION_LINK_LIFETIME_MS = 7 * 24 * HOUR;
/** Between a correct password and the code (or new password, or set-up). */
const STEP_LIFETIME_MS = 15 * 60 * 1000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** Unknown addresses cost a sign-in the same work as known ones: a password is checked against this. */
let dummyHash: Promise<string> | undefined;
const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

export type SignInStep = 'two_factor' | 'new_password' | 'set_up_two_factor';
export type SignInProgress =
  | { done: true; sessionToken: string; user: Pick<AccountState, 'id' | 'role'>; returnTo: string }
  | { done: false; next: SignInStep };

export type AccountLinks = { resetPassword(token: string): string; verifyEmail(token: string): string; signIn: string; forgotPassword: string };

const signUpSchema = z.object({
  displayName: z.string().overwrite(trimInvisible).min(1, 'Enter your name').max(100, 'Name must be 100 characters or fewer'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  password: z.string(),
});

/**
 * Accounts people can use: sign-in in steps (password, then a code, a new password or two-factor
 * set-up when due), sign-up without telling who has an account, password change and reset by a
 * one-time link, email verification, and two-factor set-up with recovery codes.
 */
export function createAccountService(deps: {
  db: Db;
  accounts: AccountRepository;
  auth: AuthService;
  audit: AuditRepository;
  notifications: NotificationService;
  /** Sends what is queued now (account emails should not wait for the next outbox run). */
  deliverNow: () => Promise<unknown>;
  secrets: SecretBox;
  links: AccountLinks;
  clock: Clock;
}) {
  const { db, accounts, auth, audit, notifications, secrets, links, clock } = deps;

  const deliver = () => deps.deliverNow().catch(() => undefined); // the outbox loop retries

  function nextStep(a: AccountState, twoFactorDone: boolean): SignInStep | null {
    if (a.totpEnabled && !twoFactorDone) return 'two_factor';
    if (a.mustChangePassword) return 'new_password';
    if (!a.totpEnabled && a.twoFactorRequired) return 'set_up_two_factor';
    return null;
  }

  async function progress(stepTokenHash: string, a: AccountState, twoFactorDone: boolean, returnTo: string): Promise<SignInProgress> {
    const next = nextStep(a, twoFactorDone);
    if (next) return { done: false, next };
    await accounts.deleteStep(stepTokenHash);
    await audit.record({ actorId: a.id, action: 'signed_in', subjectType: 'user', subjectId: a.id });
    return { done: true, sessionToken: await auth.startSession(a.id), user: { id: a.id, role: a.role }, returnTo };
  }

  async function step(stepToken: string | undefined) {
    if (!stepToken) return undefined;
    const s = await accounts.findStep(hashToken(stepToken), clock.now());
    const a = s && (await accounts.byId(s.userId));
    return s && a ? { ...s, account: a, tokenHash: hashToken(stepToken) } : undefined;
  }

  function checkNewPassword(a: Pick<AccountState, 'email' | 'displayName'>, body: Record<string, unknown>): string {
    const password = str(body.newPassword);
    const errors: FieldError[] = [];
    const problem = passwordProblem(password, personalWords(a.email, a.displayName));
    if (problem) errors.push({ field: 'newPassword', message: problem });
    else if (str(body.confirmPassword) !== password) errors.push({ field: 'confirmPassword', message: 'Enter the same password twice' });
    if (errors.length) throw new ValidationFailed(errors);
    return password;
  }

  async function sendLink(userId: string, email: string, purpose: LinkPurpose, tx: Db, role = 'provider') {
    const token = newToken();
    const now = clock.now();
    const lifetime = purpose === 'password_reset' ? RESET_LINK_LIFETIME_MS : VERIFY_LINK_LIFETIME_MS;
    await accounts.insertLink({ tokenHash: hashToken(token), userId, purpose, at: now, expiresAt: new Date(now.getTime() + lifetime) }, tx);
    const message =
      purpose === 'password_reset'
        ? {
            subject: 'Reset your Waymark password',
            body: `Someone asked to reset the password of your Waymark account.\n\nTo choose a new password, open this link within an hour:\n${links.resetPassword(token)}\n\nThe link works once. If you did not ask, you can ignore this email: your password has not changed.`,
          }
        : {
            subject: 'Confirm your email address for Waymark',
            body: `Thank you for creating a Waymark account.\n\nTo confirm this is your email address, open this link within 24 hours:\n${links.verifyEmail(token)}\n\n${role === 'contributor' ? 'When it is confirmed you can add places and memories to Waymark.' : 'When it is confirmed you can send your organisation to a coordinator for approval.'}`,
          };
    await notifications.enqueue(tx, { channel: 'email', recipient: email, userId, createdAt: now, ...message });
  }

  /**
   * Sign-up, the same for provider staff and contributors. The answer is the same whether or not the
   * address has an account: a new account gets a link to confirm the address, the owner of an existing one an email saying so.
   */
  async function signUp(input: unknown, role: 'provider' | 'contributor'): Promise<void> {
    const body = (input ?? {}) as Record<string, unknown>;
    const parsed = signUpSchema.safeParse({ displayName: str(body.displayName), email: str(body.email), password: str(body.password) });
    const errors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message }));
    const problem = passwordProblem(str(body.password), personalWords(str(body.email), str(body.displayName)));
    if (problem) errors.push({ field: 'password', message: problem });
    if (!parsed.success || errors.length) throw new ValidationFailed(errors);
    const d = parsed.data;
    const passwordHash = await hashPassword(d.password);
    await db.transaction(async (tx) => {
      const now = clock.now();
      const userId = await accounts.insertSelfSignedUp({ email: d.email, displayName: d.displayName, passwordHash, at: now, role }, tx);
      if (userId) {
        await audit.record({ actorId: userId, action: 'account_created', subjectType: 'user', subjectId: userId }, tx);
        await sendLink(userId, d.email, 'email_verification', tx, role);
      } else {
        await notifications.enqueue(tx, {
          channel: 'email',
          recipient: d.email,
          createdAt: now,
          subject: 'Someone tried to create a Waymark account with your email address',
          body: `Someone tried to create a Waymark account with this email address, which already has one.\n\nIf it was you, sign in: ${links.signIn}\nIf you have forgotten your password: ${links.forgotPassword}\n\nIf it was not you, you can ignore this email.`,
        });
      }
    });
    await deliver();
  }

  async function qrCode(uri: string): Promise<string> {
    const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  }

  /** The secret being set up (made on first view, kept until proven), and how to show it. */
  async function enrolment(a: AccountState) {
    let secret: string;
    if (a.totpPendingSecret) secret = secrets.open(a.totpPendingSecret);
    else {
      secret = newTotpSecret();
      await accounts.setPendingSecret(a.id, secrets.seal(secret));
    }
    const uri = totpUri(secret, a.email);
    return { secretText: groupedSecret(secret), qrCode: await qrCode(uri) };
  }

  /** Proves the pending secret with a code and switches two-factor on; the recovery codes are shown once. */
  async function confirmEnrolment(a: AccountState, body: Record<string, unknown>): Promise<string[]> {
    const code = str(body.code);
    const secret = a.totpPendingSecret ? secrets.open(a.totpPendingSecret) : undefined;
    const accepted = secret ? acceptedStep(secret, code, clock.now()) : null;
    if (!secret || accepted === null) {
      throw new ValidationFailed([
        {
          field: 'code',
          message: code.trim() ? 'The code is not right. Enter the 6-digit code your app shows now' : 'Enter the 6-digit code from your authenticator app',
        },
      ]);
    }
    const codes = newRecoveryCodes();
    await accounts.enableTotp(a.id, secrets.seal(secret), accepted, codes.map(hashRecoveryCode), clock.now());
    await audit.record({ actorId: a.id, action: 'account.two_factor_enabled', subjectType: 'user', subjectId: a.id });
    return codes;
  }

  return {
    /**
     * Checks email and password (the same work when the account does not exist). Undefined when
     * either is wrong; otherwise a session, or a step token and the step still to do.
     */
    async beginSignIn(email: string, password: string, returnTo: string): Promise<(SignInProgress & { stepToken?: string }) | undefined> {
      const a = await accounts.byEmail(email);
      const ok = await verifyPassword(password, a?.passwordHash ?? (await dummyPasswordHash()));
      if (!a || !ok) return undefined;
      const stepToken = newToken();
      const now = clock.now();
      if (!nextStep(a, false)) return progress(hashToken(stepToken), a, false, returnTo);
      await accounts.insertStep({ tokenHash: hashToken(stepToken), userId: a.id, returnTo, at: now, expiresAt: new Date(now.getTime() + STEP_LIFETIME_MS) });
      return { done: false, next: nextStep(a, false)!, stepToken };
    },

    /** The step a half-signed-in person is on, or undefined (start again). */
    async currentStep(stepToken: string | undefined): Promise<{ next: SignInStep | null; email: string } | undefined> {
      const s = await step(stepToken);
      return s && { next: nextStep(s.account, s.twoFactorDone), email: s.account.email };
    },

    async enterCode(stepToken: string | undefined, body: Record<string, unknown>): Promise<SignInProgress | undefined> {
      const s = await step(stepToken);
      if (!s) return undefined;
      if (nextStep(s.account, s.twoFactorDone) !== 'two_factor') return progress(s.tokenHash, s.account, s.twoFactorDone, s.returnTo);
      const code = str(body.code).trim();
      const a = s.account;
      let ok = false;
      if (/^[\d\s]+$/.test(code)) {
        const accepted = a.totpSecret ? acceptedStep(secrets.open(a.totpSecret), code, clock.now()) : null;
        ok = accepted !== null && (await accounts.acceptTotpStep(a.id, accepted));
      } else if (normaliseRecoveryCode(code).length === 12) {
        ok = await accounts.useRecoveryCode(a.id, hashRecoveryCode(code), clock.now());
        if (ok) await audit.record({ actorId: a.id, action: 'account.recovery_code_used', subjectType: 'user', subjectId: a.id });
      }
      if (!ok) {
        throw new ValidationFailed([
          {
            field: 'code',
            message: code
              ? 'The code is not right, or was used already. Enter the code your app shows now, or a recovery code'
              : 'Enter the 6-digit code from your authenticator app',
          },
        ]);
      }
      await accounts.markStepTwoFactorDone(s.tokenHash);
      return progress(s.tokenHash, a, true, s.returnTo);
    },

    async setNewPasswordAtSignIn(stepToken: string | undefined, body: Record<string, unknown>): Promise<SignInProgress | undefined> {
      const s = await step(stepToken);
      if (!s) return undefined;
      if (nextStep(s.account, s.twoFactorDone) !== 'new_password') return progress(s.tokenHash, s.account, s.twoFactorDone, s.returnTo);
      const password = checkNewPassword(s.account, body);
      if (await verifyPassword(password, s.account.passwordHash)) {
        throw new ValidationFailed([{ field: 'newPassword', message: 'Choose a new password, not the temporary one you were given' }]);
      }
      await accounts.setPassword(s.account.id, await hashPassword(password), clock.now());
      await audit.record({ actorId: s.account.id, action: 'account.password_changed', subjectType: 'user', subjectId: s.account.id });
      const a = (await accounts.byId(s.account.id))!;
      return progress(s.tokenHash, a, s.twoFactorDone, s.returnTo);
    },

    async twoFactorSetUpAtSignIn(stepToken: string | undefined) {
      const s = await step(stepToken);
      if (!s || nextStep(s.account, s.twoFactorDone) !== 'set_up_two_factor') return undefined;
      return enrolment(s.account);
    },

    /** Proves the new authenticator and finishes signing in; the recovery codes are for showing once. */
    async confirmTwoFactorAtSignIn(stepToken: string | undefined, body: Record<string, unknown>) {
      const s = await step(stepToken);
      if (!s || nextStep(s.account, s.twoFactorDone) !== 'set_up_two_factor') return undefined;
      const recoveryCodes = await confirmEnrolment(s.account, body);
      await accounts.markStepTwoFactorDone(s.tokenHash);
      const result = await progress(s.tokenHash, (await accounts.byId(s.account.id))!, true, s.returnTo);
      return { result, recoveryCodes };
    },

    /**
     * Provider staff sign up. The answer is the same whether or not the address has an account: a
     * new account gets a link to confirm the address, the owner of an existing one an email saying so.
     */
    async signUpProvider(input: unknown): Promise<void> {
      return signUp(input, 'provider');
    },

    /** A member of the public who wants to add community heritage (decision 042): the same sign-up, as a contributor. */
    async signUpContributor(input: unknown): Promise<void> {
      return signUp(input, 'contributor');
    },

    async sendVerificationAgain(user: User): Promise<void> {
      const a = await accounts.byId(user.id);
      if (!a || a.emailVerified) return;
      await db.transaction((tx) => sendLink(a.id, a.email, 'email_verification', tx, a.role));
      await deliver();
    },

    /** Confirms the address; false when the link was used, expired or never existed. */
    async verifyEmail(token: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const userId = await accounts.useLink(hashToken(token), 'email_verification', clock.now(), tx);
        if (!userId) return false;
        await accounts.markEmailVerified(userId, clock.now(), tx);
        await audit.record({ actorId: userId, action: 'account.email_verified', subjectType: 'user', subjectId: userId }, tx);
        return true;
      });
    },

    async isEmailVerified(userId: string): Promise<boolean> {
      return (await accounts.byId(userId))?.emailVerified ?? false;
    },

    /** Always the same answer; an email with a one-time link goes only to an address with an account. */
    async requestPasswordReset(input: unknown): Promise<void> {
      const email = str((input as Record<string, unknown> | undefined)?.email)
        .trim()
        .toLowerCase();
      if (!email) throw new ValidationFailed([{ field: 'email', message: 'Enter your email address' }]);
      if (!z.email().safeParse(email).success)
        throw new ValidationFailed([{ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' }]);
      const a = await accounts.byEmail(email);
      if (!a) return;
      await db.transaction(async (tx) => {
        await sendLink(a.id, a.email, 'password_reset', tx);
        await audit.record({ actorId: null, action: 'account.password_reset_requested', subjectType: 'user', subjectId: a.id }, tx);
      });
      await deliver();
    },

    async resetLinkWorks(token: string): Promise<boolean> {
      return (await accounts.findLink(hashToken(token), 'password_reset', clock.now())) !== undefined;
    },

    /** Sets the new password and ends every session; false when the link no longer works. */
    async resetPassword(token: string, body: Record<string, unknown>): Promise<boolean> {
      const userId = await accounts.findLink(hashToken(token), 'password_reset', clock.now());
      const a = userId ? await accounts.byId(userId) : undefined;
      if (!a) return false;
      const passwordHash = await hashPassword(checkNewPassword(a, body));
      return db.transaction(async (tx) => {
        if (!(await accounts.useLink(hashToken(token), 'password_reset', clock.now(), tx))) return false;
        await accounts.setPassword(a.id, passwordHash, clock.now(), tx);
        // Whoever opened the link can read the inbox: the address is confirmed too.
        await accounts.markEmailVerified(a.id, clock.now(), tx);
        await accounts.endSessions(a.id, null, tx);
        await audit.record({ actorId: a.id, action: 'account.password_reset', subjectType: 'user', subjectId: a.id }, tx);
        return true;
      });
    },

    /** Signed in: the current password, then a new one twice. Other sessions end. */
    async changePassword(user: User, body: Record<string, unknown>, sessionToken: string | undefined): Promise<void> {
      const a = await accounts.byId(user.id);
      if (!a) throw new Forbidden();
      const current = str(body.currentPassword);
      if (!current || !(await verifyPassword(current, a.passwordHash))) {
        throw new ValidationFailed([{ field: 'currentPassword', message: current ? 'Your current password is not right' : 'Enter your current password' }]);
      }
      const password = checkNewPassword(a, body);
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await accounts.setPassword(a.id, passwordHash, clock.now(), tx);
        await accounts.endSessions(a.id, sessionToken ? hashToken(sessionToken) : null, tx);
        await audit.record({ actorId: a.id, action: 'account.password_changed', subjectType: 'user', subjectId: a.id }, tx);
      });
    },

    async overview(user: User) {
      const a = await accounts.byId(user.id);
      if (!a) throw new Forbidden();
      return {
        email: a.email,
        emailVerified: a.emailVerified,
        totpEnabled: a.totpEnabled,
        twoFactorRequired: a.twoFactorRequired,
        recoveryCodesLeft: a.recoveryCodesLeft,
      };
    },

    /** Signed in, two-factor not yet on: the secret to add to an authenticator app. */
    async twoFactorSetUp(user: User) {
      const a = await accounts.byId(user.id);
      if (!a || a.totpEnabled) return undefined;
      return enrolment(a);
    },

    async confirmTwoFactor(user: User, body: Record<string, unknown>): Promise<string[] | undefined> {
      const a = await accounts.byId(user.id);
      if (!a || a.totpEnabled) return undefined;
      return confirmEnrolment(a, body);
    },

    /** A fresh set of recovery codes (the old ones stop working), after a current code from the app. */
    async newRecoveryCodes(user: User, body: Record<string, unknown>): Promise<string[]> {
      const a = await accounts.byId(user.id);
      if (!a?.totpEnabled || !a.totpSecret) throw new Forbidden();
      const accepted = acceptedStep(secrets.open(a.totpSecret), str(body.code), clock.now());
      if (accepted === null || !(await accounts.acceptTotpStep(a.id, accepted))) {
        throw new ValidationFailed([
          {
            field: 'code',
            message: str(body.code).trim()
              ? 'The code is not right, or was used already. Enter the code your app shows now'
              : 'Enter the 6-digit code from your authenticator app',
          },
        ]);
      }
      const codes = newRecoveryCodes();
      await accounts.replaceRecoveryCodes(a.id, codes.map(hashRecoveryCode), clock.now());
      await audit.record({ actorId: a.id, action: 'account.recovery_codes_replaced', subjectType: 'user', subjectId: a.id });
      return codes;
    },

    /** Provider staff switch "two-factor sign-in for our staff" on or off for their organisation. */
    async setOrganisationTwoFactor(user: User, required: boolean): Promise<void> {
      const organisationId = user.role === 'provider' ? user.organisationIds[0] : undefined;
      if (!organisationId) throw new Forbidden();
      if (required && !(await accounts.byId(user.id))?.totpEnabled) {
        throw new ValidationFailed([{ field: 'requireTwoFactor', message: 'Set up two-factor sign-in for your own account first, so you are not signed out' }]);
      }
      await db.transaction(async (tx) => {
        await accounts.setOrganisationRequiresTwoFactor(organisationId, required, tx);
        await audit.record(
          {
            actorId: user.id,
            action: required ? 'organisation.two_factor_required' : 'organisation.two_factor_optional',
            subjectType: 'organisation',
            subjectId: organisationId,
          },
          tx,
        );
      });
    },

    organisationRequiresTwoFactor: (organisationId: string) => accounts.organisationRequiresTwoFactor(organisationId),

    /**
     * Invites someone to an account made for them (a volunteer, by their lead), in the caller's
     * transaction: a one-time link to choose a password, working once for 7 days (the password reset
     * link, with a longer life). Call `deliverInvitations` after the transaction commits.
     */
    async sendInvitation(tx: Db, to: { userId: string; email: string; knownAs: string; organisationName: string; invitedBy: string }) {
      const token = newToken();
      const now = clock.now();
      await accounts.insertLink(
        {
          tokenHash: hashToken(token),
          userId: to.userId,
          purpose: 'password_reset',
          at: now,
          expiresAt: new Date(now.getTime() + INVITATION_LINK_LIFETIME_MS),
        },
        tx,
      );
      await notifications.enqueue(tx, {
        channel: 'email',
        recipient: to.email,
        userId: to.userId,
        createdAt: now,
        subject: `${to.organisationName} has invited you to Waymark`,
        body:
          `Hello ${to.knownAs},\n\n${to.invitedBy} at ${to.organisationName} has made you a Waymark account for your volunteering. ` +
          `There you can keep your details up to date and see your training and checks.\n\n` +
          `To choose your password, open this link within 7 days:\n${links.resetPassword(token)}\n\n` +
          `The link works once. Then sign in with this email address: ${links.signIn}\n\nIf you were not expecting this, you can ignore this email.`,
      });
    },

    deliverInvitations: () => deliver(),
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
