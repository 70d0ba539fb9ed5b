/**
 * Importing a 5,000-service Open Referral UK 1.0 feed from a local server (issue 13, decision 046):
 * the time to read and write it all, the time to re-import it unchanged, and the importer's peak memory.
 * The feed is synthetic (fictional services around Great Yarmouth, Frome and Nottingham), served in pages
 * of 500 by node:http in this process. Prints figures; nothing is asserted. Recorded in docs/benchmarks.md.
 *
 *   npm run bench:oruk-import -- [--services 5000] [--per-page 500] [--engine pglite|postgres]
 *        [--postgres-url postgres://postgres@127.0.0.1:5432/postgres]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPglite, openPostgres, type Db } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { createOrukImportRepository } from '../src/data/repositories/oruk-import.repository.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createFeedFetcher } from '../src/services/oruk-feed-fetch.ts';
import { createOrukImportService } from '../src/services/oruk-import.service.ts';
import { json, startFeedServer, v1Page, v1Service } from '../test/fixtures/oruk-feeds.ts';

const { values: args } = parseArgs({
  options: {
    services: { type: 'string', default: '5000' },
    'per-page': { type: 'string', default: '500' },
    engine: { type: 'string', default: 'pglite' },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const total = Number(args.services);
const perPage = Number(args['per-page']);
const pages = Math.ceil(total / perPage);
const log = (s: string) => process.stdout.write(`${s}\n`);
const TOWNS = [
  { town: 'Great Yarmouth', postcode: 'NR30 2RG', latitude: 52.6075, longitude: 1.7305 },
  { town: 'Frome', postcode: 'BA11 1AA', latitude: 51.2287, longitude: -2.3215 },
  { town: 'Nottingham', postcode: 'NG1 1AA', latitude: 52.9536, longitude: -1.1505 },
];

function service(i: number) {
  const t = TOWNS[i % TOWNS.length]!;
  return v1Service(`svc-${i}`, {
    name: `Heritage group ${i}`,
    organization: { id: `org-${i % 700}`, name: `Heritage society ${i % 700}`, description: 'A fictional society.' },
    service_at_locations: [
      {
        id: `sal-${i}`,
        location: {
          id: `loc-${i % 2000}`,
          name: `Hall ${i % 2000}`,
          latitude: t.latitude + (i % 50) / 1000,
          longitude: t.longitude + (i % 37) / 1000,
          physical_addresses: [{ id: `a-${i}`, address_1: `${i % 90} High Street`, city: t.town, postal_code: t.postcode }],
        },
      },
    ],
    regular_schedules: [{ id: `rs-${i}`, weekday: (i % 7) + 1, opens_at: '10:00', closes_at: '12:00', freq: 'WEEKLY', interval: 1, valid_from: '2026-01-05' }],
  });
}

const feed = await startFeedServer((url, _req, res) => {
  const page = Number(url.searchParams.get('page') ?? '1');
  const from = (page - 1) * perPage;
  const content = Array.from({ length: Math.max(0, Math.min(perPage, total - from)) }, (_, k) => service(from + k));
  return json(res, v1Page(content, page, pages));
});

let db: Db;
let dropPostgres: (() => Promise<void>) | undefined;
if (args.engine === 'postgres') {
  const admin = new pg.Client({ connectionString: args['postgres-url'] });
  await admin.connect();
  await admin.query('drop database if exists waymark_bench_import with (force)');
  await admin.query('create database waymark_bench_import');
  const url = new URL(args['postgres-url']!);
  url.pathname = '/waymark_bench_import';
  db = await openPostgres(url.toString());
  dropPostgres = async () => {
    await admin.query('drop database if exists waymark_bench_import with (force)');
    await admin.end();
  };
} else {
  db = await openPglite();
}
await migrate(db);

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const baseline = process.memoryUsage();
const timer = setInterval(sample, 20);
const importer = createOrukImportService({
  db,
  repo: createOrukImportRepository(db),
  clock: systemClock,
  fetcher: createFeedFetcher({ allowPrivate: true }),
  limits: { maxPages: pages + 1 },
});
const address = `${feed.base}/services?per_page=${perPage}`;
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
try {
  log(`Importing ${total} services in ${pages} pages of ${perPage} (Open Referral UK 1.0, local server) into ${args.engine}…`);
  let started = performance.now();
  const first = await importer.run(null, { source: { kind: 'url', address }, dryRun: false, markTrusted: true });
  const firstMs = performance.now() - started;
  sample();
  log(`  first import: ${(firstMs / 1000).toFixed(1)} s (${Math.round(total / (firstMs / 1000))} services/s); ${JSON.stringify(first.counts)}`);
  started = performance.now();
  const again = await importer.run(null, { source: { kind: 'url', address }, dryRun: false });
  const againMs = performance.now() - started;
  log(`  re-import, unchanged: ${(againMs / 1000).toFixed(1)} s; ${JSON.stringify(again.counts)}`);
  started = performance.now();
  const dry = await importer.run(null, { source: { kind: 'url', address }, dryRun: true });
  log(`  dry run: ${((performance.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify(dry.counts)}`);
  sample();
  log(`  peak RSS ${mb(peakRss)} (at start ${mb(baseline.rss)}), peak heap ${mb(peakHeap)} (at start ${mb(baseline.heapUsed)})`);
} finally {
  clearInterval(timer);
  await feed.close();
  await db.close();
  await dropPostgres?.();
}
