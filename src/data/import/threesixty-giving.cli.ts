/**
 * Loads 360Giving grants (JSON or CSV) into the database the app uses:
 *   npm run import:360giving -- <file>
 */
import { existsSync, mkdirSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { systemClock } from '../../domain/clock.ts';
import { openDatabase } from '../database.ts';
import { migrate } from '../migrate.ts';
import { importThreeSixtyGiving } from './threesixty-giving.importer.ts';

const [path] = process.argv.slice(2);
if (!path || !existsSync(path)) {
  process.stderr.write(`Usage: npm run import:360giving -- <file.json|file.csv>${path ? ` (not found: ${path})` : ''}\n`);
  process.exit(2);
}
const config = loadConfig();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  process.stdout.write(`Importing 360Giving grants from ${path}…\n`);
  const r = await importThreeSixtyGiving(db, path, systemClock.now(), (n) => process.stdout.write(`  ${n} grants…\n`));
  for (const p of r.problems.slice(0, 20)) process.stdout.write(`  skipped: ${p}\n`);
  process.stdout.write(`Read ${r.read} grants: imported ${r.imported}, skipped ${r.skipped}.\n`);
} finally {
  await db.close();
}
