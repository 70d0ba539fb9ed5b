import type { Db } from '../database.ts';
import { one } from '../database.ts';
import { normalisePhone } from '../../domain/contact-details.ts';
import { HAND_OFF_CONSENT_WORDS } from '../../domain/link-worker-request.ts';
import { seededRandom } from '../../domain/seeded-random.ts';
import { addDays, isoWeekday, londonDate, londonInstant } from '../../domain/schedule.ts';

/**
 * Heritage Connectors' signposting in Frome (../shared/seeds/003: a website, a phone line and the
 * monthly Heritage Café as information points): five weeks of anonymous conversations by three
 * fictional connectors, the phone line's shifts and the monthly Heritage Café. A few conversations
 * and an open shift for Bill Hewitt in Great Yarmouth too. Dates are relative to the seed clock.
 */
const WEEKS_BACK = 5;
const FROME_CONNECTORS = ['connector.frome@waymark.example', 'connector2.frome@waymark.example', 'connector3.frome@waymark.example'];
const POINTS: [string, number][] = [
  ['phone_line', 0.3],
  ['website_help', 0.2],
  ['library', 0.2],
  ['gp_surgery', 0.2],
  ['out_and_about', 0.1],
];
const NEEDS: [string, number][] = [
  ['loneliness', 0.35],
  ['low_mood', 0.15],
  ['confidence', 0.15],
  ['physical_activity', 0.1],
  ['carers', 0.08],
  ['dementia', 0.07],
  ['bereavement', 0.05],
  ['anxiety', 0.05],
];
const INTERESTS = ['walk', 'archives_research', 'crafts', 'talks_learning', 'oral_history', 'gardens_green_heritage'];
const OTHER_SERVICES = ['befriending', 'carers_support', 'money_advice', 'digital_help', 'transport'];
export const CAFE_PLACE = 'Heritage Café, Cheap Street (demo)';

/** The Heritage Café: the first Saturday of each month. */
function firstSaturday(year: number, month: number): string {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  return addDays(first, (6 - isoWeekday(first) + 7) % 7);
}

