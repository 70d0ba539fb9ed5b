import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeSession } from '../../../test/factories.ts';
import type { Db } from '../database.ts';
import { findDeprivationFiles, importDeprivation } from '../import/deprivation.importer.ts';
import { upsertPostcodes } from '../import/postcode.writer.ts';
import { latLngToGrid } from '../../domain/geo.ts';
import { londonInstant, nextOccurrences } from '../../domain/schedule.ts';
import { bankHolidayClosures, sessionWindow } from '../../domain/session-window.ts';
import { loadSessions } from './activity-index.repository.ts';
import { createInsightRepository } from './insight.repository.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures/deprivation');
const grid = latLngToGrid({ latitude: 52.6105, longitude: 1.6905 });

/**
 * Coverage counts sessions in one set-based query (decision 050); the public pages count them one
 * day at a time (`nextOccurrences`). For every kind of series, season, cancellation and bank-holiday
 * rule, at several moments, the two give the same dates in each month.
 */
describe.each(ENGINES)('sessions counted in bulk ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  const activities: { id: string; months: number[]; label: string }[] = [];

  beforeAll(async () => {
    db = await engine.open();
    await upsertPostcodes(db, [{ postcode: 'ZZ1 1AB', easting: Math.round(grid.easting), northing: Math.round(grid.northing), adminDistrict: 'E07000901' }]);
    await importDeprivation(db, (await findDeprivationFiles(join(FIXTURES, 'iod2019'), join(FIXTURES, 'centroids.csv')))!);
    const org = await makeOrganisation(db);
    const place = await makePlace(db, org, { postcode: 'ZZ1 1AB', easting: Math.round(grid.easting), northing: Math.round(grid.northing) });
    const kinds: { label: string; months?: number[]; session: Parameters<typeof makeSession>[2]; rule?: string; cancel?: string[] }[] = [
      { label: 'weekly', session: { frequency: 'weekly', weekday: 1, startDate: '2026-01-05' } },
      { label: 'weekly, ends', session: { frequency: 'weekly', weekday: 3, startDate: '2026-01-07', endDate: '2027-03-10' } },
      { label: 'weekly, starts later', session: { frequency: 'weekly', weekday: 5, startDate: '2027-02-19' } },
      { label: 'weekly, closed on bank holidays', session: { frequency: 'weekly', weekday: 1, startDate: '2026-01-05' }, rule: 'none' },
      { label: 'weekly, open every bank holiday', session: { frequency: 'weekly', weekday: 5, startDate: '2026-01-02' }, rule: 'all' },
      { label: 'weekly, summer only', months: [5, 6, 7, 8, 9], session: { frequency: 'weekly', weekday: 6, startDate: '2026-01-03' } },
      { label: 'weekly, cancelled twice', session: { frequency: 'weekly', weekday: 4, startDate: '2026-01-01' }, cancel: ['2026-12-10', '2027-01-14'] },
      { label: 'weekly, no weekday', session: { frequency: 'weekly', weekday: null, startDate: '2026-01-08' } },
      { label: 'fortnightly', session: { frequency: 'fortnightly', weekday: 2, startDate: '2026-01-06' } },
      { label: 'fortnightly, odd start', session: { frequency: 'fortnightly', weekday: 7, startDate: '2026-11-26' } },
      { label: 'monthly, first', session: { frequency: 'monthly', weekday: 2, weekOfMonth: 1, startDate: '2026-01-06' } },
      { label: 'monthly, fourth', session: { frequency: 'monthly', weekday: 4, weekOfMonth: 4, startDate: '2026-03-01' } },
      { label: 'monthly, last', session: { frequency: 'monthly', weekday: 5, weekOfMonth: -1, startDate: '2026-01-30' } },
      {
        label: 'monthly, last, closed on bank holidays',
        session: { frequency: 'monthly', weekday: 1, weekOfMonth: -1, startDate: '2026-01-26' },
        rule: 'none',
      },
      { label: 'once, to come', session: { frequency: 'once', weekday: 6, startDate: '2027-04-17' } },
      { label: 'once, past', session: { frequency: 'once', weekday: 6, startDate: '2026-04-18' } },
      { label: 'once, on Christmas Day', session: { frequency: 'once', weekday: 5, startDate: '2026-12-25' } },
      { label: 'evening, on a day of the window', session: { frequency: 'weekly', weekday: 6, startDate: '2026-01-03', startTime: '18:00', endTime: '20:00' } },
    ];
    for (const k of kinds) {
      const months = k.months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
      const id = await makeActivity(db, org, place, { title: k.label, months, status: 'withdrawn' });
      const session = await makeSession(db, id, k.session);
      if (k.rule) await db.query('update activity_sessions set bank_holidays = $2 where id = $1', [session, k.rule]);
      for (const date of k.cancel ?? [])
        await db.query(`insert into session_cancellations (session_id, on_date, reason) values ($1, $2, 'Closed')`, [session, date]);
      activities.push({ id, months, label: k.label });
    }
  });
  afterAll(async () => db?.drop());

  const moments = [
    londonInstant('2026-11-21', '09:00'), // a Saturday morning
    londonInstant('2026-11-21', '19:00'), // the evening session is under way (counts) …
    londonInstant('2026-11-21', '20:30'), // … and over
    londonInstant('2026-12-24', '12:00'),
    londonInstant('2027-01-01', '00:30'),
    londonInstant('2027-03-28', '10:00'), // the clocks went forward overnight
  ];

  it.each(moments.map((m) => [m.toISOString(), m] as const))('counts the same dates by month as the public pages at %s', async (_, now) => {
    const insight = createInsightRepository(db);
    const firstMonth = now.toISOString().slice(0, 7);
    const [y, m] = firstMonth.split('-').map(Number) as [number, number];
    const lastMonth = `${y + Math.floor((m + 10) / 12)}-${String(((m + 10) % 12) + 1).padStart(2, '0')}`;
    const window = sessionWindow(now, lastMonth);
    const closures = bankHolidayClosures(y, y + 1);
    for (const a of activities) {
      await db.query(`update activities set status = case when id = $1 then 'live' else 'withdrawn' end`, [a.id]);
      const counts = await insight.sessionCounts(null, new Date(0), window, closures);
      const inSql = Object.fromEntries(counts.map((c) => [c.month, c.sessions]));
      const expected: Record<string, number> = {};
      for (const o of nextOccurrences(await loadSessions(db, [a.id]), now, { limit: 5000, horizonDays: 400, months: a.months }))
        if (o.date <= window.last) expected[o.date.slice(0, 7)] = (expected[o.date.slice(0, 7)] ?? 0) + 1;
      expect({ label: a.label, counts: inSql }).toEqual({ label: a.label, counts: expected });
    }
  });
});
