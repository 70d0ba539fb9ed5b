import { randomBytes } from 'node:crypto';
import type { Db } from '../data/database.ts';
import { one } from '../data/database.ts';
import type { User } from '../domain/user.ts';
import { makeActivity, makeOrganisation, makePlace, makeUser } from '../../test/factories.ts';

/** Fictional referral-pathway data for tests: a scheme, a link worker, providers, a person with consent. */
export const key = () => randomBytes(18).toString('base64url');

export async function makeScheme(db: Db, name = 'Test scheme') {
  return (await one<{ id: string }>(db, 'insert into schemes (name, area) values ($1, $2) returning id', [name, 'Test area'])).id;
}

export async function makeStaff(db: Db, role: User['role'], schemeId: string | null, organisationId?: string): Promise<User> {
  const u = await makeUser(db, { role, ...(organisationId ? { organisationId } : {}) });
  if (schemeId) await db.query('update users set scheme_id = $2 where id = $1', [u.id, schemeId]);
  return { id: u.id, email: u.email, displayName: 'Test Person', role, organisationIds: organisationId ? [organisationId] : [], schemeId };
}

export async function makeParticipant(
  db: Db, schemeId: string, caseworkerId: string | null, over: { consents?: string[]; whatMatters?: string; organisationId?: string | null } = {},
) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into participants (scheme_id, organisation_id, caseworker_id, preferred_name, contact_preference, phone, email, what_matters, barriers)
     values ($1, $2, $3, 'Maggie', 'phone', '07700 900111', 'maggie@example.org', $4, '{transport}') returning id`,
    [schemeId, over.organisationId ?? null, caseworkerId, over.whatMatters ?? 'Loves the sea and old photographs'],
  );
  for (const purpose of over.consents ?? ['referral']) {
    await db.query(`insert into consents (participant_id, purpose, method) values ($1, $2, 'verbal')`, [id, purpose]);
  }
  return id;
}

/** A provider organisation in the scheme with one live activity (capacity optional) and its staff member. */
export async function makeProvider(db: Db, schemeId: string, over: { capacity?: number | null; referralRoutes?: string[]; name?: string } = {}) {
  const organisationId = await makeOrganisation(db, { name: over.name ?? 'Test Heritage Trust' });
  await db.query('update organisations set scheme_id = $2 where id = $1', [organisationId, schemeId]);
  const placeId = await makePlace(db, organisationId);
  const activityId = await makeActivity(db, organisationId, placeId, {
    capacity: over.capacity ?? null, referralRoutes: over.referralRoutes ?? ['link_worker', 'self', 'community_connector'],
  });
  const staff = await makeStaff(db, 'provider', null, organisationId);
  return { organisationId, placeId, activityId, staff };
}

export const referralForm = (activityId: string, over: Record<string, unknown> = {}) => ({
  activityId, barriersChecked: 'yes', supportNeeds: 'A seat near the door', message: 'Maggie is keen but nervous.', action: 'send', idempotencyKey: key(), ...over,
});
