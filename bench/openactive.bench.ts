/**
 * The OpenActive RPDE feed at national scale (issue 13, decision 045): builds the change log from the
 * search benchmark's synthetic directory (default 50,000 activities at 20,000 places), then pages
 * through the whole feed as a consumer does, following `next` until a page is empty, through the real
 * app (in-process requests: routing, the handler, JSON, compression; no network). Also times a sync
 * with nothing to do (the minute job's usual turn), one after 500 listings changed, and the GeoJSON
 * export. Prints figures; nothing is asserted. Recorded in docs/benchmarks.md.
 *
 * Then `--consumers` consumers read the whole feed at once (requests per second across them).
 *
 *   npm run bench:openactive -- [--engine postgres|pglite] [--activities 50000] [--places 20000] [--rounds 3] [--consumers 4]
 *        [--reuse] [--postgres-url postgres://postgres@127.0.0.1:5432/postgres] [--database waymark_bench_openactive]
 */
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { openPglite, openPostgres } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createLogger } from '../src/logger.ts';
import { createServices } from '../src/services.ts';
import { paths } from '../src/web/paths.ts';
import { prepareBenchDatabase } from './bench-database.ts';
import { percentile } from './load.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    activities: { type: 'string', default: '50000' },
    places: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    consumers: { type: 'string', default: '4' },
    reuse: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'waymark_bench_openactive' },
  },
});
const engine = args.engine === 'pglite' ? 'pglite' : 'postgres';
const scale = { activities: Number(args.activities), places: Number(args.places), heritage: 0, organisations: Math.ceil(Number(args.places) / 4) };
const log = (s: string) => process.stdout.write(`${s}\n`);
const f = (n: number) => n.toFixed(1);

const { target } = await prepareBenchDatabase({ engine, scale, postgresUrl: args['postgres-url']!, database: args.database!, reuse: args.reuse!, log });
const db = engine === 'pglite' ? await openPglite(target) : await openPostgres(target, 4);
await migrate(db); // a reused database may predate the feed's table
const config = testConfig({ publicUrl: 'https://waymark.example' });
const services = createServices({ db, config, clock: systemClock });
const app = await createApp(services, config, createLogger('silent'));
await app.ready();

log(`\nOpenActive RPDE feed, ${engine}, ${scale.activities.toLocaleString('en-GB')} activities (${new Date().toISOString()})`);
await db.query('delete from openactive_items');
let started = performance.now();
const built = await services.openActive.syncFeed();
log(`first sync (every item built):        ${f((performance.now() - started) / 1000)} s, ${built.updated} items`);
started = performance.now();
await services.openActive.syncFeed();
log(`sync with nothing changed:            ${f(performance.now() - started)} ms`);
await db.query(`update activities set updated_at = $1 where id in (select id from activities where status = 'live' order by id limit 500)`, [new Date()]);
started = performance.now();
const changed = await services.openActive.syncFeed();
log(`sync after 500 listings changed:      ${f(performance.now() - started)} ms (${changed.updated} updated, ${changed.deleted} deleted)`);

const headers = { 'accept-encoding': 'gzip, br' };
const zlib = await import('node:zlib');

/** One consumer reading the whole feed from the start; each page's time goes into `ms`. */
async function readWholeFeed(ms: number[]) {
  let url: string = paths.openData.sessionSeries;
  let items = 0;
  let bytes = 0;
  let pages = 0;
  for (;;) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers });
    ms.push(performance.now() - t0);
    pages++;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    bytes += res.rawPayload.length;
    const encoding = res.headers['content-encoding'];
    const text =
      encoding === 'br' ? zlib.brotliDecompressSync(res.rawPayload).toString() : encoding === 'gzip' ? zlib.gunzipSync(res.rawPayload).toString() : res.body;
    const page = JSON.parse(text) as { next: string; items: unknown[] };
    items += page.items.length;
    if (page.items.length === 0) return { items, bytes, pages };
    url = page.next.replace(config.publicUrl, '');
  }
}

const summary = (ms: number[]) => {
  ms.sort((a, b) => a - b);
  return `p50 ${f(percentile(ms, 50))} ms, p95 ${f(percentile(ms, 95))} ms, p99 ${f(percentile(ms, 99))} ms`;
};
for (let round = 1; round <= Number(args.rounds); round++) {
  const ms: number[] = [];
  const roundStarted = performance.now();
  const { items, bytes, pages } = await readWholeFeed(ms);
  const seconds = (performance.now() - roundStarted) / 1000;
  log(
    `whole feed, round ${round}: ${pages} pages, ${items} items, ${f(bytes / 1e6)} MB compressed in ${f(seconds)} s — ${f(pages / seconds)} requests/s, ${summary(ms)}`,
  );
}
{
  const consumers = Number(args.consumers);
  const ms: number[] = [];
  const started = performance.now();
  const read = await Promise.all(Array.from({ length: consumers }, () => readWholeFeed(ms)));
  const seconds = (performance.now() - started) / 1000;
  const pages = read.reduce((n, r) => n + r.pages, 0);
  log(`${consumers} consumers at once: ${pages} requests in ${f(seconds)} s — ${f(pages / seconds)} requests/s, ${summary(ms)}`);
}

const geo: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url: paths.openData.activitiesGeojson, headers });
  geo.push(performance.now() - t0);
  if (i === 0) log(`GeoJSON export: ${f(res.rawPayload.length / 1e6)} MB compressed`);
}
geo.sort((a, b) => a - b);
log(`GeoJSON export (5 runs):              p50 ${f(percentile(geo, 50))} ms, max ${f(geo.at(-1)!)} ms`);
await app.close();
await db.close();
