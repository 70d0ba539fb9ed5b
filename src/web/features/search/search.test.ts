import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, makeSession, YARMOUTH } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';

describe.each(ENGINES)('search page ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = await makeOrganisation(t.db, { name: 'Yarmouth Minster Trust' });
    await makePostcode(t.db, 'NR30 1AA', YARMOUTH);
    const minster = await makePlace(t.db, org, { name: 'Minster Hall', town: 'Great Yarmouth' });
    const cafe = await makeActivity(t.db, org, minster, {
      title: 'Minster memory café',
      summary: 'Tea and old photographs.',
      activityTypes: ['memory_cafe'],
      access: ['step_free', 'hearing_loop'],
    });
    await makeSession(t.db, cafe, { weekday: 2, startTime: '10:00', endTime: '12:00' });
    for (let i = 0; i < 24; i++) {
      const place = await makePlace(t.db, org, { easting: YARMOUTH.easting + 100 * (i + 1), northing: YARMOUTH.northing, name: `Hall ${i}` });
      await makeActivity(t.db, org, place, { title: `Rows walk ${String(i).padStart(2, '0')}`, summary: 'A walk.', activityTypes: ['walk'] });
    }
  });
  afterAll(async () => t.close());

  it('lists nearby activities with distance, next session, cost, access and when last checked', async () => {
    const res = await new Visitor(t.app).get('/activities?where=NR30+1AA&radius=5');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('25 activities found');
    expect(res.body).toContain('Showing 1 to 20 of 25 activities');
    expect(res.body).toContain('Within 5 miles of <strong>NR30 1AA</strong>');
    const first = res.body.slice(res.body.indexOf('class="app-result"'), res.body.indexOf('class="app-result"', res.body.indexOf('class="app-result"') + 1));
    expect(first).toContain('Minster memory café');
    expect(first).toContain('Yarmouth Minster Trust');
    expect(first).toContain('Minster Hall, Great Yarmouth');
    expect(first).toContain('less than 0.1 miles away');
    expect(first).toContain('Tue 24 Nov, 10am');
    expect(first).toContain('Free');
    expect(first).toContain('Step-free access');
    expect(first).toContain('Last checked 21 November 2026');
    expect(first).toContain('Add to shortlist');
    // The button comes back to this result, and can work without leaving the page.
    const id = /id="result-([0-9a-f-]{36})"/.exec(first)?.[1];
    expect(first).toContain(`name="returnTo" value="/activities?where=NR30+1AA&amp;radius=5#result-${id}"`);
    expect(first).toContain('data-module="app-shortlist-button"');
    expect(res.body).toContain('data-module="app-map"');
    expect(res.body).toContain('aria-label="Page 2"');
  });

  it('shows the second page and keeps the filters in the page links', async () => {
    const res = await new Visitor(t.app).get('/activities?where=NR30+1AA&type=walk&page=2');
    expect(res.body).toContain('Showing 21 to 24 of 24 activities');
    expect(res.body).toMatch(/href="\/activities\?where=NR30\+1AA&amp;radius=5&amp;type=walk"/);
    expect(res.body).toMatch(/value="walk" checked/);
  });

  it('folds the filters behind one control that says how many are chosen', async () => {
    const plain = await new Visitor(t.app).get('/activities?where=NR30+1AA');
    expect(plain.body).toMatch(/<details class="nhsuk-details app-filters" data-module="app-filters">\s*<summary[^>]*><span[^>]*>Filter results<\/span>/);
    const filtered = await new Visitor(t.app).get('/activities?where=NR30+1AA&type=walk&cost=free');
    expect(filtered.body).toContain('Filter results (2 chosen)');
  });

  it('says what it searched for when a word was misspelt', async () => {
    const res = await new Visitor(t.app).get('/activities?q=mmeory');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Showing results for <strong>memory</strong>');
    expect(res.body).toContain('Minster memory café');
    expect(res.body).not.toContain('Rows walk');
  });

  it('finds a word without its accent and never says a word was wrong when the words find something', async () => {
    const res = await new Visitor(t.app).get('/activities?q=cafe');
    expect(res.body).toContain('Minster memory café');
    expect(res.body).toContain('Across England, best matches first, then the soonest.');
    const near = await new Visitor(t.app).get('/activities?where=NR30+1AA&q=walk');
    expect(near.body).toContain('Best matches first, then by distance.');
    expect(res.body).not.toContain('Showing results for');
    const some = await new Visitor(t.app).get('/activities?q=mmeory+walks');
    expect(some.body).toContain('Rows walk 00');
    expect(some.body).not.toContain('Showing results for');
  });

  it('searches all of England by next session when no place is given', async () => {
    const res = await new Visitor(t.app).get('/activities');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Across England, soonest first');
    expect(res.body).toContain('25 activities found');
    expect(res.body).toContain('Showing 1 to 20 of 25 activities');
  });

  it('refuses an unknown postcode with a message next to the field, keeping what was typed', async () => {
    const res = await new Visitor(t.app).get('/activities?where=ZZ99+9ZZ&q=walk');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#where"');
    expect(res.body).toContain('We could not find the postcode ZZ99 9ZZ');
    expect(res.body).toContain('value="ZZ99 9ZZ"');
    expect(res.body).not.toContain('class="app-result"');
  });

  it('says so when nothing matches', async () => {
    const res = await new Visitor(t.app).get('/activities?where=NR30+1AA&access=bsl');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No activities found');
    expect(res.body).toContain('No activities match your search');
  });
});
