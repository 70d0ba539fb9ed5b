import { apiTokenHash } from '../../domain/api-token.ts';
import type { Db } from '../database.ts';
import { one } from '../database.ts';
import { DEMO_API_TOKEN } from './demo-accounts.ts';

export const DEMO_GP_PRACTICE = 'Harbour Lane Surgery (demo)';

/**
 * A fictional GP practice in Great Yarmouth whose clinical system sends referrals over FHIR, with the
 * published demo token (README, "Sending a referral from another system"). Demo data only.
 */
export async function seedApiTokens(tx: Db, now: Date, o: { schemeId: string; adminId: string | null }) {
  const practice = await one<{ id: string }>(
    tx,
    `insert into organisations (name, org_type, kind, scheme_id, description, email, status, created_at, updated_at)
     values ($1, 'other', 'referrer', $2, 'A GP practice (fictional) whose clinical system sends referrals to the link workers.', 'reception@harbourlane-surgery.example.org', 'approved', $3, $3)
     returning id`,
    [DEMO_GP_PRACTICE, o.schemeId, now],
  );
  await tx.query('insert into api_tokens (organisation_id, label, token_hash, created_by, created_at) values ($1, $2, $3, $4, $5)', [
    practice.id,
    'Clinical system (demo token)',
    apiTokenHash(DEMO_API_TOKEN),
    o.adminId,
    now,
  ]);
}
