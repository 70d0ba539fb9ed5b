import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeSession } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { loadSessions } from '../../../data/repositories/activity-index.repository.ts';
import { addDays, isCurrentSession, londonDate, nextOccurrences } from '../../../domain/schedule.ts';
import { paths } from '../../paths.ts';

const YEAR_DAYS = 366;

/** Every occurrence in the next year, as an independent parser (ical.js) reads the feed: UID → start instants. */
function occurrencesByIcalJs(text: string, from: Date): Map<string, string[]> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const until = ICAL.Time.fromJSDate(new Date(from.getTime() + YEAR_DAYS * 86_400_000), true);
  const after = ICAL.Time.fromJSDate(from, true);
  const found = new Map<string, string[]>();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const starts: string[] = [];
    if (event.isRecurring()) {
      const it = event.iterator();
      for (let next = it.next(); next && next.compare(until) < 0; next = it.next()) {
        const details = event.getOccurrenceDetails(next);
        if (details.endDate.compare(after) > 0) starts.push(details.startDate.toJSDate().toISOString());
      }
    } else if (event.endDate.compare(after) > 0 && event.startDate.compare(until) < 0) {
      starts.push(event.startDate.toJSDate().toISOString());
    }
    found.set(event.uid, starts);
  }
  return found;
}

describe.each(ENGINES)('calendar feeds others subscribe to ($name)', (engine) => {
  let t: TestApp;
  let org: string;
  let activity: string;
  let seasonal: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp(engine);
    org = await makeOrganisation(t.db, { name: 'Harbour Trust' });
    const place = await makePlace(t.db, org, { postcode: 'NR30 1AA' });
    activity = await makeActivity(t.db, org, place, { title: 'Harbour heritage walk' });
    seasonal = await makeActivity(t.db, org, place, { title: 'Summer dig' });
    await t.db.query('update activities set months = $2 where id = $1', [seasonal, [4, 5, 6, 7, 8, 9]]);
    const today = londonDate(t.clock.now());
    // Sundays, skipping bank holidays; the last Sunday of each month, across both clock changes;
    // every other Tuesday until a last date; the second Wednesday of each month in the dig season; a one-off.
    const sundays = await makeSession(t.db, activity, { weekday: 7, startTime: '10:00', endTime: '12:00' });
    await t.db.query(`update activity_sessions set bank_holidays = 'none' where id = $1`, [sundays]);
    const lastSunday = await makeSession(t.db, activity, { frequency: 'monthly', weekday: 7, weekOfMonth: -1, startTime: '14:30', endTime: '16:00' });
    await t.db.query(`insert into session_cancellations (session_id, on_date, reason) values ($1, $2, 'Leader away')`, [
      lastSunday,
      nextOccurrences(await loadSessions(t.db, [activity]).then((s) => s.filter((x) => x.id === lastSunday)), t.clock.now(), { limit: 3 })[2]!.date,
    ]);
    await makeSession(t.db, activity, {
      frequency: 'fortnightly',
      weekday: 2,
      startDate: addDays(today, -30),
      endDate: addDays(today, 200),
      startTime: '18:00',
      endTime: '19:30',
    });
    await makeSession(t.db, activity, { frequency: 'once', weekday: null, startDate: addDays(today, 40), startTime: '11:00', endTime: '15:00' });
    await makeSession(t.db, seasonal, { frequency: 'monthly', weekday: 3, weekOfMonth: 2, startTime: '09:30', endTime: '12:30' });
  });
  afterAll(async () => t.close());

  it('has every date of every session for a year, as an independent parser reads it, including the last Sundays of March and October', async () => {
    const res = await get(paths.calendars.activity(activity));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.body).toContain('BEGIN:VTIMEZONE');
    expect(res.body).toContain('TZID:Europe/London');
    const now = t.clock.now();
    const parsed = occurrencesByIcalJs(res.body, now);
    const sessions = (await loadSessions(t.db, [activity])).filter((s) => isCurrentSession(s, londonDate(now)));
    expect(parsed.size).toBe(sessions.length);
    let spring = false;
    let autumn = false;
    for (const s of sessions) {
      const yearOn = new Date(now.getTime() + (YEAR_DAYS - 1) * 86_400_000).toISOString();
      const expected = nextOccurrences([s], now, { limit: 1000, horizonDays: YEAR_DAYS + 30 })
        .map((o) => o.start.toISOString())
        .filter((iso) => iso < yearOn);
      const got = (parsed.get(`session-${s.id}@waymark`) ?? []).filter((iso) => iso < yearOn);
      expect(got, `${s.frequency} session`).toEqual(expected);
      expect(got.length, `${s.frequency} session`).toBeGreaterThan(0);
      for (const iso of got) {
        const d = new Date(iso);
        const lastSundayOf = (month: number) => d.getUTCMonth() === month && d.getUTCDay() === 0 && d.getUTCDate() > 24;
        if (lastSundayOf(2)) spring = true;
        if (lastSundayOf(9)) autumn = true;
      }
    }
    expect(spring && autumn, 'a session on the last Sunday of March and of October').toBe(true);
    // Sessions stay at their London time across the clock changes: 14:30 is 13:30 UTC in summer, 14:30 in winter.
    const lastSundays = [...parsed.values()].flat().filter((iso) => iso.endsWith(':30:00.000Z') && new Date(iso).getUTCDay() === 0);
    expect(new Set(lastSundays.map((iso) => iso.slice(11, 16)))).toEqual(new Set(['13:30', '14:30']));
    expect(res.body).toMatch(/EXDATE;TZID=Europe\/London:/);
  });

  it('keeps to the activity’s season, and carries where, the page and the listing code', async () => {
    const res = await get(paths.calendars.activity(seasonal));
    const parsed = [...occurrencesByIcalJs(res.body, t.clock.now()).values()].flat();
    expect(parsed.length).toBe(6);
    for (const iso of parsed) expect([3, 4, 5, 6, 7, 8]).toContain(new Date(iso).getUTCMonth());
    const code = (await t.db.query<{ short_code: string }>('select short_code from activities where id = $1', [seasonal]))[0]!.short_code;
    const unfolded = res.body.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain(`Listing code ${code}`);
    expect(unfolded).toContain(`URL;VALUE=URI:http://localhost:3000${paths.activity(seasonal)}`);
    expect(unfolded).toMatch(/LOCATION:.*NR30 1AA/);
  });

  it('has an organisation’s and a search’s activities, and nothing that is not public', async () => {
    const place = await makePlace(t.db, org, { name: 'Store' });
    const hidden = await makeActivity(t.db, org, place, { title: 'Withdrawn walk', status: 'withdrawn' });
    await makeSession(t.db, hidden, { weekday: 1 });
    const organisation = await get(paths.calendars.organisation(org));
    expect(organisation.statusCode).toBe(200);
    expect(organisation.body).toContain('SUMMARY:Harbour heritage walk');
    expect(organisation.body).toContain('SUMMARY:Summer dig');
    expect(organisation.body).not.toContain('Withdrawn walk');
    expect((await get(paths.calendars.activity(hidden))).statusCode).toBe(404);
    const search = await get(`${paths.calendars.search}?q=dig`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('SUMMARY:Summer dig');
    expect(search.body).not.toContain('SUMMARY:Harbour heritage walk');
    expect(search.headers['cache-control']).toBe('public, max-age=3600');
    expect(search.headers['set-cookie']).toBeUndefined();
    const bad = await get(`${paths.calendars.search}?where=ZZ99 9ZZ`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'where' })] });
  });
});
