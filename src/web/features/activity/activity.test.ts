import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeScheme, makeSession, makeUser } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';

describe.each(ENGINES)('activity page ($name)', (engine) => {
  let t: TestApp;
  let live: string;
  let pending: string;
  let expired: string;
  let providerEmail: string;
  let coordinatorEmail: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = await makeOrganisation(t.db, { name: 'Yarmouth Minster Trust' });
    const place = await makePlace(t.db, org, { name: 'Minster Hall', postcode: 'NR30 1NE', nhleListEntry: 1096802 });
    live = await makeActivity(t.db, org, place, {
      title: 'Minster memory café',
      summary: 'Tea, music and old photographs.',
      needs: ['dementia', 'carers'],
      costType: 'free_for_referred',
      access: ['step_free', 'accessible_toilet', 'hearing_loop'],
      support: ['carer_free', 'buddy_welcome'],
      languages: ['en', 'pl'],
      referralRoutes: ['link_worker', 'self'],
      capacity: 14,
    });
    await t.db.query(
      `update activities set description = $2, first_visit = $3, how_to_join = $4, contact_name = 'Sam Carter', contact_email = 'sam@example.org',
         contact_phone = '01493 000000', safeguarding = '{dementia_friends,dbs_checked}', age_min = 18, group_size_max = 16,
         funded_places = 4, distance_walked_m = 50, terrain = 'indoors', months = '{1,2,3,4,5,6,7,9,10,11,12}' where id = $1`,
      [
        live,
        'A relaxed morning in the Minster hall.\n\nWe look at photographs of the town.',
        'Someone meets you at the door.',
        'Ring Sam or ask your link worker.',
      ],
    );
    const session = await makeSession(t.db, live, { weekday: 2, startTime: '10:00', endTime: '12:00' });
    await t.db.query(`insert into session_cancellations (session_id, on_date, reason) values ($1, '2026-12-01', 'Hall closed for repairs')`, [session]);
    pending = await makeActivity(t.db, org, place, { title: 'Pending dig', status: 'pending' });
    expired = await makeActivity(t.db, org, place, { title: 'Expired walk', lastCheckedAt: new Date('2025-10-01T00:00:00Z') });
    providerEmail = (await makeUser(t.db, { role: 'provider', organisationId: org, password: 'provider-password-1' })).email;
    coordinatorEmail = (await makeUser(t.db, { role: 'coordinator', password: 'coordinator-password-1', schemeId: await makeScheme(t.db) })).email;
  });
  afterAll(async () => t.close());

  it('shows what a link worker needs to judge whether it suits someone', async () => {
    const res = await new Visitor(t.app).get(`/activities/${live}`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    for (const text of [
      '<h1>Minster memory café</h1>',
      'Yarmouth Minster Trust',
      'Tea, music and old photographs.',
      'We look at photographs of the town.',
      'Dementia and memory',
      'Carers',
      '18 and over',
      'Up to 16 people',
      'Someone meets you at the door.',
      'Free for referred people',
      'Step-free access',
      'Hearing loop',
      '50 metres',
      'Indoors',
      'Carer comes free',
      'Buddy welcome',
      'Ring Sam or ask your link worker.',
      'Link worker referral',
      'Self-referral',
      'Sam Carter',
      'href="mailto:sam@example.org"',
      'href="tel:+441493000000"',
      '01493 000000',
      'Polish',
      'Dementia Friends trained',
      'Leaders DBS checked',
      'January, February',
      'Every Tuesday, 10am to 12pm',
      'Tue 24 Nov, 10am to 12pm',
      'Cancelled on Tue 1 Dec',
      'Hall closed for repairs',
      'Minster Hall',
      'NR30 1NE',
      'https://historicengland.org.uk/listing/the-list/list-entry/1096802',
      'Last checked 21 November 2026',
      'Add to shortlist',
    ])
      expect(body, text).toContain(text);
    expect(body.match(/<h1/g)).toHaveLength(1);
    expect(body).not.toContain('funded place'); // free for referred people, so it has none to offer, whatever is stored
  });

  it('has a lean print view', async () => {
    const res = await new Visitor(t.app).get(`/activities/${live}/print`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="app-print-page"');
    expect(res.body).toContain('Every Tuesday, 10am to 12pm');
    expect(res.body).not.toContain('nhsuk-header__navigation');
  });

  it('is not found when unknown, not live or not checked for 12 months', async () => {
    const v = new Visitor(t.app);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', pending, expired]) {
      expect((await v.get(`/activities/${id}`)).statusCode, id).toBe(404);
      expect((await v.get(`/activities/${id}/print`)).statusCode, id).toBe(404);
    }
  });

  it('lets the organisation and the coordinators of its area preview a listing that is not public', async () => {
    const provider = new Visitor(t.app);
    await provider.signIn(providerEmail, 'provider-password-1');
    const own = await provider.get(`/activities/${pending}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('This listing is not in public search');
    const coordinator = new Visitor(t.app);
    await coordinator.signIn(coordinatorEmail, 'coordinator-password-1');
    expect((await coordinator.get(`/activities/${expired}`)).statusCode).toBe(200);
    const frome = await makeUser(t.db, {
      role: 'coordinator',
      password: 'coordinator-password-2',
      schemeId: await makeScheme(t.db, { name: 'Frome', outcodes: ['BA11'] }),
    });
    const fromeCoordinator = new Visitor(t.app);
    await fromeCoordinator.signIn(frome.email, 'coordinator-password-2');
    expect((await fromeCoordinator.get(`/activities/${pending}`)).statusCode).toBe(404);
    expect((await fromeCoordinator.get(`/activities/${live}`)).statusCode).toBe(200);
    const otherProvider = new Visitor(t.app);
    const outsider = await makeUser(t.db, { role: 'provider', password: 'outsider-password-1' });
    await otherProvider.signIn(outsider.email, 'outsider-password-1');
    expect((await otherProvider.get(`/activities/${pending}`)).statusCode).toBe(404);
  });
});