export async function seedSignposting(tx: Db, now: Date) {
  const today = londonDate(now);
  const random = seededRandom(20260029);
  const weighted = (list: [string, number][]) => {
    let r = random() * list.reduce((s, [, w]) => s + w, 0);
    for (const [code, w] of list) {
      r -= w;
      if (r < 0) return code;
    }
    return list[0]![0];
  };
  const userId = async (email: string) => await one<{ id: string; scheme_id: string }>(tx, 'select id, scheme_id from users where email = $1', [email]);
  const frome = await Promise.all(FROME_CONNECTORS.map(userId));
  const schemeId = frome[0]!.scheme_id;
  const activities = (
    await tx.query<{ id: string }>(
      `select a.id from activities a join organisations o on o.id = a.organisation_id where o.scheme_id = $1 and a.status = 'live' order by a.title, a.id`,
      [schemeId],
    )
  ).map((r) => r.id);

  // Recorded at the end of the day, or by now for today's.
  const recordedAt = (day: string) => new Date(Math.min(londonInstant(day, '17:00').getTime(), now.getTime()));
  const insert = async (c: { schemeId: string; connectorId: string; heldOn: string; infoPoint: string }) => {
    const needs = [weighted(NEEDS)];
    if (random() < 0.3) needs.push(weighted(NEEDS));
    const interests = random() < 0.6 ? [INTERESTS[Math.floor(random() * INTERESTS.length)]!] : [];
    const chosen = activities.length && random() < 0.75 ? [activities[Math.floor(random() * activities.length)]!] : [];
    const linkWorker = random() < 0.2;
    const other = chosen.length === 0 && !linkWorker ? [OTHER_SERVICES[Math.floor(random() * OTHER_SERVICES.length)]!] : [];
    const referral = random() < 0.25 ? 'yes' : random() < 0.7 ? 'no' : 'not_known';
    await tx.query(
      `insert into signposting_conversations (scheme_id, connector_id, held_on, info_point, needs, interests, activity_ids, link_worker, other_services,
         referral_followed, created_at, updated_at) values ($1, $2, $3::date, $4, $5::text[], $6::text[], $7::uuid[], $8, $9::text[], $10, $11, $11)`,
      [c.schemeId, c.connectorId, c.heldOn, c.infoPoint, [...new Set(needs)], interests, chosen, linkWorker, other, referral, recordedAt(c.heldOn)],
    );
  };

  // Five weeks of weekday conversations at the information points, and busy Heritage Café mornings.
  for (let back = WEEKS_BACK * 7; back >= 0; back--) {
    const day = addDays(today, -back);
    const weekday = isoWeekday(day);
    const cafe = day === firstSaturday(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
    if (cafe) {
      for (let i = 0; i < 14; i++) await insert({ schemeId, connectorId: frome[i % 3]!.id, heldOn: day, infoPoint: 'heritage_cafe' });
      continue;
    }
    if (weekday > 5) continue;
    const n = 1 + Math.floor(random() * 4);
    for (let i = 0; i < n; i++) {
      await insert({ schemeId, connectorId: frome[Math.floor(random() * 3)]!.id, heldOn: day, infoPoint: weighted(POINTS) });
    }
  }

  // Shifts for the next four weeks: the phone line on weekday mornings, the café on its Saturday.
  const coordinator = await userId('coordinator.frome@waymark.example');
  const shift = async (s: {
    schemeId: string;
    infoPoint: string;
    place: string;
    date: string;
    start: string;
    end: string;
    connectorId: string | null;
    by: string;
  }) =>
    tx.query(
      `insert into connector_shifts (scheme_id, info_point, place, starts_at, ends_at, connector_id, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.schemeId, s.infoPoint, s.place, londonInstant(s.date, s.start), londonInstant(s.date, s.end), s.connectorId, s.by, now],
    );
  for (let ahead = 0; ahead < 28; ahead++) {
    const day = addDays(today, ahead);
    const weekday = isoWeekday(day);
    if (weekday === 1 || weekday === 3 || weekday === 5) {
      // Every fourth phone shift is still open for a connector to take.
      const connectorId = ahead % 4 === 3 ? null : frome[ahead % 3]!.id;
      await shift({
        schemeId,
        infoPoint: 'phone_line',
        place: 'Discover Frome phone line',
        date: day,
        start: '10:00',
        end: '13:00',
        connectorId,
        by: coordinator.id,
      });
    }
    if (day === firstSaturday(Number(day.slice(0, 4)), Number(day.slice(5, 7)))) {
      await shift({
        schemeId,
        infoPoint: 'heritage_cafe',
        place: CAFE_PLACE,
        date: day,
        start: '10:00',
        end: '12:30',
        connectorId: frome[0]!.id,
        by: coordinator.id,
      });
      await shift({
        schemeId,
        infoPoint: 'heritage_cafe',
        place: CAFE_PLACE,
        date: day,
        start: '10:00',
        end: '12:30',
        connectorId: frome[1]!.id,
        by: coordinator.id,
      });
      await shift({ schemeId, infoPoint: 'heritage_cafe', place: CAFE_PLACE, date: day, start: '10:00', end: '12:30', connectorId: null, by: coordinator.id });
    }
  }

  // Great Yarmouth: a few of Bill Hewitt's conversations this week and an open library shift.
  const bill = await userId('connector.yarmouth@waymark.example');
  const yarmouthCoordinator = await userId('coordinator@waymark.example');
  for (const back of [1, 2, 4]) await insert({ schemeId: bill.scheme_id, connectorId: bill.id, heldOn: addDays(today, -back), infoPoint: 'library' });
  await shift({
    schemeId: bill.scheme_id,
    infoPoint: 'library',
    place: 'Great Yarmouth Library',
    date: addDays(today, 3),
    start: '14:00',
    end: '16:00',
    connectorId: null,
    by: yarmouthCoordinator.id,
  });

  // A caller Bill handed to Yarmouth's link workers yesterday, waiting in their queue (decision 039).
  await tx.query(
    `insert into link_worker_requests (scheme_id, preferred_name, contact_preference, phone, postcode, easting, northing, needs, note,
       consent_words, created_by, created_at, status)
     values ($1, 'Pauline', 'phone', $2, 'NR302PW', null, null, '{loneliness}', 'Mornings are best', $3, $4, $5, 'open')`,
    [bill.scheme_id, normalisePhone('07700 900577'), HAND_OFF_CONSENT_WORDS, bill.id, londonInstant(addDays(today, -1), '11:15')],
  );
}
