import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_URL, ENGINES } from '../../test/engines.ts';
import { openPostgres } from './database.ts';

const onPostgres = ENGINES.some((e) => e.name === 'postgres');

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const backends = (name: string) =>
  admin(async (c) => Number((await c.query('select count(*) from pg_stat_activity where datname = $1', [name])).rows[0].count));

describe.skipIf(!onPostgres)('the PostgreSQL connection pool', () => {
  const name = `waymark_test_pool_${randomBytes(4).toString('hex')}`;
  let url: string;

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${name}`));
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(() => admin((c) => c.query(`drop database if exists ${name} with (force)`)));

  it('has every connection closed by the time close() resolves', async () => {
    const db = await openPostgres(url, 4);
    await Promise.all([1, 2, 3, 4].map(() => db.query('select pg_sleep(0.05)')));
    await db.close();
    expect(await backends(name)).toBe(0);
  });

  it('reports a dropped idle connection instead of crashing the process', async () => {
    const reported: string[] = [];
    const db = await openPostgres(url, 2, { onIdleError: (err) => reported.push(err.message) });
    await Promise.all([db.query('select 1'), db.query('select 1')]);
    const terminated = await admin(async (c) => (await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name])).rowCount);
    expect(terminated).toBeGreaterThanOrEqual(1);
    // Every idle connection reports its loss (waiting for only the first let a query take one not yet reported).
    await expect.poll(() => reported.length).toBe(terminated);
    expect(reported[0]).toMatch(/terminat/i);
    // The pool replaces the lost connections.
    expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    await db.close();
  });
});
