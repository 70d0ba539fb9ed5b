/**
 * Outcome report benchmark: 200,000 participants (one referral each) and 1,000,000 questionnaire
 * responses (baseline for 75%, end for 50%, four instruments each) generated in a fresh PostgreSQL
 * database `waymark_bench_outcomes`; then the all-England report — the service call and the HTTP page —
 * is timed several times, plus one scheme and one provider. Prints figures; asserts nothing.
 *
 *   npm run bench:outcomes -- [--participants 200000] [--runs 7] [--reuse]
 *                            [--postgres-url postgres://postgres@127.0.0.1:5432/postgres]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { openPostgres, type Db } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { systemClock } from '../src/domain/clock.ts';
import { hashPassword } from '../src/domain/password.ts';
import { SWEMWBS_METRIC } from '../src/domain/instruments/swemwbs.ts';
import { createLogger } from '../src/logger.ts';
import { createServices } from '../src/services.ts';

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '7' },
    reuse: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const N = Number(args.participants);
const NAME = 'waymark_bench_outcomes';
const log = (s: string) => process.stdout.write(`${s}\n`);
const EMAIL = 'commissioner@bench.example';
const PASSWORD = 'bench-password-2026';

async function generate(db: Db) {
  const t0 = performance.now();
  const step = async (label: string, sql: string) => {
    const s = performance.now();
    await db.exec(sql);
    log(`  ${label}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  };
  // The schema has no clock defaults (decision 011): every row is stamped with the generation time.
  const at = `timestamptz '${new Date().toISOString()}'`;
  const metric = `array[${Object.values(SWEMWBS_METRIC).join(',')}]::float8[]`; // index raw − 6
  await step(
    'schemes, providers, places, activities',
    `
    insert into schemes (name, area, created_at) select 'Scheme ' || g, 'Area ' || g, ${at} from generate_series(1, 40) g;
    insert into organisations (name, org_type, kind, status, scheme_id, created_at, updated_at)
      select 'Provider ' || g, 'heritage_trust', 'provider', 'approved', (select id from schemes order by name offset (g % 40) limit 1), ${at}, ${at}
      from generate_series(1, 2000) g;
    insert into places (organisation_id, name, postcode, easting, northing, latitude, longitude, created_at, updated_at)
      select id, name || ' hall', 'NR30 1AA', 450000, 300000, 52.6, -1.2, ${at}, ${at} from organisations;
    insert into activities (organisation_id, place_id, title, summary, cost_type, status, last_checked_at, created_at, updated_at)
      select o.id, p.id, o.name || ' activity ' || k, 'Bench activity', 'free', 'live', ${at}, ${at}, ${at}
      from organisations o join places p on p.organisation_id = o.id cross join generate_series(1, 3) k;`,
  );
  await step(
    `${N.toLocaleString('en-GB')} participants and referrals`,
    `
    create temporary table bench_activity as
      select row_number() over (order by a.id) as n, a.id, a.organisation_id, o.scheme_id from activities a join organisations o on o.id = a.organisation_id;
    insert into participants (scheme_id, preferred_name, contact_preference, created_at, updated_at)
      select a.scheme_id, 'Bench ' || g, 'phone', ${at}, ${at} from generate_series(1, ${N}) g join bench_activity a on a.n = 1 + g % 6000;
    insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, status, sent_at, created_at, updated_at)
      select p.id, a.scheme_id, a.id, a.organisation_id, 'link_worker',
             (array['sent','declined','accepted','attending','completed','completed','completed','stopped'])[1 + (abs(hashtext(p.id::text)) % 8)],
             ${at} - ((abs(hashtext(p.id::text || 'd')) % 700) || ' days')::interval, ${at} - interval '800 days', ${at}
      from (select id, row_number() over () as g from participants) p join bench_activity a on a.n = 1 + p.g % 6000;`,
  );
  await step(
    '1,000,000 questionnaire responses',
    `
    create temporary table bench_tp as
      select r.id as referral_id, r.participant_id, r.scheme_id, r.provider_organisation_id, r.activity_id, r.sent_at::date as referred_on, tp.time_point, tp.lift
      from referrals r cross join (values ('baseline', 0.0), ('end', 1.0)) tp(time_point, lift)
      where (tp.time_point = 'baseline' and abs(hashtext(r.id::text || 'b')) % 100 < 75)
         or (tp.time_point = 'end' and abs(hashtext(r.id::text || 'b')) % 100 < 50);
    insert into questionnaire_responses (referral_id, participant_id, time_point, instrument, answers, scores, mode, scheme_id, provider_organisation_id, activity_id, referred_on, completed_at)
      select referral_id, participant_id, time_point, i.instrument, '{}'::jsonb,
        case i.instrument
          when 'swemwbs' then array[(${metric})[least(29, greatest(1, (12 + lift * 3 + random() * 10)::int))]]
          when 'ons4' then array[least(10, (3 + lift + random() * 6)::int), least(10, (4 + lift + random() * 6)::int), least(10, (3 + lift + random() * 7)::int), greatest(0, (6 - lift - random() * 6)::int)]::float8[]
          when 'ucla3' then array[least(9, greatest(3, (7 - lift - random() * 4)::int))]::float8[]
          else array[greatest(0, (4 - lift * 2 + random() * 4)::int), case when time_point = 'end' then 1 + (random() * 3.99)::int end,
                     case when random() < 0.5 + lift * 0.3 then 1 else 0 end, least(5, 1 + (random() * 4 + lift)::int)]::float8[]
        end,
        'self', scheme_id, provider_organisation_id, activity_id, referred_on, ${at}
      from bench_tp cross join (values ('swemwbs'), ('ons4'), ('ucla3'), ('pilot')) i(instrument);`,
  );
  await step('vacuum analyse', 'vacuum analyse');
  const [counts] = await db.query<{ participants: number; responses: number }>(
    'select (select count(*) from participants) as participants, (select count(*) from questionnaire_responses) as responses',
  );
  log(
    `  ${counts!.participants.toLocaleString('en-GB')} participants, ${counts!.responses.toLocaleString('en-GB')} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await db.query(`insert into users (email, display_name, password_hash, role, created_at) values ($1, 'Bench Commissioner', $2, 'commissioner', $3)`, [
    EMAIL,
    await hashPassword(PASSWORD),
    new Date(),
  ]);
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `min ${s[0]!.toFixed(0)} ms, median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms`;
};

async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  log(`  ${label.padEnd(44)} ${stats(ms)}  (${runs} runs)`);
}

async function main() {
  const url = new URL(args['postgres-url']!);
  if (!args.reuse) {
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`drop database if exists ${NAME} with (force)`);
    await admin.query(`create database ${NAME}`);
    await admin.end();
  }
  url.pathname = `/${NAME}`;
  const db = await openPostgres(url.toString(), 4);
  if (!args.reuse) {
    log(`Generating into PostgreSQL ${NAME}:`);
    await migrate(db);
    await generate(db);
  }
  const config = testConfig();
  const services = createServices({ db, config, clock: systemClock });
  const signIn = async () => {
    const result = await services.accounts.beginSignIn(EMAIL, PASSWORD, '');
    return result?.done ? result.sessionToken : undefined;
  };
  const user = await services.auth.userForToken(await signIn());
  if (!user) throw new Error('Bench commissioner could not sign in (try without --reuse)');
  const [scheme] = await db.query<{ id: string }>('select id from schemes order by name limit 1');
  const [provider] = await db.query<{ id: string }>(`select id from organisations where kind = 'provider' order by name limit 1`);
  const runs = Number(args.runs);
  log(`Outcome report, PostgreSQL, ${N.toLocaleString('en-GB')} participants:`);
  await time('service: all England (warm-up excluded)', 1, () => services.outcomeReports.report(user, { compare: 'end' }));
  await time('service: all England', runs, () => services.outcomeReports.report(user, { compare: 'end' }));
  await time('service: all England, follow-up comparison', runs, () => services.outcomeReports.report(user, { compare: 'follow_up' }));
  await time('service: one scheme (of 40)', runs, () => services.outcomeReports.report(user, { scheme: scheme!.id, compare: 'end' }));
  await time('service: one provider (of 2,000)', runs, () => services.outcomeReports.report(user, { provider: provider!.id, compare: 'end' }));
  await time('service: all England, one year of referrals', runs, () =>
    services.outcomeReports.report(user, { from: { year: 2025, month: 6 }, to: { year: 2026, month: 5 }, compare: 'end' }),
  );

  const app = await createApp(services, config, createLogger('silent'));
  await app.ready();
  const token = await signIn();
  const get = async (u: string) => {
    const res = await app.inject({ method: 'GET', url: u, cookies: { wm_session: token! } });
    if (res.statusCode !== 200) throw new Error(`GET ${u}: ${res.statusCode}`);
    return res;
  };
  await time('HTTP GET /reports/outcomes (all England)', runs, () => get('/reports/outcomes'));
  await time('HTTP GET /reports/outcomes.csv (all England)', runs, () => get('/reports/outcomes.csv'));
  await app.close();
  await db.close();
}

await main();
