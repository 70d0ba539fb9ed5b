import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './database.ts';
import { ENGINES } from '../../test/engines.ts';

/**
 * Decision 011: every timestamp the app writes comes from the injected clock. A column that the
 * database fills from its own clock would make tests depend on the day they run.
 */
describe.each(ENGINES)('the schema on $name', (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => db.drop());

  it('lets no column take its value from the database clock', async () => {
    const rows = await db.query<{ column: string; expression: string }>(
      `select table_name || '.' || column_name as column, column_default as expression
         from information_schema.columns
        where table_schema = current_schema()
          and column_default ~* '(now\\(|current_(date|time|timestamp)|localtime|clock_timestamp|statement_timestamp|transaction_timestamp)'
        order by 1`,
    );
    // Only the migration runner's own bookkeeping records the server's time: it is not app data.
    expect(rows.map((r) => r.column)).toEqual(['schema_migrations.applied_at']);
  });

  it('keeps no function or trigger in our schema that reads the clock', async () => {
    const rows = await db.query<{ name: string }>(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = current_schema() and p.prosrc ~* '(now\\(|current_timestamp|clock_timestamp)'`,
    );
    expect(rows).toEqual([]);
  });
});
