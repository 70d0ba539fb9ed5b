import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { Role } from '../../domain/user.ts';

export type LinkPurpose = 'password_reset' | 'email_verification';

/** What signing in and the account pages need to know about one account (never shown whole). */
export type AccountState = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  emailVerified: boolean;
  /** Sealed (encrypted) secrets, see domain/two-factor.ts. */
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpEnabled: boolean;
  /** Administrators always; staff of an organisation that switched it on. */
  twoFactorRequired: boolean;
  recoveryCodesLeft: number;
};

type StateRow = {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change_password: boolean;
  email_verified_at: Date | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Date | null;
  org_requires: boolean;
  codes_left: number;
};

const SELECT_STATE = `
  select u.id, u.email, u.display_name, u.role, u.password_hash, u.must_change_password, u.email_verified_at,
         u.totp_secret, u.totp_pending_secret, u.totp_enabled_at,
         exists (select 1 from memberships m join organisations o on o.id = m.organisation_id
                 where m.user_id = u.id and o.require_two_factor) as org_requires,
         (select count(*) from recovery_codes c where c.user_id = u.id and c.used_at is null)::int as codes_left
  from users u`;

const toState = (r: StateRow): AccountState => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password,
  emailVerified: r.email_verified_at !== null,
  totpSecret: r.totp_secret,
  totpPendingSecret: r.totp_pending_secret,
  totpEnabled: r.totp_enabled_at !== null && r.totp_secret !== null,
  twoFactorRequired: r.role === 'admin' || r.org_requires,
  recoveryCodesLeft: Number(r.codes_left),
});

