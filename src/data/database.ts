import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { WORD_CORRECTION_SIMILARITY } from '../domain/search.ts';

/** The small database interface every repository uses; both engines run the same SQL. */
/**
 * A row as the driver returns it, for repositories that map columns to a typed object straight away
 * (the mapping function is where the types are checked, not here).
 */
// biome-ignore lint/suspicious/noExplicitAny: rows are untyped until a repository maps them
export type SqlRow = Record<string, any>;

export interface Db {
  readonly engine: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements separated by semicolons (migrations, set-up). No parameters. */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction: everything it writes lands, or nothing does. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function one<T>(db: Db, sql: string, params?: readonly unknown[]): Promise<T> {
  const rows = await db.query<T>(sql, params);
  const row = rows[0];
  if (row === undefined) throw new Error('Expected one row, got none');
  return row;
}

export async function maybeOne<T>(db: Db, sql: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await db.query<T>(sql, params);
  return rows[0];
}

/** Extensions both engines load: trigrams for typo correction, unaccent for the search configuration (café = cafe). */
const EXTENSIONS = 'create extension if not exists pg_trgm; create extension if not exists unaccent';

/** Set on every connection: the search's typo correction relies on the `%` operator's threshold. */
const SESSION_SETTINGS: [string, string][] = [['pg_trgm.similarity_threshold', String(WORD_CORRECTION_SIMILARITY)]];

// Same value shapes from both engines: counts as numbers, dates as 'YYYY-MM-DD' strings.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export async function openPglite(dataDir?: string): Promise<Db> {
  const client = await PGlite.create(dataDir, {
    extensions: { pg_trgm, unaccent },
    parsers: {
      [INT8]: (v: string) => Number(v),
      [NUMERIC]: (v: string) => Number(v),
      [DATE]: (v: string) => v,
    },
  });
  void pgliteTypes;
  await client.exec(`${EXTENSIONS}; ${SESSION_SETTINGS.map(([k, v]) => `set ${k} = ${v}`).join('; ')}`);
  let queue: Promise<unknown> = Promise.resolve();
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>, inTransaction: boolean): Db => ({
    engine: 'pglite',
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<T>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (inTransaction) return fn(wrap(q, true));
      // PGlite has one connection: serialise transactions so they never interleave.
      const run = queue.then(() => client.transaction((tx) => fn(wrap(tx, true))));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await client.close();
    },
  });
  return wrap(client, false);
}

export type PostgresOptions = {
  /** Told when an idle pooled connection fails (server restart, administrator termination); the pool replaces it. */
  onIdleError?: (err: Error) => void;
};

export async function openPostgres(connectionString: string, poolSize = 10, opts: PostgresOptions = {}): Promise<Db> {
  pg.types.setTypeParser(INT8, (v) => Number(v));
  pg.types.setTypeParser(NUMERIC, (v) => Number(v));
  pg.types.setTypeParser(DATE, (v) => v);
  const options = SESSION_SETTINGS.map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const pool = new pg.Pool({ connectionString, max: poolSize, options });
  // Without a listener, an idle connection's error is thrown as an uncaught exception.
  pool.on('error', (err) => opts.onIdleError?.(err));
  // pool.end() resolves once the clients are asked to end, not when they have: track them so
  // close() returns only when every connection is really gone.
  const connected = new Set<pg.Client>();
  pool.on('connect', (client) => {
    connected.add(client);
    client.once('end', () => connected.delete(client));
  });
  await pool.query(EXTENSIONS);
  const fromClient = (client: pg.PoolClient): Db => ({
    engine: 'postgres',
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await client.query(sql, params as unknown[] | undefined);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (fn) => fn(fromClient(client)),
    async close() {
      /* the pool owns the client */
    },
  });
  return {
    engine: 'postgres',
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await pool.query(sql, params as unknown[] | undefined);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(fromClient(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      const closing = [...connected].map((client) => new Promise((resolve) => client.once('end', resolve)));
      await pool.end();
      await Promise.all(closing);
    },
  };
}

export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir?: string } & PostgresOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, 10, opts);
  return openPglite(opts.dataDir);
}
