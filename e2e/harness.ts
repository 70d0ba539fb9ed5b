import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import { copyDemoDatabase } from './demo-database.ts';

/**
 * Browser journeys run against the real server (src/server.ts, as `npm start` runs it) on a fresh
 * embedded database with the demo data, driven through Debian's Chromium.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type RunningApp = { baseUrl: string; outboxDir: string; stop(): Promise<void> };

/** The outbox folder of the app this spec file started (emails are written there as .eml files). */
let currentOutboxDir = '';

/**
 * `dataDir`: an embedded database directory the caller has prepared (e.g. seeded, to read record ids
 * before the server owns it); it is removed when the app stops, like the fresh one.
 */
export type StartOptions = { databaseUrl?: string; webConcurrency?: number; dataDir?: string };

/** Starts `src/server.ts` on a fresh embedded database, or with `databaseUrl` on a PostgreSQL server. */
export async function startApp(opts: StartOptions = {}): Promise<RunningApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'waymark-e2e-'));
  if (!opts.databaseUrl && !opts.dataDir) copyDemoDatabase(path.join(dataDir, 'db'));
  const port = 40000 + Math.floor(Math.random() * 20000);
  const database = opts.databaseUrl
    ? { DATABASE_URL: opts.databaseUrl, WEB_CONCURRENCY: String(opts.webConcurrency ?? 1) }
    : { DATA_DIR: opts.dataDir ?? path.join(dataDir, 'db') };
  const outboxDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-outbox-'));
  currentOutboxDir = outboxDir;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      ...database,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      FORM_RATE_LIMIT: '1000',
      OUTBOX_DIR: outboxDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://localhost:${port}`;
  const started = Date.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`App exited during start-up:\n${output}`);
      try {
        const res = await fetch(`${baseUrl}/health`);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() - started > 180_000) throw new Error(`App did not start within 180 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    // A server left running keeps the test process alive until the 900 s test timeout; stop it now.
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outboxDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    outboxDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const home = mkdtempSync(path.join(tmpdir(), 'waymark-chromium-'));
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = home;
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const scriptlessContexts = new WeakSet<BrowserContext>();
/** One scripted page per browser and origin, reused for every check of a JavaScript-off page. */
const axePages = new WeakMap<Browser, Map<string, Promise<Page>>>();

export async function newContext(browser: Browser, opts: { javaScript: boolean; mobile?: boolean; baseUrl: string }): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL: opts.baseUrl,
    javaScriptEnabled: opts.javaScript,
    viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
  });
  if (!opts.javaScript) scriptlessContexts.add(ctx);
  return ctx;
}

async function axePageFor(browser: Browser, origin: string): Promise<Page> {
  let byOrigin = axePages.get(browser);
  if (!byOrigin) {
    byOrigin = new Map();
    axePages.set(browser, byOrigin);
  }
  let page = byOrigin.get(origin);
  if (!page) {
    page = (async () => {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      await p.goto(new URL('/health', origin).toString());
      return p;
    })();
    byOrigin.set(origin, page);
  }
  return page;
}

/**
 * axe runs inside the page (and needs timers), so a page in a JavaScript-off context is checked by
 * loading its HTML, scripts removed, into a scripted page at the same origin (stylesheets resolve,
 * contrast is real). That page is made once per browser and reused: opening one per check cost about
 * a third of each JavaScript-off check.
 */
async function pageForAxe(page: Page): Promise<Page> {
  const ctx = page.context();
  if (!scriptlessContexts.has(ctx)) return page;
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const target = await axePageFor(ctx.browser()!, new URL(page.url()).origin);
  await target.setContent(html, { waitUntil: 'load' });
  return target;
}

/** How many axe checks this spec file ran and how long they took (printed when its app stops). */
export const axeTime = { checks: 0, ms: 0 };

/** The reused page holds one document at a time, so checks in one spec file never overlap. */
let checking: Promise<unknown> = Promise.resolve();
function oneCheckAtATime<T>(check: () => Promise<T>): Promise<T> {
  const run = checking.then(check);
  checking = run.catch(() => undefined);
  return run;
}

/**
 * Map markers and clusters are exempt from the target-size rule (WCAG 2.2 SC 2.5.8, "Equivalent"):
 * each opens a listing that the results list beside the map links to with full-size targets, and
 * clusters drawn close together at some zooms would otherwise fail its spacing test. Every other
 * target on the page is still checked.
 */
function withoutMapMarkerSpacing<V extends { id: string; nodes: { target: unknown[]; html: string }[] }>(v: V): V[] {
  if (v.id !== 'target-size') return [v];
  const nodes = v.nodes.filter((n) => !/leaflet-marker-icon|app-map__(cluster|marker)/.test(`${n.html} ${n.target.join(' ')}`));
  return nodes.length ? [{ ...v, nodes }] : [];
}

/**
 * The WCAG 2.2 A/AA violations axe finds on the current page, one description each. Legacy mode runs
 * `axe.run` in the page itself; the default opens a blank page and injects axe a second time to
 * combine per-frame results, which doubled each check (measured 2026-12-07, decision 040 addendum).
 * Waymark's pages have no frames, and both modes found the same violations on the same pages.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await oneCheckAtATime(async () => {
    const started = performance.now();
    const target = await pageForAxe(page);
    const found = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).setLegacyMode(true).analyze();
    axeTime.checks++;
    axeTime.ms += performance.now() - started;
    return found;
  });
  return results.violations.flatMap(withoutMapMarkerSpacing).map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('\n    ')}`,
  );
}

