import type { Db } from '../database.ts';
import { one } from '../database.ts';
import { normalisePhone, normalisePostcode } from '../../domain/contact-details.ts';
import { nextOccurrences } from '../../domain/schedule.ts';
import { replyBy, workingMorningBefore } from './seed-dates.ts';
import { createActivitySessionRepository } from '../repositories/activity-session.repository.ts';

/**
 * Accompanied visits in Nottingham (issue 9 part B, decision 028), relative to the seed clock: three
 * fictional people referred to Museum Buddies Nottingham to go to the castle tour, with visits in
 * every state — planned, under way, overdue with an open alert for Alan (buddy.nottingham), checked
 * out waiting for "how it went", recorded, and cancelled; two more start shortly. Every buddy on a
 * visit accepted a proposal to go (decision 033); Winifred's first buddy declined and Alan is asked
 * in his place, and Ivy waits for Alan's answer (the browser journeys accept these).
 */
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export async function seedBuddyVisits(tx: Db, now: Date): Promise<void> {
  const id = async (sql: string, params: unknown[] = []) => (await one<{ id: string }>(tx, sql, params)).id;
  const scheme = await id(`select id from schemes where name = 'Nottingham Heritage Buddies (demo)'`);
  const buddyScheme = await one<{ id: string; organisation_id: string }>(
    tx,
    `select id, organisation_id from buddy_schemes where name = 'Museum Buddies Nottingham'`,
  );
  const activity = await id(`select id from activities where title = 'Castle grounds and caves wellbeing tour'`);
  const lw = await one<{ id: string; org: string }>(
    tx,
    `select u.id, m.organisation_id as org from users u join memberships m on m.user_id = u.id where u.email = 'linkworker.nottingham@waymark.example'`,
  );
  const lead = await id(`select id from users where email = 'volunteers.nottingham@waymark.example'`);
  const alan = await id(`select v.id from volunteers v join users u on u.id = v.user_id where u.email = 'buddy.nottingham@waymark.example'`);
  const harjit = await id(`select id from volunteers where known_as = 'Harjit'`);

  await tx.query(
    `update buddy_schemes set safeguarding_name = 'Grace Okafor', safeguarding_phone = $2, safeguarding_email = 'safeguarding@museums-collective.example.org' where id = $1`,
    [buddyScheme.id, normalisePhone('07700 900468')],
  );

  const sessions = await createActivitySessionRepository(tx).listForActivity(activity, tx);
  const past = nextOccurrences(sessions, new Date(now.getTime() - 21 * DAY), { limit: 20 }).filter((o) => o.end < now);
  const upcoming = nextOccurrences(sessions, now, { limit: 2 });
  const lastWeek = past.at(-1) ?? { date: isoDate(new Date(now.getTime() - 7 * DAY)), start: new Date(now.getTime() - 7 * DAY) };
  const next = upcoming[0] ?? { date: isoDate(new Date(now.getTime() + 7 * DAY)), start: new Date(now.getTime() + 7 * DAY) };

  async function person(name: string, postcode: string, status: string) {
    const created = new Date(now.getTime() - 30 * DAY);
    const participant = await id(
      `insert into participants (scheme_id, organisation_id, caseworker_id, source, preferred_name, contact_preference, phone, postcode, age_band, what_matters,
         barriers, interests, needs, created_at, updated_at)
       values ($1, $2, $3, 'link_worker', $4, 'phone', $5, $6, '65-74', 'Used to work at the Raleigh factory; would love to see the castle again.',
         '{confidence}', '{talks_learning}', '{loneliness}', $7, $7) returning id`,
      [scheme, lw.org, lw.id, name, normalisePhone('07700 900812'), normalisePostcode(postcode), created],
    );
    for (const purpose of ['referral', 'share_with_provider', 'follow_up']) {
      await tx.query(`insert into consents (participant_id, purpose, method, given_at, recorded_by) values ($1, $2, 'verbal', $3, $4)`, [
        participant,
        purpose,
        created,
        lw.id,
      ]);
    }
    const sent = workingMorningBefore(new Date(now.getTime() - 28 * DAY));
    const due = await replyBy(tx, scheme, sent);
    const provider = await id(`select organisation_id as id from activities where id = $1`, [activity]);
    await tx.query(
      `insert into referrals (participant_id, scheme_id, target, activity_id, provider_organisation_id, route, referrer_id, referrer_organisation_id, status,
         support_needs, sent_at, responded_at, created_at, updated_at, response_due_at)
       values ($1, $2, 'activity', $3, $4, 'link_worker', $5, $6, $7, 'Uses a walking stick; needs a seat on the tour', $8, $8, $8, $8, $9)`,
      [participant, scheme, activity, provider, lw.id, lw.org, status === 'accepted' ? 'accepted' : 'attending', sent, due],
    );
    return id(
      `insert into referrals (participant_id, scheme_id, target, buddy_scheme_id, accompany_activity_id, provider_organisation_id, route, referrer_id,
         referrer_organisation_id, status, support_needs, message, sent_at, responded_at, created_at, updated_at, response_due_at)
       values ($1, $2, 'buddy_scheme', $3, $4, $5, 'link_worker', $6, $7, $8, 'Uses a walking stick; nervous on buses', 'Would like company the first few times.',
         $9, $9, $9, $9, $10) returning id`,
      [participant, scheme, buddyScheme.id, activity, buddyScheme.organisation_id, lw.id, lw.org, status, sent, due],
    );
  }

  type SeedVisit = {
    referral: string;
    volunteer: string;
    session: { date: string; start: Date };
    meetsAt: Date;
    status: 'planned' | 'checked_in' | 'checked_out' | 'cancelled';
    checkedIn?: Date;
    expectedMinutes?: number;
    checkedOut?: Date;
    recorded?: { seemed: string; note: string };
  };
  async function visit(v: SeedVisit) {
    const expectedEnd = v.checkedIn && v.expectedMinutes ? new Date(v.checkedIn.getTime() + v.expectedMinutes * MINUTE) : null;
    const duration = v.checkedIn && v.checkedOut ? Math.round((v.checkedOut.getTime() - v.checkedIn.getTime()) / MINUTE) : null;
    return id(
      `insert into buddy_visits (referral_id, volunteer_id, activity_id, session_date, meets_at, meeting_point, status, planned_by, checked_in_at, expected_end_at,
         checked_out_at, happened, duration_minutes, person_seemed, note_for_lead, recorded_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'Castle gatehouse, by the ticket office', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) returning id`,
      [
        v.referral,
        v.volunteer,
        activity,
        v.session.date,
        v.meetsAt,
        v.status,
        lead,
        v.checkedIn ?? null,
        expectedEnd,
        v.checkedOut ?? null,
        v.recorded ? true : null,
        v.recorded ? duration : null,
        v.recorded?.seemed ?? null,
        v.recorded?.note ?? null,
        v.recorded && v.checkedOut ? new Date(v.checkedOut.getTime() + 10 * MINUTE) : null,
        new Date(now.getTime() - 10 * DAY),
      ],
    );
  }
  const before = (d: Date, minutes: number) => new Date(d.getTime() - minutes * MINUTE);
  /** A proposal to go with someone (decision 033): accepted, declined with a reason, or waiting for the buddy's answer. */
  async function proposal(referral: string, volunteer: string, continuity: boolean, status: 'proposed' | 'accepted' | 'declined', reason?: string) {
    const proposed = new Date(now.getTime() - 20 * DAY);
    await tx.query(
      `insert into buddy_proposals (referral_id, volunteer_id, continuity, status, proposed_by, proposed_at, answered_at, decline_reason)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [referral, volunteer, continuity, status, lead, proposed, status === 'proposed' ? null : new Date(proposed.getTime() + 5 * HOUR), reason ?? null],
    );
  }

  // Dorothy goes every week with Alan: last week's visit recorded, the next one planned.
  const dorothy = await person('Dorothy Marsh', 'NG7 1FB', 'attending');
  await proposal(dorothy, alan, false, 'accepted');
  await proposal(dorothy, harjit, true, 'accepted');
  const lastMeet = before(lastWeek.start, 30);
  await visit({
    referral: dorothy,
    volunteer: alan,
    session: lastWeek,
    meetsAt: lastMeet,
    status: 'checked_out',
    checkedIn: lastMeet,
    expectedMinutes: 180,
    checkedOut: new Date(lastMeet.getTime() + 165 * MINUTE),
    recorded: { seemed: 'enjoyed', note: 'Talked about the caves all the way home. Would like to try the memory café too.' },
  });
  // Alan drove Dorothy there and back and paid for parking: a claim waiting for the lead.
  const driven = (await tx.query<{ id: string }>(`select id from buddy_visits where referral_id = $1 and status = 'checked_out'`, [dorothy]))[0]!.id;
  await tx.query(
    `insert into visit_expenses (visit_id, volunteer_id, travel_date, miles, mileage_pence, start_postcode, end_postcode, public_transport_pence, parking_pence,
       total_pence, claimed_at) values ($1, $2, $3, 6.4, 288, 'NG72RD', 'NG71FB', 0, 350, 638, $4)`,
    [driven, alan, lastWeek.date, new Date(lastMeet.getTime() + 4 * HOUR)],
  );
  await visit({ referral: dorothy, volunteer: alan, session: next, meetsAt: before(next.start, 30), status: 'planned' });
  await visit({ referral: dorothy, volunteer: harjit, session: next, meetsAt: before(next.start, 45), status: 'cancelled' });

  // Femi's visit is under way with Alan and should have ended an hour ago: an open alert, escalated.
  const femi = await person('Femi Adeyemi', 'NG3 2DP', 'first_visit_planned');
  await proposal(femi, alan, false, 'accepted');
  const checkedIn = new Date(now.getTime() - 3 * HOUR);
  const overdue = await visit({
    referral: femi,
    volunteer: alan,
    session: { date: isoDate(checkedIn), start: checkedIn },
    meetsAt: checkedIn,
    status: 'checked_in',
    checkedIn,
    expectedMinutes: 120,
  });
  const raised = new Date(now.getTime() - 30 * MINUTE);
  const alert = await id(`insert into visit_alerts (visit_id, reason, raised_at) values ($1, 'missed_check_out', $2) returning id`, [overdue, raised]);
  await tx.query(`insert into visit_alert_events (alert_id, at, step, detail) values ($1, $2, 'raised', 'missed_check_out'), ($1, $2, 'lead_told', '1 told')`, [
    alert,
    raised,
  ]);

  // Mei is out with Harjit right now (not overdue), and last time's visit waits for "how it went".
  const mei = await person('Mei Lin', 'NG7 3HL', 'accepted');
  await proposal(mei, harjit, false, 'accepted');
  await proposal(mei, alan, true, 'accepted');
  const started = new Date(now.getTime() - 40 * MINUTE);
  await visit({
    referral: mei,
    volunteer: harjit,
    session: { date: isoDate(started), start: started },
    meetsAt: started,
    status: 'checked_in',
    checkedIn: started,
    expectedMinutes: 150,
  });
  const prev = past.at(-2) ?? lastWeek;
  const prevMeet = before(prev.start, 30);
  await visit({
    referral: mei,
    volunteer: alan,
    session: prev,
    meetsAt: prevMeet,
    status: 'checked_out',
    checkedIn: prevMeet,
    expectedMinutes: 150,
    checkedOut: new Date(prevMeet.getTime() + 140 * MINUTE),
  });

  // Arthur and Rosa meet Alan shortly: he can check in from an hour before (the browser journeys use these).
  for (const [name, postcode, minutes] of [
    ['Arthur Bell', 'NG7 2FT', 20],
    ['Rosa Quinn', 'NG2 4LA', 25],
  ] as const) {
    const referral = await person(name, postcode, 'accepted');
    await proposal(referral, alan, false, 'accepted');
    const meets = new Date(now.getTime() + minutes * MINUTE);
    await visit({ referral, volunteer: alan, session: { date: isoDate(meets), start: meets }, meetsAt: meets, status: 'planned' });
  }

  // Winifred's first buddy declined (not free at the tour's times); Alan is asked in her place. Ivy waits for Alan too.
  const winifred = await person('Winifred Hale', 'NG7 2DL', 'accepted');
  await proposal(winifred, harjit, false, 'declined', 'not_free');
  await proposal(winifred, alan, false, 'proposed');
  const ivy = await person('Ivy Stone', 'NG5 1AB', 'accepted');
  await proposal(ivy, alan, false, 'proposed');
}

const isoDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
