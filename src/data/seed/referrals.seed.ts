import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import { normalisePhone, normalisePostcode } from '../../domain/contact-details.ts';
import type { ReferralStatus } from '../../domain/referral.ts';
import { addDays, londonDate, londonInstant, nextOccurrences } from '../../domain/schedule.ts';
import { isWorkingDay, responseDueAt } from '../../domain/working-days.ts';
import { loadSessions, refreshActivityIndex } from '../repositories/activity-index.repository.ts';

/**
 * Fictional referrals in every state for each pilot area: invented first names, Ofcom drama phone
 * numbers (07700 900xxx), example.org emails and real postcodes from geography.data.ts.
 */
type Area = { scheme: string; linkWorker: string; connector: string; provider: string; postcodes: string[]; names: string[] };

const AREAS: Area[] = [
  {
    scheme: 'Heritage for Wellbeing (demo)',
    linkWorker: 'linkworker.yarmouth@waymark.example',
    connector: 'connector.yarmouth@waymark.example',
    provider: 'provider.yarmouth@waymark.example',
    postcodes: ['NR30 1NE', 'NR30 2RG', 'NR31 6SG', 'NR30 4EW', 'NR32 1XG', 'NR30 3BX'],
    names: ['Maureen', 'Derek', 'Sheila', 'Trevor', 'Pauline', 'Keith', 'Brenda', 'Colin', 'Janet', 'Roy', 'Sandra', 'Lynn', 'Alf'],
  },
  {
    scheme: 'Frome Heritage Connectors (demo)',
    linkWorker: 'linkworker.frome@waymark.example',
    connector: 'connector.frome@waymark.example',
    provider: 'provider.frome@waymark.example',
    postcodes: ['BA11 1AT', 'BA11 1DN', 'BA11 1BE', 'BA11 4LW', 'BA11 3BS', 'BA11 1PH'],
    names: ['Alison', 'Graham', 'Wendy', 'Nigel', 'Carol', 'Martin', 'Lesley', 'Phil', 'Diane', 'Barry', 'Elaine', 'Rowan', 'Bev'],
  },
  {
    scheme: 'Nottingham Heritage Buddies (demo)',
    linkWorker: 'linkworker.nottingham@waymark.example',
    connector: 'connector.nottingham@waymark.example',
    provider: 'provider.nottingham@waymark.example',
    postcodes: ['NG1 6EL', 'NG1 2GB', 'NG7 4HF', 'NG7 1FB'],
    names: ['Gloria', 'Winston', 'Parveen', 'Tariq', 'Hazel', 'Desmond', 'Amrit', 'Leroy', 'Joyce', 'Kwame', 'Shirley', 'Nadia', 'Errol'],
  },
];

/** Each story: its steps (status, days ago), and what the final status needs. */
type Story = { steps: [ReferralStatus, number][]; reason?: string; note?: string; nextSteps?: string[]; visit?: boolean; route?: 'self' | 'connector' };
const STORIES: Story[] = [
  { steps: [['draft', 1]] },
  {
    steps: [
      ['draft', 3],
      ['sent', 2],
    ],
  },
  {
    steps: [
      ['draft', 22],
      ['sent', 21],
    ],
  }, // 15 working days ago: overdue
  {
    steps: [
      ['draft', 12],
      ['sent', 11],
      ['accepted', 8],
    ],
  },
  {
    steps: [
      ['draft', 20],
      ['sent', 19],
      ['declined', 15],
    ],
    reason: 'not_running',
    note: 'The group is paused over the winter; we restart in March.',
  },
  {
    steps: [
      ['draft', 16],
      ['sent', 15],
      ['waiting_list', 12],
    ],
  },
  {
    // Accepted four weeks ago (a buddy was found only last week): at least one session of even a
    // fortnightly activity falls between acceptance and today, so they are on a past register on any date.
    steps: [
      ['draft', 29],
      ['sent', 28],
      ['accepted', 27],
      ['first_visit_planned', 9],
    ],
    visit: true,
  },
  {
    steps: [
      ['draft', 40],
      ['sent', 39],
      ['accepted', 35],
      ['first_visit_planned', 34],
      ['attending', 27],
    ],
    visit: true,
  },
  {
    steps: [
      ['draft', 90],
      ['sent', 89],
      ['accepted', 85],
      ['first_visit_planned', 84],
      ['attending', 77],
      ['completed', 5],
    ],
    visit: true,
    nextSteps: ['carry_on', 'volunteer'],
  },
  {
    steps: [
      ['draft', 60],
      ['sent', 59],
      ['accepted', 55],
      ['first_visit_planned', 54],
      ['stopped', 30],
    ],
    visit: true,
    reason: 'access',
  },
  {
    steps: [
      ['draft', 25],
      ['sent', 24],
      ['withdrawn', 20],
    ],
    note: 'They found a group nearer home.',
  },
  { steps: [['sent', 4]], route: 'self' },
  { steps: [['sent', 6]], route: 'connector' },
];

