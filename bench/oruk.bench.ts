/**
 * The ORUK open data at national scale (issue 13): on the search benchmark's synthetic directory
 * (default 50,000 activities at 20,000 places, built by the same seeding code as the RPDE feed's
 * benchmark), pages through ORUK 3.0 /services and 1.0 /v1/services as a consumer does, at per_page 50
 * and 500, then a text query and a postcode + proximity query, and 1.0 /v1/locations; then looks up
 * service_at_locations one by one (ids found and ids that are not there) and 1.0 locations by id. Requests go through the real app in the process
 * (routing, handler, JSON, compression; no network). Prints figures; nothing is asserted. Recorded in
 * docs/benchmarks.md.
 *
 * Requests are sequential (one consumer). `--pages` caps how many pages each run asks for; when a
 * listing has more, the pages asked for are spread evenly from the first to the last, so deep
 * offsets are in the sample. `--vacuum` first vacuums the directory's tables, as autovacuum would on a
 * production server (the bench server may run without it; index-only walks need the visibility map).
 * "first page" is a listing's first request: for a filter not asked before, it makes the survey (decision 053).
 *
 *   npm run bench:oruk -- [--engine postgres|pglite] [--activities 50000] [--places 20000] [--pages 100] [--lookups 200]
 *        [--reuse] [--lookups-only] [--vacuum] [--postgres-url postgres://postgres@127.0.0.1:5432/postgres] [--database waymark_bench_oruk]
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { openPglite, openPostgres } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createLogger } from '../src/logger.ts';
import { serviceAtLocationIdOf } from '../src/api/oruk/service.serialiser.ts';
import { createServices } from '../src/services.ts';
import { paths } from '../src/web/paths.ts';
import { prepareBenchDatabase } from './bench-database.ts';
import { percentile } from './load.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    activities: { type: 'string', default: '50000' },
    places: { type: 'string', default: '20000' },
    pages: { type: 'string', default: '100' },
    lookups: { type: 'string', default: '200' },
    reuse: { type: 'boolean', default: false },
    vacuum: { type: 'boolean', default: false },
    'lookups-only': { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'waymark_bench_oruk' },
  },
});
const engine = args.engine === 'pglite' ? 'pglite' : 'postgres';
const scale = { activities: Number(args.activities), places: Number(args.places), heritage: 0, organisations: Math.ceil(Number(args.places) / 4) };
const log = (s: string) => process.stdout.write(`${s}\n`);
const f = (n: number) => n.toFixed(1);

const { target, postcodes } = await prepareBenchDatabase({
  engine,
  scale,
  postgresUrl: args['postgres-url']!,
  database: args.database!,
  reuse: args.reuse!,
  log,
});
const db = engine === 'pglite' ? await openPglite(target) : await openPostgres(target, 4);
await migrate(db); // a reused database may predate the latest migrations
if (args.vacuum && engine === 'postgres') await db.exec('vacuum analyze activities, organisations, places');
const config = testConfig({ publicUrl: 'https://waymark.example' });
const services = createServices({ db, config, clock: systemClock });
const app = await createApp(services, config, createLogger('silent'));
await app.ready();

const headers = { 'accept-encoding': 'gzip, br' };
const zlib = await import('node:zlib');
async function get(url: string): Promise<{ ms: number; status: number; bytes: number; json: () => Record<string, unknown> }> {
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url, headers });
  const ms = performance.now() - t0;
  const encoding = res.headers['content-encoding'];
  const json = () =>
    JSON.parse(
      encoding === 'br' ? zlib.brotliDecompressSync(res.rawPayload).toString() : encoding === 'gzip' ? zlib.gunzipSync(res.rawPayload).toString() : res.body,
    ) as Record<string, unknown>;
  return { ms, status: res.statusCode, bytes: res.rawPayload.length, json };
}

const counted = await get(`${paths.api.orukServices}?per_page=1`);
const visible = Number(counted.json().total_items);
log(
  `\nORUK open data, ${engine}, ${scale.activities.toLocaleString('en-GB')} activities, ${visible.toLocaleString('en-GB')} publicly visible (${new Date().toISOString()})`,
);
log(`first request, ?per_page=1 (counts the whole directory): ${f(counted.ms)} ms`);
log(`load average at start (1/5/15 min): ${loadavg().map(f).join(' / ')}`);

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `p50 ${f(percentile(sorted, 50))} ms, p95 ${f(percentile(sorted, 95))} ms`;
};

/** Evenly spread page numbers from 1 to `last`, at most `cap` of them. */
function spread(last: number, cap: number): number[] {
  if (last <= cap) return Array.from({ length: last }, (_, i) => i + 1);
  return [...new Set(Array.from({ length: cap }, (_, i) => 1 + Math.round((i * (last - 1)) / (cap - 1))))];
}

/** Pages through one listing; `pagesOf` reads the page count out of the first page (the versions name it differently). */
async function pageThrough(label: string, base: string, query: string, pagesOf: (page: Record<string, unknown>) => number) {
  const join = (page: number) => `${base}?${query}${query ? '&' : ''}page=${page}`;
  const first = await get(join(1));
  if (first.status !== 200) throw new Error(`${join(1)}: ${first.status}`);
  const last = Math.max(1, pagesOf(first.json()));
  const ms: number[] = [first.ms];
  let bytes = first.bytes;
  const started = performance.now() - first.ms;
  for (const page of spread(last, Number(args.pages)).slice(1)) {
    const res = await get(join(page));
    if (res.status !== 200) throw new Error(`${join(page)}: ${res.status}`);
    ms.push(res.ms);
    bytes += res.bytes;
  }
  const seconds = (performance.now() - started) / 1000;
  log(
    `${label.padEnd(50)} ${String(ms.length).padStart(4)} of ${String(last).padStart(4)} pages, ${f(bytes / ms.length / 1e3).padStart(6)} kB/page — ${f(ms.length / seconds).padStart(5)} requests/s, ${summary(ms)}, first page ${f(first.ms)} ms`,
  );
}