/** Passwords, two-factor sign-in, one-time links and the steps between a password and a session. */
export function createAccountRepository(db: Db) {
  return {
    async byEmail(email: string): Promise<AccountState | undefined> {
      const row = await maybeOne<StateRow>(db, `${SELECT_STATE} where u.email = $1 and u.disabled_at is null`, [email.trim().toLowerCase()]);
      return row && toState(row);
    },

    async byId(id: string): Promise<AccountState | undefined> {
      const row = await maybeOne<StateRow>(db, `${SELECT_STATE} where u.id = $1 and u.disabled_at is null`, [id]);
      return row && toState(row);
    },

    /** A new provider account; undefined when the address is taken (also by a sign-up a moment earlier). */
    /** A self-made account: provider staff, or a member of the public contributing community heritage. */
    async insertSelfSignedUp(
      u: { email: string; displayName: string; passwordHash: string; at: Date; role: 'provider' | 'contributor' },
      tx: Db = db,
    ): Promise<string | undefined> {
      const row = await maybeOne<{ id: string }>(
        tx,
        `insert into users (email, display_name, password_hash, role, created_at, password_changed_at)
         values ($1, $2, $3, $5, $4, $4) on conflict (email) do nothing returning id`,
        [u.email.toLowerCase(), u.displayName, u.passwordHash, u.at, u.role],
      );
      return row?.id;
    },

    async setPassword(userId: string, passwordHash: string, at: Date, tx: Db = db) {
      await tx.query('update users set password_hash = $2, must_change_password = false, password_changed_at = $3 where id = $1', [userId, passwordHash, at]);
    },

    /** Ends every session of the account except `keepTokenHash` (after a password change or reset). */
    async endSessions(userId: string, keepTokenHash: string | null, tx: Db = db) {
      await tx.query('delete from user_sessions where user_id = $1 and token_hash is distinct from $2', [userId, keepTokenHash]);
      await tx.query('delete from sign_in_steps where user_id = $1', [userId]);
    },

    async markEmailVerified(userId: string, at: Date, tx: Db = db) {
      await tx.query('update users set email_verified_at = coalesce(email_verified_at, $2) where id = $1', [userId, at]);
    },

    // One-time links: only a hash of the token is kept.

    async insertLink(l: { tokenHash: string; userId: string; purpose: LinkPurpose; at: Date; expiresAt: Date }, tx: Db = db) {
      // A new link replaces any earlier one for the same purpose.
      await tx.query('delete from account_links where user_id = $1 and purpose = $2', [l.userId, l.purpose]);
      await tx.query('insert into account_links (token_hash, user_id, purpose, created_at, expires_at) values ($1, $2, $3, $4, $5)', [
        l.tokenHash,
        l.userId,
        l.purpose,
        l.at,
        l.expiresAt,
      ]);
    },

    async findLink(tokenHash: string, purpose: LinkPurpose, now: Date): Promise<string | undefined> {
      const row = await maybeOne<{ user_id: string }>(
        db,
        `select l.user_id from account_links l join users u on u.id = l.user_id
         where l.token_hash = $1 and l.purpose = $2 and l.used_at is null and l.expires_at > $3 and u.disabled_at is null`,
        [tokenHash, purpose, now],
      );
      return row?.user_id;
    },

    /** Uses the link once: the account's id, or undefined when it was used, expired or never existed. */
    async useLink(tokenHash: string, purpose: LinkPurpose, now: Date, tx: Db = db): Promise<string | undefined> {
      const row = await maybeOne<{ user_id: string }>(
        tx,
        `update account_links set used_at = $3
         where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3 returning user_id`,
        [tokenHash, purpose, now],
      );
      return row?.user_id;
    },

    // The steps between a correct password and a session.

    async insertStep(s: { tokenHash: string; userId: string; returnTo: string; at: Date; expiresAt: Date }) {
      await db.query('insert into sign_in_steps (token_hash, user_id, return_to, created_at, expires_at) values ($1, $2, $3, $4, $5)', [
        s.tokenHash,
        s.userId,
        s.returnTo,
        s.at,
        s.expiresAt,
      ]);
    },

    async findStep(tokenHash: string, now: Date) {
      return maybeOne<{ userId: string; twoFactorDone: boolean; returnTo: string }>(
        db,
        `select s.user_id as "userId", s.two_factor_done as "twoFactorDone", s.return_to as "returnTo"
         from sign_in_steps s join users u on u.id = s.user_id
         where s.token_hash = $1 and s.expires_at > $2 and u.disabled_at is null`,
        [tokenHash, now],
      );
    },

    async markStepTwoFactorDone(tokenHash: string) {
      await db.query('update sign_in_steps set two_factor_done = true where token_hash = $1', [tokenHash]);
    },

    async deleteStep(tokenHash: string, tx: Db = db) {
      await tx.query('delete from sign_in_steps where token_hash = $1', [tokenHash]);
    },

    // Two-factor sign-in.

    /** Records the 30-second step of an accepted code; false when it (or a later one) was used already. */
    async acceptTotpStep(userId: string, step: number): Promise<boolean> {
      const rows = await db.query('update users set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id', [
        userId,
        step,
      ]);
      return rows.length === 1;
    },

    async setPendingSecret(userId: string, sealed: string) {
      await db.query('update users set totp_pending_secret = $2 where id = $1', [userId, sealed]);
    },

    /** Turns two-factor on with the proven secret and a fresh set of recovery codes (hashes). */
    async enableTotp(userId: string, sealed: string, step: number, codeHashes: string[], at: Date) {
      await db.transaction(async (tx) => {
        await tx.query(`update users set totp_secret = $2, totp_pending_secret = null, totp_enabled_at = $3, totp_last_step = $4 where id = $1`, [
          userId,
          sealed,
          at,
          step,
        ]);
        await tx.query('delete from recovery_codes where user_id = $1', [userId]);
        for (const hash of codeHashes) {
          await tx.query('insert into recovery_codes (user_id, code_hash, created_at) values ($1, $2, $3)', [userId, hash, at]);
        }
      });
    },

    async replaceRecoveryCodes(userId: string, codeHashes: string[], at: Date) {
      await db.transaction(async (tx) => {
        await tx.query('delete from recovery_codes where user_id = $1', [userId]);
        for (const hash of codeHashes) {
          await tx.query('insert into recovery_codes (user_id, code_hash, created_at) values ($1, $2, $3)', [userId, hash, at]);
        }
      });
    },

    /** Uses a recovery code once; false when it is wrong or used. */
    async useRecoveryCode(userId: string, codeHash: string, at: Date): Promise<boolean> {
      const rows = await db.query('update recovery_codes set used_at = $3 where user_id = $1 and code_hash = $2 and used_at is null returning user_id', [
        userId,
        codeHash,
        at,
      ]);
      return rows.length === 1;
    },

    // Organisations that require two-factor sign-in of their staff.

    async organisationRequiresTwoFactor(organisationId: string): Promise<boolean> {
      const row = await maybeOne<{ require_two_factor: boolean }>(db, 'select require_two_factor from organisations where id = $1', [organisationId]);
      return row?.require_two_factor ?? false;
    },

    /** Switches the rule; staff without two-factor are signed out and set it up when they next sign in. */
    async setOrganisationRequiresTwoFactor(organisationId: string, required: boolean, tx: Db = db) {
      await tx.query('update organisations set require_two_factor = $2 where id = $1', [organisationId, required]);
      if (!required) return;
      await tx.query(
        `delete from user_sessions where user_id in (
           select m.user_id from memberships m join users u on u.id = m.user_id
           where m.organisation_id = $1 and (u.totp_enabled_at is null or u.totp_secret is null))`,
        [organisationId],
      );
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
