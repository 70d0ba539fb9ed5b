import type { Db } from '../../../data/database.ts';
import { one } from '../../../data/database.ts';
import { createQuestionnaireRepository } from '../../../data/repositories/questionnaire.repository.ts';
import type { Answers, InstrumentCode, TimePoint } from '../../../domain/instruments/instrument.ts';
import { instrumentFor } from '../../../domain/instruments/registry.ts';
import { makeActivity, makeOrganisation, makePlace, makeUser } from '../../../../test/factories.ts';

/** Fictional schemes, people and referrals for outcome tests. */
export async function makeScheme(db: Db, name = 'Test scheme') {
  return (await one<{ id: string }>(db, `insert into schemes (name, area) values ($1, $1) returning id`, [name])).id;
}

export async function makeSchemeUser(db: Db, role: 'link_worker' | 'coordinator' | 'commissioner' | 'connector' | 'admin' | 'provider', schemeId: string | null, organisationId?: string) {
  const u = await makeUser(db, { role, ...(organisationId ? { organisationId } : {}) });
  if (schemeId) await db.query('update users set scheme_id = $2 where id = $1', [u.id, schemeId]);
  return u;
}

export async function makeProvider(db: Db, schemeId: string, name = 'Test Heritage Trust') {
  const org = await makeOrganisation(db, { name });
  await db.query('update organisations set scheme_id = $2 where id = $1', [org, schemeId]);
  const activity = await makeActivity(db, org, await makePlace(db, org), { title: `${name} walk` });
  return { org, activity };
}

export async function makeReferral(
  db: Db,
  o: { schemeId: string; org: string; activity: string; caseworkerId?: string | null; status?: string; consent?: boolean; acceptedAt?: string; closedAt?: string | null; sentAt?: string; name?: string; email?: string | null },
) {
  const participant = await one<{ id: string }>(db,
    `insert into participants (scheme_id, caseworker_id, preferred_name, contact_preference, email) values ($1, $2, $3, $4, $5) returning id`,
    [o.schemeId, o.caseworkerId ?? null, o.name ?? 'Pat Participant', o.email ? 'email' : 'phone', o.email ?? null]);
  if (o.consent ?? true) {
    await db.query(`insert into consents (participant_id, purpose, method) values ($1, 'questionnaires', 'verbal')`, [participant.id]);
  }
  const referral = await one<{ id: string }>(db,
    `insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, status, sent_at, responded_at, closed_at)
     values ($1, $2, $3, $4, 'link_worker', $5, $6, $7, $8) returning id`,
    [participant.id, o.schemeId, o.activity, o.org, o.status ?? 'attending', o.sentAt ?? '2026-09-01T10:00:00Z', o.acceptedAt ?? '2026-09-03T10:00:00Z', o.closedAt ?? null]);
  return { participantId: participant.id, referralId: referral.id };
}

/** Records answers at a time point as if a participant had sent them. */
export async function addResponses(db: Db, referralId: string, timePoint: TimePoint, answers: Partial<Record<InstrumentCode, Answers>>) {
  const responses = Object.entries(answers).map(([code, a]) => ({ instrument: code as InstrumentCode, answers: a!, scores: instrumentFor(code)!.score(a!) }));
  await createQuestionnaireRepository(db).saveResponses(db, { referralId, timePoint, mode: 'self', enteredBy: null, at: new Date('2026-10-01T10:00:00Z'), responses });
}

export const swemwbsAll = (value: number): Answers => Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`s${i + 1}`, value]));
