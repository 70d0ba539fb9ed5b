/**
 * What a browser transfers for a search page: starts the real server (src/server.ts, a fresh embedded
 * database with the demo data, as `npm start` runs it) and opens a search page in Debian's Chromium,
 * counting the bytes each response took on the wire (Chrome DevTools Protocol `encodedDataLength`:
 * headers and body as sent, after compression). First visit: a new browser profile. Repeat visit: the
 * same profile opening another search page, as after a click. Prints a table per visit.
 *
 *   node --import tsx bench/page-weight.ts [--app ../other-checkout] [--javascript off]
 *
 * --app starts the server from another checkout (e.g. the code before a change) to compare.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    app: { type: 'string', default: '.' },
    javascript: { type: 'string', default: 'on' },
    first: { type: 'string', default: '/activities?where=NR30+1NE&radius=5' },
    repeat: { type: 'string', default: '/activities?where=NR30+1NE&radius=10&type=walk' },
  },
});
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function startServer(appDir: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-weight-'));
  const port = 40000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: appDir,
    env: { ...process.env, PORT: String(port), DATA_DIR: path.join(dir, 'db'), OUTBOX_DIR: path.join(dir, 'outbox'), SEED_DEMO: 'true', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://localhost:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('server exited during start-up');
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // Let start-up work (precompressing static files) finish, as it would before real visitors arrive.
  await new Promise((r) => setTimeout(r, 3000));
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Row = { url: string; status: number; type: string; encoding: string; bytes: number; cached: boolean };

async function visit(context: BrowserContext, url: string): Promise<Row[]> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const rows = new Map<string, Row>();
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    rows.set(e.requestId, {
      url: new URL(e.response.url).pathname,
      status: e.response.status,
      type: e.type,
      encoding: h['content-encoding'] ?? '',
      bytes: 0,
      cached: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache),
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const row = rows.get(e.requestId);
    if (row) row.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const row = rows.get(e.requestId);
    if (row) row.bytes = e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.close();
  return [...rows.values()];
}

function print(label: string, rows: Row[]) {
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  process.stdout.write(`\n${label}: ${rows.length} responses, ${(total / 1024).toFixed(1)} KB transferred\n`);
  for (const r of rows) {
    process.stdout.write(
      `  ${String(r.status).padEnd(4)} ${r.type.padEnd(10)} ${(r.encoding || '-').padEnd(5)} ${(r.bytes / 1024).toFixed(1).padStart(7)} KB${r.cached ? ' (cache)' : '        '}  ${r.url}\n`,
    );
  }
  return total;
}

const server = await startServer(path.resolve(args.app!));
const home = mkdtempSync(path.join(tmpdir(), 'waymark-weight-chromium-'));
process.env.HOME = home;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const context = await browser.newContext({ baseURL: server.base, javaScriptEnabled: args.javascript !== 'off' });
  const first = print(`First visit ${args.first}`, await visit(context, `${server.base}${args.first}`));
  const repeat = print(`Repeat visit ${args.repeat}`, await visit(context, `${server.base}${args.repeat}`));
  process.stdout.write(
    `\n${path.resolve(args.app!)} (JavaScript ${args.javascript}): first visit ${(first / 1024).toFixed(1)} KB, repeat visit ${(repeat / 1024).toFixed(1)} KB\n`,
  );
  await context.close();
} finally {
  await browser.close();
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
