import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, makeUser, YARMOUTH } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';

const DAY = 24 * 60 * 60 * 1000;

const validActivity = (placeId: string) => ({
  placeId,
  title: 'Memory café at the Tolhouse',
  summary: 'Tea, chat and old photographs of the town.',
  activityTypes: ['memory_cafe'],
  needs: ['dementia'],
  costType: 'paid',
  pricePounds: '3.50',
  referralRoutes: ['link_worker'],
  languages: ['en'],
  months: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
  ageMin: '18',
  ageMax: '',
});

describe.each(ENGINES)('provider journeys ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await makePostcode(t.db, 'NR30 2ES', YARMOUTH);
  });
  afterAll(async () => t.close());

  it('sends a new provider to create their organisation, which waits for approval with them as a member', async () => {
    const user = await makeUser(t.db, { role: 'provider' });
    const v = new Visitor(t.app);
    await v.signIn(user.email, user.password);
    const dash = await v.get('/provider');
    expect(dash.statusCode).toBe(302);
    expect(dash.headers.location).toBe('/provider/organisation/new');
    expect((await v.get('/provider/organisation/new')).statusCode).toBe(200);

    const bad = await v.post('/provider/organisation/new', { name: '', orgType: 'nonsense', email: 'nope' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the name of your organisation');
    expect(bad.body).toContain('Choose the type of organisation');
    expect(bad.body).toContain('Enter an email address in the correct format');

    const ok = await v.post('/provider/organisation/new', {
      name: 'Gorleston Pier Society',
      orgType: 'club',
      email: 'pier@example.org',
      website: 'pier.example.org',
    });
    expect(ok.statusCode).toBe(303);
    const [org] = await t.db.query<{ status: string; website: string; members: number }>(
      `select o.status, o.website, (select count(*) from memberships m where m.organisation_id = o.id and m.user_id = $1) as members
       from organisations o where o.name = 'Gorleston Pier Society'`,
      [user.id],
    );
    expect(org).toEqual({ status: 'pending', website: 'https://pier.example.org', members: 1 });
    const page = await v.get('/provider');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Waiting for approval');
  });

  it('finds a place from its postcode, and says so next to the field when the postcode is unknown', async () => {
    const orgId = await makeOrganisation(t.db);
    const user = await makeUser(t.db, { organisationId: orgId });
    const v = new Visitor(t.app);
    await v.signIn(user.email, user.password);
    const unknown = await v.post('/provider/places/new', { name: 'Tolhouse', town: 'Great Yarmouth', postcode: 'ZZ9 9ZZ', nhleListEntry: '2096802' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('List entry number must be 7 digits starting with 1');
    expect(unknown.body).toContain('value="Tolhouse"');
    const notFound = await v.post('/provider/places/new', { name: 'Tolhouse', town: 'Great Yarmouth', postcode: 'ZZ9 9ZZ' });
    expect(notFound.statusCode).toBe(422);
    expect(notFound.body).toContain('We could not find this postcode');
    expect(notFound.body).toContain('href="#postcode"');

    const ok = await v.post('/provider/places/new', { name: 'Tolhouse', town: 'Great Yarmouth', postcode: 'nr30 2es', nhleListEntry: '1096802' });
    expect(ok.statusCode).toBe(303);
    const [place] = await t.db.query<{ postcode: string; easting: number; nhle_list_entry: number }>(
      'select postcode, easting, nhle_list_entry from places where organisation_id = $1',
      [orgId],
    );
    expect(place).toEqual({ postcode: 'NR302ES', easting: YARMOUTH.easting, nhle_list_entry: 1096802 }); // stored normalised (decision 023)
    expect((await v.get('/provider/places')).body).toContain('NR30 2ES');
  });

  it('keeps what was typed and saves nothing when the activity form is invalid', async () => {
    const orgId = await makeOrganisation(t.db);
    const placeId = await makePlace(t.db, orgId);
    const user = await makeUser(t.db, { organisationId: orgId });
    const v = new Visitor(t.app);
    await v.signIn(user.email, user.password);
    expect((await v.get('/provider/activities/new')).statusCode).toBe(200);
    const res = await v.post('/provider/activities/new', {
      ...validActivity(placeId),
      title: '',
      activityTypes: [],
      ageMin: '60',
      ageMax: '40',
      pricePounds: 'three',
      summary: 'Kept summary',
    });
    expect(res.statusCode).toBe(422);
    for (const message of [
      'Enter a title',
      'Choose at least one activity type',
      'Maximum age must be the same as or more than the minimum age',
      'Enter a price, like 3.50',
    ]) {
      expect(res.body).toContain(message);
    }
    expect(res.body).toContain('value="Kept summary"');
    expect(res.body).toMatch(/<legend[^>]*>\s*Type of activity/);
    expect(await t.db.query('select 1 from activities where organisation_id = $1', [orgId])).toHaveLength(0);

    const ok = await v.post('/provider/activities/new', validActivity(placeId));
    expect(ok.statusCode).toBe(303);
    const [row] = await t.db.query<{ status: string; price_pence: number; age_min: number; age_max: number | null }>(
      'select status, price_pence, age_min, age_max from activities where organisation_id = $1',
      [orgId],
    );
    expect(row).toEqual({ status: 'pending', price_pence: 350, age_min: 18, age_max: null });
    const page = await v.get(ok.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pending approval');
    expect(page.body).toContain('£3.50');
  });

  it('adds a monthly session, shows its pattern and next dates, and cancels one date', async () => {
    const orgId = await makeOrganisation(t.db);
    const placeId = await makePlace(t.db, orgId);
    const user = await makeUser(t.db, { organisationId: orgId });
    const v = new Visitor(t.app);
    await v.signIn(user.email, user.password);
    const created = await v.post('/provider/activities/new', validActivity(placeId));
    const activityPath = (created.headers.location as string).split('?')[0]!;
    const bad = await v.post(`${activityPath}/sessions/new`, {
      frequency: 'monthly',
      weekday: '2',
      startDateDay: '31',
      startDateMonth: '2',
      startDateYear: '2026',
      startTime: '14:00',
      endTime: '13:00',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choose which week of the month');
    expect(bad.body).toContain('Start date must be a real date');
    expect(bad.body).toContain('End time must be after the start time');
    const ok = await v.post(`${activityPath}/sessions/new`, {
      frequency: 'monthly',
      weekday: '2',
      weekOfMonth: '1',
      startDateDay: '1',
      startDateMonth: '1',
      startDateYear: '2026',
      startTime: '10:00',
      endTime: '12:00',
    });
    expect(ok.statusCode).toBe(303);
    const page = await v.get(activityPath);
    expect(page.body).toContain('First Tuesday of each month, 10am to 12pm');
    expect(page.body).toContain('Tue 1 Dec, 10am');
  });

  it('refuses a session that has already happened, and keeps ended sessions off the public page', async () => {
    const orgId = await makeOrganisation(t.db);
    const placeId = await makePlace(t.db, orgId);
    const user = await makeUser(t.db, { organisationId: orgId });
    const v = new Visitor(t.app);
    await v.signIn(user.email, user.password);
    const id = await makeActivity(t.db, orgId, placeId, { title: 'Seasonal walk' });
    const past = await v.post(`/provider/activities/${id}/sessions/new`, {
      frequency: 'once',
      startDateDay: '1',
      startDateMonth: '11',
      startDateYear: '2026',
      startTime: '2pm',
      endTime: '4pm',
    });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('The date of a one-off session must be today or in the future');
    const ended = await v.post(`/provider/activities/${id}/sessions/new`, {
      frequency: 'weekly',
      weekday: '2',
      startDateDay: '1',
      startDateMonth: '9',
      startDateYear: '2026',
      endDateDay: '1',
      endDateMonth: '10',
      endDateYear: '2026',
      startTime: '10am',
      endTime: '12pm',
    });
    expect(ended.statusCode).toBe(422);
    expect(ended.body).toContain('Last date must be today or in the future');
    // One that ended after it was added (here written straight to the table) is not shown to the public.
    await t.db.query(
      `insert into activity_sessions (activity_id, frequency, weekday, start_date, start_time, end_time, note, created_at)
       values ($1, 'once', 7, '2026-11-01', '14:00', '16:00', '', to_timestamp(1795255200))`,
      [id],
    );
    const ok = await v.post(`/provider/activities/${id}/sessions/new`, {
      frequency: 'once',
      startDateDay: '5',
      startDateMonth: '12',
      startDateYear: '2026',
      startTime: '2pm',
      endTime: '3:30pm',
    });
    expect(ok.statusCode).toBe(303);
    const page = (await new Visitor(t.app).get(`/activities/${id}`)).body;
    expect(page).toContain('Saturday 5 December 2026 only, 2pm to 3:30pm');
    expect(page).not.toContain('Sunday 1 November 2026');
  });

  it('refuses 0 places per session, and funded places for an activity that is free', async () => {
    const orgId = await makeOrganisation(t.db);
    const placeId = await makePlace(t.db, orgId);
    const user = await makeUser(t.db, { organisationId: orgId });
    const v = new Visitor(t.app);
    await v.signIn(user.email, user.password);
    const bad = await v.post('/provider/activities/new', { ...validActivity(placeId), costType: 'free', pricePounds: '', fundedPlaces: '4', capacity: '0' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Places per session must be 1 or more');
    expect(bad.body).toContain('Funded places are only for activities that cost money');
    expect((await v.post('/provider/activities/new', { ...validActivity(placeId), fundedPlaces: '4', capacity: '12' })).statusCode).toBe(303);
  });

  it('prompts a check after 6 months, says when a listing has left search, and confirming clears both', async () => {
    const orgId = await makeOrganisation(t.db);
    const placeId = await makePlace(t.db, orgId);
    const now = Date.parse(TEST_NOW);
    const due = await makeActivity(t.db, orgId, placeId, { title: 'Due walk', lastCheckedAt: new Date(now - 200 * DAY) });
    const expired = await makeActivity(t.db, orgId, placeId, { title: 'Expired walk', lastCheckedAt: new Date(now - 400 * DAY) });
    const user = await makeUser(t.db, { organisationId: orgId });
    const v = new Visitor(t.app);
    await v.signIn(user.email, user.password);
    const dash = await v.get('/provider');
    expect(dash.body).toContain('Check this listing is still right<span class="nhsuk-u-visually-hidden">: Due walk');
    expect(dash.body).toContain('Not shown in search');
    expect((await v.get(`/provider/activities/${expired}`)).body).toContain('You can still edit it');
    for (const id of [due, expired]) expect((await v.post(`/provider/activities/${id}/confirm-checked`)).statusCode).toBe(303);
    const after = await v.get('/provider');
    expect(after.body).not.toContain('Check this listing is still right<');
    expect(after.body).not.toContain('Not shown in search');
    const rows = await t.db.query<{ last_checked_at: Date }>('select last_checked_at from activities where id = any($1::uuid[])', [[due, expired]]);
    expect(rows.map((r) => new Date(r.last_checked_at).toISOString())).toEqual([new Date(TEST_NOW).toISOString(), new Date(TEST_NOW).toISOString()]);
  });

  it('shows the waiting proposal when editing a live listing again, and withdraws a listing', async () => {
    const orgId = await makeOrganisation(t.db);
    const placeId = await makePlace(t.db, orgId);
    const id = await makeActivity(t.db, orgId, placeId, { title: 'Live walk' });
    const user = await makeUser(t.db, { organisationId: orgId });
    const v = new Visitor(t.app);
    await v.signIn(user.email, user.password);
    const form = await v.get(`/provider/activities/${id}/edit`);
    expect(form.body).toContain('value="Live walk"');
    expect(form.body).toContain('This listing is live');
    await v.post(`/provider/activities/${id}/edit`, { ...validActivity(placeId), title: 'Proposed walk' });
    const again = await v.get(`/provider/activities/${id}/edit`);
    expect(again.body).toContain('value="Proposed walk"');
    expect(again.body).toContain('sending again replaces them');
    expect((await v.get(`/provider/activities/${id}`)).body).toContain('Live walk');

    expect((await v.post(`/provider/activities/${id}/withdraw`)).statusCode).toBe(303);
    const [row] = await t.db.query<{ status: string }>('select status from activities where id = $1', [id]);
    expect(row?.status).toBe('withdrawn');
    expect(await t.db.query("select 1 from activity_changes where activity_id = $1 and status = 'pending'", [id])).toHaveLength(0);
    expect((await v.get('/provider')).body).toContain('Withdrawn');
  });
});