const DAY = 24 * 60 * 60 * 1000;
/**
 * When a step of a story happened: `daysAgo` days before today, moved back to a working day, in
 * working hours (9am on, one hour later for each later step, so steps moved to one day keep their order).
 */
const at = (now: Date, daysAgo: number, step = 1) => {
  let date = addDays(londonDate(now), -daysAgo);
  while (!isWorkingDay(date)) date = addDays(date, -1);
  return londonInstant(date, `${String(9 + step).padStart(2, '0')}:00`);
};
const daysBefore = (now: Date, date: string) => Math.round((Date.parse(`${londonDate(now)}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY);

/** An activity's session dates from an instant on (its sessions, cancellations, bank holidays and season). */
async function sessionDates(tx: Db, activityId: string, from: Date): Promise<string[]> {
  const months = (await one<{ months: number[] }>(tx, 'select months from activities where id = $1', [activityId])).months;
  return nextOccurrences(await loadSessions(tx, [activityId]), from, { limit: 30, horizonDays: 200, months }).map((o) => o.date);
}

/**
 * A first visit on a day the activity runs: for a visit still to come, its next session after today;
 * otherwise the first session after it was planned, with the story's next step moved to that day when
 * it came sooner (so "attending" never comes before the first visit).
 */
async function planVisit(tx: Db, activityId: string, steps: [ReferralStatus, number][], now: Date) {
  const i = steps.findIndex(([s]) => s === 'first_visit_planned');
  const planned = at(now, steps[i]![1], i);
  if (i === steps.length - 1) {
    const upcoming = (await sessionDates(tx, activityId, new Date(now.getTime() + DAY)))[0];
    return { steps, visitDate: upcoming ?? londonDate(new Date(now.getTime() + 7 * DAY)) };
  }
  const visitDate = (await sessionDates(tx, activityId, new Date(planned.getTime() + DAY)))[0];
  if (!visitDate) return { steps, visitDate: londonDate(new Date(planned.getTime() + 6 * DAY)) };
  const [nextStatus, nextDays] = steps[i + 1]!;
  // Recorded on the first working day after the visit, if that is before the step after it (or today).
  let after = addDays(visitDate, 1);
  while (!isWorkingDay(after)) after = addDays(after, 1);
  const afterDays = daysBefore(now, after);
  const moved = afterDays < nextDays && afterDays > (steps[i + 2]?.[1] ?? 0);
  return { steps: steps.map((s, j): [ReferralStatus, number] => (moved && j === i + 1 ? [nextStatus, afterDays] : s)), visitDate };
}
const id = async (tx: Db, sql: string, params: unknown[]) => (await one<{ id: string }>(tx, sql, params)).id;

export async function seedReferrals(tx: Db, now: Date): Promise<void> {
  for (const [areaIndex, area] of AREAS.entries()) {
    const scheme = await id(tx, 'select id from schemes where name = $1', [area.scheme]);
    const lw = await one<{ id: string; org: string }>(
      tx,
      'select u.id, m.organisation_id as org from users u join memberships m on m.user_id = u.id where u.email = $1',
      [area.linkWorker],
    );
    const connector = await id(tx, 'select id from users where email = $1', [area.connector]);
    const providerOrg = await id(tx, 'select m.organisation_id as id from users u join memberships m on m.user_id = u.id where u.email = $1', [area.provider]);
    const activities = (
      await tx.query<{ id: string }>(`select id from activities where organisation_id = $1 and status = 'live' order by title`, [providerOrg])
    ).map((a) => a.id);
    if (activities.length === 0) continue;
    // One activity in each area takes referrals from community connectors.
    await tx.query(
      `update activities set referral_routes = array_append(referral_routes, 'community_connector') where id = $1 and not ('community_connector' = any(referral_routes))`,
      [activities[0]],
    );
    await refreshActivityIndex(tx, [activities[0]!], now);
    const people: { participant: string; activityId: string }[] = [];
    for (const [i, story] of STORIES.entries()) {
      const name = area.names[i]!;
      const phone = `07700 900${String(areaIndex * 20 + i + 100).padStart(3, '0')}`;
      const route = story.route ?? 'link_worker';
      const activityId = route === 'connector' ? activities[0]! : activities[i % activities.length]!;
      const first = at(now, story.steps[0]![1], 0);
      const participant = await id(
        tx,
        `insert into participants (scheme_id, organisation_id, caseworker_id, source, preferred_name, contact_preference, phone, email, postcode,
           easting, northing, age_band, what_matters, barriers, interests, needs, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, (select easting from postcodes where postcode = replace($9, ' ', '')),
           (select northing from postcodes where postcode = replace($9, ' ', '')), $10, $11, $12, $13, $15, $14, $14) returning id`,
        [
          scheme,
          route === 'link_worker' ? lw.org : null,
          route === 'link_worker' ? lw.id : null,
          route,
          name,
          i % 3 === 1 ? 'email' : 'phone',
          normalisePhone(phone),
          `${name.toLowerCase()}@example.org`,
          normalisePostcode(area.postcodes[i % area.postcodes.length]!),
          ['65-74', '55-64', '75-84'][i % 3],
          route === 'self' ? '' : 'Misses the people at work; loves old photographs of the town.',
          i % 2 ? ['transport'] : ['confidence'],
          i % 2 ? ['archives_research', 'talks_learning'] : ['object_handling', 'memory_cafe'],
          first,
          i % 2 ? ['loneliness', 'low_mood'] : ['loneliness', 'confidence'],
        ],
      );
      const method = route === 'self' ? 'online' : 'verbal';
      const recorder = route === 'link_worker' ? lw.id : route === 'connector' ? connector : null;
      for (const purpose of i % 2 ? ['referral', 'follow_up'] : ['referral', 'share_with_provider', 'follow_up', 'questionnaires']) {
        await tx.query('insert into consents (participant_id, purpose, method, given_at, recorded_by) values ($1, $2, $3, $4, $5)', [
          participant,
          purpose,
          method,
          first,
          recorder,
        ]);
      }
      await seedReferral(tx, {
        story,
        participant,
        scheme,
        activityId,
        providerOrg,
        route,
        referrer: recorder,
        referrerOrg: route === 'link_worker' ? lw.org : null,
        now,
        providerUser: area.provider,
      });
      people.push({ participant, activityId });
    }
    const buddyScheme = await maybeOne<{ id: string; organisation_id: string }>(
      tx,
      'select id, organisation_id from buddy_schemes where scheme_id = $1 and active order by name limit 1',
      [scheme],
    );
    if (buddyScheme) {
      for (const b of BUDDY_STORIES) {
        const person = people[b.person]!;
        await seedBuddyReferral(tx, { ...b, ...person, scheme, buddyScheme, linkWorker: lw, providerUser: area.provider, now });
      }
    }
  }
}

/**
 * Buddy-scheme referrals for people already referred to an activity: one waiting for a reply, one
 * with a buddy named for the first visit (the same person's activity referral plans the visit too).
 */
const BUDDY_STORIES: { person: number; steps: [ReferralStatus, number][] }[] = [
  {
    person: 3,
    steps: [
      ['draft', 3],
      ['sent', 2],
    ],
  },
  {
    person: 6,
    steps: [
      ['draft', 13],
      ['sent', 12],
      ['accepted', 11],
      ['first_visit_planned', 10],
    ],
  },
];

async function seedBuddyReferral(
  tx: Db,
  r: {
    steps: [ReferralStatus, number][];
    participant: string;
    activityId: string;
    scheme: string;
    buddyScheme: { id: string; organisation_id: string };
    linkWorker: { id: string; org: string };
    providerUser: string;
    now: Date;
  },
) {
  const { now } = r;
  const when = (s: ReferralStatus) => {
    const i = r.steps.findIndex(([st]) => st === s);
    return i >= 0 ? at(now, r.steps[i]![1], i) : null;
  };
  const [final, finalDays] = r.steps.at(-1)!;
  const sentAt = when('sent');
  const visitAt = when('first_visit_planned');
  // The buddy goes with them to the activity's next session.
  const buddyVisit = visitAt
    ? ((await sessionDates(tx, r.activityId, new Date(now.getTime() + DAY)))[0] ?? londonDate(new Date(now.getTime() + 7 * DAY)))
    : null;
  const days = (await one<{ n: number }>(tx, 'select response_working_days as n from schemes where id = $1', [r.scheme])).n;
  const refId = await id(
    tx,
    `insert into referrals (participant_id, scheme_id, target, buddy_scheme_id, accompany_activity_id, provider_organisation_id, route, referrer_id,
       referrer_organisation_id, status, support_needs, message, first_visit_date, first_visit_buddy, first_visit_transport, sent_at, response_due_at,
       responded_at, created_at, updated_at)
     values ($1, $2, 'buddy_scheme', $3, $4, $5, 'link_worker', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) returning id`,
    [
      r.participant,
      r.scheme,
      r.buddyScheme.id,
      r.activityId,
      r.buddyScheme.organisation_id,
      r.linkWorker.id,
      r.linkWorker.org,
      final,
      'Walks slowly; would like to meet at home first.',
      'Would go if someone went along the first time.',
      buddyVisit,
      visitAt ? 'Ken (heritage buddy)' : null,
      visitAt ? 'Ken calls for them and they walk there' : null,
      sentAt,
      sentAt ? responseDueAt(sentAt, Number(days)) : null,
      when('accepted'),
      at(now, r.steps[0]![1], 0),
      at(now, finalDays, r.steps.length - 1),
    ],
  );
  const providerId = (await one<{ id: string }>(tx, 'select id from users where email = $1', [r.providerUser])).id;
  let from: ReferralStatus | null = null;
  for (const [i, [status, daysAgo]] of r.steps.entries()) {
    const providerSide = ['accepted', 'first_visit_planned'].includes(status);
    await tx.query('insert into referral_events (referral_id, at, actor_id, kind, from_status, to_status, note) values ($1, $2, $3, $4, $5, $6, $7)', [
      refId,
      at(now, daysAgo, i),
      providerSide ? providerId : r.linkWorker.id,
      'status',
      from,
      status,
      '',
    ]);
    from = status;
  }
}

async function seedReferral(
  tx: Db,
  r: {
    story: Story;
    participant: string;
    scheme: string;
    activityId: string;
    providerOrg: string;
    route: string;
    referrer: string | null;
    referrerOrg: string | null;
    now: Date;
    providerUser: string;
  },
) {
  const { story, now } = r;
  const plan = story.visit ? await planVisit(tx, r.activityId, story.steps, now) : { steps: story.steps, visitDate: null };
  const steps = plan.steps;
  const [final, finalDays] = steps.at(-1)!;
  const when = (s: ReferralStatus) => {
    const i = steps.findIndex(([st]) => st === s);
    return i >= 0 ? at(now, steps[i]![1], i) : null;
  };
  const sentAt = when('sent');
  const respondedAt = when('accepted') ?? when('declined') ?? when('waiting_list');
  const closed = ['declined', 'completed', 'stopped', 'withdrawn'].includes(final) ? at(now, finalDays, steps.length - 1) : null;
  const days = (await one<{ n: number }>(tx, 'select response_working_days as n from schemes where id = $1', [r.scheme])).n;
  const refId = await id(
    tx,
    `insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, referrer_id, referrer_organisation_id, status, status_reason,
       support_needs, message, first_visit_date, first_visit_buddy, first_visit_transport, funded_place, next_steps, sent_at, response_due_at, responded_at,
       closed_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) returning id`,
    [
      r.participant,
      r.scheme,
      r.activityId,
      r.providerOrg,
      r.route,
      r.referrer,
      r.referrerOrg,
      final,
      story.reason ?? null,
      'Hard of hearing: please sit them near the leader.',
      r.route === 'self' ? 'I would like to meet people and get out more.' : 'Keen to go but nervous about the first time.',
      plan.visitDate,
      story.visit ? 'Ken (heritage buddy)' : null,
      story.visit ? 'Community minibus from home' : null,
      story.visit ?? false,
      story.nextSteps ?? [],
      sentAt,
      sentAt ? responseDueAt(sentAt, Number(days)) : null,
      respondedAt,
      closed,
      at(now, steps[0]![1], 0),
      at(now, finalDays, steps.length - 1),
    ],
  );
  const providerId = (await one<{ id: string }>(tx, 'select id from users where email = $1', [r.providerUser])).id;
  let from: ReferralStatus | null = null;
  for (const [i, [status, daysAgo]] of steps.entries()) {
    const providerSide = ['accepted', 'declined', 'waiting_list', 'attending'].includes(status);
    const isFinal = status === final;
    await tx.query('insert into referral_events (referral_id, at, actor_id, kind, from_status, to_status, note) values ($1, $2, $3, $4, $5, $6, $7)', [
      refId,
      at(now, daysAgo, i),
      providerSide ? providerId : r.referrer,
      'status',
      from,
      status,
      isFinal ? (story.note ?? '') : '',
    ]);
    from = status;
  }
  if (final === 'attending' || final === 'completed')
    await seedAttendance(tx, refId, r.activityId, at(now, steps.find(([s]) => s === 'attending')![1]), closed ?? now, providerId);
}

/** Past sessions since they started attending, mostly attended. */
async function seedAttendance(tx: Db, referralId: string, activityId: string, from: Date, until: Date, recordedBy: string) {
  const sessions = await loadSessions(tx, [activityId]);
  const dates = nextOccurrences(sessions, from, { limit: 8, horizonDays: 90 })
    .map((o) => o.date)
    .filter((d) => d <= londonDate(until));
  for (const [i, date] of dates.entries()) {
    await tx.query(
      'insert into attendance (referral_id, session_date, attended, recorded_by, recorded_at) values ($1, $2, $3, $4, $5) on conflict do nothing',
      [referralId, date, i !== 1, recordedBy, new Date(`${date}T18:00:00Z`)],
    );
  }
}
