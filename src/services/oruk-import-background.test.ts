import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeUser } from '../../test/factories.ts';
import { json, startFeedServer, v1Page, v1Service } from '../../test/fixtures/oruk-feeds.ts';
import { movableClock } from '../../test/movable-clock.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import type { Db } from '../data/database.ts';
import { createOrukImportRepository } from '../data/repositories/oruk-import.repository.ts';
import type { User } from '../domain/user.ts';
import { createFeedFetcher } from './oruk-feed-fetch.ts';
import { createBackgroundImports } from './oruk-import-background.ts';
import { createOrukImportService } from './oruk-import.service.ts';

describe.each(ENGINES)('Feed imports in the background ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let coordinator: User;
  let feed: Awaited<ReturnType<typeof startFeedServer>>;
  const time = movableClock(TEST_NOW);
  let failPage4 = true;
  let repo: ReturnType<typeof createOrukImportRepository>;
  let importer: ReturnType<typeof createOrukImportService>;
  let background: ReturnType<typeof createBackgroundImports>;

  beforeAll(async () => {
    db = await engine.open();
    const user = await makeUser(db, { role: 'coordinator' });
    coordinator = { id: user.id, email: user.email, displayName: 'C', role: 'coordinator', organisationIds: [], schemeId: null };
    feed = await startFeedServer((url, _req, res) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      if (url.pathname === '/five/services') {
        if (page === 4 && failPage4) return json(res, { error: 'down' }, 503);
        return json(res, v1Page([v1Service(`B-${page}`)], page, 5));
      }
      if (url.pathname === '/two/services') return json(res, v1Page([v1Service(`T-${page}`)], page, 2));
      return json(res, { error: 'not found' }, 404);
    });
    repo = createOrukImportRepository(db);
    importer = createOrukImportService({
      db,
      repo,
      clock: time.clock,
      fetcher: createFeedFetcher({ allowPrivate: true, timeoutMs: 5000, retries: 0 }),
    });
    background = createBackgroundImports({ repo, clock: time.clock, importer, pagesPerTurn: 2 });
  });
  afterAll(async () => {
    await feed?.close();
    await db?.drop();
  });

  const activities = async (prefix: string) =>
    (await db.query<{ n: number }>(`select count(*)::int as n from import_lineage where kind = 'activity' and external_id like $1`, [`${prefix}%`]))[0]!.n;

  it('a run started from the page is read a few pages a turn; a page the feed would not give pauses it until it is started again', async () => {
    const runId = await background.start(coordinator, { address: `${feed.base}/five`, markTrusted: false });
    expect(await activities('B-')).toBe(0);
    expect((await repo.findRun(runId))!).toMatchObject({ status: 'running', inBackground: true, lastPageDone: 0 });

    await background.carryOn();
    expect((await repo.findRun(runId))!).toMatchObject({ status: 'running', lastPageDone: 2, created: 2 });
    expect(await activities('B-')).toBe(2);

    await background.carryOn();
    const paused = (await repo.findRun(runId))!;
    expect(paused).toMatchObject({ status: 'running', inBackground: false, lastPageDone: 3 });
    expect(paused.message).toMatch(/Page 4: The feed answered 503/);
    // Left part-way, it is not retried every turn; starting the feed again carries it on.
    expect(await background.carryOn()).toBeNull();

    failPage4 = false;
    expect(await background.start(coordinator, { address: `${feed.base}/five/services`, markTrusted: false })).toBe(runId);
    await background.carryOn();
    expect((await repo.findRun(runId))!).toMatchObject({ status: 'finished', lastPageDone: 5, created: 5, rejected: 0 });
    expect(await activities('B-')).toBe(5);
    expect((await repo.runRows(runId)).map((r) => r.externalId)).toEqual(['B-1', 'B-2', 'B-3', 'B-4', 'B-5']);
  });

  it('a reader that dies holds its run until the lease runs out; then the next turn resumes after the last page done', async () => {
    const runId = await background.start(coordinator, { address: `${feed.base}/two`, markTrusted: false });
    // A process took the run and died before finishing a page.
    expect(await repo.claimRun(runId, 'dead process', time.clock.now(), new Date(time.clock.now().getTime() + 10 * 60 * 1000))).toBe(true);
    expect(await background.carryOn()).toBeNull();
    await expect(importer.run(null, { source: { kind: 'url', address: `${feed.base}/two` }, dryRun: false })).rejects.toThrow(/being imported now/);
    // One run per source: the database refuses a second.
    const source = (await repo.findSource(`${feed.base}/two/services`))!;
    await expect(repo.startRun(source.id, null, time.clock.now(), { inBackground: true, nextAddress: null })).rejects.toThrow();

    time.advanceMinutes(11);
    const report = await background.carryOn();
    expect(report?.runId).toBe(runId);
    expect((await repo.findRun(runId))!).toMatchObject({ status: 'finished', created: 2 });
    expect(await activities('T-')).toBe(2);
  });
});
