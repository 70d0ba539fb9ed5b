import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Answers, InstrumentCode, TimePoint } from '../../domain/instruments/instrument.ts';
import { DEFAULT_QUESTIONNAIRE, instrumentFor, itemsAt } from '../../domain/instruments/registry.ts';
import { createQuestionnaireRepository } from '../repositories/questionnaire.repository.ts';
import { seededRandom } from '../../domain/seeded-random.ts';
import { isWorkingDay } from '../../domain/working-days.ts';
import { replyBy, workingMorningBefore } from './seed-dates.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Answers for one time point: `lift` moves wellbeing up (and loneliness, anxiety, health contacts down). */
export function demoAnswers(code: InstrumentCode, timePoint: TimePoint, rand: () => number, lift: number): Answers {
  const instrument = instrumentFor(code)!;
  const a: Answers = {};
  const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(v)));
  for (const item of itemsAt(instrument, timePoint)) {
    const noise = rand() * 1.6 - 0.8;
    switch (`${code}:${item.key}`) {
      case 'ons4:anxiety':
        a[item.key] = clamp(6 - 2.5 * lift + noise * 2, 0, 10);
        break;
      case 'pilot:health_contacts':
        a[item.key] = clamp(4 - 1.8 * lift + noise * 2, 0, 20);
        break;
      case 'pilot:medication':
        a[item.key] = rand() < 0.3 ? 4 : rand() < 0.45 + 0.2 * lift ? 1 : rand() < 0.85 ? 2 : 3;
        break;
      case 'pilot:someone_to_talk':
        a[item.key] = rand() < 0.45 + 0.4 * lift ? 1 : 0;
        break;
      default:
        if (code === 'ucla3') a[item.key] = clamp(2.4 - 0.7 * lift + noise, 1, 3);
        else if (code === 'ons4') a[item.key] = clamp(4.5 + 2.2 * lift + noise * 2, 0, 10);
        else a[item.key] = clamp(2.6 + 0.9 * lift + noise, item.min, item.max);
    }
  }
  return a;
}

async function record(tx: Db, referralId: string, timePoint: TimePoint, at: Date, rand: () => number, lift: number) {
  const responses = DEFAULT_QUESTIONNAIRE.map((code) => {
    const answers = demoAnswers(code, timePoint, rand, lift);
    return { instrument: code, answers, scores: instrumentFor(code)!.score(answers) };
  });
  await createQuestionnaireRepository(tx).saveResponses(tx, { referralId, timePoint, mode: 'self', enteredBy: null, at, responses });
}

type Cohort = { orgName: string; activityIndex: number; completed: number; droppedOut: number };

/**
 * Past participants (already anonymised) whose questionnaires make the demo report show figures. They are
 * referred in monthly intakes of ten, starting seven months ago (completers first, then those who dropped
 * out), so whole-month reports have groups large enough to publish under decision 012. Nottingham's
 * three people show figures being withheld: England's report minus the other areas would be them.
 */
const COHORTS: Cohort[] = [
  { orgName: 'Yarmouth Heritage Trust', activityIndex: 0, completed: 20, droppedOut: 2 },
  { orgName: 'Yarmouth Heritage Trust', activityIndex: 1, completed: 10, droppedOut: 1 },
  { orgName: 'Frome History Society', activityIndex: 0, completed: 10, droppedOut: 1 },
  { orgName: 'Nottingham Museums Collective', activityIndex: 0, completed: 3, droppedOut: 1 },
];
const INTAKE = 10;
const FIRST_INTAKE_MONTHS_AGO = 7;

/** The i-th referral of a cohort: the 5th to 14th of its intake's month (the next working day), mid-morning. */
function intakeDate(now: Date, i: number): Date {
  const monthsAgo = FIRST_INTAKE_MONTHS_AGO - Math.floor(i / INTAKE);
  let at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 5 + (i % INTAKE), 10));
  while (!isWorkingDay(at)) at = new Date(at.getTime() + DAY);
  return at;
}

/**
 * Demo questionnaires: anonymised past cohorts with baseline and end answers, and two people on the
 * Yarmouth link worker's caseload: one end questionnaire overdue, one follow-up due.
 */
