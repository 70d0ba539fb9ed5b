/**
 * Search benchmark at national scale. Builds a synthetic directory (default 50,000 activities at 20,000
 * places, 400,000 heritage assets; positions sampled from real OS Code-Point Open postcodes when
 * ../shared is present), starts the real app in a child process and drives a mix of search-page and
 * doorstep requests over HTTP with 16 connections. Prints latency percentiles, throughput and the
 * server's peak memory. Figures are recorded in docs/benchmarks.md; nothing is asserted.
 *
 *   npm run bench -- [--engine pglite|postgres|both] [--activities 50000] [--places 20000] [--heritage 400000]
 *                    [--requests 6000] [--seconds 90] [--connections 16] [--workers 1] [--reuse] [--explain]
 *                    [--postgres-url postgres://postgres@127.0.0.1:5432/postgres] [--database waymark_bench]
 *                    [--app ../other-checkout] [--accept-encoding "gzip, deflate, br"]
 *
 * --app starts the server from another checkout of the code (its bench/bench-server.ts) against the same
 * database, so two versions can be measured back to back in the same conditions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPglite, openPostgres } from '../src/data/database.ts';
import { BENCH_OUTPUT, prepareBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { runLoad, percentile } from './load.ts';
import { requestMix } from './request-mix.ts';
import { explainSearches } from './explain.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    activities: { type: 'string', default: '50000' },
    places: { type: 'string', default: '20000' },
    heritage: { type: 'string', default: '400000' },
    requests: { type: 'string', default: '6000' },
    seconds: { type: 'string', default: '90' },
    connections: { type: 'string', default: '16' },
    workers: { type: 'string', default: '1' },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'waymark_bench' },
    app: { type: 'string', default: '.' },
    'accept-encoding': { type: 'string', default: '' },
  },
});
const scale = {
  activities: Number(args.activities),
  places: Number(args.places),
  heritage: Number(args.heritage),
  organisations: Math.ceil(Number(args.places) / 4),
};
const OUTPUT = BENCH_OUTPUT;
const log = (s: string) => process.stdout.write(`${s}\n`);

/** Opens (and when not reusing, rebuilds) the benchmark database; returns the postcodes searches start from. */
function prepare(engine: 'pglite' | 'postgres'): Promise<BenchDatabase> {
  return prepareBenchDatabase({ engine, scale, postgresUrl: args['postgres-url']!, database: args.database!, reuse: args.reuse!, log });
}

