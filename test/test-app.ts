import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../src/app.ts';
import { testConfig, type Config } from '../src/config.ts';
import type { Db } from '../src/data/database.ts';
import { seedDemoData } from '../src/data/seed/seed.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/data/seed/demo-accounts.ts';
import { secretBox, totpCode } from '../src/domain/two-factor.ts';
import { paths } from '../src/web/paths.ts';
import { fixedClock, type Clock } from '../src/domain/clock.ts';
import { createLogger } from '../src/logger.ts';
import { createServices, type Services } from '../src/services.ts';
import type { Engine } from './engines.ts';

export const TEST_NOW = '2026-11-21T10:00:00Z';

export type TestApp = {
  app: FastifyInstance;
  db: Db;
  services: Services;
  clock: Clock;
  close(): Promise<void>;
};

/** A real app over a real, migrated database; `seed` adds the fictional demo data. */
export async function createTestApp(engine: Engine, opts: { seed?: boolean; clock?: Clock; config?: Partial<Config> } = {}): Promise<TestApp> {
  const db = await engine.open();
  const clock = opts.clock ?? fixedClock(TEST_NOW);
  const config = testConfig(opts.config);
  if (opts.seed) await seedDemoData(db, clock, config.sessionSecret);
  const services = createServices({ db, config, clock });
  const app = await createApp(services, config, createLogger('silent'));
  await app.ready();
  testApps.set(app, { db, clock, sessionSecret: config.sessionSecret });
  return {
    app,
    db,
    services,
    clock,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

const testApps = new WeakMap<FastifyInstance, { db: Db; clock: Clock; sessionSecret: string }>();

/**
 * A browser-like visitor: keeps cookies, and sends with every form the CSRF token its pages last
 * showed (as a browser's form would). Tokens are bound to the session, so a new session or visitor
 * cookie means reading a fresh one from a page.
 */
export class Visitor {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (/wm_(session|csrf)$/.test(c.name)) this.csrfToken = undefined;
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const shown = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (shown) this.csrfToken = shown;
  }

  /** The token this visitor's forms carry, reading the sign-in page (a form every visitor can see) when it has none. */
  private async formToken(): Promise<string> {
    if (!this.csrfToken) await this.get('/sign-in');
    return this.csrfToken ?? '';
  }

  /** The cookie jar, as a browser's developer tools would show it. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader() } });
    this.remember(res);
    return res;
  }

  /** Posts a form as a browser would (url-encoded; arrays become repeated fields). */
  async post(url: string, form: Record<string, string | number | boolean | (string | number)[] | undefined> = {}, opts: { csrf?: boolean } = {}) {
    const token = opts.csrf === false ? '' : await this.formToken();
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, String(item));
    }
    if (opts.csrf !== false) body.set('_csrf', token);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.remember(res);
    return res;
  }

  /** Posts a form with files as a browser does (multipart/form-data). */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    files: Record<string, { name: string; type: string; content: string | Buffer }>,
    opts: { csrf?: boolean } = {},
  ) {
    const token = opts.csrf === false ? '' : await this.formToken();
    const boundary = `----waymark${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    const all = opts.csrf === false ? fields : { _csrf: token, ...fields };
    for (const [k, v] of Object.entries(all)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const [k, f] of Object.entries(files)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`));
      parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content), Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    this.remember(res);
    return res;
  }

  /**
   * Signs in with the password and, for the demo administrator (two-factor on), a code from the demo
   * authenticator key at the app's clock. A test clock stands still, so the code's 30-second step
   * is let through again (a real clock moves on; the refusal of a reused code is tested on its own).
   */
  async signIn(email: string, password = DEMO_PASSWORD) {
    const known = testApps.get(this.app);
    let res = await this.post('/sign-in', { email, password });
    if (res.statusCode === 303 && res.headers.location === paths.signInSetUpTwoFactor && known) {
      // An administrator a test made has no authenticator yet: give them the demo key, as the seed does.
      await known.db.query('update users set totp_secret = $2, totp_enabled_at = $3 where email = $1', [
        email.toLowerCase(),
        secretBox(known.sessionSecret).seal(DEMO_TOTP_SECRET),
        known.clock.now(),
      ]);
      res = await this.post('/sign-in', { email, password });
    }
    if (res.statusCode === 303 && res.headers.location === paths.signInCode) {
      if (!known) throw new Error('Two-factor sign-in needs an app made by createTestApp');
      await known.db.query('update users set totp_last_step = null where email = $1', [email.toLowerCase()]);
      res = await this.post(paths.signInCode, { code: totpCode(DEMO_TOTP_SECRET, known.clock.now()) });
    }
    if (res.statusCode !== 303 || String(res.headers.location).startsWith('/sign-in')) {
      throw new Error(`Sign in failed for test visitor: ${res.statusCode} → ${String(res.headers.location ?? '')}`);
    }
    return res;
  }
}
