import { one, type Db } from '../data/database.ts';
import { makeActivity, makeOrganisation, makePlace, makeUser } from '../../test/factories.ts';

/** Fictional referral data for the NOTIFY tests (deadlines, messages, reply stats, GP summary). Tests only. */
export type World = Awaited<ReturnType<typeof makeWorld>>;

export async function makeWorld(db: Db, opts: { schemeName?: string; responseDays?: number } = {}) {
  const { id: schemeId } = await one<{ id: string }>(db, 'insert into schemes (name, area, response_working_days) values ($1, $2, $3) returning id',
    [opts.schemeName ?? 'Test scheme', 'Testshire', opts.responseDays ?? 10]);
  const providerOrg = await makeOrganisation(db, { name: `Riverside Heritage Trust ${schemeId.slice(0, 4)}` });
  await db.query('update organisations set scheme_id = $2, email = $3 where id = $1', [providerOrg, schemeId, 'office@riverside.example.org']);
  const referrerOrg = await makeOrganisation(db, { name: 'Testshire Social Prescribing' });
  await db.query(`update organisations set kind = 'referrer', scheme_id = $2 where id = $1`, [referrerOrg, schemeId]);
  const place = await makePlace(db, providerOrg);
  const activity = await makeActivity(db, providerOrg, place, { title: 'Riverside heritage walk' });
  const provider = await makeUser(db, { role: 'provider', organisationId: providerOrg, email: `staff-${schemeId.slice(0, 8)}@riverside.example.org` });
  const linkWorker = await makeUser(db, { role: 'link_worker', organisationId: referrerOrg, email: `lw-${schemeId.slice(0, 8)}@sp.example.org` });
  const coordinator = await makeUser(db, { role: 'coordinator', email: `co-${schemeId.slice(0, 8)}@scheme.example.org` });
  const connector = await makeUser(db, { role: 'connector', email: `cn-${schemeId.slice(0, 8)}@scheme.example.org` });
  await db.query('update users set scheme_id = $1 where id = any($2::uuid[])', [schemeId, [linkWorker.id, coordinator.id, connector.id]]);
  return { schemeId, providerOrg, referrerOrg, activity, provider, linkWorker, coordinator, connector };
}

export type ReferralOptions = {
  route?: 'link_worker' | 'self' | 'connector';
  status?: string;
  sentAt?: Date | null;
  contactPreference?: 'phone' | 'email' | 'text' | 'letter';
  followUp?: boolean;
  statusReason?: string | null;
  respondedAt?: Date | null;
  responseDueAt?: Date | null;
};

/** A participant and a referral of them to the world's activity. */
export async function makeReferral(db: Db, w: World, o: ReferralOptions = {}) {
  const route = o.route ?? 'link_worker';
  const { id: participantId } = await one<{ id: string }>(
    db,
    `insert into participants (scheme_id, organisation_id, caseworker_id, source, preferred_name, contact_preference, email, phone, address, postcode)
     values ($1, $2, $3, $4, 'Alex', $5, 'alex@example.net', '07700 900123', '1 Test Row, Testtown', 'TT1 1AA') returning id`,
    [w.schemeId, route === 'link_worker' ? w.referrerOrg : null, route === 'link_worker' ? w.linkWorker.id : null, route, o.contactPreference ?? 'email'],
  );
  await db.query(`insert into consents (participant_id, purpose, method) values ($1, 'referral', 'verbal')`, [participantId]);
  if (o.followUp ?? true) await db.query(`insert into consents (participant_id, purpose, method) values ($1, 'follow_up', 'verbal')`, [participantId]);
  const referrerId = route === 'self' ? null : route === 'connector' ? w.connector.id : w.linkWorker.id;
  const { id } = await one<{ id: string }>(
    db,
    `insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, referrer_id, referrer_organisation_id, status,
       status_reason, sent_at, responded_at, response_due_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [participantId, w.schemeId, w.activity, w.providerOrg, route, referrerId, route === 'link_worker' ? w.referrerOrg : null, o.status ?? 'draft',
      o.statusReason ?? null, o.sentAt ?? null, o.respondedAt ?? null, o.responseDueAt ?? null],
  );
  return { id, participantId };
}