export async function seedOutcomes(tx: Db, now: Date) {
  const rand = seededRandom(20261121);
  for (const c of COHORTS) {
    const org = await maybeOne<{ id: string; scheme_id: string }>(tx, 'select id, scheme_id from organisations where name = $1', [c.orgName]);
    if (!org?.scheme_id) continue;
    const activities = await tx.query<{ id: string }>(`select id from activities where organisation_id = $1 and status = 'live' order by title`, [org.id]);
    const activity = activities[c.activityIndex] ?? activities[0];
    if (!activity) continue;
    for (let i = 0; i < c.completed + c.droppedOut; i++) {
      const sent = intakeDate(now, i);
      const closed = new Date(sent.getTime() + 84 * DAY);
      const finished = i < c.completed;
      const participant = await one<{ id: string }>(
        tx,
        `insert into participants (scheme_id, preferred_name, contact_preference, anonymised_at, created_at, updated_at) values ($1, 'Anonymised participant', 'letter', $2, $3, $2) returning id`,
        [org.scheme_id, closed, sent],
      );
      const referral = await one<{ id: string }>(
        tx,
        `insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, status, sent_at, response_due_at, responded_at, closed_at, created_at, updated_at, anonymised_at)
         values ($1, $2, $3, $4, 'link_worker', $5, $6, $9, $7, $8, $6, $8, $8) returning id`,
        [
          participant.id,
          org.scheme_id,
          activity.id,
          org.id,
          finished ? 'completed' : 'stopped',
          sent,
          new Date(sent.getTime() + 3 * DAY),
          closed,
          await replyBy(tx, org.scheme_id, sent),
        ],
      );
      await tx.query(`insert into referral_events (referral_id, at, kind, from_status, to_status) values ($1, $2, 'status', 'sent', 'accepted')`, [
        referral.id,
        new Date(sent.getTime() + 3 * DAY),
      ]);
      await tx.query('insert into attendance (referral_id, session_date, attended, recorded_at) values ($1, $2, true, $3)', [
        referral.id,
        new Date(sent.getTime() + 10 * DAY).toISOString().slice(0, 10),
        new Date(sent.getTime() + 10 * DAY),
      ]);
      await record(tx, referral.id, 'baseline', new Date(sent.getTime() + 10 * DAY), rand, 0);
      if (finished) await record(tx, referral.id, 'end', closed, rand, 0.3 + rand() * 0.9);
    }
  }
  await seedCaseload(tx, now, rand);
}

/** Two fictional people for the Yarmouth link worker (end overdue; follow-up due), each with questionnaire consent. */
async function seedCaseload(tx: Db, now: Date, rand: () => number) {
  const worker = await maybeOne<{ id: string; scheme_id: string; organisation_id: string }>(
    tx,
    `select u.id, u.scheme_id, m.organisation_id from users u join memberships m on m.user_id = u.id where u.email = 'linkworker.yarmouth@waymark.example'`,
  );
  const org = await maybeOne<{ id: string }>(tx, `select id from organisations where name = 'Yarmouth Heritage Trust'`);
  const activity =
    org && (await maybeOne<{ id: string }>(tx, `select id from activities where organisation_id = $1 and status = 'live' order by title limit 1`, [org.id]));
  if (!worker || !org || !activity) return;
  const people = [
    { name: 'Stanley Brock (demo)', status: 'completed', acceptedDaysAgo: 130, closedDaysAgo: 40, recorded: ['baseline'] as TimePoint[] },
    { name: 'Glenys Harrup (demo)', status: 'completed', acceptedDaysAgo: 190, closedDaysAgo: 88, recorded: ['baseline', 'end'] as TimePoint[] },
  ];
  for (const p of people) {
    const accepted = new Date(now.getTime() - p.acceptedDaysAgo * DAY);
    const closed = p.closedDaysAgo === null ? null : new Date(now.getTime() - p.closedDaysAgo * DAY);
    const participant = await one<{ id: string }>(
      tx,
      `insert into participants (scheme_id, organisation_id, caseworker_id, preferred_name, contact_preference, email, what_matters, created_at, updated_at)
       values ($1, $2, $3, $4, 'email', $5, 'Getting out of the house and meeting people.', $6, $6) returning id`,
      [
        worker.scheme_id,
        worker.organisation_id,
        worker.id,
        p.name,
        `${p.name.split(' ')[0]!.toLowerCase()}@example.org`,
        new Date(accepted.getTime() - 7 * DAY),
      ],
    );
    for (const purpose of ['referral', 'questionnaires']) {
      await tx.query(`insert into consents (participant_id, purpose, method, given_at, recorded_by) values ($1, $2, 'verbal', $3, $4)`, [
        participant.id,
        purpose,
        new Date(accepted.getTime() - 7 * DAY),
        worker.id,
      ]);
    }
    const referral = await one<{ id: string }>(
      tx,
      `insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, referrer_id, referrer_organisation_id, status, sent_at, responded_at, closed_at, created_at, updated_at, response_due_at)
       values ($1, $2, $3, $4, 'link_worker', $5, $6, $7, $8, $9, $10, $8, $9, $11) returning id`,
      [
        participant.id,
        worker.scheme_id,
        activity.id,
        org.id,
        worker.id,
        worker.organisation_id,
        p.status,
        workingMorningBefore(new Date(accepted.getTime() - 3 * DAY)),
        accepted,
        closed,
        await replyBy(tx, worker.scheme_id, workingMorningBefore(new Date(accepted.getTime() - 3 * DAY))),
      ],
    );
    await tx.query(
      `insert into referral_events (referral_id, at, actor_id, kind, from_status, to_status) values ($1, $2, null, 'status', 'sent', 'accepted')`,
      [referral.id, accepted],
    );
    await tx.query('insert into attendance (referral_id, session_date, attended, recorded_at) values ($1, $2, true, $3)', [
      referral.id,
      new Date(accepted.getTime() + 5 * DAY).toISOString().slice(0, 10),
      new Date(accepted.getTime() + 5 * DAY),
    ]);
    for (const tp of p.recorded) await record(tx, referral.id, tp, tp === 'baseline' ? accepted : closed!, rand, tp === 'baseline' ? 0 : 0.8);
  }
}
