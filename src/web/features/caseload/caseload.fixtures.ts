import type { Db } from '../../../data/database.ts';
import { one } from '../../../data/database.ts';
import { hashPassword } from '../../../domain/password.ts';
import type { Role } from '../../../domain/user.ts';

/** Test data for caseload tests, on top of the seeded demo data (fictional people only). */

export async function idOf(db: Db, email: string): Promise<string> {
  return (await one<{ id: string }>(db, 'select id from users where email = $1', [email])).id;
}

/** The scheme and referrer team of a seeded demo account. */
export async function teamOf(db: Db, email: string): Promise<{ userId: string; schemeId: string; organisationId: string | null }> {
  return one(db,
    `select u.id as "userId", u.scheme_id as "schemeId", (select m.organisation_id from memberships m where m.user_id = u.id limit 1) as "organisationId"
     from users u where u.email = $1`, [email]);
}

let hash: string | undefined;
export async function makeStaff(db: Db, over: { email: string; role: Role; schemeId?: string | null; organisationId?: string | null; password?: string }) {
  hash ??= await hashPassword('test-password-123');
  const { id } = await one<{ id: string }>(
    db, 'insert into users (email, display_name, password_hash, role, scheme_id) values ($1, $2, $3, $4, $5) returning id',
    [over.email, `Staff ${over.email.split('@')[0]}`, over.password ? await hashPassword(over.password) : hash, over.role, over.schemeId ?? null]);
  if (over.organisationId) await db.query('insert into memberships (user_id, organisation_id) values ($1, $2)', [id, over.organisationId]);
  return { id, email: over.email, password: over.password ?? 'test-password-123' };
}

export async function makeParticipant(
  db: Db,
  over: { schemeId: string; caseworkerId: string | null; organisationId: string | null; preferredName?: string; phone?: string; email?: string; postcode?: string; whatMatters?: string },
) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into participants (scheme_id, organisation_id, caseworker_id, preferred_name, contact_preference, phone, email, postcode, what_matters, tags)
     values ($1, $2, $3, $4, 'phone', $5, $6, $7, $8, '{boats}') returning id`,
    [over.schemeId, over.organisationId, over.caseworkerId, over.preferredName ?? 'Test Person', over.phone ?? '01632960001', over.email ?? null,
      over.postcode ?? 'NR30 1NE', over.whatMatters ?? 'The old harbour'],
  );
  return id;
}

/** A referral to any live activity of a provider in the scheme. */
export async function makeReferral(
  db: Db,
  over: { participantId: string; schemeId: string; referrerId: string | null; status?: string; closedAt?: Date | null; message?: string; supportNeeds?: string },
) {
  const provider = await one<{ id: string }>(db, `select id from organisations where kind = 'provider' and scheme_id = $1 order by name limit 1`, [over.schemeId]);
  const { id } = await one<{ id: string }>(
    db,
    `insert into referrals (participant_id, scheme_id, provider_organisation_id, route, referrer_id, status, closed_at, message, support_needs, updated_at)
     values ($1, $2, $3, 'link_worker', $4, $5, $6, $7, $8, coalesce($6, now())) returning id`,
    [over.participantId, over.schemeId, provider.id, over.referrerId, over.status ?? 'sent', over.closedAt ?? null,
      over.message ?? 'Loves the sea', over.supportNeeds ?? 'Needs a lift'],
  );
  await db.query(`insert into referral_events (referral_id, kind, to_status, note) values ($1, 'status', $2, 'Spoke to Test Person')`, [id, over.status ?? 'sent']);
  return id;
}

export const LW_YARMOUTH = 'linkworker.yarmouth@waymark.example';
export const LW_FROME = 'linkworker.frome@waymark.example';
export const LW_NOTTINGHAM = 'linkworker.nottingham@waymark.example';
export const COORD_YARMOUTH = 'coordinator@waymark.example';
export const ADMIN = 'admin@waymark.example';
