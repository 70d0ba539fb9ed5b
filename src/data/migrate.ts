import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Db } from './database.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Any fixed number: the advisory lock that lets one process at a time migrate a PostgreSQL database. */
const MIGRATION_LOCK = 20261207;

/**
 * Applies each not-yet-applied `NNN_name.sql` file in order, each in its own transaction. Several
 * app processes may start at once against one PostgreSQL database (decision 025): each file's
 * transaction first takes an advisory lock and checks again, so every file is applied exactly once.
 */
export async function migrate(db: Db): Promise<string[]> {
  const lock = async (tx: Db) => {
    if (db.engine === 'postgres') await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  };
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`);
  });
  const applied = new Set((await db.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name));
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const ran: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
    const appliedHere = await db.transaction(async (tx) => {
      await lock(tx);
      if ((await tx.query('select 1 from schema_migrations where name = $1', [file])).length > 0) return false;
      await tx.exec(sql);
      await tx.query('insert into schema_migrations (name) values ($1)', [file]);
      return true;
    });
    if (appliedHere) ran.push(file);
  }
  return ran;
}
