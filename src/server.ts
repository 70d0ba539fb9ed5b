import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import { loadConfig } from './config.ts';
import { createLogger, loggableError } from './logger.ts';
import { openDatabase, type Db } from './data/database.ts';
import { migrate } from './data/migrate.ts';
import { seedDemoData } from './data/seed/seed.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './data/seed/demo-accounts.ts';
import { refreshPassedSessions } from './data/repositories/activity-index.repository.ts';
import { importBoundariesIfMissing } from './data/import/boundaries.importer.ts';
import { systemClock } from './domain/clock.ts';
import { createServices } from './services.ts';
import { createApp } from './app.ts';

/**
 * Process entry. The primary process migrates, seeds and runs the background jobs; it serves HTTP
 * itself, or (on PostgreSQL with WEB_CONCURRENCY > 1) forks stateless HTTP workers.
 */
const config = loadConfig();
const logger = createLogger(config.logLevel);
const isWorker = cluster.isWorker;
let app: Awaited<ReturnType<typeof createApp>> | undefined;
let closing = false;
const timers: NodeJS.Timeout[] = [];

if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  onIdleError: (err) => logger.warn({ err: err.message }, 'a database connection was lost; the pool will reconnect'),
});

if (isWorker) {
  await serveHttp(db);
} else {
  logger.info({ engine: db.engine }, 'database open');
  const ran = await migrate(db);
  if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
  const seeded = config.seedDemo ? await seedDemoData(db, systemClock, config.sessionSecret) : false;
  await refreshPassedSessions(db, systemClock.now());
  await loadMapOutlines(db);
  if (config.webConcurrency > 1) {
    for (let i = 0; i < config.webConcurrency; i++) cluster.fork();
    let listening = 0;
    cluster.on('listening', () => {
      if (++listening === config.webConcurrency) printBanner(seeded);
    });
    cluster.on('exit', (worker, code) => {
      if (!closing) {
        logger.error({ pid: worker.process.pid, code }, 'HTTP worker exited; starting another');
        cluster.fork();
      }
    });
  } else {
    await serveHttp(db);
    printBanner(seeded);
  }
  startJobs(db);
}

/** The map's council outlines, once, when the ONS boundaries are in SHARED_DIR (decision 021); without them the map still works. */
async function loadMapOutlines(database: Db) {
  try {
    const report = await importBoundariesIfMissing(database, config.sharedDir);
    if (report) logger.info({ areas: report.areas, kilobytes: Math.round(report.bytes / 1024), ms: report.ms }, 'map outlines imported');
  } catch (err) {
    logger.warn({ err: loggableError(err) }, 'map outlines could not be imported; maps show no boundaries');
  }
}

async function serveHttp(database: Db) {
  const services = createServices({ db: database, config, clock: systemClock });
  app = await createApp(services, config, logger);
  await app.listen({ port: config.port, host: config.host });
}

function printBanner(seeded: boolean) {
  const where = db.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  let text = `\nWaymark is running at http://localhost:${config.port} (${where})\n`;
  if (config.seedDemo) {
    const lines = DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(12)} ${a.email}`).join('\n');
    text += `${seeded ? 'Demo data seeded. ' : ''}Demo logins (password: ${DEMO_PASSWORD}):\n${lines}\n`;
    text += `The demo administrator uses two-factor sign-in: add the key ${DEMO_TOTP_SECRET} to an authenticator app (time-based, 6 digits), or run npm run demo:admin-code for the current code.\n`;
  }
  process.stdout.write(`${text}\n`);
}

/** Background jobs run once per deployment (in the primary process), each on its own interval. */
function startJobs(database: Db) {
  const services = createServices({ db: database, config, clock: systemClock });
  const HOUR = 60 * 60 * 1000;
  const jobs: { name: string; everyMs: number; run: () => Promise<unknown> }[] = [
    { name: 'refresh next sessions', everyMs: HOUR, run: () => refreshPassedSessions(database, systemClock.now()) },
    { name: 'referral response deadlines', everyMs: HOUR, run: () => services.notify.deadlines.processResponseDeadlines(systemClock.now()) },
    { name: 'deliver notifications', everyMs: 30 * 1000, run: () => services.notify.outbox.deliverPending(50) },
    { name: 'anonymise closed referrals', everyMs: HOUR, run: () => services.privacy.anonymiseClosedReferrals(systemClock.now()) },
    { name: 'listing freshness prompts', everyMs: HOUR, run: () => services.listings.freshness.promptDue() },
    { name: 'purge ended sessions', everyMs: 5 * 60 * 1000, run: () => services.auth.purgeExpired() },
  ];
  for (const job of jobs) {
    const timer = setInterval(() => {
      job.run().catch((err: unknown) => logger.error({ job: job.name, err: loggableError(err) }, 'background job failed'));
    }, job.everyMs);
    timer.unref();
    timers.push(timer);
  }
}
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down');
  for (const t of timers) clearInterval(t);
  if (app) await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
