import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { openDatabase, openPostgres, type Db } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { seedDemoData } from '../src/data/seed/seed.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createLogger } from '../src/logger.ts';
import { createServices } from '../src/services.ts';
import { replicaPairUnavailable, startReplicaPair, type ReplicaPair } from './replica-cluster.ts';
import { TEST_NOW, Visitor } from './test-app.ts';

/**
 * Public pages read from a PostgreSQL streaming replica (DATABASE_READ_URL) while writes and
 * signed-in pages use the primary (decision 025). A real primary and hot standby are made with
 * Debian's pg_createcluster and pg_basebackup on spare ports, and removed afterwards.
 */
const unavailable = replicaPairUnavailable();
if (unavailable) console.warn(`Read replica test skipped: ${unavailable}.`);

describe.skipIf(Boolean(unavailable))('reading public pages from a streaming replica', () => {
  let pair: ReplicaPair;
  let db: Db;
  let app: Awaited<ReturnType<typeof createApp>>;
  let base: string;
  let activityId: string;
  let title: string;
  const fallbacks: unknown[] = [];
  const config = testConfig();

  beforeAll(async () => {
    pair = await startReplicaPair();
    const setup = await openPostgres(pair.primaryUrl('postgres'), 1);
    await setup.exec('create database waymark');
    await setup.close();
    const seeding = await openPostgres(pair.primaryUrl('waymark'), 2);
    await migrate(seeding);
    await seedDemoData(seeding, fixedClock(TEST_NOW), config.sessionSecret);
    [{ id: activityId, title } = { id: '', title: '' }] = await seeding.query<{ id: string; title: string }>(
      "select id, title from activities where status = 'live' order by title limit 1",
    );
    await seeding.close();
    await pair.caughtUp();
    db = await openDatabase({
      databaseUrl: pair.primaryUrl('waymark'),
      databaseReadUrl: pair.replicaUrl('waymark'),
      onReplicaFallback: (error) => fallbacks.push(error),
    });
    app = await createApp(createServices({ db, config, clock: fixedClock(TEST_NOW) }), config, createLogger('silent'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await pair?.drop();
  }, 60_000);

  /** Over real HTTP, every request on one keep-alive connection, as a browser behind a proxy sends them. */
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string, cookie = '') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, { agent, headers: cookie ? { cookie } : {} }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves signed-out visitors from the replica: a change waits for replay, and nothing falls back to the primary', async () => {
    expect((await get(`/activities?where=${encodeURIComponent('NR30 1NE')}&radius=25`)).status).toBe(200);
    expect((await get('/heritage-nearby?where=NR30+1NE&radius=5')).status).toBe(200);
    expect((await get(`/api/oruk/services/${activityId}`)).status).toBe(200);
    expect(fallbacks).toEqual([]);

    await pair.pauseReplay();
    await db.query('update activities set title = $2 where id = $1', [activityId, `Changed: ${title}`]);
    expect((await get(`/activities/${activityId}`)).body).toContain(`<h1>${title}</h1>`);
    await pair.resumeReplay();
    await pair.caughtUp();
    expect((await get(`/activities/${activityId}`)).body).toContain(`<h1>Changed: ${title}</h1>`);
    await db.query('update activities set title = $2 where id = $1', [activityId, title]);
    await pair.caughtUp();
    expect(fallbacks).toEqual([]);
  });

  it('serves signed-in people and every write from the primary', async () => {
    await pair.pauseReplay();
    try {
      // Signing in writes a session the paused replica has not seen: the pages after it still know the person.
      const linkWorker = new Visitor(app);
      await linkWorker.signIn('linkworker.yarmouth@waymark.example');
      const session = `wm_session=${linkWorker.cookie('wm_session')}`;
      expect((await get('/caseload', session)).status).toBe(200);
      await db.query('update activities set title = $2 where id = $1', [activityId, `Changed again: ${title}`]);
      // Same connection, alternating: a replica read must not carry over to the next request.
      expect((await get(`/activities/${activityId}`)).body).toContain(`<h1>${title}</h1>`);
      expect((await get(`/activities/${activityId}`, session)).body).toContain(`<h1>Changed again: ${title}</h1>`);
      expect((await get(`/activities/${activityId}`)).body).toContain(`<h1>${title}</h1>`);
    } finally {
      await pair.resumeReplay();
    }
    expect(fallbacks).toEqual([]);
  });

  it('falls back to the primary when the replica is down', async () => {
    await pair.stopReplica();
    const page = await get(`/activities/${activityId}`);
    expect(page.status).toBe(200);
    expect(fallbacks.length).toBeGreaterThan(0);
  });
});
