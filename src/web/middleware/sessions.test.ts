import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { movableClock } from '../../../test/movable-clock.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../test/test-app.ts';
import { createApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import { fixedClock } from '../../domain/clock.ts';
import { createLogger } from '../../logger.ts';
import { createServices } from '../../services.ts';

const COORDINATOR = 'coordinator@waymark.example';
const ADMIN = 'admin@waymark.example';

const tokenOn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const sessionsOf = async (t: TestApp, email: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from user_sessions s join users u on u.id = s.user_id where u.email = $1', [email]))[0]!.n;

describe.each(ENGINES)('sessions and form tokens ($name)', (engine) => {
  let t: TestApp;
  let time: ReturnType<typeof movableClock>;
  beforeAll(async () => {
    time = movableClock(TEST_NOW);
    t = await createTestApp(engine, { seed: true, clock: time.clock, config: { sessionIdleMinutes: 30, sessionMaxHours: 2 } });
  }, 180_000);
  afterAll(async () => t.close());

  it('ends a session after 30 minutes without a request, and each request keeps it alive', async () => {
    const v = new Visitor(t.app);
    await v.signIn(COORDINATOR);
    time.advanceMinutes(29);
    expect((await v.get('/coordinator')).statusCode).toBe(200);
    time.advanceMinutes(29);
    expect((await v.get('/coordinator')).statusCode).toBe(200);
    time.advanceMinutes(31);
    const res = await v.get('/coordinator');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fcoordinator');
  });

  it('ends a session at the absolute limit however busy its user is', async () => {
    const v = new Visitor(t.app);
    await v.signIn(COORDINATOR);
    for (let minutes = 20; minutes < 120; minutes += 20) {
      time.advanceMinutes(20);
      expect((await v.get('/coordinator')).statusCode, `${minutes} minutes after signing in`).toBe(200);
    }
    time.advanceMinutes(20);
    expect((await v.get('/coordinator')).statusCode).toBe(302);
  });

  it('ends the previous session when someone signs in as another user in the same browser', async () => {
    const v = new Visitor(t.app);
    await v.signIn(COORDINATOR);
    const coordinatorCookie = v.cookie('wm_session')!;
    await v.signIn(ADMIN);
    expect(v.cookie('wm_session')).not.toBe(coordinatorCookie);
    const replayed = await t.app.inject({ method: 'GET', url: '/coordinator', cookies: { wm_session: coordinatorCookie } });
    expect(replayed.statusCode).toBe(302);
    expect((await v.get('/admin')).statusCode).toBe(200);
  });

  it('purges ended sessions and old sign-in failures, keeping live ones', async () => {
    const ended = new Visitor(t.app);
    await ended.signIn(COORDINATOR);
    await new Visitor(t.app).post('/sign-in', { email: 'nobody@example.org', password: 'a guess' });
    time.advanceMinutes(31);
    const live = new Visitor(t.app);
    await live.signIn(ADMIN);

    const purged = await t.services.auth.purgeExpired();
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.signInFailures).toBeGreaterThanOrEqual(1);
    expect(await sessionsOf(t, COORDINATOR)).toBe(0);
    expect(await sessionsOf(t, ADMIN)).toBe(1);
    expect(await t.db.query('select 1 from sign_in_failures')).toHaveLength(0);
    expect((await live.get('/admin')).statusCode).toBe(200);
  });

  it("refuses a form token from another person's session and changes nothing", async () => {
    const mine = new Visitor(t.app);
    const theirs = new Visitor(t.app);
    await mine.signIn(COORDINATOR);
    await theirs.signIn(ADMIN);
    const theirToken = tokenOn((await theirs.get('/sign-out')).body);
    const myToken = tokenOn((await mine.get('/sign-out')).body);
    expect(theirToken).not.toBe('');
    expect(theirToken).not.toBe(myToken);

    const forged = await t.app.inject({
      method: 'POST',
      url: '/sign-out',
      payload: `_csrf=${encodeURIComponent(theirToken)}`,
      headers: { cookie: `wm_session=${mine.cookie('wm_session')}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.statusCode).toBe(403);
    expect((await mine.get('/coordinator')).statusCode).toBe(200);
  });

  it('stops accepting the signed-out form token once the visitor signs in', async () => {
    const v = new Visitor(t.app);
    const before = tokenOn((await v.get('/sign-in')).body);
    await v.signIn(COORDINATOR);
    const stale = await v.post('/sign-out', { _csrf: before }, { csrf: false });
    expect(stale.statusCode).toBe(403);
    expect((await v.post('/sign-out')).statusCode).toBe(303);
  });
});

describe.each(ENGINES)('cookies in production ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true, config: { secureCookies: true } });
  }, 180_000);
  afterAll(async () => t.close());

  it('names both cookies with the __Host- prefix: Secure, Path=/ and no Domain', async () => {
    const v = new Visitor(t.app);
    const page = await v.get('/sign-in');
    const visitorCookie = String(page.headers['set-cookie']);
    expect(visitorCookie).toMatch(/^__Host-wm_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

    const res = await v.signIn(COORDINATOR);
    const session = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('__Host-wm_session='));
    expect(session).toMatch(/^__Host-wm_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(session).not.toMatch(/Domain=|Max-Age=|Expires=/i);
    expect(v.cookie('wm_session')).toBeUndefined();
    expect((await v.get('/coordinator')).statusCode).toBe(200);
  });

  it('ignores a session cookie without the prefix', async () => {
    const v = new Visitor(t.app);
    await v.signIn(COORDINATOR);
    const res = await t.app.inject({ method: 'GET', url: '/coordinator', cookies: { wm_session: v.cookie('__Host-wm_session')! } });
    expect(res.statusCode).toBe(302);
  });

  it('signs out, forgetting the prefixed session on the server', async () => {
    const v = new Visitor(t.app);
    await v.signIn(ADMIN);
    expect((await v.post('/sign-out')).statusCode).toBe(303);
    expect(v.cookie('__Host-wm_session')).toBeUndefined();
    expect(await sessionsOf(t, ADMIN)).toBe(0);
  });
});

describe.each(ENGINES)('no-store on everything personal ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
  }, 180_000);
  afterAll(async () => t.close());

  it('marks pages, downloads and print views no-store, for signed-in and signed-out visitors alike', async () => {
    const coordinator = new Visitor(t.app);
    await coordinator.signIn(COORDINATOR);
    for (const url of ['/coordinator', '/reports/outcomes', '/reports/outcomes.csv', '/reports/outcomes/print', '/caseload', '/no-such-page']) {
      const res = await coordinator.get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const visitor = new Visitor(t.app);
    for (const url of ['/', '/sign-in', '/activities', '/shortlist', '/coordinator']) {
      expect((await visitor.get(url)).headers['cache-control'], url).toBe('no-store');
    }
  });

  it('lets static files and open data be cached', async () => {
    // Plain names are kept and revalidated; fingerprinted ones for a year (static-files.test.ts).
    for (const url of ['/assets/images/favicon.svg', '/static/waymark.css']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['cache-control'], url).toMatch(/max-age=\d+|no-cache/);
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/oruk/services' });
    expect(api.headers['cache-control'] ?? '').not.toContain('no-store');
  });
});

describe.each(ENGINES)('which address a request comes from ($name)', (engine) => {
  let db: Awaited<ReturnType<typeof engine.open>>;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => db.drop());

  /** Sign-up posts (limit 2 a minute per address) from a socket address with an X-Forwarded-For header. */
  async function statuses(trustProxy: false | number | string[], requests: { from?: string; forwardedFor: string }[]) {
    const config = testConfig({ trustProxy, formRateLimitPerMinute: 2 });
    const app = await createApp(createServices({ db, config, clock: fixedClock(TEST_NOW) }), config, createLogger('silent'));
    try {
      const out: number[] = [];
      for (const r of requests) {
        const res = await app.inject({ method: 'POST', url: '/sign-up', remoteAddress: r.from ?? '127.0.0.1', headers: { 'x-forwarded-for': r.forwardedFor } });
        out.push(res.statusCode);
      }
      return out;
    } finally {
      await app.close();
    }
  }

  it('ignores X-Forwarded-For by default, so a made-up header cannot escape a rate limit', async () => {
    expect(await statuses(false, [{ forwardedFor: '198.51.100.1' }, { forwardedFor: '198.51.100.2' }, { forwardedFor: '198.51.100.3' }])).toEqual([
      403, 403, 429,
    ]);
  });

  it('with one trusted hop, takes the address the proxy saw and ignores what the client wrote before it', async () => {
    expect(
      await statuses(1, [
        { forwardedFor: '198.51.100.1, 203.0.113.9' },
        { forwardedFor: '198.51.100.2, 203.0.113.9' },
        { forwardedFor: '198.51.100.3, 203.0.113.9' },
        { forwardedFor: '198.51.100.3, 203.0.113.10' },
      ]),
    ).toEqual([403, 403, 429, 403]);
  });

  it('with a list, believes X-Forwarded-For only from those proxies', async () => {
    expect(
      await statuses(
        ['10.0.0.0/8'],
        [
          { from: '10.1.2.3', forwardedFor: '203.0.113.1' },
          { from: '10.1.2.3', forwardedFor: '203.0.113.2' },
          { from: '10.1.2.3', forwardedFor: '203.0.113.3' },
          { from: '192.0.2.50', forwardedFor: '203.0.113.4' },
          { from: '192.0.2.50', forwardedFor: '203.0.113.5' },
          { from: '192.0.2.50', forwardedFor: '203.0.113.6' },
        ],
      ),
    ).toEqual([403, 403, 403, 403, 403, 429]);
  });
});
