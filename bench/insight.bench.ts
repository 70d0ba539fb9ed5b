/**
 * Insight benchmark (issue 12, decision 044) on PostgreSQL at national scale: the search benchmark's
 * directory (50,000 activities at 20,000 places, 400,000 heritage assets; database `waymark_bench_insight`),
 * all of OS Code-Point Open (about 1.7 million postcodes), the English Indices of Deprivation 2019
 * (32,844 neighbourhoods, each postcode given one), and 200,000 participants with one referral each
 * across 20 schemes. Times the gap analysis for all England and the reach report for one scheme
 * (service calls, the same ones the page makes). Prints figures; asserts nothing.
 *
 *   npm run bench:insight -- [--participants 200000] [--runs 5] [--reuse]
 *                            [--postgres-url postgres://postgres@127.0.0.1:5432/postgres]
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { testConfig } from '../src/config.ts';
import { openPostgres, type Db } from '../src/data/database.ts';
import { importCodePoint } from '../src/data/import/codepoint.importer.ts';
import { findSharedDeprivationFiles, importDeprivation } from '../src/data/import/deprivation.importer.ts';
import { systemClock } from '../src/domain/clock.ts';
import type { User } from '../src/domain/user.ts';
import { createServices } from '../src/services.ts';
import { migrate } from '../src/data/migrate.ts';
import { prepareBenchDatabase } from './bench-database.ts';

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '5' },
    reuse: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const N = Number(args.participants);
const RUNS = Number(args.runs);
const log = (s: string) => process.stdout.write(`${s}\n`);
const SHARED = testConfig().sharedDir;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(label: string, fn: () => Promise<T>, runs = RUNS): Promise<{ value: T; ms: number[] }> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    value = await fn();
    const used = process.cpuUsage(c);
    ms.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const sorted = [...ms].sort((a, b) => a - b);
  log(
    `  ${label}: first ${ms[0]!.toFixed(0)} ms, median ${median(ms).toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms; ` +
      `Node CPU median ${median(cpu).toFixed(0)} ms (${runs} runs; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
  );
  return { value: value!, ms };
}

async function participants(db: Db) {
  const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from referrals')) as [{ n: number }];
  if (n >= N) return log(`  ${n.toLocaleString('en-GB')} referrals already there`);
  const t = performance.now();
  const at = new Date();
  await db.exec(`
    drop table if exists bench_pc;
    create table bench_pc as select row_number() over (order by postcode) as n, postcode from postcode_lsoas;
    create unique index on bench_pc (n);
    insert into schemes (name, area, created_at) select 'Bench scheme ' || g, 'Bench area ' || g, timestamptz '${at.toISOString()}' from generate_series(1, 20) g;`);
  // Scheme 1 is Norfolk's and Suffolk's districts; the others draw from their postcode districts.
  await db.query(
    `insert into scheme_local_authorities (scheme_id, lad_code)
     select s.id, l.lad_code from schemes s cross join (select distinct lad_code from lsoas where lad_code like 'E07000%' and lad_name in
       ('Great Yarmouth', 'Norwich', 'Broadland', 'South Norfolk', 'North Norfolk', 'Breckland', 'King''s Lynn and West Norfolk', 'East Suffolk', 'Ipswich')) l
     where s.name = 'Bench scheme 1'`,
  );
  await db.query(
    `with s as (select id, row_number() over (order by name) as k from schemes where name like 'Bench scheme %'),
          c as (select count(*) as total from bench_pc),
          o as (select array_agg(id order by id) as ids from organisations where status = 'approved')
     insert into participants (scheme_id, preferred_name, contact_preference, postcode, created_at, updated_at)
     select s.id, 'Bench', 'phone', pc.postcode, $2, $2
     from generate_series(1, $1::int) g
     join s on s.k = 1 + g % 20
     cross join c
     join bench_pc pc on pc.n = 1 + (g::bigint * 7919) % c.total`,
    [N, at],
  );
  await db.query(
    `with o as (select array_agg(id order by id) as ids from organisations where status = 'approved')
     insert into referrals (participant_id, scheme_id, provider_organisation_id, route, status, sent_at, created_at, updated_at)
     select p.id, p.scheme_id, o.ids[1 + (abs(hashtext(p.id::text)) % array_length(o.ids, 1))],
            (array['link_worker', 'self', 'connector'])[1 + abs(hashtext(p.id::text || 'r')) % 3],
            (array['sent', 'accepted', 'attending', 'completed', 'declined'])[1 + abs(hashtext(p.id::text || 's')) % 5],
            $1::timestamptz - (abs(hashtext(p.id::text || 'd')) % 300) * interval '1 day', $1, $1
     from participants p cross join o where p.preferred_name = 'Bench'`,
    [at],
  );
  await db.exec('drop table bench_pc; analyze participants; analyze referrals;');
  log(`  ${N.toLocaleString('en-GB')} participants and referrals in ${seconds(performance.now() - t)}`);
}

const bench = await prepareBenchDatabase({
  engine: 'postgres',
  scale: { activities: 50_000, places: 20_000, heritage: 400_000, organisations: 5_000 },
  postgresUrl: args['postgres-url']!,
  database: 'waymark_bench_insight',
  reuse: args.reuse!,
  log,
});
const db = await openPostgres(bench.target, 4);
try {
  await migrate(db); // a reused database may predate the newest migrations
  const [{ n: postcodes }] = (await db.query<{ n: number }>('select count(*)::int as n from postcodes where admin_district is not null')) as [{ n: number }];
  if (postcodes < 1_000_000) {
    const t = performance.now();
    const r = await importCodePoint(db, resolve(SHARED, 'data/postcodes/codepoint-open-csv'));
    log(`  Code-Point Open: ${r.imported.toLocaleString('en-GB')} postcodes in ${seconds(performance.now() - t)}`);
  }
  const [{ n: lsoas }] = (await db.query<{ n: number }>('select count(*)::int as n from postcode_lsoas')) as [{ n: number }];
  if (lsoas < 1_000_000) {
    const files = await findSharedDeprivationFiles(SHARED);
    if (!files) throw new Error(`The IoD 2019 files are not in ${join(SHARED, 'data')}`);
    const r = await importDeprivation(db, files, { onStep: (l) => log(l) });
    log(
      `  deprivation import: File_1 ${r.ms.imd} ms, File_6 ${r.ms.population} ms, centroids ${r.ms.centroids} ms, postcodes → neighbourhood ${seconds(r.ms.postcodes)}`,
    );
  }
  await participants(db);
  await db.exec('analyze');

  const services = createServices({ db, config: testConfig(), clock: systemClock });
  const admin: User = {
    id: '00000000-0000-0000-0000-000000000000',
    email: 'a@bench',
    displayName: 'Bench',
    role: 'admin',
    organisationIds: [],
    schemeId: null,
  };
  const [scheme] = await db.query<{ id: string }>("select id from schemes where name = 'Bench scheme 1'");
  const [other] = await db.query<{ id: string }>("select id from schemes where name = 'Bench scheme 2'");
  log('\n== insight on PostgreSQL');
  const gaps = await timed('gap analysis, all England, 2 miles (service, heritage for the first 50)', () =>
    services.insight.gaps(admin, { miles: 2 }, { heritageFor: 50 }),
  );
  log(`    ${gaps.value.rows.length.toLocaleString('en-GB')} Core20 neighbourhoods with a gap, ${gaps.value.people.toLocaleString('en-GB')} people`);
  await timed('gap analysis, all England, 5 miles', () => services.insight.gaps(admin, { miles: 5 }, { heritageFor: 50 }));
  const reach = await timed('reach, one scheme by local authorities (Norfolk and Suffolk districts)', () =>
    services.insight.reach(admin, { scheme: scheme!.id }),
  );
  log(`    referrals shown: ${reach.value.tables[0]!.total}`);
  await timed('reach, one scheme drawn from postcode districts (none here: no outcodes)', () => services.insight.reach(admin, { scheme: other!.id }));
  await timed('reach, all England (once)', () => services.insight.reach(admin, {}), 1);
  await timed('coverage and seasonality, one scheme', () => services.insight.coverage(admin, { scheme: scheme!.id }));
  await timed('coverage and seasonality, all England (once)', () => services.insight.coverage(admin, {}), 1);
} finally {
  await db.close();
}
