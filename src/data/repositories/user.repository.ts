import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Role, User } from '../../domain/user.ts';
import type { OutboxFileRef } from './privacy.repository.ts';

type UserRow = {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  organisation_ids: string[] | null;
  scheme_id: string | null;
};

const SELECT_USER = `
  select u.id, u.email, u.display_name, u.role, u.password_hash, u.scheme_id,
         coalesce(array_agg(m.organisation_id) filter (where m.organisation_id is not null), '{}') as organisation_ids
  from users u left join memberships m on m.user_id = u.id`;

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  organisationIds: (r.organisation_ids ?? []).map(String),
  schemeId: r.scheme_id,
});

export function createUserRepository(db: Db) {
  return {
    async findByEmailWithHash(email: string) {
      const row = await maybeOne<UserRow>(db, `${SELECT_USER} where u.email = $1 and u.disabled_at is null group by u.id`, [email.toLowerCase()]);
      return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
    },

    async findById(id: string): Promise<User | undefined> {
      const row = await maybeOne<UserRow>(db, `${SELECT_USER} where u.id = $1 and u.disabled_at is null group by u.id`, [id]);
      return row ? toUser(row) : undefined;
    },

    async emailExists(email: string): Promise<boolean> {
      const rows = await db.query('select 1 from users where email = $1', [email.toLowerCase()]);
      return rows.length > 0;
    },

    async insert(input: { email: string; displayName: string; passwordHash: string; role: Role }, at: Date, tx: Db = db) {
      const row = await one<{ id: string }>(
        tx,
        `insert into users (email, display_name, password_hash, role, created_at) values ($1, $2, $3, $4, $5) returning id`,
        [input.email.toLowerCase(), input.displayName, input.passwordHash, input.role, at],
      );
      return row.id;
    },

    async addMembership(userId: string, organisationId: string, at: Date, tx: Db = db) {
      await tx.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3) on conflict do nothing', [userId, organisationId, at]);
    },

    async count(): Promise<number> {
      return (await one<{ n: number }>(db, 'select count(*) as n from users')).n;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;

/**
 * Erases a sign-in account in the caller's transaction (a volunteer's, a contributor's): its sessions,
 * links and codes go, messages addressed to its email leave the outbox, and the row keeps only its id,
 * role and `displayName` in place of the person's name, so records that point at it still read.
 * Returns the deleted messages' outbox files, for the caller to delete once the transaction commits.
 */
export async function eraseSignInAccount(tx: Db, userId: string, displayName: string, at: Date): Promise<OutboxFileRef[]> {
  const user = await maybeOne<{ email: string }>(tx, 'select email from users where id = $1 for update', [userId]);
  if (!user) return [];
  const outboxFiles = await tx.query<OutboxFileRef>('delete from notifications where lower(recipient) = lower($1) returning id, file_name as "fileName"', [
    user.email,
  ]);
  for (const table of ['user_sessions', 'account_links', 'sign_in_steps', 'recovery_codes'])
    await tx.query(`delete from ${table} where user_id = $1`, [userId]);
  await tx.query(
    `update users set email = 'erased-' || id || '@erased.invalid', display_name = $2, password_hash = '!', totp_secret = null,
       totp_pending_secret = null, disabled_at = $3 where id = $1`,
    [userId, displayName, at],
  );
  return outboxFiles;
}
