import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_URL, ENGINES } from '../../test/engines.ts';
import { openPostgres, type Db } from './database.ts';
import { migrate } from './migrate.ts';

// Several app processes starting at once against one empty PostgreSQL database (decision 025).
const postgres = ENGINES.some((e) => e.name === 'postgres');
describe.skipIf(!postgres)('migrating from several processes at once', () => {
  const name = `waymark_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  const processes: Db[] = [];
  beforeAll(async () => {
    await admin(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    for (let i = 0; i < 3; i++) processes.push(await openPostgres(url.toString(), 3));
  });
  afterAll(async () => {
    for (const db of processes) await db.close();
    await admin(`drop database if exists ${name} with (force)`);
  });

  it('applies every migration once, in order, whichever process gets there first', async () => {
    const ran = await Promise.all(processes.map((db) => migrate(db)));
    const all = ran.flat();
    expect(all.length).toBeGreaterThan(10);
    expect(new Set(all).size).toBe(all.length);
    const applied = await processes[0]!.query<{ name: string }>('select name from schema_migrations order by applied_at, name');
    expect(applied.map((r) => r.name)).toEqual([...all].sort());
    expect(await migrate(processes[1]!)).toEqual([]);
  });
});
