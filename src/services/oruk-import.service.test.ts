import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeUser } from '../../test/factories.ts';
import { json, startFeedServer, streamEndlessly, v1Page, v1Service, v3Page, v3Service, v3Summary } from '../../test/fixtures/oruk-feeds.ts';
import { seedOrukDirectory } from '../../test/fixtures/oruk.fixtures.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../test/test-app.ts';
import { one, type Db } from '../data/database.ts';
import { createOrukImportRepository } from '../data/repositories/oruk-import.repository.ts';
import { fixedClock } from '../domain/clock.ts';
import type { User } from '../domain/user.ts';
import { createFeedFetcher } from './oruk-feed-fetch.ts';
import { createOrukImportService, type OrukImportService } from './oruk-import.service.ts';

let coordinator: User;
let provider: User;

describe.each(ENGINES)('Importing Open Referral UK feeds ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let importer: OrukImportService;
  let impatient: OrukImportService;
  let feed: Awaited<ReturnType<typeof startFeedServer>>;
  let source: TestApp;
  let sourceBase: string;
  const hits: Record<string, number> = {};
  let failPage2 = true;
  let endlessHits = 0;
  // The directory behind /shrinking: which services it has, and whether its second page fails.
  const shrinking = { ids: ['S-1', 'S-2'], failSecondPage: false };

  beforeAll(async () => {
    db = await engine.open();
    const user = await makeUser(db, { role: 'coordinator' });
    coordinator = { id: user.id, email: user.email, displayName: 'C', role: 'coordinator', organisationIds: [], schemeId: null };
    provider = { ...coordinator, role: 'provider' };
    const importerWith = (timeoutMs: number) =>
      createOrukImportService({
        db,
        repo: createOrukImportRepository(db),
        clock: fixedClock(TEST_NOW),
        fetcher: createFeedFetcher({ allowPrivate: true, timeoutMs, maxBytes: 1024 * 1024, retries: 2, backoffMs: 5, maxBackoffMs: 50 }),
        limits: { maxPages: 6 },
      });
    importer = importerWith(10_000);
    impatient = importerWith(300);
    feed = await startFeedServer((url, _req, res: ServerResponse) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      hits[url.pathname] = (hits[url.pathname] ?? 0) + 1;
      switch (url.pathname) {
        case '/council/services': {
          const messy = [
            v1Service('W-1'),
            v1Service('W-1', { name: 'Same id again' }),
            v1Service('no-postcode', {
              service_at_locations: [{ location: { id: 'x', name: 'Hall', physical_addresses: [{ address_1: 'High St', city: 'Frome', postal_code: '' }] } }],
            }),
            { id: 'no-org', name: 'Orphan walk' },
            v1Service('html-only', { organization: undefined }),
            'not an object',
          ];
          return json(res, page === 1 ? v1Page(messy, 1, 2) : v1Page([v1Service('W-2', { service_taxonomys: [] })], 2, 2));
        }
        case '/v3/services':
          return json(res, v3Page([v3Summary('café:1')], 1, 1));
        case '/v3/services/caf%C3%A9%3A1':
        case '/v3/services/café:1':
          return json(res, v3Service('café:1'));
        case '/unsaveable/services':
          return json(
            res,
            v1Page(
              [
                v1Service('U-1', { organization: { id: 'org-u', name: 'Unsaveable Society' }, cost_options: [{ id: 'c', amount: 1e12 }] }),
                v1Service('U-2', { organization: { id: 'org-ok', name: 'Saveable Society' } }),
              ],
              1,
              1,
            ),
          );
        case '/flaky/services':
          if (hits[url.pathname] === 1) return json(res, { error: 'slow down' }, 429, { 'retry-after': '0' });
          return json(res, v1Page([v1Service('F-1')], 1, 1));
        case '/resume/services':
          if (page === 2 && failPage2) return json(res, { error: 'down' }, 503);
          return json(res, v1Page([v1Service(`R-${page}`)], page, 3));
        case '/shrinking/services':
          if (!shrinking.failSecondPage)
            return json(
              res,
              v1Page(
                shrinking.ids.map((id) => v1Service(id)),
                1,
                1,
              ),
            );
          if (page === 2) return json(res, { error: 'down' }, 503);
          return json(res, v1Page([v1Service(shrinking.ids[0]!)], 1, 2));
        case '/endless/services':
          endlessHits++;
          return json(res, { ...v1Page([v1Service(`E-${page}`)], page, 1000), next: `${url.pathname}?page=${page + 1}` });
        case '/loop/services':
          return json(res, { ...v1Page([v1Service(`L-${page}`)], page, 1000), next: '/loop/services' });
        case '/invalid/services':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"content": [ {"id": "1"');
        case '/huge/services':
          return streamEndlessly(res);
        case '/declared-huge/services':
          return streamEndlessly(res, 100 * 1024 * 1024);
        case '/slow/services':
          return void setTimeout(() => json(res, v1Page([], 1, 1)), 2000);
        default:
          return json(res, { error: 'not found' }, 404);
      }
    });
    source = await createTestApp(engine);
    await seedOrukDirectory(source.db);
    await source.app.listen({ port: 0, host: '127.0.0.1' });
    sourceBase = `http://127.0.0.1:${(source.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await feed?.close();
    await source?.close();
    await db?.drop();
  });

  const url = (path: string) => ({ kind: 'url' as const, address: `${feed.base}${path}` });

  it('a dry run lists what would be created and rejected, row by row, and writes nothing', async () => {
    const report = await importer.run(coordinator, { source: url('/council/services'), dryRun: true });
    expect(report.version).toBe('1.0');
    expect(report.pages).toBe(2);
    const byId = (id: string) => report.rows.filter((r) => r.externalId === id);
    expect(byId('W-1').map((r) => r.outcome)).toEqual(['created', 'rejected']);
    expect(byId('W-1')[1]!.reason).toMatch(/appears twice/);
    expect(byId('no-postcode')[0]).toMatchObject({ outcome: 'rejected' });
    expect(byId('no-postcode')[0]!.reason).toMatch(/no postcode/);
    expect(byId('no-org')[0]!.reason).toMatch(/no organisation/);
    expect(byId('html-only')[0]!.reason).toMatch(/no organisation/);
    expect(report.rows.find((r) => r.reason.includes('not a JSON object'))).toBeDefined();
    expect(report.counts).toMatchObject({ created: 2, rejected: 5 });
    expect(report.unmapped).toEqual([{ label: 'Bus passes', records: 1 }]);
    const { n } = await one<{ n: number }>(db, 'select count(*)::int as n from activities');
    expect(n).toBe(0);
    const { s } = await one<{ s: number }>(db, 'select count(*)::int as s from import_sources');
    expect(s).toBe(0);
  });

  it('imports to the review queue with lineage, text from HTML, the phone moved out of the address, and mapped terms', async () => {
    const report = await importer.run(coordinator, { source: url('/council/services'), dryRun: false });
    expect(report.stopped).toBeNull();
    expect(report.counts).toMatchObject({ created: 2, rejected: 5 });
    const [a] = await db.query<Record<string, unknown>>(
      `select a.id, a.title, a.status, a.description, a.needs, a.contact_phone, a.age_min, p.address_line, p.postcode, o.status as org_status
       from activities a join places p on p.id = a.place_id join organisations o on o.id = a.organisation_id
       join import_lineage l on l.waymark_id = a.id and l.kind = 'activity' where l.external_id = 'W-1'`,
    );
    expect(a).toMatchObject({ status: 'pending', org_status: 'pending', needs: ['loneliness'], contact_phone: '+441493111111', age_min: 18 });
    expect(a!.description).toBe('A gentle walk & talk round the Rows.\nTea after.');
    expect(a!.address_line).toBe('South Quay');
    expect(a!.postcode).toBe('NR302RG');
    const sessions = await db.query<{ frequency: string; weekday: number }>('select frequency, weekday from activity_sessions where activity_id = $1', [a!.id]);
    expect(sessions).toEqual([{ frequency: 'weekly', weekday: 2 }]);
    const unmapped = await db.query<{ label: string; records: number }>('select label, records from import_unmapped_terms');
    expect(unmapped).toEqual([{ label: 'Bus passes', records: 1 }]);
    // Both services belong to the one organisation of the feed.
    const { orgs } = await one<{ orgs: number }>(db, 'select count(*)::int as orgs from organisations');
    expect(orgs).toBe(1);

    const again = await importer.run(coordinator, { source: url('/council/services'), dryRun: false });
    expect(again.counts).toMatchObject({ created: 0, unchanged: 2 });
    const { n } = await one<{ n: number }>(db, 'select count(*)::int as n from activities');
    expect(n).toBe(2);
  });

  it('a mapping made for an unmapped term is used by the next import, and the term leaves the list', async () => {
    await importer.setMapping(coordinator, 'Bus passes', { vocabulary: 'access', code: 'public_transport' });
    const report = await importer.run(coordinator, { source: url('/council/services'), dryRun: false });
    expect(report.unmapped).toEqual([]);
    expect(report.rows.find((r) => r.externalId === 'W-1')!.outcome).toBe('updated');
    const [a] = await db.query<{ access: string[] }>(
      `select a.access from activities a join import_lineage l on l.waymark_id = a.id where l.external_id = 'W-1' and l.kind = 'activity'`,
    );
    expect(a!.access).toEqual(['public_transport']);
    await expect(importer.setMapping(coordinator, 'x', { vocabulary: 'needs', code: 'made_up' })).rejects.toThrow(/Unknown/);
    await expect(importer.run(provider, { source: url('/council/services'), dryRun: true })).rejects.toThrow(/permission/);
  });

  it('reads 3.0 lists, fetching each service in full, and keeps the service at its one usable location', async () => {
    const report = await importer.run(coordinator, { source: url('/v3/services'), dryRun: false, markTrusted: true });
    expect(report.version).toBe('3.0');
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ externalId: 'café:1', outcome: 'created' });
    expect(report.rows[0]!.reason).toMatch(/has no postcode, so it was left out/);
    expect(report.rows[0]!.reason).toMatch(/yearly schedule Waymark cannot keep/);
    const [a] = await db.query<Record<string, unknown>>(
      `select a.id, a.status, a.needs, a.cost_type, a.price_pence, p.name from activities a join places p on p.id = a.place_id
       join import_lineage l on l.waymark_id = a.id and l.kind = 'activity' where l.external_id = 'café:1'`,
    );
    expect(a).toMatchObject({ status: 'live', needs: ['dementia'], cost_type: 'paid', price_pence: 350, name: 'Museum Café' });
    const sessions = await db.query<Record<string, unknown>>('select frequency, weekday, week_of_month from activity_sessions where activity_id = $1', [a!.id]);
    expect(sessions).toEqual([{ frequency: 'monthly', weekday: 2, week_of_month: 1 }]);
  });

  it('a record the database refuses leaves nothing half-imported, and the rest of the feed carries on', async () => {
    const report = await importer.run(coordinator, { source: url('/unsaveable/services'), dryRun: false });
    expect(report.rows.map((r) => [r.externalId, r.outcome])).toEqual([
      ['U-1', 'rejected'],
      ['U-2', 'created'],
    ]);
    expect(report.rows[0]!.reason).toMatch(/could not be saved/);
    const { n } = await one<{ n: number }>(db, `select count(*)::int as n from organisations where name = 'Unsaveable Society'`);
    expect(n).toBe(0);
    const { l } = await one<{ l: number }>(db, `select count(*)::int as l from import_lineage where external_id like 'U-1%' or external_id like 'org-u%'`);
    expect(l).toBe(0);
  });

  it('waits and retries after a 429', async () => {
    const report = await importer.run(coordinator, { source: url('/flaky/services'), dryRun: true });
    expect(report.stopped).toBeNull();
    expect(report.rows.map((r) => r.outcome)).toEqual(['created']);
    expect(hits['/flaky/services']).toBe(2);
  });

  it('stops on hostile feeds with a reason: endless next links, loops, invalid JSON, huge and slow bodies', async () => {
    const endless = await importer.run(coordinator, { source: url('/endless/services'), dryRun: true });
    expect(endless.stopped).toMatch(/Stopped after 6 pages/);
    expect(endlessHits).toBeLessThanOrEqual(7);
    const loop = await importer.run(coordinator, { source: url('/loop/services'), dryRun: true });
    expect(loop.stopped).toMatch(/leads back to a page already read/);
    expect((await importer.run(coordinator, { source: url('/invalid/services'), dryRun: true })).stopped).toMatch(/not valid JSON/);
    const huge = await importer.run(coordinator, { source: url('/huge/services'), dryRun: true });
    expect(huge.stopped).toMatch(/larger than 1 MB, so reading stopped/);
    const declared = await importer.run(coordinator, { source: url('/declared-huge/services'), dryRun: true });
    expect(declared.stopped).toMatch(/it says 100 MB/);
    expect((await impatient.run(coordinator, { source: url('/slow/services'), dryRun: true })).stopped).toMatch(/did not answer within 0.3 seconds/);
    await expect(importer.run(coordinator, { source: { kind: 'url', address: 'ftp://x' }, dryRun: true })).rejects.toThrow(/web address/);
  });

  it('a run stopped part-way resumes after its last page done', async () => {
    const first = await importer.run(coordinator, { source: url('/resume/services'), dryRun: false });
    expect(first.pages).toBe(1);
    expect(first.stopped).toMatch(/Page 2: The feed answered 503/);
    failPage2 = false;
    const second = await importer.run(coordinator, { source: url('/resume/services'), dryRun: false });
    expect(second.runId).toBe(first.runId);
    expect(second.resumedAfterPage).toBe(1);
    expect(second.rows.map((r) => r.externalId)).toEqual(['R-2', 'R-3']);
    const [run] = await db.query<{ status: string; created: number }>('select status, created from import_runs where id = $1', [first.runId]);
    expect(run).toEqual({ status: 'finished', created: 3 });
  });

  it('withdraws, never deletes, what a complete run no longer finds in the feed, and lists it again when it comes back', async () => {
    const status = async (id: string) =>
      (
        await db.query<{ status: string }>(
          `select a.status from activities a join import_lineage l on l.waymark_id = a.id and l.kind = 'activity' where l.external_id = $1`,
          [id],
        )
      )[0]?.status;
    await importer.run(coordinator, { source: url('/shrinking/services'), dryRun: false });
    expect(await status('S-2')).toBe('pending');
    shrinking.ids = ['S-1'];
    // The dry run says, row by row, what a complete run would withdraw, and withdraws nothing.
    const dry = await importer.run(coordinator, { source: url('/shrinking/services'), dryRun: true });
    expect(dry.counts.withdrawn).toBe(1);
    expect(dry.rows.filter((r) => r.outcome === 'withdrawn')).toEqual([
      expect.objectContaining({ externalId: 'S-2', name: expect.any(String), reason: expect.stringMatching(/would withdraw/) }),
    ]);
    expect(await status('S-2')).toBe('pending');

    const shrunk = await importer.run(coordinator, { source: url('/shrinking/services'), dryRun: false });
    expect(shrunk.counts.withdrawn).toBe(1);
    expect(shrunk.rows.filter((r) => r.outcome === 'withdrawn').map((r) => r.externalId)).toEqual(['S-2']);
    expect(await status('S-2')).toBe('withdrawn');
    expect(await status('S-1')).toBe('pending');
    const [run] = await db.query<{ withdrawn: number }>('select withdrawn from import_runs where id = $1', [shrunk.runId]);
    expect(run!.withdrawn).toBe(1);

    shrinking.ids = ['S-1', 'S-2'];
    const back = await importer.run(coordinator, { source: url('/shrinking/services'), dryRun: false });
    expect(back.rows.find((r) => r.externalId === 'S-2')?.outcome).toBe('updated');
    expect(await status('S-2')).toBe('pending');

    // A run that could not read the whole feed withdraws nothing.
    shrinking.failSecondPage = true;
    shrinking.ids = ['S-1'];
    const partialDry = await importer.run(coordinator, { source: url('/shrinking/services'), dryRun: true });
    expect(partialDry.counts.withdrawn).toBe(0);
    const partial = await importer.run(coordinator, { source: url('/shrinking/services'), dryRun: false });
    expect(partial.stopped).toMatch(/Page 2/);
    expect(partial.counts.withdrawn).toBe(0);
    expect(await status('S-2')).toBe('pending');
  });

  it('imports a saved file', async () => {
    const report = await importer.run(coordinator, { source: { kind: 'file', name: 'saved.json', json: v1Page([v1Service('S-1')], 1, 1) }, dryRun: true });
    expect(report.rows.map((r) => r.outcome)).toEqual(['created']);
    await expect(importer.run(coordinator, { source: { kind: 'file', name: 'x.json', json: { hello: 1 } }, dryRun: true })).rejects.toThrow(
      /not an Open Referral page/,
    );
  });

  it.each(['/api/oruk/v1/services', '/api/oruk/services'])(
    'round trip: Waymark’s own feed at %s imports into an empty database, and again changes nothing',
    async (path) => {
      const target = await engine.open();
      try {
        const other = createOrukImportService({
          db: target,
          repo: createOrukImportRepository(target),
          clock: fixedClock(TEST_NOW),
          fetcher: createFeedFetcher({ allowPrivate: true, timeoutMs: 5000, retries: 0 }),
        });
        const report = await other.run(null, { source: { kind: 'url', address: `${sourceBase}${path}` }, dryRun: false, markTrusted: true });
        expect(report.stopped).toBeNull();
        expect(report.rows.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
        expect(report.unmapped).toEqual([]);
        const rows = await target.query<{ title: string; needs: string[]; activity_types: string[]; sessions: number; status: string }>(
          `select a.title, a.needs, a.activity_types, a.status, (select count(*)::int from activity_sessions s where s.activity_id = a.id) as sessions
         from activities a order by a.title`,
        );
        expect(rows.map((r) => r.title)).toEqual(['Memory café', 'Minster heritage walk', 'Row house archive afternoons']);
        expect(rows[0]).toMatchObject({ status: 'live', needs: ['dementia', 'carers'], activity_types: ['memory_cafe', 'object_handling'] });
        expect(rows[1]!.needs).toEqual(['loneliness', 'physical_activity']);
        expect(rows[0]!.sessions).toBeGreaterThanOrEqual(2);
        const again = await other.run(null, { source: { kind: 'url', address: `${sourceBase}${path}` }, dryRun: false });
        expect(again.rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
      } finally {
        await target.drop();
      }
    },
  );
});
