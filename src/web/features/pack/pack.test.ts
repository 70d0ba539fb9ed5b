import { existsSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, makeScheme, makeSession, makeUser, YARMOUTH } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { createInformationPointRepository } from '../../../data/repositories/information-point.repository.ts';
import { paths } from '../../paths.ts';

/**
 * The Heritage Café pack (issue 10, decision 035). The clock is 21 November 2026, so "next month" is
 * December 2026: it starts on a Tuesday, and Friday 25 December is Christmas Day.
 */
describe.each(ENGINES)('the Heritage Café pack ($name)', (engine) => {
  let t: TestApp;
  let connector: Visitor;
  let scheme: string;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    scheme = await makeScheme(t.db, { name: 'Great Yarmouth test scheme' });
    await makePostcode(t.db, 'NR30 1AA', YARMOUTH);
    const org = await makeOrganisation(t.db, { name: 'Harbour Trust' });
    await t.db.query(`update organisations set phone = '+441632960101' where id = $1`, [org]);
    const hall = await makePlace(t.db, org, { name: 'Harbour Hall', postcode: 'NR30 1AA' });
    const far = await makePlace(t.db, org, { name: 'Norwich Hall', postcode: 'NR2 1AA', town: 'Norwich', easting: YARMOUTH.easting - 30000 });
    const make = async (key: string, place: string, over: Parameters<typeof makeActivity>[3] = {}) => {
      ids[key] = await makeActivity(t.db, org, place, { title: key, ...over });
    };
    await make('Tuesday club', hall, { access: ['step_free'] });
    await make('Friday walk', hall);
    await make('Paid talk', hall, { costType: 'paid', pricePence: 300 });
    await make('Withdrawn dig', hall, { status: 'withdrawn' });
    await make('Stale choir', hall, { lastCheckedAt: new Date('2025-10-01T10:00:00Z') });
    await make('Norwich tour', far);
    await make('Summer only', hall, { months: [6, 7, 8] });
    await makeSession(t.db, ids['Tuesday club']!, { weekday: 2 });
    const friday = await makeSession(t.db, ids['Friday walk']!, { weekday: 5, startTime: '10:30', endTime: '12:00' });
    await t.db.query(`insert into session_cancellations (session_id, on_date, reason) values ($1, '2026-12-11', 'Leader away')`, [friday]);
    for (const key of ['Paid talk', 'Withdrawn dig', 'Stale choir', 'Norwich tour', 'Summer only']) await makeSession(t.db, ids[key]!, { weekday: 3 });
    for (const r of await t.db.query<{ id: string; short_code: string }>('select id, short_code from activities')) {
      const key = Object.keys(ids).find((k) => ids[k] === r.id);
      if (key) codes[key] = r.short_code;
    }
    // The scheme's information points: a library holding the pack and a monthly café with a connector on duty.
    const points = createInformationPointRepository(t.db);
    const base = { schemeId: scheme, description: '', placeName: '', addressLine: '', town: '', postcode: null, phone: null, hoursNote: '' };
    await points.create(
      t.db,
      { ...base, kind: 'library', name: 'Harbour Library', placeName: 'Harbour Library', postcode: 'NR302SH', times: [] },
      t.clock.now(),
    );
    const cafe = await points.create(
      t.db,
      {
        ...base,
        kind: 'heritage_cafe',
        name: 'Harbour Heritage Café',
        times: [{ frequency: 'monthly', weekday: 6, weekOfMonth: 1, startDate: '2026-01-03', startTime: '10:00', endTime: '12:00' }],
      },
      t.clock.now(),
    );
    await points.create(
      t.db,
      { ...base, kind: 'phone_line', name: 'Harbour phone line', phone: '+441632960300', hoursNote: 'Weekdays, 10am to 1pm.', times: [] },
      t.clock.now(),
    );
    const duty = await makeUser(t.db, { role: 'connector', displayName: 'Priya Shah', schemeId: scheme });
    await t.db.query(
      `insert into connector_shifts (scheme_id, info_point, place, starts_at, ends_at, connector_id, created_at, information_point_id)
       values ($1, 'heritage_cafe', 'Café', '2026-12-05T10:00:00Z', '2026-12-05T12:00:00Z', $2, $3, $4)`,
      [scheme, duty.id, t.clock.now(), cafe],
    );
    const me = await makeUser(t.db, { role: 'connector', schemeId: scheme });
    connector = new Visitor(t.app);
    await connector.signIn(me.email, me.password);
  });
  afterAll(() => t.close());

  const build = (over: Partial<Parameters<TestApp['services']['pack']['build']>[0]> = {}) =>
    t.services.pack.build({ where: '', radiusMiles: 3, schemeId: scheme, month: '2026-12', types: [], free: false, stepFree: false, ...over });
  const titles = (pack: Awaited<ReturnType<typeof build>>) => pack.items.map((i) => i.activity.title).sort();

  it('lists only publicly visible listings in the scheme’s area that meet in the month', async () => {
    expect(titles(await build())).toEqual(['Friday walk', 'Paid talk', 'Tuesday club']);
  });

  it('gives each activity its dates inside the month only, without cancelled dates or Christmas Day', async () => {
    const pack = await build();
    const dates = (title: string) => pack.items.find((i) => i.activity.title === title)!.dates.map((d) => d.date);
    expect(dates('Tuesday club')).toEqual(['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29']);
    expect(dates('Friday walk')).toEqual(['2026-12-04', '2026-12-18']);
  });

  it('finds by postcode and radius, and keeps to the filters', async () => {
    const near = await build({ schemeId: null, where: 'NR30 1AA', radiusMiles: 5 });
    expect(titles(near)).toEqual(['Friday walk', 'Paid talk', 'Tuesday club']);
    const wide = await build({ schemeId: null, where: 'NR30 1AA', radiusMiles: 25 });
    expect(titles(wide)).toContain('Norwich tour');
    expect(titles(await build({ free: true }))).toEqual(['Friday walk', 'Tuesday club']);
    expect(titles(await build({ stepFree: true }))).toEqual(['Tuesday club']);
  });

  it('includes the area’s information points and who will be at the café', async () => {
    const pack = await build({ schemeId: null, where: 'NR30 1AA', radiusMiles: 5 });
    expect(pack.points.map((p) => p.name)).toEqual(['Harbour Heritage Café', 'Harbour phone line', 'Harbour Library']);
    const cafe = pack.points[0]!;
    expect(cafe.dates.map((d) => d.date)).toEqual(['2026-12-05']);
    expect(cafe.onDuty.map((d) => d.connectorName)).toEqual(['Priya']);
  });

  it('prints next month by the clock, each activity with its code, postcode, phone and a QR code to its page', async () => {
    const res = await connector.get(`${paths.pack.print}?scheme=${scheme}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('What’s on in December 2026');
    for (const key of ['Tuesday club', 'Friday walk', 'Paid talk']) expect(res.body).toContain(codes[key]);
    expect(res.body).not.toContain(codes['Withdrawn dig']);
    expect(res.body.match(/<svg class="app-qr"/g)).toHaveLength(3);
    expect(res.body).toContain(`http://localhost:3000${paths.activity(ids['Friday walk']!)}`);
    expect(res.body).toContain('NR30 1AA');
    expect(res.body).toContain('01632 960101');
    expect(res.body).toContain('Fridays 4 and 18 December, 10:30am to 12pm');
    expect(res.body).toContain('Heritage Connector there: Priya');
    expect(res.body).toContain('@page');
    expect(res.body).not.toContain('download it as a PDF'); // no Chromium configured in tests
  });

  it('prints large print and easy read, grouped by week or by day', async () => {
    const large = await connector.get(`${paths.pack.print}?scheme=${scheme}&style=large&group=day`);
    expect(large.body).toContain('pack--large');
    expect(large.body).toContain('Tuesday 1 December');
    const week = await connector.get(`${paths.pack.print}?scheme=${scheme}&group=week`);
    expect(week.body).toContain('Week beginning Monday 30 November');
    const easy = await connector.get(`${paths.pack.print}?scheme=${scheme}&style=easy`);
    expect(easy.body).toContain('pack--easy');
    expect(easy.body).toContain('<strong>When:</strong> Fridays 4 and 18 December, 10:30am to 12pm.');
  });

  it('asks for a place or an area, next to the field', async () => {
    const res = await connector.get(`${paths.pack.print}?where=`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter a postcode or town, or choose a scheme area');
  });

  it('makes A4 and A5 posters for public listings only', async () => {
    const a4 = await connector.get(paths.pack.poster(ids['Friday walk']!));
    expect(a4.statusCode).toBe(200);
    expect(a4.body).toContain('poster--a4');
    expect(a4.body).toContain('Every Friday, 10:30am to 12pm');
    expect(a4.body).toContain(codes['Friday walk']);
    const a5 = await connector.get(`${paths.pack.poster(ids['Friday walk']!)}?size=a5`);
    expect(a5.body).toContain('poster--a5');
    expect((await connector.get(paths.pack.poster(ids['Withdrawn dig']!))).statusCode).toBe(404);
  });

  it('lists information points on "Talk to someone", with a calendar feed an independent parser reads', async () => {
    const page = await t.app.inject({ method: 'GET', url: paths.talkToSomeone });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Harbour phone line');
    expect(page.body).toContain('01632 960300');
    const [cafe] = await t.db.query<{ id: string }>(`select id from information_points where name = 'Harbour Heritage Café'`);
    const feed = await t.app.inject({ method: 'GET', url: paths.calendars.informationPoint(cafe!.id) });
    expect(feed.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    const it = event.iterator();
    const starts: string[] = [];
    for (let next = it.next(); next && starts.length < 3; next = it.next()) starts.push(next.toJSDate().toISOString());
    expect(starts.filter((s) => s >= '2026-11-21')).toContain('2026-12-05T10:00:00.000Z');
  });
});

/** "Download as PDF" (decision 035): Chromium's print-to-PDF of the same printed page, when the server has a Chromium. */
describe.skipIf(!existsSync('/usr/bin/chromium'))('the pack as a PDF', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('offers the PDF and streams an A4 PDF of the printed pack', async () => {
    t = await createTestApp(ENGINES[0]!, { config: { chromiumPath: '/usr/bin/chromium' } });
    const scheme = await makeScheme(t.db);
    const org = await makeOrganisation(t.db);
    const activity = await makeActivity(t.db, org, await makePlace(t.db, org), { title: 'Harbour walk' });
    await makeSession(t.db, activity, { weekday: 2 });
    const me = await makeUser(t.db, { role: 'coordinator', schemeId: scheme });
    const v = new Visitor(t.app);
    await v.signIn(me.email, me.password);
    const page = await v.get(`${paths.pack.print}?scheme=${scheme}`);
    const href = /href="([^"]+)" download>download it as a PDF/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toMatch(/^\/pack\/print\.pdf\?/);
    const pdf = await v.get(href!);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595 × 842 points.
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
  }, 60_000);
});

