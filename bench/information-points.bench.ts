/**
 * The information points at national scale (issue 10): the phone line's search and a month's
 * Heritage Café pack, timed through the same services the pages call, on the search benchmark's
 * synthetic directory (default 50,000 activities at 20,000 places). Prints percentiles; nothing is
 * asserted. Figures are recorded in docs/benchmarks.md.
 *
 *   npm run bench:information-points -- [--engine postgres|pglite] [--activities 50000] [--places 20000]
 *        [--iterations 300] [--reuse] [--postgres-url postgres://postgres@127.0.0.1:5432/postgres] [--database waymark_bench]
 */
import { parseArgs } from 'node:util';
import { testConfig } from '../src/config.ts';
import { openPglite, openPostgres } from '../src/data/database.ts';
import { systemClock } from '../src/domain/clock.ts';
import { londonDate } from '../src/domain/schedule.ts';
import { createServices } from '../src/services.ts';
import { parseSearchQuery } from '../src/web/features/search/search.query.ts';
import { prepareBenchDatabase } from './bench-database.ts';
import { percentile } from './load.ts';
import { random } from './positions.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    activities: { type: 'string', default: '50000' },
    places: { type: 'string', default: '20000' },
    iterations: { type: 'string', default: '300' },
    reuse: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'waymark_bench' },
  },
});
const engine = args.engine === 'pglite' ? 'pglite' : 'postgres';
const iterations = Number(args.iterations);
const scale = { activities: Number(args.activities), places: Number(args.places), heritage: 0, organisations: Math.ceil(Number(args.places) / 4) };
const log = (s: string) => process.stdout.write(`${s}\n`);

const { target, postcodes } = await prepareBenchDatabase({
  engine,
  scale,
  postgresUrl: args['postgres-url']!,
  database: args.database!,
  reuse: args.reuse!,
  log,
});
const db = engine === 'pglite' ? await openPglite(target) : await openPostgres(target, 4);
const services = createServices({ db, config: testConfig(), clock: systemClock });
const rng = random(20261207);
const pick = <T>(list: readonly T[]) => rng.pick(list);
const codes = (await db.query<{ short_code: string }>('select short_code from activities where short_code is not null order by id limit 2000')).map(
  (r) => r.short_code,
);

async function timed(label: string, run: (i: number) => Promise<number>) {
  for (let i = 0; i < 10; i++) await run(i); // warm up
  const ms: number[] = [];
  let found = 0;
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    found += await run(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  log(
    `${label.padEnd(46)} p50 ${f(percentile(ms, 50))} ms  p95 ${f(percentile(ms, 95))} ms  p99 ${f(percentile(ms, 99))} ms  (${iterations} runs, ${f(found / iterations)} found on average)`,
  );
}

const WORDS = ['walk', 'museum', 'memory', 'garden', 'history', 'craft', 'archive'];
const DAYS = ['1', '2', '3', '4', '5', '6', '7'];
log(`\nInformation points, ${engine}, ${scale.activities.toLocaleString('en-GB')} activities (${new Date().toISOString()})`);
// As the phone screen does: a code that is not a public listing (stale, pending) is not found, and searched as a place.
await timed('phone line: a code read out', async () => ((await services.publicActivities.findByShortCode(pick(codes)).catch(() => null)) ? 1 : 0));
await timed('phone line: postcode', async () => (await services.search.search(parseSearchQuery({ where: pick(postcodes) }))).results.total);
await timed(
  'phone line: postcode, words, day, no car',
  async () =>
    (await services.search.search(parseSearchQuery({ where: pick(postcodes), q: pick(WORDS), day: pick(DAYS), access: 'public_transport' }))).results.total,
);
const nextMonth = londonDate(new Date(Date.now() + 31 * 86_400_000)).slice(0, 7);
await timed(`pack: ${nextMonth}, postcode + 3 miles`, async () => {
  const pack = await services.pack.build({ where: pick(postcodes), radiusMiles: 3, schemeId: null, month: nextMonth, types: [], free: false, stepFree: false });
  return pack.items.length;
});
await timed(`pack: ${nextMonth}, postcode + 10 miles, free`, async () => {
  const pack = await services.pack.build({ where: pick(postcodes), radiusMiles: 10, schemeId: null, month: nextMonth, types: [], free: true, stepFree: false });
  return pack.items.length;
});
await db.close();
