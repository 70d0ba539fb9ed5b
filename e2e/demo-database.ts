import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { openPglite } from '../src/data/database.ts';
import { migrate } from '../src/data/migrate.ts';
import { seedDemoData } from '../src/data/seed/seed.ts';
import { importBoundariesIfMissing } from '../src/data/import/boundaries.importer.ts';
import { importDeprivationIfMissing } from '../src/data/import/deprivation.importer.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/domain/clock.ts';

/**
 * The browser journeys' demo database, made once per run (e2e/run.sh) and copied for each spec's app,
 * so that every app starts on a migrated, seeded database with the map outlines instead of building
 * one itself: the server finds the migrations applied and the demo data present and goes straight on.
 * Its dates are relative to when it was made, a few minutes before the specs that use it.
 */
export const DEMO_DATABASE_ENV = 'E2E_DEMO_DATABASE';

/** Copies the prepared demo database to `target`, if the run prepared one; says whether it did. */
export function copyDemoDatabase(target: string): boolean {
  const source = process.env[DEMO_DATABASE_ENV];
  if (!source || !existsSync(path.join(source, 'PG_VERSION'))) return false;
  cpSync(source, target, { recursive: true });
  return true;
}

export async function prepareDemoDatabase(dir: string): Promise<void> {
  const config = loadConfig();
  const db = await openPglite(dir);
  try {
    await migrate(db);
    await seedDemoData(db, systemClock, config.sessionSecret);
    await importBoundariesIfMissing(db, config.sharedDir);
    await importDeprivationIfMissing(db, config.sharedDir);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node --import tsx e2e/demo-database.ts <empty folder>');
  await prepareDemoDatabase(dir);
}
