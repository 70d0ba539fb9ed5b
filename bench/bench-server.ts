/**
 * The real app over a benchmark database, in its own process so its memory can be measured:
 *   tsx bench/bench-server.ts <postgres-url | pglite-data-dir> [workers]
 * With workers > 1 (PostgreSQL only) the HTTP servers run in that many cluster workers, as
 * `WEB_CONCURRENCY` does in src/server.ts. Prints "LISTENING <port>" once all accept requests.
 */
import cluster from 'node:cluster';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/data/database.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createLogger } from '../src/logger.ts';
import { createServices } from '../src/services.ts';
import type { Db } from '../src/data/database.ts';

/**
 * Counts the statements the app sends (plain queries and those inside transactions), so the benchmark
 * can report queries per page. The benchmark asks for the count over the IPC channel it opens.
 */
let statements = 0;
function countingQueries(db: Db): Db {
  const wrap = (d: Db): Db => ({
    engine: d.engine,
    query: (sql, params) => {
      statements++;
      return d.query(sql, params);
    },
    exec: (sql) => {
      statements++;
      return d.exec(sql);
    },
    transaction: (fn) => {
      statements += 2; // begin and commit
      return d.transaction((tx) => fn(wrap(tx)));
    },
    close: () => d.close(),
  });
  return wrap(db);
}
process.on('message', (m) => {
  if (m === 'statements') process.send?.({ statements });
});

const target = process.argv[2] ?? '';
const isUrl = target.startsWith('postgres');
const workers = isUrl ? Math.max(1, Number(process.argv[3] ?? '1')) : 1;

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === workers) process.stdout.write(`LISTENING ${address.port}\n`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 500);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const db = countingQueries(await openDatabase(isUrl ? { databaseUrl: target } : { dataDir: target }));
  const services = createServices({ db, config: { ...config, databaseUrl: isUrl ? target : undefined, dataDir: target }, clock: systemClock });
  const app = await createApp(services, config, createLogger('silent'));
  // In a cluster, port 0 makes the primary choose one port that every worker shares.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (cluster.isPrimary) process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
