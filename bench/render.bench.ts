/**
 * Rendering alone: builds the app over the national-scale benchmark database made by `npm run bench`,
 * sends the benchmark's request mix once to capture each page's template and context, then renders
 * those pages again and again with the app's own Nunjucks environment, timing the CPU. No database,
 * HTTP or load generator is involved, so the figure moves little when other work shares the machine.
 *
 *   npx tsx bench/render.bench.ts [--app ../other-checkout] [--database waymark_bench] [--pages 300] [--rounds 7]
 *
 * --app loads src/ from another checkout, so two versions can be compared back to back.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import nunjucks from 'nunjucks';
import { requestMix } from './request-mix.ts';

const { values: args } = parseArgs({
  options: {
    app: { type: 'string', default: '.' },
    database: { type: 'string', default: 'waymark_bench' },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    pages: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '7' },
    activities: { type: 'string', default: '50000' },
  },
});
const appDir = resolve(args.app!);
const load = (file: string) => import(pathToFileURL(join(appDir, file)).href);
const { createApp } = await load('src/app.ts');
const { loadConfig } = await load('src/config.ts');
const { openDatabase } = await load('src/data/database.ts');
const { systemClock } = await load('src/domain/clock.ts');
const { createLogger } = await load('src/logger.ts');
const { createServices } = await load('src/services.ts');

type Captured = { env: nunjucks.Environment; name: string; context: object; kind: string };
const captured: Captured[] = [];
let currentKind = '';
const originalRender = nunjucks.Environment.prototype.render;
nunjucks.Environment.prototype.render = function (this: nunjucks.Environment, name: string, context?: object) {
  captured.push({ env: this, name, context: context ?? {}, kind: currentKind });
  return originalRender.call(this, name, context);
} as typeof originalRender;

const url = new URL(args['postgres-url']!);
url.pathname = `/${args.database}`;
const meta = JSON.parse(readFileSync(resolve(`bench/output/${args.database}-${args.activities}.json`), 'utf8')) as { postcodes: string[] };
const config = {
  ...loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef', LOG_LEVEL: 'silent', SEED_DEMO: 'false' }),
  databaseUrl: url.toString(),
};
const db = await openDatabase({ databaseUrl: url.toString() });
const app = await createApp(createServices({ db, config, clock: systemClock }), config, createLogger('silent'));
for (const m of requestMix(meta.postcodes, Number(args.pages))) {
  currentKind = m.kind;
  const res = await app.inject({ method: 'GET', url: m.url });
  if (res.statusCode !== 200) throw new Error(`${m.url} answered ${res.statusCode}`);
}
await app.close();
await db.close();
nunjucks.Environment.prototype.render = originalRender;

const renderAll = () => {
  let bytes = 0;
  for (const c of captured) bytes += c.env.render(c.name, c.context).length;
  return bytes;
};
renderAll(); // warm up
const perPage: number[] = [];
let bytes = 0;
for (let round = 0; round < Number(args.rounds); round++) {
  const before = process.cpuUsage();
  bytes = renderAll();
  const used = process.cpuUsage(before);
  perPage.push((used.user + used.system) / captured.length);
}
perPage.sort((a, b) => a - b);
const ms = (us: number) => (us / 1000).toFixed(3);
process.stdout.write(
  `${appDir}: ${captured.length} pages, ${(bytes / captured.length / 1024).toFixed(1)} KB each; render CPU per page over ${args.rounds} rounds: ` +
    `min ${ms(perPage[0]!)} ms, median ${ms(perPage[Math.floor(perPage.length / 2)]!)} ms, max ${ms(perPage.at(-1)!)} ms\n`,
);
const kinds = [...new Set(captured.map((c) => c.kind))];
for (const kind of kinds) {
  const pages = captured.filter((c) => c.kind === kind);
  const before = process.cpuUsage();
  for (let i = 0; i < 3; i++) for (const c of pages) c.env.render(c.name, c.context);
  const used = process.cpuUsage(before);
  process.stdout.write(`  ${kind.padEnd(50)} ${ms((used.user + used.system) / (3 * pages.length))} ms per page\n`);
}