function startServer(target: string): Promise<{ child: ChildProcess; port: number }> {
  const workers = target.startsWith('postgres') ? args.workers! : '1';
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/output/profiles" to profile the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/bench-server.ts', target, workers], {
    cwd: resolve(args.app!),
    // The IPC channel answers "how many statements so far" (bench-server.ts); older checkouts ignore it.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolvePort, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolvePort({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

/** Peak and current RSS of the server, summed over its HTTP worker processes when there are several. */
const memoryOf = (pid: number) => {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  let peakKb = 0;
  let rssKb = 0;
  for (const p of [pid, ...children]) {
    const status = readFileSync(`/proc/${p}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    peakKb += kb('VmHWM');
    rssKb += kb('VmRSS');
  }
  return { peakMb: Math.round(peakKb / 1024), rssMb: Math.round(rssKb / 1024) };
};

/** CPU time (user + system, ms) of processes, from /proc/<pid>/stat; a process that has gone counts 0. */
const TICK_MS = 1000 / 100; // CLK_TCK is 100 on Linux
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* exited */
    }
  }
  return ticks * TICK_MS;
}
const serverPids = (pid: number) => [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];

/**
 * CPU per page, which other work on the machine barely moves (unlike latency and throughput): the app
 * server's processes, the PostgreSQL backends serving the benchmark database (found through
 * pg_stat_activity before and after, so a connection opened during the run counts whole), and this
 * load generator. Also the statements the app sent, when its server answers over IPC.
 */
async function cpuMeter(engine: 'pglite' | 'postgres', child: ChildProcess) {
  const admin = engine === 'postgres' ? new pg.Client({ connectionString: args['postgres-url'] }) : null;
  await admin?.connect();
  const backends = async () =>
    admin ? (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [args.database])).rows.map((r) => r.pid) : [];
  const statements = () =>
    new Promise<number | null>((resolveCount) => {
      if (!child.send) return resolveCount(null);
      const timer = setTimeout(() => done(null), 1000);
      const onMessage = (m: unknown) => {
        if (m && typeof m === 'object' && 'statements' in m) done(Number((m as { statements: number }).statements));
      };
      const done = (n: number | null) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolveCount(n);
      };
      child.on('message', onMessage);
      child.send('statements');
    });
  const snapshot = async (before?: number[]) => {
    const pgPids = [...new Set([...(before ?? []), ...(await backends())])];
    return { pgPids, app: cpuMsOf(serverPids(child.pid!)), db: cpuMsOf(pgPids), load: process.cpuUsage(), statements: await statements() };
  };
  return {
    async measure<T>(fn: () => Promise<T>) {
      const start = await snapshot();
      const result = await fn();
      const end = await snapshot(start.pgPids);
      // Backends seen only at the end started during the run: all their CPU is the run's.
      const load = process.cpuUsage(start.load);
      await admin?.end();
      return {
        result,
        appMs: end.app - start.app,
        dbMs: end.db - start.db,
        loadMs: (load.user + load.system) / 1000,
        statements: start.statements !== null && end.statements !== null ? end.statements - start.statements : null,
      };
    },
  };
}

async function benchmark(engine: 'pglite' | 'postgres') {
  log(`\n== ${engine}: ${scale.activities} activities at ${scale.places} places, ${scale.heritage} heritage assets`);
  const { target, postcodes } = await prepare(engine);
  const { child, port } = await startServer(target);
  const base = `http://127.0.0.1:${port}`;
  const headers: Record<string, string> = args['accept-encoding'] ? { 'accept-encoding': args['accept-encoding'] } : {};
  try {
    const warm = requestMix(postcodes.slice(-500), 300);
    await runLoad(
      base,
      warm.map((w) => w.url),
      { connections: 4, maxSeconds: 30, headers },
    );
    // Service time: one request at a time, so no request waits behind another.
    const single = requestMix(postcodes.slice(-1000), 200);
    const one = await runLoad(
      base,
      single.map((w) => w.url),
      { connections: 1, maxSeconds: 30, headers },
    );
    const oneSorted = one.latenciesMs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    log(
      `  one connection: ${one.requests} requests, p50 ${percentile(oneSorted, 50).toFixed(1)} ms, p95 ${percentile(oneSorted, 95).toFixed(1)} ms, ` +
        `${(one.requests / one.seconds).toFixed(0)} req/s`,
    );
    const mix = requestMix(postcodes, Number(args.requests));
    const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const meter = await cpuMeter(engine, child);
    const { result, appMs, dbMs, loadMs, statements } = await meter.measure(() =>
      runLoad(
        base,
        mix.map((m) => m.url),
        { connections: Number(args.connections), maxSeconds: Number(args.seconds), headers },
      ),
    );
    const perPage = (ms: number) => (ms / Math.max(1, result.requests)).toFixed(2);
    const memory = memoryOf(child.pid!);
    const all = [...result.latenciesMs.filter((x) => !Number.isNaN(x))].sort((a, b) => a - b);
    const row = (label: string, xs: number[]) =>
      `  ${label.padEnd(50)} n=${String(xs.length).padStart(5)}  p50 ${percentile(xs, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(xs, 95).toFixed(1).padStart(6)} ms  p99 ${percentile(xs, 99).toFixed(1).padStart(6)} ms`;
    log(row('all requests', all));
    for (const kind of [...new Set(mix.map((m) => m.kind))]) {
      const xs = mix
        .map((m, i) => (m.kind === kind ? result.latenciesMs[i]! : NaN))
        .filter((x) => !Number.isNaN(x))
        .sort((a, b) => a - b);
      log(row(kind, xs));
    }
    log(
      `  ${result.requests} requests in ${result.seconds.toFixed(1)} s = ${(result.requests / result.seconds).toFixed(0)} req/s with ${args.connections} connections; ` +
        `errors ${result.errors} ${JSON.stringify(result.statusCounts)}; server peak RSS ${memory.peakMb} MB (now ${memory.rssMb} MB); ` +
        `${(result.bodyBytes / 1024 / Math.max(1, result.requests)).toFixed(1)} KB per response body${args['accept-encoding'] ? ` (Accept-Encoding: ${args['accept-encoding']})` : ' (uncompressed)'}`,
    );
    log(
      `  CPU per page: app ${perPage(appMs)} ms, database ${engine === 'postgres' ? `${perPage(dbMs)} ms` : '(in the app)'}, load generator ${perPage(loadMs)} ms; ` +
        `${statements === null ? 'statements not counted' : `${(statements / Math.max(1, result.requests)).toFixed(2)} statements per page`}; load average at start ${loadAverage}`,
    );
    const summary = {
      engine,
      scale,
      at: new Date().toISOString(),
      app: resolve(args.app!),
      acceptEncoding: args['accept-encoding'],
      requests: result.requests,
      bodyBytes: result.bodyBytes,
      seconds: result.seconds,
      errors: result.errors,
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      p99: percentile(all, 99),
      peakRssMb: memory.peakMb,
      loadAverageAtStart: loadAverage,
      cpuPerPageMs: { app: appMs / result.requests, database: dbMs / result.requests, loadGenerator: loadMs / result.requests },
      statementsPerPage: statements === null ? null : statements / result.requests,
      oneConnection: { p50: percentile(oneSorted, 50), p95: percentile(oneSorted, 95) },
    };
    writeFileSync(join(OUTPUT, `result-${engine}.json`), JSON.stringify(summary, null, 2));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  if (args.explain) {
    const db = engine === 'pglite' ? await openPglite(target) : await openPostgres(target, 2);
    try {
      log(await explainSearches(db, postcodes[0]!));
    } finally {
      await db.close();
    }
  }
}

const engines = args.engine === 'both' ? (['pglite', 'postgres'] as const) : [args.engine as 'pglite' | 'postgres'];
for (const engine of engines) await benchmark(engine);
