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
  const db = await openDatabase(isUrl ? { databaseUrl: target } : { dataDir: target });
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
