import { AsyncLocalStorage } from 'node:async_hooks';
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

/** An embedded database that can also be written out whole, as a tar file (tests start from a migrated one). */
export type PgliteDb = Db & { dumpDataDir(): Promise<Blob> };

/**
 * `loadDataDir`: an in-memory database starts from this tar file (from `dumpDataDir`) instead of an
 * empty cluster, which skips PGlite's initdb.
 */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteDb> {
  const client = await PGlite.create(dataDir, {
    loadDataDir: options.loadDataDir,
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
  return Object.assign(wrap(client, false), { dumpDataDir: () => client.dumpDataDir('none') });
}

export type PostgresOptions = {
  /** Told when an idle pooled connection fails (server restart, administrator termination); the pool replaces it. */
  onIdleError?: (err: Error) => void;
  /** A read replica (hot standby): nothing is created, and every transaction is read-only. */
  readOnly?: boolean;
};

export async function openPostgres(connectionString: string, poolSize = 10, opts: PostgresOptions = {}): Promise<Db> {
  pg.types.setTypeParser(INT8, (v) => Number(v));
  pg.types.setTypeParser(NUMERIC, (v) => Number(v));
  pg.types.setTypeParser(DATE, (v) => v);
  const settings: [string, string][] = opts.readOnly ? [...SESSION_SETTINGS, ['default_transaction_read_only', 'on']] : SESSION_SETTINGS;
  const options = settings.map(([k, v]) => `-c ${k}=${v}`).join(' ');
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
  // A standby refuses even `create … if not exists`; it has whatever the primary has.
  if (!opts.readOnly) await pool.query(EXTENSIONS);
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

// Read routing (decision 025). Set around a request that may read from the replica: a GET of a public
// page by a signed-out visitor (src/web/middleware/read-routing.ts). Everything else, and every
// transaction, uses the primary. (`run`, never `enterWith`: requests on one keep-alive connection
// share an async context, and the setting must not pass from one to the next.)
const replicaReads = new AsyncLocalStorage<true>();

/** Runs fn, and everything it starts, with plain queries allowed to go to the read replica. */
export function readingFromReplica<T>(fn: () => T): T {
  return replicaReads.run(true, fn);
}

/**
 * Errors after which the same statement is worth sending to the primary instead: the replica is
 * unreachable or shutting down, refused a write (25006: someone added a write to a public page), or
 * cancelled the query because replay needed its rows (40001). An error in the statement itself
 * (bad input, a constraint) would fail on the primary too, so it is thrown as it is.
 */
function worthAskingPrimary(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code === '25006' || code === '40001' || code.startsWith('08') || code.startsWith('57P');
}

/**
 * A Db that sends plain queries to `replica` inside `readingFromReplica` / after
 * `readFromReplicaFromHereOn`, and everything else to `primary`. `onFallback` is told when a
 * replica query was answered by the primary instead.
 */
export function withReadReplica(primary: Db, replica: Db, opts: { onFallback?: (error: unknown) => void } = {}): Db {
  return {
    engine: primary.engine,
    async query<T>(sql: string, params?: readonly unknown[]) {
      if (!replicaReads.getStore()) return primary.query<T>(sql, params);
      try {
        return await replica.query<T>(sql, params);
      } catch (error) {
        if (!worthAskingPrimary(error)) throw error;
        opts.onFallback?.(error);
        return primary.query<T>(sql, params);
      }
    },
    exec: (sql) => primary.exec(sql),
    transaction: (fn) => primary.transaction(fn),
    async close() {
      await Promise.all([primary.close(), replica.close()]);
    },
  };
}

export async function openDatabase(
  opts: {
    databaseUrl?: string | undefined;
    databaseReadUrl?: string | undefined;
    dataDir?: string;
    onReplicaFallback?: (error: unknown) => void;
  } & PostgresOptions,
): Promise<Db> {
  if (!opts.databaseUrl) return openPglite(opts.dataDir);
  const primary = await openPostgres(opts.databaseUrl, 10, opts);
  if (!opts.databaseReadUrl) return primary;
  const replica = await openPostgres(opts.databaseReadUrl, 10, { ...opts, readOnly: true });
  return withReadReplica(primary, replica, { onFallback: opts.onReplicaFallback });
}
