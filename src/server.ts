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
import { importDeprivationIfMissing } from './data/import/deprivation.importer.ts';
import { systemClock } from './domain/clock.ts';
import { createServices } from './services.ts';
import { createApp } from './app.ts';
import { createBackgroundJobRunner } from './background-jobs.ts';
import type { JobRunner } from './services/job-runner.service.ts';
import { warmAssets } from './web/assets.ts';

/**
 * Process entry. The primary process migrates, seeds and runs the background jobs (unless JOBS=off);
 * it serves HTTP itself, or (on PostgreSQL with WEB_CONCURRENCY > 1) forks stateless HTTP workers.
 * Several such processes, on one machine or many, may share a PostgreSQL database: each turn of a job
 * runs once, in whichever process claims it first (decision 025).
 */
const config = loadConfig();
const logger = createLogger(config.logLevel);
const isWorker = cluster.isWorker;
let app: Awaited<ReturnType<typeof createApp>> | undefined;
let closing = false;
let jobs: JobRunner | undefined;
let replicaFallbacks = 0;

if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  databaseReadUrl: config.databaseReadUrl,
  dataDir: config.dataDir,
  onIdleError: (err) => logger.warn({ err: err.message }, 'a database connection was lost; the pool will reconnect'),
  onReplicaFallback: (err) => {
    // Once, then every thousandth: an unreachable replica would otherwise log on every public query.
    if (replicaFallbacks++ % 1000 === 0) logger.warn({ err: loggableError(err), times: replicaFallbacks }, 'read replica failed a query; the primary answered');
  },
});

if (isWorker) {
  await serveHttp(db);
} else {
  logger.info({ engine: db.engine, readReplica: Boolean(config.databaseReadUrl), jobs: config.jobs }, 'database open');
  const ran = await migrate(db);
  if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
  const seeded = config.seedDemo ? await seedDemoData(db, systemClock, config.sessionSecret) : false;
  await refreshPassedSessions(db, systemClock.now());
  await loadMapOutlines(db);
  await loadDeprivation(db);
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
  if (config.jobs) startJobs(db);
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

/** The Indices of Deprivation for insight, once, when the IoD files are in SHARED_DIR (decision 044; about 3 s). */
async function loadDeprivation(database: Db) {
  try {
    const report = await importDeprivationIfMissing(database, config.sharedDir);
    if (report) logger.info({ neighbourhoods: report.lsoas, postcodes: report.postcodes, ms: report.ms }, 'deprivation data imported');
    if (report && report.postcodes === 0) logger.warn('postcodes not given neighbourhoods at start-up: run npm run import:deprivation');
  } catch (err) {
    logger.warn({ err: loggableError(err) }, 'deprivation data could not be imported; insight shows how to load it');
  }
}

async function serveHttp(database: Db) {
  const services = createServices({ db: database, config, clock: systemClock });
  app = await createApp(services, config, logger);
  await app.listen({ port: config.port, host: config.host });
  // Compress the stylesheets and scripts now, off the event loop, rather than for the first visitor.
  warmAssets().catch((err: unknown) => logger.warn({ err: loggableError(err) }, 'could not precompress static files'));
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

/** Background jobs: polled every few seconds; the database decides which process runs each turn. */
function startJobs(database: Db) {
  const services = createServices({ db: database, config, clock: systemClock });
  jobs = createBackgroundJobRunner({
    db: database,
    services,
    clock: systemClock,
    onFailure: (job, err) => logger.error({ job, err: loggableError(err) }, 'background job failed'),
  });
  jobs.start();
}

async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down');
  // Let a running job finish so its outcome and next turn are recorded (its lease would cover it anyway).
  await jobs?.stop();
  if (app) await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
