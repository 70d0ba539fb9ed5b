import type { Db } from '../database.ts';
import { one } from '../database.ts';
import { createInformationPointRepository, type NewInformationPoint } from '../repositories/information-point.repository.ts';
import { addDays, isoWeekday, londonDate, londonInstant } from '../../domain/schedule.ts';
import { CAFE_PLACE } from './signposting.seed.ts';

/** The Heritage Café: the first Saturday of a month ('YYYY-MM'). */
function firstSaturday(month: string): string {
  const first = `${month}-01`;
  return addDays(first, (6 - isoWeekday(first) + 7) % 7);
}

const monthAfter = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * Information points (issue 10, decision 035): Frome's phone line and monthly Heritage Café (the
 * connectors' shifts there are linked to them, with café shifts booked three months ahead), and a
 * library holding the pack in Great Yarmouth and in Nottingham. Real places, invented numbers.
 */
export async function seedInformationPoints(tx: Db, now: Date) {
  const repo = createInformationPointRepository(tx);
  const scheme = async (area: string) => (await one<{ id: string }>(tx, 'select id from schemes where area = $1', [area])).id;
  const frome = await scheme('Frome');
  const base = { description: '', placeName: '', addressLine: '', town: '', postcode: null, phone: null, hoursNote: '' } as const;
  const create = (p: NewInformationPoint) => repo.create(tx, p, now);

  const cafe = await create({
    ...base,
    schemeId: frome,
    kind: 'heritage_cafe',
    name: 'Frome Heritage Café',
    description: 'Drop in for a cup of tea and a chat about what’s on. Heritage Connectors are there to help you find something you’ll enjoy.',
    placeName: CAFE_PLACE,
    addressLine: 'Cheap Street',
    town: 'Frome',
    postcode: 'BA111BN',
    times: [{ frequency: 'monthly', weekday: 6, weekOfMonth: 1, startDate: '2026-01-03', startTime: '10:00', endTime: '12:30' }],
  });
  const phone = await create({
    ...base,
    schemeId: frome,
    kind: 'phone_line',
    name: 'Discover Frome phone line',
    description: 'Ring to hear what’s on near you. We can post or text you the details.',
    phone: '+441632960300',
    hoursNote: 'Monday, Wednesday and Friday, 10am to 1pm. Closed on bank holidays.',
    times: [1, 3, 5].map((weekday) => ({
      frequency: 'weekly' as const,
      weekday,
      weekOfMonth: null,
      startDate: '2026-01-05',
      startTime: '10:00',
      endTime: '13:00',
    })),
  });
  await create({
    ...base,
    schemeId: await scheme('Great Yarmouth and Waveney'),
    kind: 'library',
    name: 'Great Yarmouth Library',
    description: 'Pick up this month’s printed list of heritage activities at the front desk.',
    placeName: 'Great Yarmouth Library',
    addressLine: 'Tolhouse Street',
    town: 'Great Yarmouth',
    postcode: 'NR302SH',
    hoursNote: 'Open Monday to Saturday. Ask at the front desk for the large print copy.',
    times: [],
  });
  await create({
    ...base,
    schemeId: await scheme('Nottingham'),
    kind: 'library',
    name: 'Nottingham Central Library',
    description: 'This month’s printed list of heritage activities is on the noticeboard by the entrance.',
    placeName: 'Nottingham Central Library',
    addressLine: 'Carrington Street',
    town: 'Nottingham',
    postcode: 'NG17FH',
    hoursNote: 'Open every day except Sunday. Copies in large print and easy read.',
    times: [],
  });

  // Frome's shifts at the café and on the phone line are at these points.
  await tx.query(`update connector_shifts set information_point_id = $2 where scheme_id = $1 and info_point = 'heritage_cafe'`, [frome, cafe]);
  await tx.query(`update connector_shifts set information_point_id = $2 where scheme_id = $1 and info_point = 'phone_line'`, [frome, phone]);

  // The café's connector on duty for the next three months (the signposting seed books four weeks).
  const connector = await one<{ id: string }>(tx, `select id from users where email = 'connector.frome@waymark.example'`);
  const coordinator = await one<{ id: string }>(tx, `select id from users where email = 'coordinator.frome@waymark.example'`);
  const today = londonDate(now);
  let month = today.slice(0, 7);
  for (let i = 0; i < 4; i++, month = monthAfter(month)) {
    const day = firstSaturday(month);
    if (day < today) continue;
    const [booked] = await tx.query<{ n: number }>(`select count(*)::int as n from connector_shifts where information_point_id = $1 and starts_at = $2`, [
      cafe,
      londonInstant(day, '10:00'),
    ]);
    if ((booked?.n ?? 0) > 0) continue;
    await tx.query(
      `insert into connector_shifts (scheme_id, info_point, place, starts_at, ends_at, connector_id, created_by, created_at, information_point_id)
       values ($1, 'heritage_cafe', $2, $3, $4, $5, $6, $7, $8)`,
      [frome, CAFE_PLACE, londonInstant(day, '10:00'), londonInstant(day, '12:30'), connector.id, coordinator.id, now, cafe],
    );
  }
}
