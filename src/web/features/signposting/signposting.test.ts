import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeUser } from '../../../../test/factories.ts';
import { makeScheme } from '../../../../test/fixtures/questionnaire.fixtures.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { addDays, londonDate } from '../../../domain/schedule.ts';
import { nextPointTimes } from '../../../domain/information-points.ts';
import { createInformationPointRepository } from '../../../data/repositories/information-point.repository.ts';
import type { Role } from '../../../domain/user.ts';
import { paths } from '../../paths.ts';

const TODAY = TEST_NOW.slice(0, 10);
const dateFields = (date: string) => ({ heldOnDay: date.slice(8, 10), heldOnMonth: date.slice(5, 7), heldOnYear: date.slice(0, 4) });

describe.each(ENGINES)('Heritage Connectors’ signposting ($name)', (engine) => {
  let t: TestApp;
  let scheme: string;
  let walk: string;
  let mary: { id: string; visitor: Visitor };
  let ted: { id: string; visitor: Visitor };
  let coordinator: Visitor;
  let other: { connector: Visitor; coordinator: Visitor };
  const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from signposting_conversations'))[0]!.n;
  const signedIn = async (role: Role, schemeId: string | null, name = 'Test Person') => {
    const u = await makeUser(t.db, { role, displayName: name, ...(schemeId ? { schemeId } : {}) });
    const v = new Visitor(t.app);
    await v.signIn(u.email, u.password);
    return { id: u.id, visitor: v };
  };
  const conversation = (over: Record<string, string | string[]> = {}) => ({
    ...dateFields(TODAY),
    infoPoint: 'heritage_cafe',
    needs: ['loneliness', 'confidence'],
    activityIds: walk,
    referralFollowed: 'no',
    idempotencyKey: randomBytes(18).toString('base64url'),
    ...over,
  });
  const recordAs = async (v: Visitor, over: Record<string, string | string[]> = {}) => {
    const res = await v.post(paths.signposting.record, conversation(over));
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    return (await t.db.query<{ id: string }>('select id from signposting_conversations order by created_at desc, id limit 1'))[0]!.id;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    scheme = await makeScheme(t.db, 'Frome test scheme');
    const otherScheme = await makeScheme(t.db, 'Elsewhere scheme');
    const org = await makeOrganisation(t.db, { name: 'Frome History Society' });
    walk = await makeActivity(t.db, org, await makePlace(t.db, org), { title: 'Town heritage walk' });
    mary = await signedIn('connector', scheme, 'Mary Keats');
    ted = await signedIn('connector', scheme, 'Ted Haskins');
    coordinator = (await signedIn('coordinator', scheme)).visitor;
    other = { connector: (await signedIn('connector', otherScheme)).visitor, coordinator: (await signedIn('coordinator', otherScheme)).visitor };
  });
  afterAll(async () => t.close());

  it('records a conversation with today’s date and nothing about the person', async () => {
    const form = await mary.visitor.get(paths.signposting.record);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(new RegExp(`name="heldOnDay"[^>]*value="${Number(TODAY.slice(8, 10))}"`));
    expect(form.body).toContain('no name, no contact details');
    const id = await recordAs(mary.visitor, { linkWorker: 'yes', otherServices: 'befriending', referralFollowed: 'yes' });
    const [row] = await t.db.query<Record<string, unknown>>(
      `select connector_id, scheme_id, to_char(held_on, 'YYYY-MM-DD') as held_on, info_point, needs, activity_ids::text[] as activity_ids, link_worker, other_services, referral_followed
         from signposting_conversations where id = $1`,
      [id],
    );
    expect(row).toEqual({
      connector_id: mary.id,
      scheme_id: scheme,
      held_on: TODAY,
      info_point: 'heritage_cafe',
      needs: ['loneliness', 'confidence'],
      activity_ids: [walk],
      link_worker: true,
      other_services: ['befriending'],
      referral_followed: 'yes',
    });
    const log = await mary.visitor.get(paths.signposting.log);
    expect(log.body).toContain('Town heritage walk, A link worker, Befriending');
    const audit = await t.db.query(`select 1 from audit_events where action = 'signposting.recorded' and subject_id = $1`, [id]);
    expect(audit.length).toBe(1);
  });

  it('records a conversation once when the same form is posted twice, even at once', async () => {
    const before = await count();
    const form = conversation();
    const [a, b] = await Promise.all([mary.visitor.post(paths.signposting.record, form), mary.visitor.post(paths.signposting.record, form)]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect((await mary.visitor.post(paths.signposting.record, form)).statusCode).toBe(303);
    expect(await count()).toBe(before + 1);
  });

  it('finds activities with the form’s own search button, without JavaScript, and saves nothing', async () => {
    const before = await count();
    const res = await mary.visitor.post(paths.signposting.record, { ...conversation({ activityIds: [] }), action: 'search', activitySearch: 'heritage walk' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`value="${walk}"`);
    expect(res.body).toContain('value="heritage_cafe" checked');
    const none = await mary.visitor.post(paths.signposting.record, { ...conversation(), action: 'search', activitySearch: 'zeppelin' });
    expect(none.body).toContain('No activities match ‘zeppelin’');
    expect(await count()).toBe(before);
  });

  it('refuses bad input with a message next to each field and saves nothing', async () => {
    const before = await count();
    const cases: [Record<string, string | string[]>, string][] = [
      [{ infoPoint: '' }, 'Choose where the conversation happened'],
      [{ infoPoint: 'pub' }, 'Choose where the conversation happened'],
      [{ ...dateFields(addDays(TODAY, 1)) }, 'must be today or in the past'],
      [{ heldOnDay: '31', heldOnMonth: '2', heldOnYear: '2026' }, 'must be a real date'],
      [{ ...dateFields(addDays(TODAY, -60)) }, 'within the last 42 days'],
      [{ activityIds: [], linkWorker: '', otherServices: [] }, 'Choose at least one thing you signposted them to'],
      [{ activityIds: '00000000-0000-4000-8000-000000000000' }, 'Choose activities from the list'],
      [{ needs: ['loneliness', 'gossip'] }, 'Choose what they were looking for from the list'],
      [{ referralFollowed: '' }, 'Choose whether a referral followed'],
    ];
    for (const [over, message] of cases) {
      const res = await mary.visitor.post(paths.signposting.record, conversation(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(422);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain(message);
    }
    // Every problem at once, not one at a time.
    const all = await mary.visitor.post(paths.signposting.record, conversation({ infoPoint: '', activityIds: [], referralFollowed: '' }));
    for (const m of ['Choose where the conversation happened', 'Choose at least one thing', 'Choose whether a referral followed'])
      expect(all.body).toContain(m);
    expect(await count()).toBe(before);
  });

  it('lets a connector correct and delete only their own recent conversations', async () => {
    const id = await recordAs(mary.visitor);
    expect((await mary.visitor.get(paths.signposting.conversation(id))).statusCode).toBe(200);
    const fixed = await mary.visitor.post(paths.signposting.conversation(id), conversation({ infoPoint: 'library' }));
    expect(fixed.statusCode).toBe(303);
    expect((await t.db.query<{ p: string }>('select info_point as p from signposting_conversations where id = $1', [id]))[0]!.p).toBe('library');

    // Another connector of the same scheme, and one of another scheme: not found. Other roles: refused.
    for (const v of [ted.visitor, other.connector]) {
      expect((await v.get(paths.signposting.conversation(id))).statusCode).toBe(404);
      expect((await v.post(paths.signposting.conversation(id), conversation({ infoPoint: 'phone_line' }))).statusCode).toBe(404);
      expect((await v.post(paths.signposting.remove(id))).statusCode).toBe(404);
    }
    for (const role of ['link_worker', 'provider', 'buddy', 'coordinator'] as const) {
      const v = (await signedIn(role, scheme)).visitor;
      expect((await v.get(paths.signposting.conversation(id))).statusCode).toBe(403);
      expect((await v.get(paths.signposting.log)).statusCode).toBe(403);
    }

    // An old conversation is only counted: not listed, not changed.
    await t.db.query(`update signposting_conversations set held_on = $2::date where id = $1`, [id, addDays(TODAY, -43)]);
    expect((await mary.visitor.get(paths.signposting.conversation(id))).statusCode).toBe(404);
    expect((await mary.visitor.get(paths.signposting.log)).body).not.toContain(paths.signposting.conversation(id));
    await t.db.query(`update signposting_conversations set held_on = $2::date where id = $1`, [id, TODAY]);

    expect((await mary.visitor.get(paths.signposting.remove(id))).statusCode).toBe(200);
    const gone = await mary.visitor.post(paths.signposting.remove(id));
    expect(gone.statusCode).toBe(303);
    expect((await t.db.query('select 1 from signposting_conversations where id = $1', [id])).length).toBe(0);
  });

  it('counts for the coordinator’s scheme only, withholding small numbers', async () => {
    await t.db.query('delete from signposting_conversations');
    // Five conversations: too few to show anything but zeros.
    for (let i = 0; i < 5; i++) await recordAs(mary.visitor);
    const few = await coordinator.get(`${paths.signposting.counts}?from=${TODAY.slice(0, 7)}`);
    expect(few.statusCode).toBe(200);
    expect(few.body).toMatch(/Conversations\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*not shown/);
    // Twenty-five at the café (Mary 15, Ted 10): totals, the café and both connectors are shown, rounded to 5.
    for (let i = 0; i < 10; i++) await recordAs(mary.visitor);
    for (let i = 0; i < 10; i++) await recordAs(ted.visitor);
    const csv = await coordinator.get(`${paths.signposting.countsCsv}?from=${TODAY.slice(0, 7)}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n');
    expect(lines).toContain(`total,${TODAY.slice(0, 7)} to ${TODAY.slice(0, 7)},25`);
    expect(lines).toContain('By connector,Mary Keats,15');
    expect(lines).toContain('By connector,Ted Haskins,10');
    expect(lines).toContain('By information point,Heritage Café,25');
    expect(lines).toContain('By information point,Library,0');
    expect(lines.some((l) => l.startsWith('note,'))).toBe(true);

    // One conversation at the library: the café (24) now differs from the total (25) by one, so the total is withheld.
    await recordAs(ted.visitor, { infoPoint: 'library' });
    const after = (await coordinator.get(`${paths.signposting.countsCsv}?from=${TODAY.slice(0, 7)}`)).body.split('\r\n');
    expect(after.find((l) => l.startsWith('total,'))).toMatch(/,not shown$/);
    expect(after).toContain('By information point,Library,not shown');

    // Another scheme's coordinator sees nothing of it; a connector sees only their own.
    const elsewhere = (await other.coordinator.get(`${paths.signposting.countsCsv}?from=${TODAY.slice(0, 7)}`)).body;
    expect(elsewhere).toContain(`total,${TODAY.slice(0, 7)} to ${TODAY.slice(0, 7)},0`);
    const own = (await mary.visitor.get(`${paths.signposting.countsCsv}?from=${TODAY.slice(0, 7)}`)).body.split('\r\n');
    expect(own).toContain(`total,${TODAY.slice(0, 7)} to ${TODAY.slice(0, 7)},15`);
    expect(own.some((l) => l.startsWith('By connector'))).toBe(false);
    for (const role of ['link_worker', 'provider', 'buddy', 'commissioner'] as const) {
      expect((await (await signedIn(role, scheme)).visitor.get(paths.signposting.counts)).statusCode).toBe(403);
    }
  });

  it('refuses a period that is not whole months', async () => {
    const res = await coordinator.get(`${paths.signposting.counts}?from=2026-11-03`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Reports cover whole months');
    expect((await coordinator.get(`${paths.signposting.countsCsv}?from=2026-13`)).statusCode).toBe(422);
  });

  it('schedules shifts, shows who is on duty, and lets one connector sign up to an open shift', async () => {
    const tomorrow = addDays(TODAY, 1);
    const shift = {
      infoPoint: 'heritage_cafe',
      place: 'Cheap Street café',
      dateDay: tomorrow.slice(8, 10),
      dateMonth: tomorrow.slice(5, 7),
      dateYear: tomorrow.slice(0, 4),
    };
    const bad = await coordinator.post(paths.signposting.newShift, { ...shift, startTime: '2pm', endTime: '1pm' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The end time must be after the start time');
    const past = await coordinator.post(paths.signposting.newShift, {
      ...shift,
      dateDay: TODAY.slice(8, 10),
      dateYear: '2025',
      startTime: '10am',
      endTime: '12pm',
    });
    expect(past.body).toContain('must be today or in the future');
    const made = await coordinator.post(paths.signposting.newShift, { ...shift, startTime: '10am', endTime: '12:30pm' });
    expect(made.statusCode).toBe(303);
    const [{ id }] = (await t.db.query<{ id: string }>('select id from connector_shifts where place = $1', ['Cheap Street café'])) as [{ id: string }];

    const duty = await mary.visitor.get(paths.signposting.duty);
    expect(duty.body).toContain('Heritage Café, Cheap Street café');
    expect(duty.body).toContain('10am to 12:30pm');
    expect(duty.body).toContain('Open');
    expect((await other.connector.get(paths.signposting.duty)).body).not.toContain('Cheap Street café');
    expect((await other.connector.post(paths.signposting.takeShift(id))).statusCode).toBe(404);

    // Two connectors press "Sign up" at once: one gets the shift.
    const [a, b] = await Promise.all([mary.visitor.post(paths.signposting.takeShift(id)), ted.visitor.post(paths.signposting.takeShift(id))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 422]);
    const onDuty = await coordinator.get(paths.signposting.duty);
    expect(onDuty.body).toMatch(/Mary Keats|Ted Haskins/);
    expect((await other.coordinator.post(paths.signposting.removeShift(id))).statusCode).toBe(404);
    expect((await mary.visitor.post(paths.signposting.newShift, { ...shift, startTime: '10am', endTime: '12pm' })).statusCode).toBe(403);
    expect((await coordinator.post(paths.signposting.removeShift(id))).statusCode).toBe(303);
  });

  it('lets connectors book an information point’s times, and shows the public their first name or only “a Heritage Connector”', async () => {
    const points = createInformationPointRepository(t.db);
    const base = { description: '', placeName: '', addressLine: '', town: '', postcode: null, phone: null, hoursNote: '' };
    const [cafe, phone, elsewhere] = await Promise.all([
      points.create(
        t.db,
        {
          ...base,
          schemeId: scheme,
          kind: 'heritage_cafe',
          name: 'Frome test Heritage Café',
          times: [{ frequency: 'monthly', weekday: 6, weekOfMonth: 1, startDate: '2026-01-01', startTime: '10:00', endTime: '12:30' }],
        },
        t.clock.now(),
      ),
      points.create(
        t.db,
        {
          ...base,
          schemeId: scheme,
          kind: 'phone_line',
          name: 'Frome test phone line',
          phone: '+441373455420',
          times: [{ frequency: 'weekly', weekday: 1, weekOfMonth: null, startDate: '2026-01-01', startTime: '14:00', endTime: '17:00' }],
        },
        t.clock.now(),
      ),
      points.create(t.db, { ...base, schemeId: await makeScheme(t.db, 'Far scheme'), kind: 'library', name: 'Far library', times: [] }, t.clock.now()),
    ]);
    const cafeDate = nextPointTimes(
      { id: cafe, times: [{ id: 'c', frequency: 'monthly', weekday: 6, weekOfMonth: 1, startDate: '2026-01-01', startTime: '10:00', endTime: '12:30' }] },
      t.clock.now(),
      1,
    )[0]!;
    const monday = nextPointTimes(
      { id: phone, times: [{ id: 'p', frequency: 'weekly', weekday: 1, weekOfMonth: null, startDate: '2026-01-01', startTime: '14:00', endTime: '17:00' }] },
      t.clock.now(),
      1,
    )[0]!;
    const shifts = async () =>
      (await t.db.query<{ n: number }>('select count(*)::int as n from connector_shifts where information_point_id is not null'))[0]!.n;

    const duty = await mary.visitor.get(paths.signposting.duty);
    expect(duty.body).toContain('At your information points');
    expect(duty.body).toMatch(/Frome test Heritage Café[\s\S]*Nobody yet/);
    expect(duty.body).toContain(`value="${cafeDate.start.toISOString()}"`);

    const book = (v: Visitor, point: string, startsAt: Date, showFirstName?: 'yes') =>
      v.post(paths.signposting.bookAtPoint(point), { startsAt: startsAt.toISOString(), ...(showFirstName ? { showFirstName } : {}) });
    expect((await book(mary.visitor, cafe, cafeDate.start, 'yes')).headers.location).toBe(`${paths.signposting.duty}?done=booked`);
    expect((await book(ted.visitor, phone, monday.start)).statusCode).toBe(303); // not showing his name
    const twice = await book(mary.visitor, cafe, cafeDate.start, 'yes');
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('You are already on duty then');
    const wrongTime = await book(mary.visitor, cafe, new Date(cafeDate.start.getTime() + 60 * 60 * 1000), 'yes');
    expect(wrongTime.statusCode).toBe(422);
    expect(wrongTime.body).toMatch(/id="startsAt"[\s\S]*is not open then/);
    expect((await mary.visitor.post(paths.signposting.bookAtPoint(cafe), { startsAt: 'soon' })).statusCode).toBe(422);
    expect((await other.connector.post(paths.signposting.bookAtPoint(cafe), { startsAt: cafeDate.start.toISOString() })).statusCode).toBe(404);
    expect((await mary.visitor.post(paths.signposting.bookAtPoint(elsewhere), { startsAt: cafeDate.start.toISOString() })).statusCode).toBe(404);
    expect((await coordinator.post(paths.signposting.bookAtPoint(cafe), { startsAt: cafeDate.start.toISOString() })).statusCode).toBe(403);
    expect(await shifts()).toBe(2);
    expect(await t.db.query(`select id from audit_events where action = 'connector_shift.booked'`)).toHaveLength(2);
    expect((await mary.visitor.get(paths.signposting.duty)).body).toContain('Mary Keats (you)');

    // The public see Mary's first name at the café's date, and only "a Heritage Connector" on Ted's afternoon.
    const page = (await t.app.inject({ method: 'GET', url: paths.talkToSomeone })).body;
    expect(page).toContain('Heritage Connector there: Mary');
    expect(page).not.toContain('Keats');
    expect(page).toContain('A Heritage Connector will be there');
    expect(page).not.toContain('Ted');

    // A coordinator schedules an open shift at a specific point; another scheme's point is refused next to the field.
    const day = londonDate(monday.start);
    const at = (point: string) => ({
      infoPoint: point,
      dateDay: day.slice(8, 10),
      dateMonth: day.slice(5, 7),
      dateYear: day.slice(0, 4),
      startTime: '5pm',
      endTime: '6pm',
    });
    const form = await coordinator.get(paths.signposting.newShift);
    expect(form.body).toContain(`value="${phone}"`);
    const refused = await coordinator.post(paths.signposting.newShift, at(elsewhere));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(/id="infoPoint-error"[\s\S]*Choose the information point/);
    expect((await coordinator.post(paths.signposting.newShift, at(phone))).statusCode).toBe(303);
    const [scheduled] = await t.db.query<{ info_point: string; place: string }>(
      `select info_point, place from connector_shifts where information_point_id = $1 and connector_id is null`,
      [phone],
    );
    expect(scheduled).toEqual({ info_point: 'phone_line', place: 'Frome test phone line' });
  });
});
