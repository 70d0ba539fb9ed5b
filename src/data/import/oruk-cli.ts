/**
 * Imports a directory from an Open Referral UK feed (1.0 or 3.0) into the database the app uses (decision 046):
 *   npm run import:oruk -- <url|file.json> [--dry-run] [--trusted] [--scheme <name>]
 * --dry-run   reads the whole feed and prints what would be created, updated and rejected, writing nothing
 * --trusted   marks the source trusted: its listings go live without review (otherwise they wait in the review queue)
 * --scheme    the social prescribing scheme expected to review them: checked to exist, and the output says how many
 *             of the imported listings are in its area (a listing is reviewed where its place is, decision 016)
 * A run stopped part-way (Ctrl-C, a page the feed would not give) resumes after its last page done when run again.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig } from '../../config.ts';
import { systemClock } from '../../domain/clock.ts';
import { areaCoversPlace } from '../../domain/scheme-area.ts';
import { createFeedFetcher } from '../../services/oruk-feed-fetch.ts';
import { createOrukImportService, type ImportReport } from '../../services/oruk-import.service.ts';
import { openDatabase } from '../database.ts';
import { migrate } from '../migrate.ts';
import { createOrukImportRepository } from '../repositories/oruk-import.repository.ts';

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const args = process.argv.slice(2);
const schemeAt = args.indexOf('--scheme');
const schemeName = schemeAt >= 0 ? args[schemeAt + 1] : undefined;
const rest = schemeAt >= 0 ? [...args.slice(0, schemeAt), ...args.slice(schemeAt + 2)] : args;
const flags = new Set(rest.filter((a) => a.startsWith('--')));
const target = rest.find((a) => !a.startsWith('--'));
const unknown = [...flags].filter((f) => f !== '--dry-run' && f !== '--trusted');
if (!target || unknown.length > 0 || (schemeAt >= 0 && !schemeName)) {
  process.stderr.write('Usage: npm run import:oruk -- <feed address or saved .json file> [--dry-run] [--trusted] [--scheme <name>]\n');
  process.exit(2);
}
const isUrl = /^https?:\/\//i.test(target);
let fileJson: unknown;
if (!isUrl) {
  try {
    if (statSync(target).size > MAX_FILE_BYTES) throw new Error('larger than 50 MB');
    fileJson = JSON.parse(readFileSync(target, 'utf8'));
  } catch (err) {
    process.stderr.write(`Cannot read ${target}: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

export function printReport(r: ImportReport, out: (line: string) => void) {
  const verb = r.dryRun ? 'would be ' : '';
  for (const row of r.rows) out(`  page ${row.page}  ${row.outcome.padEnd(9)} ${row.externalId}  ${row.name}${row.reason ? ` — ${row.reason}` : ''}`);
  out(
    `${r.dryRun ? 'Dry run: ' : ''}Open Referral UK ${r.version ?? '?'}, ${r.pages} pages${r.resumedAfterPage ? ` (resumed after page ${r.resumedAfterPage})` : ''}: ` +
      `${r.counts.created} ${verb}created, ${r.counts.updated} ${verb}updated, ${r.counts.unchanged} unchanged, ${r.counts.rejected} rejected, ${r.counts.withdrawn} ${verb}withdrawn (no longer in the feed). ` +
      (r.trusted ? 'Trusted source: listings go live.' : 'Listings wait in the review queue.'),
  );
  if (r.unmapped.length > 0)
    out(`Terms not mapped yet (map them at /coordinator/imports/terms): ${r.unmapped.map((u) => `${u.label} (${u.records})`).join(', ')}`);
  if (r.stopped) out(`Stopped: ${r.stopped}`);
}

const config = loadConfig();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  const repo = createOrukImportRepository(db);
  const scheme = schemeName ? await repo.findSchemeByName(schemeName) : undefined;
  if (schemeName && !scheme) throw new Error(`There is no scheme called “${schemeName}”`);
  const importer = createOrukImportService({
    db,
    repo,
    clock: systemClock,
    // The operator running the command may read a feed on their own network.
    fetcher: createFeedFetcher({ allowPrivate: true }),
  });
  const report = await importer.run(null, {
    source: isUrl ? { kind: 'url', address: target } : { kind: 'file', name: basename(target), json: fileJson },
    dryRun: flags.has('--dry-run'),
    ...(flags.has('--trusted') ? { markTrusted: true } : {}),
  });
  printReport(report, (line) => process.stdout.write(`${line}\n`));
  if (scheme && report.runId) {
    const area = { everywhere: false as const, schemeId: scheme.id, outcodes: scheme.outcodes };
    const postcodes = await repo.placePostcodesOfRun(report.runId);
    const inArea = postcodes.filter((p) => areaCoversPlace(area, p)).length;
    process.stdout.write(
      `${inArea} of the ${postcodes.length} listings this run created or changed are in ${scheme.name}’s area; the others are reviewed by the coordinators of their places’ areas.\n`,
    );
  } else if (scheme) {
    process.stdout.write(`Scheme ${scheme.name} found; after a real import this says how many listings are in its area.\n`);
  }
} catch (err) {
  process.stderr.write(`Import failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
