import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Db } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';

/**
 * Every test database starts migrated. Building one from nothing costs PGlite an initdb and every
 * migration, so the first test process to need one builds it once and leaves a copy keyed by the
 * migrations' contents: a tar file for PGlite, a template database on the server. Each test still
 * gets its own new database, and `migrate` still runs on it (it finds nothing to do).
 */
const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', 'src', 'data', 'migrations');
const PGLITE_VERSION = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
).version;
const MIGRATIONS_KEY = createHash('sha256')
  .update(PGLITE_VERSION)
  .update(
    readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => `${f}\n${readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8')}`)
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 16);

let migratedPglite: Promise<Blob> | undefined;
function migratedPgliteSnapshot(): Promise<Blob> {
  migratedPglite ??= (async () => {
    const file = path.join(tmpdir(), `waymark-test-pglite-${MIGRATIONS_KEY}.tar`);
    if (!existsSync(file)) {
      const db = await openPglite();
      await migrate(db);
      const tar = Buffer.from(await (await db.dumpDataDir()).arrayBuffer());
      await db.close();
      // Several test processes may get here at once: each writes its own file and renames it into place.
      const own = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(own, tar);
      renameSync(own, file);
    }
    return new Blob([readFileSync(file)]);
  })();
  return migratedPglite;
}

/**
 * The database engines tests run against: PGlite always; the PostgreSQL server at
 * 127.0.0.1:5432 (or TEST_POSTGRES_URL) whenever it answers. Each test database is new and empty.
 */
export type Engine = { name: 'pglite' | 'postgres'; open(): Promise<Db & { drop(): Promise<void> }> };

export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgliteEngine: Engine = {
  name: 'pglite',
  async open() {
    const db = await openPglite(undefined, { loadDataDir: await migratedPgliteSnapshot() });
    await migrate(db);
    return Object.assign(db, { drop: () => db.close() });
  },
};

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A migrated template database on the server, made once under an advisory lock (test processes run
 * at once). CREATE DATABASE … TEMPLATE copies it, and refuses while anyone is connected to it, so it is
 * only ever connected to while it is built, before it gets its final name.
 */
async function migratedPostgresTemplate(admin: pg.Client): Promise<string> {
  const template = `waymark_test_template_${MIGRATIONS_KEY}`;
  const exists = async () => (await admin.query('select 1 from pg_database where datname = $1', [template])).rowCount === 1;
  if (await exists()) return template;
  await admin.query('select pg_advisory_lock(20261208)');
  try {
    if (await exists()) return template;
    const building = `${template}_building`;
    await admin.query(`drop database if exists ${building} with (force)`);
    await admin.query(`create database ${building}`);
    const db = await openPostgres(databaseUrl(building), 1);
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    await admin.query(`alter database ${building} rename to ${template}`);
    return template;
  } finally {
    await admin.query('select pg_advisory_unlock(20261208)');
  }
}

const postgresEngine: Engine = {
  name: 'postgres',
  async open() {
    const name = `waymark_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${await migratedPostgresTemplate(admin)}`);
    } finally {
      await admin.end();
    }
    const db = await openPostgres(databaseUrl(name), 4);
    await migrate(db);
    return Object.assign(db, {
      async drop() {
        await db.close();
        const a = new pg.Client({ connectionString: ADMIN_URL });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    });
  },
};

// TEST_ENGINES=pglite: the year-ahead run (decision 011) moves only this process's clock, and PGlite
// runs inside it; a PostgreSQL server keeps its own time, so running it again there proves nothing more.
const pgliteOnly = process.env.TEST_ENGINES === 'pglite';
const reachable = !pgliteOnly && (await postgresReachable());
if (!reachable && !pgliteOnly && !process.env.CI_QUIET) {
  console.warn('PostgreSQL at 127.0.0.1:5432 is not reachable: database tests run on PGlite only.');
}

/** Use with describe.each(ENGINES)('… (%s)', …) or a for loop. */
export const ENGINES: Engine[] = reachable ? [pgliteEngine, postgresEngine] : [pgliteEngine];