const v3Pages = (p: Record<string, unknown>) => Number(p.total_pages);
const v1Pages = (p: Record<string, unknown>) => Number(p.totalPages);
const postcode = postcodes[0] ?? 'SW1A 1AA';
const near = `postcode=${encodeURIComponent(postcode)}&proximity=10000`;
for (const [label, base, query, pagesOf] of [
  ['3.0 /services, per_page 50', paths.api.orukServices, 'per_page=50', v3Pages],
  ['3.0 /services, per_page 500', paths.api.orukServices, 'per_page=500', v3Pages],
  ['3.0 /services, text=history, per_page 50', paths.api.orukServices, 'text=history&per_page=50', v3Pages],
  [`3.0 /services, ${postcode} within 10 km, per_page 50`, paths.api.orukServices, `${near}&per_page=50`, v3Pages],
  ['1.0 /v1/services, per_page 50', paths.api.orukV1.services, 'per_page=50', v1Pages],
  ['1.0 /v1/services, per_page 500', paths.api.orukV1.services, 'per_page=500', v1Pages],
  ['1.0 /v1/services, text=history, per_page 50', paths.api.orukV1.services, 'text=history&per_page=50', v1Pages],
  [`1.0 /v1/services, ${postcode} within 10 km, per_page 50`, paths.api.orukV1.services, `${near}&per_page=50`, v1Pages],
  ['1.0 /v1/locations, per_page 50', paths.api.orukV1.locations, 'per_page=50', v1Pages],
  ['1.0 /v1/locations, per_page 500', paths.api.orukV1.locations, 'per_page=500', v1Pages],
] as const) {
  if (!args['lookups-only']) await pageThrough(label, base, query, pagesOf);
}

// service_at_locations/{id}: ids collected from the listing (spread over the directory), then looked up one by one.
const lookups = Number(args.lookups);
const ids: string[] = [];
const salPages = Math.ceil(visible / 500);
for (const page of spread(salPages, Math.max(1, Math.ceil(lookups / 10)))) {
  const items = (await get(`${paths.api.orukServiceAtLocations}?per_page=500&page=${page}`)).json().contents as { id: string }[];
  for (let i = 0; i < items.length && ids.length < lookups; i += Math.max(1, Math.floor(items.length / 10))) ids.push(items[i]!.id);
}
{
  // Before the job `service-at-location-ids` has filled the stored ids, a lookup compares against every listing in memory.
  const first = await get(paths.api.orukServiceAtLocation(ids[0]!));
  log(`${'3.0 /service_at_locations/{id}, before the fill'.padEnd(50)} ${f(first.ms)} ms (${first.status})`);
  const started = performance.now();
  const filled = await services.openDirectory.fillServiceAtLocationIds(serviceAtLocationIdOf);
  log(`${'the job filling stored ids'.padEnd(50)} ${f(performance.now() - started)} ms (${filled} listings)`);
}
for (const [label, wanted, expected] of [
  ['3.0 /service_at_locations/{id}, found', ids, 200],
  ['3.0 /service_at_locations/{id}, not there', Array.from({ length: Math.ceil(lookups / 4) }, () => randomUUID()), 404],
] as const) {
  const ms: number[] = [];
  const started = performance.now();
  for (const id of wanted) {
    const res = await get(paths.api.orukServiceAtLocation(id));
    if (res.status !== expected) throw new Error(`${id}: ${res.status}, expected ${expected}`);
    ms.push(res.ms);
  }
  const seconds = (performance.now() - started) / 1000;
  log(`${label.padEnd(50)} ${String(ms.length).padStart(4)} lookups — ${f(ms.length / seconds).padStart(5)} requests/s, ${summary(ms)}`);
}
{
  // 1.0 /locations/{id}: place ids spread over the listing of places, looked up one by one.
  const placeIds: string[] = [];
  const placePages = Number((await get(`${paths.api.orukV1.locations}?per_page=500`)).json().totalPages);
  for (const page of spread(placePages, Math.max(1, Math.ceil(lookups / 10)))) {
    const items = (await get(`${paths.api.orukV1.locations}?per_page=500&page=${page}`)).json().content as { id: string }[];
    for (let i = 0; i < items.length && placeIds.length < lookups; i += Math.max(1, Math.floor(items.length / 10))) placeIds.push(items[i]!.id);
  }
  const ms: number[] = [];
  const started = performance.now();
  for (const id of placeIds) {
    const res = await get(paths.api.orukV1.location(id));
    if (res.status !== 200) throw new Error(`${id}: ${res.status}`);
    ms.push(res.ms);
  }
  const seconds = (performance.now() - started) / 1000;
  log(
    `${'1.0 /v1/locations/{id}, found'.padEnd(50)} ${String(ms.length).padStart(4)} lookups — ${f(ms.length / seconds).padStart(5)} requests/s, ${summary(ms)}`,
  );
}
log(`load average at end (1/5/15 min): ${loadavg().map(f).join(' / ')}`);
await app.close();
await db.close();
