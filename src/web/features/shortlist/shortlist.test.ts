import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeSession } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';

const SHARE_LINK = /http:\/\/localhost:3000\/s\/([2-9A-HJ-NP-Z]{8})/;

describe.each(ENGINES)('shortlist ($name)', (engine) => {
  let t: TestApp;
  let walk: string;
  let cafe: string;
  let withdrawn: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = await makeOrganisation(t.db);
    const place = await makePlace(t.db, org, { name: 'Minster Hall', postcode: 'NR30 1NE' });
    walk = await makeActivity(t.db, org, place, { title: 'Rows heritage walk', access: ['step_free', 'hearing_loop'] });
    await makeSession(t.db, walk, { weekday: 2, startTime: '10:00', endTime: '12:00' });
    await t.db.query(`update activities set how_to_join = 'Just turn up, or ask your link worker.', contact_phone = '01493 000111' where id = $1`, [walk]);
    cafe = await makeActivity(t.db, org, place, { title: 'Minster memory café', costType: 'paid', pricePence: 250 });
    withdrawn = await makeActivity(t.db, org, place, { title: 'Withdrawn dig', status: 'withdrawn' });
  });
  afterAll(async () => t.close());

  /** A visitor whose shortlist holds these activities. */
  async function withList(...ids: string[]) {
    const v = new Visitor(t.app);
    for (const id of ids) await v.post('/shortlist/add', { id, returnTo: '/shortlist' });
    return v;
  }

  it('adds activities and goes back to the result the visitor came from', async () => {
    const v = new Visitor(t.app);
    const add = await v.post('/shortlist/add', { id: walk, returnTo: `/activities?q=walk#result-${walk}` });
    expect(add.statusCode).toBe(303);
    expect(add.headers.location).toBe(`/activities?q=walk#result-${walk}`);
    await v.post('/shortlist/add', { id: cafe, returnTo: '/activities' });
    const page = await v.get('/shortlist');
    expect(page.body).toContain('Rows heritage walk');
    expect(page.body).toContain('Minster memory café');
    expect(page.body).toContain('£2.50');
    expect(page.body).toContain('Shortlist (2)');
    expect(page.body).toContain('Remove from shortlist');
    expect(page.body).toContain('Make a link to share');
  });

  it('answers the page’s script with the new state instead of a page', async () => {
    const v = new Visitor(t.app, { accept: 'application/json' });
    const add = await v.post('/shortlist/add', { id: walk, returnTo: '/activities' });
    expect(add.statusCode).toBe(200);
    expect(add.json()).toEqual({ onShortlist: true, count: 1 });
    expect(v.cookie('wm_shortlist')).toBe(walk);
    const remove = await v.post('/shortlist/remove', { id: walk, returnTo: '/activities' });
    expect(remove.json()).toEqual({ onShortlist: false, count: 0 });
  });

  it('never redirects to another site after adding', async () => {
    const v = new Visitor(t.app);
    for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const res = await v.post('/shortlist/add', { id: walk, returnTo });
      expect(res.headers.location).toBe('/shortlist');
    }
  });

  it('removes one activity, and asks before clearing the whole list', async () => {
    const v = await withList(walk, cafe);
    await v.post('/shortlist/remove', { id: walk, returnTo: '/shortlist' });
    const after = await v.get('/shortlist');
    expect(after.body).not.toContain('Rows heritage walk');
    expect(after.body).toContain('Minster memory café');
    expect(after.body).toContain('href="/shortlist/clear"');

    const confirm = await v.get('/shortlist/clear');
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Are you sure you want to clear your shortlist?');
    expect(confirm.body).toContain('This removes the 1 activity');
    expect((await v.get('/shortlist')).body).toContain('Minster memory café');

    const cleared = await v.post('/shortlist/clear');
    expect(cleared.headers.location).toBe('/shortlist?done=cleared');
    const empty = await v.get(cleared.headers.location as string);
    expect(empty.body).toContain('Your shortlist has been cleared');
    expect(empty.body).toContain('Your shortlist is empty');
  });

  it('shares a list by a short code: the same code for the same list, stored with the time from the clock', async () => {
    const v = await withList(walk, cafe);
    const made = await v.post('/shortlist/share');
    expect(made.statusCode).toBe(303);
    const code = /^\/shortlist\?shared=([2-9A-HJ-NP-Z]{8})#share$/.exec(made.headers.location as string)?.[1];
    expect(code).toBeDefined();
    const [row] = await t.db.query<{ activity_ids: string[]; created_at: Date }>('select activity_ids, created_at from shared_shortlists where code = $1', [
      code,
    ]);
    expect(row?.activity_ids).toEqual([walk, cafe]);
    expect(new Date(row!.created_at).toISOString()).toBe(new Date(TEST_NOW).toISOString());

    const page = await v.get(made.headers.location as string);
    expect(SHARE_LINK.exec(page.body)?.[1]).toBe(code);
    expect(page.body).toContain(`value="http://localhost:3000/s/${code}"`);
    expect(page.body).toContain(`href="mailto:?subject=Heritage%20wellbeing%20activities&amp;body=`);
    expect(page.body).toContain(`href="sms:?&amp;body=`);
    expect(page.body).toContain(encodeURIComponent(`http://localhost:3000/s/${code}`));

    // Sharing the same list again gives the same code; another visitor's same list too.
    expect((await (await withList(walk, cafe)).post('/shortlist/share')).headers.location).toBe(made.headers.location);
    // Once the list changes, the old link is no longer offered as "the link to this list".
    await v.post('/shortlist/remove', { id: cafe, returnTo: '/shortlist' });
    const changed = await v.get(made.headers.location as string);
    expect(changed.body).not.toMatch(SHARE_LINK);
    expect(changed.body).toContain('Make a link to share');
  });

  it('refuses to share an empty list, and stores nothing', async () => {
    const before = await t.db.query('select code from shared_shortlists');
    const res = await new Visitor(t.app).post('/shortlist/share');
    expect(res.statusCode).toBe(422);
    expect(await t.db.query('select code from shared_shortlists')).toEqual(before);
  });

  it('shows a shared list read-only to anyone, leaving out listings that have gone', async () => {
    await t.db.query(`insert into shared_shortlists (code, activity_ids, created_at) values ('GQ7HXK2M', $1::uuid[], $2)`, [[cafe, withdrawn], TEST_NOW]);
    const stranger = new Visitor(t.app);
    const res = await stranger.get('/s/GQ7HXK2M');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('A shared shortlist of activities');
    expect(res.body).toContain('Minster memory café');
    expect(res.body).not.toContain('Withdrawn dig');
    expect(res.body).toContain('1 activity is no longer listed');
    expect(res.body).toContain('Add these to my shortlist');
    expect(res.body).not.toContain('Add to shortlist');
    expect(res.body).not.toContain('Remove from shortlist');
    expect(res.body).not.toContain('Clear your shortlist');
    expect(res.body).toContain('href="/s/GQ7HXK2M?print=1"');
    // Typed in lower case, it is the same list; a code that is not stored, or cannot be one, is not found.
    expect((await stranger.get('/s/gq7hxk2m')).statusCode).toBe(200);
    expect((await stranger.get('/s/GQ7HXK2N')).statusCode).toBe(404);
    expect((await stranger.get('/s/GQ7HXK20')).statusCode).toBe(404);
  });

  it('adds a shared list to your own, keeping what you had', async () => {
    await t.db.query(`insert into shared_shortlists (code, activity_ids, created_at) values ('WALK2CAF', $1::uuid[], $2)`, [[walk, cafe], TEST_NOW]);
    const v = await withList(cafe);
    const res = await v.post('/s/WALK2CAF/add');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/shortlist?done=added');
    expect(v.cookie('wm_shortlist')).toBe(`${cafe}.${walk}`);
    expect((await v.get('/shortlist?done=added')).body).toContain('The shared activities have been added to your shortlist');
  });

  it('prints a self-contained handout: address, when and how often, cost, contact, how to join, access and a QR code each', async () => {
    const v = await withList(walk, cafe);
    const res = await v.get('/shortlist?print=1');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    // Nothing to fetch: no stylesheet, script, image or font from anywhere.
    expect(html).not.toMatch(/<link[^>]+stylesheet|<script|<img|\bsrc=|url\(/i);
    const nonce = /style-src[^;]*'nonce-([^']+)'/.exec(res.headers['content-security-policy'] as string)?.[1];
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).toContain('Minster Hall, 1 Test Street, Great Yarmouth, NR30 1NE');
    expect(html).toContain('Next: Tue 24 Nov, 10am. Every Tuesday, 10am to 12pm');
    expect(html).toContain('Phone 01493 000111 · Email hello@example.org');
    expect(html).toContain('Just turn up, or ask your link worker.');
    expect(html).toContain('Step-free access, Hearing loop');
    expect(html).toContain('£2.50');
    expect(html.match(/<svg class="app-qr"/g)).toHaveLength(2);
    // The long web address is in the QR code, not printed; the header is plain text.
    expect(html).not.toContain('http://localhost:3000/activities/');
    expect(html).toContain('<strong>Waymark</strong> – heritage wellbeing activities');
  });

  it('prints a shared list the same way', async () => {
    await t.db.query(`insert into shared_shortlists (code, activity_ids, created_at) values ('PRNT2345', $1::uuid[], $2)`, [[walk], TEST_NOW]);
    const res = await new Visitor(t.app).get('/s/PRNT2345?print=1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('A shared shortlist of activities');
    expect(res.body).toContain('Rows heritage walk');
    expect(res.body).toContain('href="/s/PRNT2345"');
  });

  it('refuses a change without the form token and leaves the list alone', async () => {
    const v = new Visitor(t.app);
    const res = await v.post('/shortlist/add', { id: walk }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect((await v.get('/shortlist')).body).toContain('Your shortlist is empty');
  });
});
