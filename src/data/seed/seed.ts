import type { Db } from '../database.ts';
import type { Clock } from '../../domain/clock.ts';
import { hashPassword } from '../../domain/password.ts';
import { refreshActivityIndex } from '../repositories/activity-index.repository.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo-accounts.ts';
import { DEV_SESSION_SECRET } from '../../config.ts';
import { secretBox } from '../../domain/two-factor.ts';
import { seedGeography } from './seed-geography.ts';
import { seedDirectory } from './seed-directory.ts';
import { seedSchemes } from './seed-schemes.ts';
import { seedBuddySchemes } from './buddy-schemes.seed.ts';
import { seedReferrals } from './referrals.seed.ts';
import { seedOutcomes } from './outcomes.seed.ts';
import { seedVolunteers } from './volunteers.seed.ts';
import { seedSignposting } from './signposting.seed.ts';
import { seedBuddyVisits } from './buddy-visits.seed.ts';
import { seedInformationPoints } from './information-points.seed.ts';
import { seedWalks } from './walks.seed.ts';
import { seedContributions } from './contributions.seed.ts';
import { seedFunding } from './funding.seed.ts';
import { seedApiTokens } from './api-tokens.seed.ts';

/**
 * `sessionSecret` must be the running app's (authenticator secrets are encrypted with a key made from it).
 * Seeds fictional demo data once: does nothing when any user exists. Organisations and people are
 * invented; the venues, postcodes and heritage assets are real (see geography.data.ts for sources).
 */
export async function seedDemoData(db: Db, clock: Clock, sessionSecret = DEV_SESSION_SECRET): Promise<boolean> {
  const [existing] = await db.query<{ n: number }>('select count(*) as n from users');
  if ((existing?.n ?? 0) > 0) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const byOrganisation = new Map<string, string>();
    const userIds = new Map<string, string>();
    let coordinatorId = '';
    for (const a of DEMO_ACCOUNTS) {
      const [user] = await tx.query<{ id: string }>(
        'insert into users (email, display_name, password_hash, role, email_verified_at, created_at) values ($1, $2, $3, $4, $5, $5) returning id',
        [a.email, a.displayName, hash, a.role, now],
      );
      if (user && a.role === 'admin') {
        await tx.query('update users set totp_secret = $2, totp_enabled_at = $3 where id = $1', [
          user.id,
          secretBox(sessionSecret).seal(DEMO_TOTP_SECRET),
          now,
        ]);
      }
      if (!user) continue;
      userIds.set(a.email, user.id);
      if (a.organisationKey && a.role === 'provider') byOrganisation.set(a.organisationKey, user.id);
      if (a.role === 'coordinator' && !coordinatorId) coordinatorId = user.id;
    }
    await seedGeography(tx);
    const { activityIds, organisationIds } = await seedDirectory(tx, now, { byOrganisation, coordinatorId });
    await refreshActivityIndex(tx, activityIds, now);
    const { schemeIds, referrerOrgIds } = await seedSchemes(tx, organisationIds, now);
    for (const a of DEMO_ACCOUNTS) {
      const userId = userIds.get(a.email);
      if (!userId) continue;
      if (a.schemeKey) await tx.query('update users set scheme_id = $2 where id = $1', [userId, schemeIds.get(a.schemeKey)]);
      const referrerOrg = a.organisationKey ? referrerOrgIds.get(a.organisationKey) : undefined;
      if (referrerOrg) await tx.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3)', [userId, referrerOrg, now]);
    }
    await seedBuddySchemes(tx, now);
    await seedVolunteers(tx, now);
    await seedSignposting(tx, now);
    await seedInformationPoints(tx, now);
    await seedWalks(tx, now);
    await seedReferrals(tx, now);
    await seedOutcomes(tx, now);
    await seedBuddyVisits(tx, now);
    await seedContributions(tx, now);
    await seedFunding(tx, now, coordinatorId);
    await seedApiTokens(tx, now, { schemeId: schemeIds.get('yarmouth-waveney')!, adminId: userIds.get('admin@waymark.example') ?? null });
  });
  return true;
}
