/**
 * Two versions of the app side by side, in the same conditions: each runs as its own server over the
 * same national-scale database (built by `npm run bench`), and every request of the mix is sent to
 * both, in alternating order, by the same connections. Prints CPU per page for each: the server
 * process, and its PostgreSQL backends (told apart by application_name, set through PGAPPNAME). On a
 * machine shared with other work both see the same contention, so the difference between them means
 * more than either figure. (Two copies of the database would compete for PostgreSQL's shared buffers
 * and make whichever is less cached look slower: 1.3 ms per page for the same code, measured.)
 *
 *   npx tsx bench/search-compare.bench.ts --a ../before --b . [--database waymark_bench]
 *                                         [--requests 2000] [--connections 8] [--accept-encoding "gzip, deflate, br"]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { requestMix } from './request-mix.ts';

const { values: args } = parseArgs({
  options: {
    a: { type: 'string', default: '.' },
    b: { type: 'string', default: '.' },
    database: { type: 'string', default: 'waymark_bench' },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    requests: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '8' },
    activities: { type: 'string', default: '50000' },
    'accept-encoding': { type: 'string', default: '' },
  },
});
const log = (s: string) => process.stdout.write(`${s}\n`);
const urlOf = (database: string) => {
  const url = new URL(args['postgres-url']!);
  url.pathname = `/${database}`;
  return url.toString();
};
const headers: Record<string, string> = args['accept-encoding'] ? { 'accept-encoding': args['accept-encoding'] } : {};

function startServer(app: string, name: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bench-server.ts', urlOf(args.database!), '1'], {
    cwd: resolve(app),
    env: { ...process.env, PGAPPNAME: `waymark_compare_${name}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) ok({ child, base: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => fail(new Error(`server in ${app} exited with ${code}`)));
  });
}

const ticksOf = (pids: number[]) => {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* exited */
    }
  }
  return ticks * 10; // ms (CLK_TCK 100)
};

const admin = new pg.Client({ connectionString: args['postgres-url'] });
await admin.connect();
const backends = async (name: string) =>
  (
    await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and application_name = $2', [
      args.database,
      `waymark_compare_${name}`,
    ])
  ).rows.map((r) => r.pid);

const meta = JSON.parse(readFileSync(resolve(`bench/output/${args.database}-${args.activities}.json`), 'utf8')) as { postcodes: string[] };
const sides = [
  { name: 'a', app: args.a! },
  { name: 'b', app: args.b! },
];
const servers = await Promise.all(sides.map((s) => startServer(s.app, s.name)));
const agents = servers.map(() => new Agent({ keepAlive: true, maxSockets: Number(args.connections) }));
const get = (side: number, url: string) =>
  new Promise<void>((ok, fail) => {
    const req = request(servers[side]!.base + url, { agent: agents[side], headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? ok() : fail(new Error(`${url} answered ${res.statusCode}`))));
    });
    req.on('error', fail);
    req.end();
  });
const run = async (urls: string[]) => {
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      const order = i % 2 === 0 ? [0, 1] : [1, 0];
      for (const side of order) await get(side, urls[i]!);
    }
  };
  await Promise.all(Array.from({ length: Number(args.connections) }, worker));
};

try {
  await run(requestMix(meta.postcodes.slice(-500), 300).map((m) => m.url));
  const mix = requestMix(meta.postcodes, Number(args.requests)).map((m) => m.url);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const before = await Promise.all(
    sides.map(async (s, i) => {
      const pgPids = await backends(s.name);
      return { pgPids, app: ticksOf([servers[i]!.child.pid!]), db: ticksOf(pgPids) };
    }),
  );
  const started = performance.now();
  await run(mix);
  const seconds = (performance.now() - started) / 1000;
  log(`${mix.length} requests to each side, ${args.connections} connections, ${seconds.toFixed(0)} s; load average at start ${load}`);
  for (const [i, s] of sides.entries()) {
    const pgPids = [...new Set([...before[i]!.pgPids, ...(await backends(s.name))])];
    const app = (ticksOf([servers[i]!.child.pid!]) - before[i]!.app) / mix.length;
    const db = (ticksOf(pgPids) - before[i]!.db) / mix.length;
    log(`  ${s.name} (${resolve(s.app)}): CPU per page app ${app.toFixed(2)} ms, database ${db.toFixed(2)} ms, together ${(app + db).toFixed(2)} ms`);
  }
} finally {
  for (const a of agents) a.destroy();
  for (const { child } of servers) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  await admin.end();
}
