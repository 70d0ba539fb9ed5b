import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';

describe.each(ENGINES)('shortlist ($name)', (engine) => {
  let t: TestApp;
  let walk: string;
  let cafe: string;
  let withdrawn: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = await makeOrganisation(t.db);
    const place = await makePlace(t.db, org);
    walk = await makeActivity(t.db, org, place, { title: 'Rows heritage walk' });
    cafe = await makeActivity(t.db, org, place, { title: 'Minster memory café', costType: 'paid', pricePence: 250 });
    withdrawn = await makeActivity(t.db, org, place, { title: 'Withdrawn dig', status: 'withdrawn' });
  });
  afterAll(async () => t.close());

  it('adds activities and goes back to the page the visitor came from', async () => {
    const v = new Visitor(t.app);
    const add = await v.post('/shortlist/add', { id: walk, returnTo: '/activities?q=walk' });
    expect(add.statusCode).toBe(303);
    expect(add.headers.location).toBe('/activities?q=walk');
    await v.post('/shortlist/add', { id: cafe, returnTo: '/activities' });
    const page = await v.get('/shortlist');
    expect(page.body).toContain('Rows heritage walk');
    expect(page.body).toContain('Minster memory café');
    expect(page.body).toContain('£2.50');
    expect(page.body).toContain('Shortlist (2)');
    expect(page.body).toContain(`/shortlist?ids=${walk}.${cafe}`);
    expect(page.body).toContain('Remove from shortlist');
  });

  it('never redirects to another site after adding', async () => {
    const v = new Visitor(t.app);
    for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const res = await v.post('/shortlist/add', { id: walk, returnTo });
      expect(res.headers.location).toBe('/shortlist');
    }
  });

  it('removes one activity and clears the whole list', async () => {
    const v = new Visitor(t.app);
    await v.post('/shortlist/add', { id: walk });
    await v.post('/shortlist/add', { id: cafe });
    await v.post('/shortlist/remove', { id: walk, returnTo: '/shortlist' });
    const after = await v.get('/shortlist');
    expect(after.body).not.toContain('Rows heritage walk');
    expect(after.body).toContain('Minster memory café');
    await v.post('/shortlist/clear');
    expect((await v.get('/shortlist')).body).toContain('Your shortlist is empty');
  });

  it('shows a shared list read-only to anyone, leaving out listings that have gone', async () => {
    const stranger = new Visitor(t.app);
    const res = await stranger.get(`/shortlist?ids=${cafe}.${withdrawn}.not-an-id`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('A shared shortlist of activities');
    expect(res.body).toContain('Minster memory café');
    expect(res.body).not.toContain('Withdrawn dig');
    expect(res.body).toContain('1 activity is no longer listed');
    expect(res.body).not.toContain('Add to shortlist');
    expect(res.body).not.toContain('Clear your shortlist');
  });

  it('has a compact print layout of the list', async () => {
    const v = new Visitor(t.app);
    await v.post('/shortlist/add', { id: walk });
    const res = await v.get('/shortlist?print=1');
    expect(res.body).toContain('class="app-print-list"');
    expect(res.body).toContain(`http://localhost:3000/activities/${walk}`);
    expect(res.body).not.toContain('nhsuk-header__navigation');
  });

  it('refuses a change without the form token and leaves the list alone', async () => {
    const v = new Visitor(t.app);
    const res = await v.post('/shortlist/add', { id: walk }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect((await v.get('/shortlist')).body).toContain('Your shortlist is empty');
  });
});
