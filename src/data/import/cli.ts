/**
 * Loads official open data into the database the app uses (DATABASE_URL, or the PGlite data folder):
 *   npm run import:postcodes [folder-or-file]   OS Code-Point Open CSVs (default <SHARED_DIR>/data/postcodes/codepoint-open-csv)
 *   npm run import:heritage [data-folder]       NHLE layers and Mapping Museums (default <SHARED_DIR>/data)
 *   npm run import:boundaries [geojson-file]    local authority outlines for the map (default: ONS LAD May 2024 BUC in <SHARED_DIR>/data)
 *   npm run import:deprivation [iod-folder] [centroids.csv]  English Indices of Deprivation by LSOA: File_1 and File_6
 *                                               (default <SHARED_DIR>/data/imd2019-lsoa and the LSOA centroids there), then postcodes → LSOA
 *   npm run import:rural-urban <csv>            ONS 2011 Rural Urban Classification of LSOAs (LSOA11CD, RUC11CD, RUC11); not in SHARED_DIR
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../database.ts';
import { migrate } from '../migrate.ts';
import { findBoundariesFile, importBoundaries } from './boundaries.importer.ts';
import { importCodePoint } from './codepoint.importer.ts';
import { findDeprivationFiles, importDeprivation } from './deprivation.importer.ts';
import { importHeritage } from './heritage.importer.ts';
import { importRuralUrban } from './rural-urban.importer.ts';

const [command, pathArg, secondArg] = process.argv.slice(2);
const config = loadConfig();
const defaults: Record<string, string> = {
  postcodes: join(config.sharedDir, 'data/postcodes/codepoint-open-csv'),
  heritage: join(config.sharedDir, 'data'),
  boundaries: findBoundariesFile(config.sharedDir) ?? join(config.sharedDir, 'data/lad2024-boundaries-england'),
  deprivation: join(config.sharedDir, 'data/imd2019-lsoa'),
  'rural-urban': join(config.sharedDir, 'data/ruc2011-lsoa/Rural_Urban_Classification_2011_of_Lower_Layer_Super_Output_Areas_in_England_and_Wales.csv'),
};

if (!command || !(command in defaults)) {
  process.stderr.write('Usage: tsx src/data/import/cli.ts postcodes|heritage|boundaries|deprivation|rural-urban [path]\n');
  process.exit(2);
}
const path = pathArg ?? defaults[command]!;
if (!existsSync(path)) {
  process.stderr.write(`Not found: ${path}\n`);
  process.exit(1);
}

if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  const target = db.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
  if (command === 'postcodes') {
    process.stdout.write(`Importing Code-Point Open from ${path} into ${target}…\n`);
    const r = await importCodePoint(db, path, { onFile: (file, rows) => process.stdout.write(`  ${file}: ${rows} rows\n`) });
    process.stdout.write(
      `Imported ${r.imported} postcodes from ${r.files} files (${r.rows} rows) in ${(r.ms / 1000).toFixed(1)} s; ` +
        `skipped ${r.skippedNoGrid} with no grid reference and ${r.skippedInvalid} invalid; ${r.outcodes} outcode centroids.\n`,
    );
  } else if (command === 'deprivation') {
    const centroids = secondArg ?? join(config.sharedDir, 'data/lsoa2011-imd2019/derived/lsoa11_centroids_imd2019_england.csv');
    const files = await findDeprivationFiles(path, centroids);
    if (!files) throw new Error(`No File_1 (Index of Multiple Deprivation) CSV in ${path}`);
    process.stdout.write(`Importing the Indices of Deprivation from ${path} into ${target}…\n`);
    if (!files.centroids) process.stdout.write(`  no centroids file at ${centroids}: neighbourhoods will not be placed, and postcodes get none\n`);
    const r = await importDeprivation(db, files, { onStep: (line) => process.stdout.write(`${line}\n`) });
    const total = Object.values(r.ms).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Imported ${r.lsoas} neighbourhoods (IMD ${r.edition}) and gave ${r.postcodes} postcodes a neighbourhood in ${(total / 1000).toFixed(1)} s.\n`,
    );
  } else if (command === 'rural-urban') {
    process.stdout.write(`Importing the 2011 Rural Urban Classification from ${path} into ${target}…\n`);
    const r = await importRuralUrban(db, path);
    process.stdout.write(
      `Classified ${r.classified} neighbourhoods (${r.rural} rural), skipped ${r.skipped} rows; ${r.notInIndices} are not in the Indices of Deprivation loaded; ${(r.ms / 1000).toFixed(1)} s.\n`,
    );
  } else if (command === 'boundaries') {
    process.stdout.write(`Importing local authority outlines from ${path} into ${target}…\n`);
    const r = await importBoundaries(db, path);
    process.stdout.write(
      `Imported ${r.areas} areas (${r.skipped} skipped), ${r.points} points, ${(r.bytes / 1024).toFixed(0)} KB for the map, in ${(r.ms / 1000).toFixed(1)} s.\n`,
    );
  } else {
    process.stdout.write(`Importing heritage assets from ${path} into ${target}…\n`);
    const r = await importHeritage(db, path);
    for (const [file, c] of Object.entries(r.files)) process.stdout.write(`  ${file}: ${c.imported} imported, ${c.skipped} skipped\n`);
    for (const file of r.missing) process.stdout.write(`  missing, skipped: ${file}\n`);
    process.stdout.write(`Done in ${(r.ms / 1000).toFixed(1)} s.\n`);
  }
} finally {
  await db.close();
}
