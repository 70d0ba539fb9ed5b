import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, Visitor } from '../../../test/test-app.ts';
import { createApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import { openPglite, withReadReplica, type Db } from '../../data/database.ts';
import { migrate } from '../../data/migrate.ts';
import { seedDemoData } from '../../data/seed/seed.ts';
import { fixedClock } from '../../domain/clock.ts';
import { createLogger } from '../../logger.ts';
import { createServices } from '../../services.ts';
import { mayReadFromReplica } from './read-routing.ts';

describe('which requests may read from the replica', () => {
  it.each([
    ['GET', '/activities', false, true],
    ['GET', '/activities/:id', false, true],
    ['HEAD', '/heritage-nearby', false, true],
    ['GET', '/api/oruk/services', true, true],
    ['GET', '/api/openactive/session-series', true, true],
    ['GET', '/api/open-data/activities.geojson', false, true],
    ['GET', '/openactive', false, true],
    ['GET', '/openactive', true, false],
    ['GET', '/activities', true, false],
    ['POST', '/shortlist/add', false, false],
    ['GET', '/activities/:id/refer-yourself', false, false],
    ['GET', '/caseload', false, false],
    ['GET', undefined, false, false],
  ] as const)('%s %s (session cookie: %s) → %s', (method, route, cookie, expected) => {
    expect(mayReadFromReplica(method, route, cookie)).toBe(expected);
  });
});

/**
 * The routing itself, without a real replica: the "replica" is a copy of the primary's embedded
 * database whose activity titles were then changed, so each page shows which copy answered.
 * test/read-replica.test.ts does the same against a PostgreSQL streaming replica.
 */
describe('read routing (PGlite copies)', () => {
  const dirs: string[] = [];
  let primary: Db;
  let replica: Db;
  let app: Awaited<ReturnType<typeof createApp>>;
  let activityId: string;
  let title: string;
  const fallbacks: unknown[] = [];

  beforeAll(async () => {
    const primaryDir = mkdtempSync(path.join(tmpdir(), 'waymark-primary-'));
    const replicaDir = mkdtempSync(path.join(tmpdir(), 'waymark-replica-'));
    dirs.push(primaryDir, replicaDir);
    const config = testConfig();
    const seeding = await openPglite(primaryDir);
    await migrate(seeding);
    await seedDemoData(seeding, fixedClock(TEST_NOW), config.sessionSecret);
    await seeding.close();
    cpSync(primaryDir, replicaDir, { recursive: true });
    primary = await openPglite(primaryDir);
    replica = await openPglite(replicaDir);
    const [row] = await primary.query<{ id: string; title: string }>("select id, title from activities where status = 'live' order by title limit 1");
    activityId = row!.id;
    title = row!.title;
    await replica.exec(`update activities set title = 'Replica: ' || title`);
    const db = withReadReplica(primary, replica, { onFallback: (e) => fallbacks.push(e) });
    app = await createApp(createServices({ db, config, clock: fixedClock(TEST_NOW) }), config, createLogger('silent'));
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await primary?.close();
    await replica?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("answers a signed-out visitor's public pages and open data from the replica", async () => {
    const visitor = new Visitor(app);
    expect((await visitor.get(`/activities/${activityId}`)).body).toContain(`Replica: ${title}`);
    const api = await app.inject({ method: 'GET', url: `/api/oruk/services/${activityId}` });
    expect(api.json().name).toBe(`Replica: ${title}`);
    expect(fallbacks).toEqual([]);
  });

  it('answers signed-in people, forms and other pages from the primary, even straight after a replica read', async () => {
    expect((await new Visitor(app).get(`/activities/${activityId}`)).body).toContain('Replica:');
    const linkWorker = new Visitor(app);
    await linkWorker.signIn('linkworker.yarmouth@waymark.example');
    const page = (await linkWorker.get(`/activities/${activityId}`)).body;
    expect(page).toContain(title);
    expect(page).not.toContain('Replica:');
    const visitor = new Visitor(app);
    const form = (await visitor.get(`/activities/${activityId}/refer-yourself`)).body;
    expect(form).not.toContain('Replica:');
  });
});
