import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, makeScheme, makeSession, makeUser, YARMOUTH } from '../../../../test/factories.ts';
import { makeReferral, makeWorld } from '../../../../test/fixtures/notify.fixtures.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import type { User } from '../../../domain/user.ts';
import { paths } from '../../paths.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/calendars/${name}`, import.meta.url));
const ICS = 'text/calendar';

/** Serves fixture calendars (and some hostile answers) from 127.0.0.1, as a provider's calendar host would. */
const served = { changing: fixture('outlook.ics').toString('utf8'), changingStatus: 200 };

function calendarHost(): Promise<{ server: Server; url: (path: string) => string }> {
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/changing.ics')
      return res.writeHead(served.changingStatus, { 'content-type': ICS }).end(served.changingStatus === 200 ? served.changing : 'Server error');
    if (path === '/google.ics') return res.writeHead(200, { 'content-type': ICS }).end(fixture('google.ics'));
    if (path === '/outlook.ics') return res.writeHead(200, { 'content-type': ICS }).end(fixture('outlook.ics'));
    if (path === '/gone.ics') return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    if (path === '/page') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Calendar</html>');
    if (path === '/huge.ics') {
      res.writeHead(200, { 'content-type': ICS });
      res.write('BEGIN:VCALENDAR\r\n');
      for (let i = 0; i < 1200; i++) res.write(`X-JUNK:${'x'.repeat(1000)}\r\n`);
      return res.end('END:VCALENDAR\r\n');
    }
    if (path === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: (p) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${p}` })),
  );
}

describe.each(ENGINES)('importing sessions from a provider’s calendar ($name)', (engine) => {
  let t: TestApp;
  let host: Awaited<ReturnType<typeof calendarHost>>;
  let org: string;
  let place: string;
  let provider: Visitor;

  beforeAll(async () => {
    t = await createTestApp(engine);
    host = await calendarHost();
    await makePostcode(t.db, 'NR30 2ES', YARMOUTH);
    org = await makeOrganisation(t.db, { status: 'approved' });
    place = await makePlace(t.db, org);
    const user = await makeUser(t.db, { role: 'provider', organisationId: org });
    provider = new Visitor(t.app);
    await provider.signIn(user.email, user.password);
  });
  afterAll(async () => {
    host.server.close();
    await t.close();
  });

  const sessionsOf = (activityId: string) =>
    t.db.query<{ frequency: string; weekday: number; week_of_month: number | null; start_time: string; end_time: string; note: string; cancelled: number }>(
      `select frequency, weekday, week_of_month, to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time, note,
              (select count(*)::int from session_cancellations c where c.session_id = s.id) as cancelled
       from activity_sessions s where activity_id = $1 order by note`,
      [activityId],
    );

  it('previews an uploaded Google calendar, lists what it cannot import with reasons, and imports into a draft at once', async () => {
    const draft = await makeActivity(t.db, org, place, { status: 'pending' });
    await makeSession(t.db, draft, { frequency: 'weekly', weekday: 1 });
    const page = await provider.get(paths.provider.activityCalendar(draft));
    expect(page.statusCode).toBe(200);
    const sent = await provider.postMultipart(
      paths.provider.activityCalendar(draft),
      { calendarUrl: '' },
      { calendarFile: { name: 'basic.ics', type: ICS, content: fixture('google.ics') } },
    );
    expect(sent.statusCode).toBe(303);
    const preview = await provider.get(sent.headers.location as string);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Heritage walk');
    expect(preview.body).toMatch(/Every other Friday/i);
    expect(preview.body).toMatch(/First Tuesday of each month/i);
    expect(preview.body).toContain('Tuesday 29 December 2026');
    expect(preview.body).toMatch(/Spring clean \(all day\)[\s\S]*all-day event/);
    expect(preview.body).toMatch(/Daily coffee[\s\S]*every day/);
    expect(await sessionsOf(draft)).toHaveLength(1); // nothing changes before confirming

    const confirmed = await provider.post(sent.headers.location as string);
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toContain('done=calendar-imported');
    const rows = await sessionsOf(draft);
    expect(rows).toEqual([
      expect.objectContaining({ note: 'Craft afternoon', frequency: 'fortnightly', weekday: 5, start_time: '14:00', end_time: '15:30' }),
      expect.objectContaining({ note: 'Evening talk', frequency: 'monthly', week_of_month: 1, start_time: '19:00' }),
      expect.objectContaining({ note: 'Heritage walk', frequency: 'weekly', weekday: 2, start_time: '10:00', end_time: '12:00', cancelled: 2 }),
      expect.objectContaining({ note: 'Open day', frequency: 'once', start_time: '11:00' }),
    ]);
    expect((await provider.post(sent.headers.location as string)).statusCode).toBe(409);
  });

  it('reads an Outlook calendar from its address; for a live listing the sessions wait for approval', async () => {
    const live = await makeActivity(t.db, org, place, { status: 'live' });
    await makeSession(t.db, live, { frequency: 'weekly', weekday: 1 });
    const sent = await provider.postMultipart(paths.provider.activityCalendar(live), { calendarUrl: host.url('/outlook.ics') }, {});
    expect(sent.statusCode).toBe(303);
    const preview = await provider.get(sent.headers.location as string);
    expect(preview.body).toContain('Knit and natter');
    expect(preview.body).toMatch(/Last Thursday of each month/i);
    const confirmed = await provider.post(sent.headers.location as string);
    expect(confirmed.headers.location).toContain('done=calendar-proposed');
    expect(await sessionsOf(live)).toHaveLength(1); // people still see the sessions as they were
    const [feed] = await t.db.query<{ url: string }>('select url from calendar_feeds where activity_id = $1', [live]);
    expect(feed?.url).toBe(host.url('/outlook.ics'));
    const [waiting] = await t.db.query<{ status: string }>('select status from calendar_imports where activity_id = $1 order by created_at desc limit 1', [
      live,
    ]);
    expect(waiting?.status).toBe('awaiting_approval');
  });

  it('tells the people holding a place when an approved calendar stops their session, and not about a session it keeps', async () => {
    const w = await makeWorld(t.db);
    await makeSession(t.db, w.activity, { frequency: 'weekly', weekday: 3, startTime: '10:00', endTime: '11:30' }); // the calendar's Knit and natter
    await makeSession(t.db, w.activity, { frequency: 'weekly', weekday: 1, startTime: '13:00', endTime: '15:00' }); // not in the calendar
    const { id: referral } = await makeReferral(t.db, w, { status: 'attending', contactPreference: 'email' });
    const staff = new Visitor(t.app);
    await staff.signIn(w.provider.email, w.provider.password);
    const sent = await staff.postMultipart(paths.provider.activityCalendar(w.activity), { calendarUrl: host.url('/outlook.ics') }, {});
    expect((await staff.post(sent.headers.location as string)).headers.location).toContain('done=calendar-proposed');
    const stopped = () =>
      t.db.query<{ recipient: string; body: string }>(
        `select recipient, body from notifications where referral_id = $1 and subject like 'Session no longer runs%' order by recipient`,
        [referral],
      );
    expect(await stopped()).toEqual([]); // nothing changes for people until a coordinator approves

    const coordinator = await makeUser(t.db, { role: 'coordinator', schemeId: await makeScheme(t.db) });
    const reviewer = new Visitor(t.app);
    await reviewer.signIn(coordinator.email, coordinator.password);
    const [proposal] = await t.db.query<{ id: string }>(`select id from calendar_imports where activity_id = $1 and status = 'awaiting_approval'`, [
      w.activity,
    ]);
    expect((await reviewer.post(paths.coordinator.calendarImport(proposal!.id), { decision: 'approve' })).statusCode).toBe(303);
    const told = await stopped();
    expect(told.map((m) => m.recipient)).toContain(w.linkWorker.email);
    for (const m of told) {
      expect(m.body).toMatch(/Monday/);
      expect(m.body).not.toMatch(/Wednesday/);
    }
  });

  it('re-reads a calendar address daily: a change to a live listing waits for approval and is told once; a failure is told once', async () => {
    served.changing = fixture('outlook.ics').toString('utf8'); // each engine starts from the same calendar
    served.changingStatus = 200;
    const live = await makeActivity(t.db, org, place, { status: 'live', title: 'Knitting at the library' });
    const coordinator = await makeUser(t.db, { role: 'coordinator', schemeId: await makeScheme(t.db) });
    const sent = await provider.postMultipart(paths.provider.activityCalendar(live), { calendarUrl: host.url('/changing.ics') }, {});
    await provider.post(sent.headers.location as string);
    const calendars = t.services.listings.calendarImports;
    const notices = async () =>
      t.db.query<{ recipient: string; subject: string }>(
        `select recipient, subject from notifications where subject like '%Knitting at the library%' order by created_at, subject`,
      );
    const day = (n: number) => new Date(t.clock.now().getTime() + n * 24 * 60 * 60 * 1000 + 60 * 60 * 1000);
    const waiting = () => t.db.query<{ status: string }>(`select status from calendar_imports where activity_id = $1 and status = 'awaiting_approval'`, [live]);

    await calendars.rereadFeeds(day(1)); // unchanged: nobody is told
    expect(await notices()).toEqual([]);

    served.changing = served.changing
      .replace('DTSTART;TZID=GMT Standard Time:20260107T100000', 'DTSTART;TZID=GMT Standard Time:20260107T110000')
      .replace('DTEND;TZID=GMT Standard Time:20260107T113000', 'DTEND;TZID=GMT Standard Time:20260107T123000');
    await calendars.rereadFeeds(day(2));
    const changed = await notices();
    expect(changed.map((n) => n.subject)).toEqual(
      expect.arrayContaining(['New sessions to approve: Knitting at the library', 'Your calendar changed the sessions of Knitting at the library']),
    );
    expect(changed.some((n) => n.recipient === coordinator.email)).toBe(true);
    expect(await waiting()).toHaveLength(1);
    expect(await sessionsOf(live)).toEqual([]);
    expect(changed.find((n) => n.recipient === coordinator.email)).toBeDefined(); // people see the sessions as they were until a coordinator approves

    // The coordinator of the area approves: the live listing's sessions become the calendar's.
    const reviewer = new Visitor(t.app);
    await reviewer.signIn(coordinator.email, coordinator.password);
    const [proposal] = await t.db.query<{ id: string }>(`select id from calendar_imports where activity_id = $1 and status = 'awaiting_approval'`, [live]);
    const review = await reviewer.get(paths.coordinator.calendarImport(proposal!.id));
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('Every Wednesday, 11am to 12:30pm');
    expect((await reviewer.post(paths.coordinator.calendarImport(proposal!.id), { decision: 'reject', reason: '' })).statusCode).toBe(422);
    expect((await reviewer.post(paths.coordinator.calendarImport(proposal!.id), { decision: 'approve' })).statusCode).toBe(303);
    expect((await sessionsOf(live)).map((r) => [r.note, r.start_time])).toEqual([
      ['Knit and natter', '11:00'],
      ['Memory café', '14:00'],
    ]);

    const afterApproval = (await notices()).length;
    expect(afterApproval).toBe(changed.length + 1); // the provider is told it was approved
    await calendars.rereadFeeds(day(3)); // the same calendar again: nobody is told again
    expect(await notices()).toHaveLength(afterApproval);

    served.changingStatus = 500;
    await calendars.rereadFeeds(day(4));
    const failed = (await notices()).filter((n) => n.subject.includes('could not be read') || n.subject.includes('could not read'));
    expect(failed.length).toBeGreaterThanOrEqual(2);
    await calendars.rereadFeeds(day(5)); // still failing: not told every day
    expect((await notices()).filter((n) => n.subject.includes('could not'))).toHaveLength(failed.length);
    served.changingStatus = 200;
  });

  it('puts sessions waiting for approval in the area coordinator’s listings queue and dashboard count, not another area’s; approving from there applies them', async () => {
    const area = await makeScheme(t.db, { name: 'Gorleston', outcodes: ['NR31'] });
    const elsewhere = await makeScheme(t.db, { name: 'Frome', outcodes: ['BA11'] });
    const [here, there] = [await makeUser(t.db, { role: 'coordinator', schemeId: area }), await makeUser(t.db, { role: 'coordinator', schemeId: elsewhere })];
    await makePostcode(t.db, 'NR31 6SG', YARMOUTH);
    const gorleston = await makePlace(t.db, org, { name: 'Gorleston Library', postcode: 'NR31 6SG' });
    const live = await makeActivity(t.db, org, gorleston, { status: 'live', title: 'Gorleston memory café' });
    await makeSession(t.db, live, { frequency: 'weekly', weekday: 1 });
    const calendars = t.services.listings.calendarImports;
    const asUser = (u: typeof here, schemeId: string): User => ({
      id: u.id,
      email: u.email,
      displayName: 'Coordinator',
      role: 'coordinator',
      organisationIds: [],
      schemeId,
    });
    const [hereUser, thereUser] = [asUser(here, area), asUser(there, elsewhere)];
    const before = { here: await calendars.countWaiting(hereUser), there: await calendars.countWaiting(thereUser) };

    const sent = await provider.postMultipart(paths.provider.activityCalendar(live), { calendarUrl: host.url('/outlook.ics') }, {});
    await provider.post(sent.headers.location as string);
    expect(await calendars.countWaiting(hereUser)).toBe(before.here + 1);
    expect(await calendars.countWaiting(thereUser)).toBe(before.there);
    const queued = (await calendars.queue(hereUser)).find((i) => i.activityId === live);
    expect(queued).toMatchObject({ title: 'Gorleston memory café', source: 'url' });
    expect((await calendars.queue(thereUser)).some((i) => i.activityId === live)).toBe(false);

    const coordinator = new Visitor(t.app);
    await coordinator.signIn(here.email, here.password);
    const dashboard = await coordinator.get(paths.coordinator.dashboard);
    expect(dashboard.body).toMatch(new RegExp(`${before.here + 1} calendar imports? waiting for approval`));
    const queue = await coordinator.get(paths.coordinator.listings);
    expect(queue.body).toContain('Sessions from providers’ calendars');
    expect(queue.body).toContain(`href="${paths.coordinator.calendarImport(queued!.id)}"`);
    const other = new Visitor(t.app);
    await other.signIn(there.email, there.password);
    expect((await other.get(paths.coordinator.listings)).body).not.toContain('Gorleston memory café');
    expect((await other.get(paths.coordinator.calendarImport(queued!.id))).statusCode).toBe(404);

    const approved = await coordinator.post(paths.coordinator.calendarImport(queued!.id), { decision: 'approve' });
    expect(approved.headers.location).toBe(`${paths.coordinator.listings}?done=calendar-approved`);
    expect((await sessionsOf(live)).map((r) => r.note)).toEqual(['Knit and natter', 'Memory café']);
    expect(await calendars.countWaiting(hereUser)).toBe(before.here);
    expect((await coordinator.get(approved.headers.location as string)).body).not.toContain('Gorleston memory café');
  });

  it.each([
    [
      'binary junk',
      { calendarFile: { name: 'cal.ics', type: ICS, content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]) } },
      {},
      'calendarFile',
      /not a calendar/,
    ],
    [
      'a malformed file',
      { calendarFile: { name: 'cal.ics', type: ICS, content: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:yesterday\r\n' } },
      {},
      'calendarFile',
      /could not be read/,
    ],
    [
      'a file over 1 MB',
      { calendarFile: { name: 'cal.ics', type: ICS, content: `BEGIN:VCALENDAR\r\n${'X'.repeat(1100 * 1024)}` } },
      {},
      'calendarFile',
      /smaller than 1 MB/,
    ],
    ['nothing chosen', {}, { calendarUrl: '' }, 'calendarFile', /Choose your calendar file/],
    ['an address that is not http', {}, { calendarUrl: 'ftp://example.org/cal.ics' }, 'calendarUrl', /must start http/],
  ])('refuses %s with a message next to the field and changes nothing', async (_, files, fields, field, message) => {
    const activity = await makeActivity(t.db, org, place, { status: 'pending' });
    await makeSession(t.db, activity, { frequency: 'weekly', weekday: 1 });
    const res = await provider.postMultipart(paths.provider.activityCalendar(activity), fields as Record<string, string>, files);
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(new RegExp(`id="${field}-error"[\\s\\S]*${message.source}`));
    expect(await sessionsOf(activity)).toHaveLength(1);
    const [n] = await t.db.query<{ n: number }>('select count(*)::int as n from calendar_imports where activity_id = $1', [activity]);
    expect(n?.n).toBe(0);
  });

  it.each([
    ['an address that answers 404', '/gone.ics', /answered “404 Not Found”/],
    ['a web page', '/page', /not a calendar/],
    ['a calendar over 1 MB', '/huge.ics', /smaller than 1 MB/],
    ['a redirect to a file', '/to-file', /must start http/],
  ])('refuses %s at the calendar’s address', async (_, path, message) => {
    const activity = await makeActivity(t.db, org, place, { status: 'pending' });
    const res = await provider.postMultipart(paths.provider.activityCalendar(activity), { calendarUrl: host.url(path) }, {});
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(new RegExp(`id="calendarUrl-error"[\\s\\S]*${message.source}`));
  });

  it('answers 404 to a provider of another organisation', async () => {
    const activity = await makeActivity(t.db, org, place, { status: 'pending' });
    const otherOrg = await makeOrganisation(t.db, { status: 'approved' });
    const other = await makeUser(t.db, { role: 'provider', organisationId: otherOrg });
    const v = new Visitor(t.app);
    await v.signIn(other.email, other.password);
    expect((await v.get(paths.provider.activityCalendar(activity))).statusCode).toBe(404);
    const sent = await provider.postMultipart(
      paths.provider.activityCalendar(activity),
      {},
      { calendarFile: { name: 'c.ics', type: ICS, content: fixture('google.ics') } },
    );
    expect((await v.get(sent.headers.location as string)).statusCode).toBe(404);
    expect((await v.post(sent.headers.location as string)).statusCode).toBe(404);
  });
});
