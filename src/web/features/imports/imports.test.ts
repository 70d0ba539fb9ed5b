import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeScheme, makeUser } from '../../../../test/factories.ts';
import { json, startFeedServer, v1Page, v1Service } from '../../../../test/fixtures/oruk-feeds.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

describe.each(ENGINES)('importing a directory from the coordinator’s pages ($name)', (engine) => {
  let t: TestApp;
  let coordinator: Visitor;
  let feed: Awaited<ReturnType<typeof startFeedServer>>;
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(engine);
    feed = await startFeedServer((url, _req, res) => {
      if (url.pathname === '/dir/services') return json(res, v1Page([v1Service('A-1'), v1Service('B-2', { organization: undefined })], 1, 1));
      return json(res, { error: 'not found' }, 404);
    });
    const u = await makeUser(t.db, { role: 'coordinator', schemeId: await makeScheme(t.db) });
    coordinator = new Visitor(t.app);
    await coordinator.signIn(u.email, u.password);
  });
  afterAll(async () => {
    await feed?.close();
    await t?.close();
  });

  it('shows a dry run row by row, then imports on confirmation into the review queue', async () => {
    expect((await coordinator.get(paths.imports.list)).body).toContain('Import a directory');
    const dry = await coordinator.post(paths.imports.list, { feedUrl: `${feed.base}/dir` });
    expect(dry.statusCode).toBe(200);
    expect(dry.body).toContain('Check what the import would do');
    expect(dry.body).toContain('Heritage walk A-1');
    expect(dry.body).toContain('Not imported: the service has no organisation');
    expect(dry.body).toContain('Bus passes');
    expect(await count('select count(*)::int as n from activities')).toBe(0);

    // Confirming records the run and answers at once; the background job reads the feed.
    const done = await coordinator.post(paths.imports.confirm, { feedUrl: `${feed.base}/dir/services`, trusted: '' });
    expect(done.statusCode).toBe(303);
    const waiting = await coordinator.get(done.headers.location!);
    expect(waiting.body).toContain('Waiting to start');
    expect(waiting.body).toContain(`<a href="${done.headers.location}">Refresh to see how far it has got</a>`);
    expect(await count('select count(*)::int as n from activities')).toBe(0);
    // Starting the same feed again while its run waits joins that run: one run per source.
    const again = await coordinator.post(paths.imports.confirm, { feedUrl: `${feed.base}/dir/services`, trusted: '' });
    expect(again.headers.location).toBe(done.headers.location);

    await t.services.importsInBackground.carryOn();
    const report = await coordinator.get(done.headers.location!);
    expect(report.body).not.toContain('Refresh to see how far it has got');
    expect(report.body).toContain('Heritage walk A-1');
    expect(await count(`select count(*)::int as n from activities where status = 'pending'`)).toBe(1);
    // In the coordinators' review queue, like any new listing.
    expect((await coordinator.get(paths.coordinator.listings)).body).toContain('Heritage walk A-1');
  });

  it('trusts a source, and stops trusting it, only when asked which', async () => {
    const [source] = await t.db.query<{ id: string }>('select id from import_sources limit 1');
    expect((await coordinator.post(paths.imports.trust(source!.id), {})).statusCode).toBe(400);
    const res = await coordinator.post(paths.imports.trust(source!.id), { trusted: 'yes' });
    expect(res.headers.location).toBe(`${paths.imports.list}?done=trusted`);
    const page = await coordinator.get(res.headers.location!);
    expect(page.body).toContain('Stop trusting');
    expect((await t.db.query<{ trusted: boolean }>('select trusted from import_sources where id = $1', [source!.id]))[0]!.trusted).toBe(true);
  });

  it('imports a saved feed file under the directory’s name, and asks for the name when it is missing', async () => {
    const file = { feedFile: { name: 'feed.json', type: 'application/json', content: JSON.stringify(v1Page([v1Service('F-9')], 1, 1)) } };
    const unnamed = await coordinator.postMultipart(paths.imports.list, {}, file);
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.body).toContain('Enter the name of the directory the file comes from');
    const dry = await coordinator.postMultipart(paths.imports.list, { sourceName: 'Somerset Directory' }, file);
    expect(dry.statusCode).toBe(200);
    expect(dry.body).toContain('Heritage walk F-9');
    const done = await coordinator.postMultipart(paths.imports.confirm, { sourceName: 'Somerset Directory' }, file);
    expect(done.statusCode).toBe(303);
    expect(await count(`select count(*)::int as n from import_sources where address = 'file:Somerset Directory'`)).toBe(1);
    const notJson = await coordinator.postMultipart(
      paths.imports.list,
      { sourceName: 'x' },
      { feedFile: { name: 'a.json', type: 'application/json', content: '{oops' } },
    );
    expect(notJson.statusCode).toBe(422);
    expect(notJson.body).toContain('The file is not an Open Referral feed');
    const notFeed = await coordinator.postMultipart(
      paths.imports.list,
      { sourceName: 'x' },
      { feedFile: { name: 'a.json', type: 'application/json', content: '{"a": 1}' } },
    );
    expect(notFeed.statusCode).toBe(422);
    expect(notFeed.body).toContain('The file is not an Open Referral page');
  });

  it('says what is wrong next to the field and changes nothing', async () => {
    const res = await coordinator.post(paths.imports.list, { feedUrl: 'not a web address' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter the feed’s full web address, starting https://');
    const empty = await coordinator.post(paths.imports.list, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Enter the feed’s web address, or choose a saved feed file');
  });

  it('lists unmapped terms with counts and keeps the mapping a coordinator makes', async () => {
    const page = await coordinator.get(paths.imports.terms);
    expect(page.body).toMatch(/Bus passes[\s\S]*<td class="nhsuk-table__cell">1<\/td>/);
    const saved = await coordinator.post(paths.imports.terms, { term: 'Bus passes', target: 'access:public_transport' });
    expect(saved.statusCode).toBe(303);
    const after = await coordinator.get(saved.headers.location!);
    expect(after.body).toContain('Every term the imported feeds use is mapped');
    expect(after.body).toContain('Access features: Near public transport');
    const bad = await coordinator.post(paths.imports.terms, { term: 'x', target: 'nonsense value' });
    expect(bad.statusCode).toBe(422);
  });
});
