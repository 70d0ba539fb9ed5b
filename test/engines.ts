import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Db } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';

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
    const db = await openPglite();
    await migrate(db);
    return Object.assign(db, { drop: () => db.close() });
  },
};

const postgresEngine: Engine = {
  name: 'postgres',
  async open() {
    const name = `waymark_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString(), 4);
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