describe.each(ENGINES)('a scheme’s coordinators keep its information points ($name)', (engine) => {
  let t: TestApp;
  afterAll(() => t.close());

  it('adds one with its monthly meeting, refuses bad input next to the field, changes it and retires it, audited', async () => {
    t = await createTestApp(engine);
    const scheme = await makeScheme(t.db, { name: 'Harbour scheme' });
    const me = await makeUser(t.db, { role: 'coordinator', schemeId: scheme });
    const v = new Visitor(t.app);
    await v.signIn(me.email, me.password);
    expect((await v.get(paths.informationPoints.list)).statusCode).toBe(200);
    const form = {
      kind: 'heritage_cafe',
      name: 'Harbour Heritage Café',
      postcode: 'nr30 1aa',
      frequency: 'monthly',
      weekday: '6',
      weekOfMonth: '1',
      startTime: '10:00',
      endTime: '09:00',
    };
    const bad = await v.post(paths.informationPoints.list, form);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The end time must be after the start time');
    expect(await t.db.query('select id from information_points')).toHaveLength(0);
    const ok = await v.post(paths.informationPoints.list, { ...form, endTime: '12:00' });
    expect(ok.statusCode).toBe(303);
    const page = await v.get(paths.informationPoints.list);
    expect(page.body).toContain('Next: Saturday 5 December, 10am to 12pm');
    const [point] = await t.db.query<{ id: string; postcode: string }>('select id, postcode from information_points');
    expect(point!.postcode).toBe('NR301AA');
    expect((await t.app.inject({ method: 'GET', url: paths.talkToSomeone })).body).toContain('Harbour Heritage Café');

    // Changed: a phone line open on three days, with a message next to a field for a bad postcode.
    const edit = await v.get(paths.informationPoints.edit(point!.id));
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="Harbour Heritage Café"');
    expect(edit.body).toMatch(/value="6"[^>]*checked/);
    const changes = {
      ...form,
      kind: 'phone_line',
      name: 'Harbour phone line',
      phone: '01493 846346',
      hoursNote: 'Monday, Wednesday and Friday mornings',
      frequency: 'weekly',
      weekday: ['1', '3', '5'],
      startTime: '10:00',
      endTime: '13:00',
    };
    const refused = await v.post(paths.informationPoints.edit(point!.id), { ...changes, postcode: 'not a postcode', weekday: [] });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(/id="postcode-error"[\s\S]*Enter a full postcode/);
    expect(refused.body).toMatch(/id="weekday-error"[\s\S]*Choose the day or days it meets/);
    expect((await t.db.query<{ name: string }>('select name from information_points'))[0]!.name).toBe('Harbour Heritage Café');
    expect((await v.post(paths.informationPoints.edit(point!.id), changes)).headers.location).toBe(`${paths.informationPoints.list}?done=changed`);
    const [changed] = await t.db.query<{ kind: string; phone: string; times: number }>(
      `select kind, phone, (select count(*)::int from information_point_times where information_point_id = ip.id) as times from information_points ip`,
    );
    expect(changed).toEqual({ kind: 'phone_line', phone: '+441493846346', times: 3 });
    const [audited] = await t.db.query<{ detail: { fields: string[] } }>(
      `select detail from audit_events where action = 'information_point.changed' and subject_id = $1`,
      [point!.id],
    );
    expect(audited!.detail.fields).toEqual(expect.arrayContaining(['kind', 'name', 'phone', 'times']));
    expect(audited!.detail.fields).not.toContain('postcode');

    // Another scheme's coordinator cannot see or change it.
    const other = await makeUser(t.db, { role: 'coordinator', schemeId: await makeScheme(t.db, { name: 'Other scheme' }) });
    const ov = new Visitor(t.app);
    await ov.signIn(other.email, other.password);
    expect((await ov.get(paths.informationPoints.edit(point!.id))).statusCode).toBe(404);
    expect((await ov.post(paths.informationPoints.retire(point!.id))).statusCode).toBe(404);

    // Retired: no longer public, nor a calendar; the row (and shifts there) stay.
    expect((await v.post(paths.informationPoints.retire(point!.id))).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: paths.talkToSomeone })).body).not.toContain('Harbour phone line');
    expect((await t.app.inject({ method: 'GET', url: paths.calendars.informationPoint(point!.id) })).statusCode).toBe(404);
    expect((await v.get(paths.informationPoints.edit(point!.id))).statusCode).toBe(404);
    expect(await t.db.query('select id from information_points where retired_at is not null')).toHaveLength(1);
    expect(await t.db.query(`select id from audit_events where action = 'information_point.retired'`)).toHaveLength(1);
  });
});