/**
 * Collects what the browser refuses under the Content Security Policy on this page from now on
 * (console reports and securitypolicyviolation events): an inline style or script, a foreign host.
 */
export async function watchContentSecurityPolicy(page: Page): Promise<string[]> {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy refused ${e.violatedDirective}: ${e.blockedURI}`)),
  );
  return refused;
}

/** Fails with the list of WCAG 2.2 A/AA violations axe finds on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
  const problems = await accessibilityProblems(page);
  assert.equal(problems.length, 0, `Accessibility problems on ${page.url()}:\n  ${problems.join('\n  ')}`);
}

/** Opens a page, checks it loaded (not an error page) and is accessible. */
export async function visit(page: Page, url: string, expectStatus = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), expectStatus, `GET ${url} returned ${res?.status()}`);
  await expectAccessible(page);
}

/** Submits the form containing `button` and waits for the next page (works with JavaScript on or off). */
export async function submit(page: Page, buttonName: string | RegExp): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: buttonName }).first().click()]);
  await page.waitForLoadState('load');
}

export const DEMO = {
  password: 'waymark-demo-2026',
  coordinator: 'coordinator@waymark.example',
  admin: 'admin@waymark.example',
  providerYarmouth: 'provider.yarmouth@waymark.example',
  providerFrome: 'provider.frome@waymark.example',
};

/** The demo administrator's authenticator key (src/data/seed/demo-accounts.ts). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPWAYMARKDEMOTWOFA';
const demoTotp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(DEMO_TOTP_SECRET) });
let lastStepUsed = 0;

/**
 * A code from the demo authenticator, as a phone shows it. Waymark accepts each 30-second code once,
 * so a second sign-in within the same 30 seconds waits for the next code.
 */
/**
 * A code the app has not yet accepted: the app takes one step either side of now and never the same
 * step twice, so a second sign-in within 30 seconds uses the next step's code instead of waiting.
 */
export async function demoTotpCode(): Promise<string> {
  for (;;) {
    const now = demoTotp.counter();
    const step = Math.max(now, lastStepUsed + 1);
    if (step <= now + 1) {
      lastStepUsed = step;
      return demoTotp.generate({ timestamp: step * 30_000 + 1_000 });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await submit(page, 'Sign in');
  if (new URL(page.url()).pathname === '/sign-in/two-factor') {
    await page.getByLabel('Code', { exact: true }).fill(await demoTotpCode());
    await submit(page, 'Continue');
  }
}

/** The newest email to `address` in the app's outbox folder (waits a little for it to be written). */
export async function latestEmailTo(address: string): Promise<string> {
  const started = Date.now();
  for (;;) {
    const emails = readdirSync(currentOutboxDir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(path.join(currentOutboxDir, f), 'utf8'))
      .filter((text) => text.includes(`\r\nTo: ${address}\r\n`));
    if (emails.length > 0) return emails.at(-1)!;
    if (Date.now() - started > 15_000) throw new Error(`No email to ${address} in the outbox`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The path of the first link to `prefix` in the newest email to `address`. */
export async function emailedLinkPath(address: string, prefix: string): Promise<string> {
  const match = (await latestEmailTo(address)).match(new RegExp(`https?://[^/\\s]+(${prefix}/[A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`No ${prefix} link in the email to ${address}`);
  return match[1]!;
}

/** Each journey runs with JavaScript on and off. */
export const JS_MODES = [
  { javaScript: true, label: 'JavaScript on' },
  { javaScript: false, label: 'JavaScript off' },
] as const;
