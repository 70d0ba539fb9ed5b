import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeUser } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

describe.each(ENGINES)('other words for search ($name)', (engine) => {
  let t: TestApp;
  let coordinator: Visitor;
  const found = async (q: string) => (await t.app.inject({ method: 'GET', url: `${paths.search}?q=${encodeURIComponent(q)}` })).body;
  const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from search_synonyms'))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = await makeOrganisation(t.db, { name: 'Harbour Trust' });
    await makeActivity(t.db, org, await makePlace(t.db, org), { title: 'Harbour heritage walk', summary: 'A gentle walk by the boats.' });
    const u = await makeUser(t.db, { role: 'coordinator' });
    coordinator = new Visitor(t.app);
    await coordinator.signIn(u.email, u.password);
  });
  afterAll(async () => t.close());

  it('starts with a default list, grouped by what people search for', async () => {
    const page = await coordinator.get(paths.searchSynonyms.list);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Other words for search');
    const lonely = page.body.slice(page.body.indexOf('>lonely</th>'), page.body.indexOf('</tr>', page.body.indexOf('>lonely</th>')));
    expect(lonely).toContain('loneliness');
    expect(lonely).toContain('isolation');
    expect(page.body).toContain('>family tree</th>');
  });

  it('adds other words that search uses straight away, and records who added them', async () => {
    expect(await found('wander')).toContain('No activities match your search');
    const res = await coordinator.post(paths.searchSynonyms.list, { searchedFor: '  Wander ', alsoFind: 'walk, ramble,walk' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${paths.searchSynonyms.list}?done=added`);
    const page = await coordinator.get(res.headers.location!);
    expect(page.body).toContain('The words have been added');
    expect(page.body).toContain('>wander</th>');
    const rows = await t.db.query<{ id: string; also_find: string }>(
      `select id, also_find from search_synonyms where searched_for = 'wander' order by also_find`,
    );
    expect(rows.map((r) => r.also_find)).toEqual(['ramble', 'walk']);
    const audit = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'search_synonym.added' and subject_type = 'search_synonym' and subject_id = any($1)`,
      [rows.map((r) => r.id)],
    );
    expect(audit[0]!.n).toBe(2);
    // "wanders" is another form of "wander": it finds the walk too.
    for (const q of ['wander', 'wanders']) expect(await found(q)).toContain('Harbour heritage walk');
  });

  it('shows the form again with a message and changes nothing when the words cannot be used', async () => {
    const before = await count();
    const cases: [Record<string, string>, string][] = [
      [{ searchedFor: '', alsoFind: '' }, 'Enter what people search for, like family tree'],
      [{ searchedFor: 'tea & cake', alsoFind: 'café' }, 'only include letters'],
      [{ searchedFor: 'craft activities', alsoFind: 'crafts' }, 'Leave out ‘activities’: search ignores it'],
      [{ searchedFor: 'old family tree records', alsoFind: 'family history' }, '3 words or fewer'],
      [{ searchedFor: 'the', alsoFind: 'walk' }, 'not only words like'],
      [{ searchedFor: 'wander', alsoFind: ' , ' }, 'Enter the words listings use'],
      [{ searchedFor: 'wander', alsoFind: 'walk <b>' }, 'only include letters'],
      [{ searchedFor: 'wander', alsoFind: 'ramble, walk' }, 'These words are already listed'],
    ];
    for (const [form, message] of cases) {
      const res = await coordinator.post(paths.searchSynonyms.list, form);
      expect(res.statusCode, JSON.stringify(form)).toBe(422);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain(message);
    }
    const shownAgain = await coordinator.post(paths.searchSynonyms.list, { searchedFor: 'craft activities', alsoFind: 'crafts' });
    expect(shownAgain.body).toContain('value="craft activities"');
    expect(shownAgain.body).toContain('value="crafts"');
    expect(await count()).toBe(before);
  });

  it('removes one of the words, and search stops using it', async () => {
    const [walk] = await t.db.query<{ id: string }>(`select id from search_synonyms where searched_for = 'wander' and also_find = 'walk'`);
    const res = await coordinator.post(paths.searchSynonyms.remove(walk!.id));
    expect(res.statusCode).toBe(303);
    expect((await coordinator.get(res.headers.location!)).body).toContain('The words have been removed from search');
    expect(await t.db.query(`select also_find from search_synonyms where searched_for = 'wander'`)).toEqual([{ also_find: 'ramble' }]);
    expect(await found('wander')).not.toContain('Harbour heritage walk');
    const audit = await t.db.query(`select detail from audit_events where action = 'search_synonym.removed' and subject_id = $1`, [walk!.id]);
    expect(audit).toHaveLength(1);
    expect((await coordinator.post(paths.searchSynonyms.remove(walk!.id))).statusCode).toBe(404);
  });

  it('is for coordinators and administrators only', async () => {
    const provider = await makeUser(t.db, { role: 'provider' });
    const v = new Visitor(t.app);
    await v.signIn(provider.email, provider.password);
    expect((await v.get(paths.searchSynonyms.list)).statusCode).toBe(403);
    const before = await count();
    expect((await v.post(paths.searchSynonyms.list, { searchedFor: 'stroll', alsoFind: 'walk' })).statusCode).toBe(403);
    expect(await count()).toBe(before);
    const admin = await makeUser(t.db, { role: 'admin' });
    const a = new Visitor(t.app);
    await a.signIn(admin.email, admin.password);
    expect((await a.get(paths.searchSynonyms.list)).statusCode).toBe(200);
  });
});
