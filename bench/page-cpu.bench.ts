/**
 * Node CPU per page, in process: builds the app over the national-scale benchmark database made by
 * `npm run bench` and sends the benchmark's request mix one at a time with `app.inject` (no sockets,
 * no load generator), timing the process's CPU (user + system) rather than the wall clock, so other
 * work on the machine moves the figures less. PostgreSQL's own work is in its process and not counted.
 *
 *   npx tsx bench/page-cpu.bench.ts [--app ../other-checkout] [--database waymark_bench] [--requests 2000] [--rounds 3]
 *                                    [--accept-encoding "gzip, deflate, br"]
 *
 * --app loads src/ from another checkout (e.g. the code before a change), so two versions can be
 * measured back to back on the same database. Prints CPU per page: Node's, the part spent rendering,
 * and PostgreSQL's (its server processes for this database, from /proc).
 */
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
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
    requests: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    activities: { type: 'string', default: '50000' },
    'accept-encoding': { type: 'string', default: '' },
  },
});
const appDir = resolve(args.app!);

// Rendering's share: every page renders through one Nunjucks environment, synchronously.
let renderMicros = 0;
const originalRender = nunjucks.Environment.prototype.render;
nunjucks.Environment.prototype.render = function (this: nunjucks.Environment, ...a: Parameters<typeof originalRender>) {
  const before = process.cpuUsage();
  try {
    return originalRender.apply(this, a);
  } finally {
    const used = process.cpuUsage(before);
    renderMicros += used.user + used.system;
  }
} as typeof originalRender;
const load = (file: string) => import(pathToFileURL(join(appDir, file)).href);
const { createApp } = await load('src/app.ts');
const { loadConfig } = await load('src/config.ts');
const { openDatabase } = await load('src/data/database.ts');
const { systemClock } = await load('src/domain/clock.ts');
const { createLogger } = await load('src/logger.ts');
const { createServices } = await load('src/services.ts');

const url = new URL(args['postgres-url']!);
url.pathname = `/${args.database}`;
const meta = JSON.parse(readFileSync(resolve(`bench/output/${args.database}-${args.activities}.json`), 'utf8')) as { postcodes: string[] };
const config = {
  ...loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef', LOG_LEVEL: 'silent', SEED_DEMO: 'false' }),
  databaseUrl: url.toString(),
};
const db = await openDatabase({ databaseUrl: url.toString() });
const app = await createApp(createServices({ db, config, clock: systemClock }), config, createLogger('silent'));
await app.ready();
const headers: Record<string, string> = args['accept-encoding'] ? { 'accept-encoding': args['accept-encoding'] } : {};

// PostgreSQL's share: CPU of the server processes serving this database (user + system, /proc ticks).
const admin = new pg.Client({ connectionString: args['postgres-url'] });
await admin.connect();
const ticksPerSecond = 100;
const postgresCpuMicros = async () => {
  const pids = (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [args.database])).rows.map((r) => r.pid);
  let ticks = 0;
  for (const pid of pids) {
    if (!existsSync(`/proc/${pid}/stat`)) continue;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks / ticksPerSecond) * 1e6;
};

const send = async (path: string) => {
  const res = await app.inject({ method: 'GET', url: path, headers });
  if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}`);
  return res.rawPayload.length;
};

// Warm up (JIT, template compilation, caches) on postcodes the measured rounds do not use first.
for (const r of requestMix(meta.postcodes.slice(-300), 300)) await send(r.url);

const mix = requestMix(meta.postcodes, Number(args.requests));
process.stdout.write(
  `${appDir}: ${mix.length} requests × ${args.rounds} rounds${headers['accept-encoding'] ? `, Accept-Encoding: ${headers['accept-encoding']}` : ''}\n`,
);
for (let round = 1; round <= Number(args.rounds); round++) {
  let bytes = 0;
  renderMicros = 0;
  const postgresBefore = await postgresCpuMicros();
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (const m of mix) bytes += await send(m.url);
  const cpu = process.cpuUsage(cpuStart);
  const wall = performance.now() - wallStart;
  const postgresMicros = (await postgresCpuMicros()) - postgresBefore;
  const perPage = (cpu.user + cpu.system) / mix.length;
  process.stdout.write(
    `  round ${round}: Node CPU ${(perPage / 1000).toFixed(2)} ms per page (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ${(wall / 1000).toFixed(1)} s wall), ` +
      `of which rendering ${(renderMicros / mix.length / 1000).toFixed(2)} ms; PostgreSQL CPU ${(postgresMicros / mix.length / 1000).toFixed(2)} ms per page; ` +
      `${(bytes / mix.length / 1024).toFixed(1)} KB per page\n`,
  );
}
await app.close();
await db.close();
await admin.end();
