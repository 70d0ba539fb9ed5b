import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { currentLadCode, findColumns, publishedInteger } from '../../domain/deprivation.ts';
import { latLngToGrid } from '../../domain/geo.ts';
import type { Db } from '../database.ts';
import { readCsvFile } from './csv.ts';

/**
 * The English Indices of Deprivation by LSOA (decision 044), as kept in SHARED_DIR:
 *   File_1 (IMD rank and decile), File_6 (population denominators), both read by column name so
 *   the 2025 release loads the same way, and a centroids CSV (LSOA code, latitude, longitude) to
 *   place each neighbourhood. Then each postcode is given its neighbourhood (`assignPostcodeLsoas`).
 */
export type DeprivationFiles = { imd: string; population: string | null; centroids: string | null };
export type DeprivationReport = {
  edition: number;
  lsoas: number;
  removed: number;
  withPopulation: number;
  placed: number;
  skipped: number;
  postcodes: number;
  ms: Record<'imd' | 'population' | 'centroids' | 'postcodes', number>;
};

const IMD_FILE = /^File_1[^0-9].*\.csv(\.gz)?$/i;
const POPULATION_FILE = /^File_6[^0-9].*\.csv(\.gz)?$/i;
const CENTROIDS = 'data/lsoa2011-imd2019/derived/lsoa11_centroids_imd2019_england.csv';
const BATCH = 5000;

/** The IoD files in a folder (File_1 and File_6), and the centroids file when it is there. */
export async function findDeprivationFiles(folder: string, centroids: string | null): Promise<DeprivationFiles | null> {
  if (!existsSync(folder)) return null;
  const names = (await readdir(folder)).sort();
  const imd = names.find((n) => IMD_FILE.test(n));
  if (!imd) return null;
  const population = names.find((n) => POPULATION_FILE.test(n));
  return { imd: join(folder, imd), population: population ? join(folder, population) : null, centroids: centroids && existsSync(centroids) ? centroids : null };
}

/** The 2019 files under a shared data folder, or null when they are not there. */
export const findSharedDeprivationFiles = (sharedDir: string) => findDeprivationFiles(join(sharedDir, 'data/imd2019-lsoa'), join(sharedDir, CENTROIDS));

async function* rowsWithHeader(file: string) {
  let header: string[] | null = null;
  for await (const row of readCsvFile(file)) {
    if (!header) header = row;
    else yield { header, row };
  }
}

async function readHeader(file: string): Promise<string[]> {
  for await (const row of readCsvFile(file)) return row;
  return [];
}

const columnError = (file: string, missing: readonly string[]) =>
  new Error(`${basename(file)}: no column for ${missing.join(', ')} (is this the published layout?)`);

/** Loads File_1 (replacing neighbourhoods no longer in it), then File_6 and the centroids, one transaction each. */
export async function importDeprivation(
  db: Db,
  files: DeprivationFiles,
  opts: { onStep?: (line: string) => void; assignPostcodes?: boolean } = {},
): Promise<DeprivationReport> {
  const say = opts.onStep ?? (() => {});
  const ms = { imd: 0, population: 0, centroids: 0, postcodes: 0 };
  let t = performance.now();

  // File_1: code, name, district, rank, decile.
  const header = await readHeader(files.imd);
  const { index, missing } = findColumns(header, ['lsoaCode', 'lsoaName', 'ladCode', 'ladName', 'imdRank', 'imdDecile'] as const);
  if (missing.length > 0) throw columnError(files.imd, missing);
  const yearHeading = header[index.lsoaCode]!;
  const edition = Number(/(?:IMD|IoD)\s*(\d{4})/i.exec(basename(files.imd))?.[1] ?? (yearHeading.includes('2021') ? 2025 : 2019));
  let skipped = 0;
  const { lsoas, removed } = await db.transaction(async (tx) => {
    const codes: string[] = [];
    let batch: string[][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const cols = [0, 1, 2, 3, 4, 5, 6].map((i) => batch.map((r) => r[i]!));
      await tx.query(
        `insert into lsoas (code, name, lad_code, lad_code_published, lad_name, imd_edition, imd_rank, imd_decile)
         select c, n, l, lp, ln, $8::int, r, d
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[]) as u(c, n, l, lp, ln, r, d)
         on conflict (code) do update set name = excluded.name, lad_code = excluded.lad_code, lad_code_published = excluded.lad_code_published,
           lad_name = excluded.lad_name, imd_edition = excluded.imd_edition, imd_rank = excluded.imd_rank, imd_decile = excluded.imd_decile`,
        [...cols, edition],
      );
      batch = [];
    };
    for await (const { row } of rowsWithHeader(files.imd)) {
      const code = row[index.lsoaCode]?.trim() ?? '';
      const rank = publishedInteger(row[index.imdRank]);
      const decile = publishedInteger(row[index.imdDecile]);
      const lad = row[index.ladCode]?.trim() ?? '';
      if (!/^[EW]\d{8}$/.test(code) || !/^[EW]\d{8}$/.test(lad) || !rank || !decile || decile < 1 || decile > 10) {
        skipped++;
        continue;
      }
      codes.push(code);
      batch.push([code, row[index.lsoaName]?.trim() ?? code, currentLadCode(lad), lad, row[index.ladName]?.trim() ?? '', String(rank), String(decile)]);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (codes.length === 0) throw new Error(`${basename(files.imd)}: no neighbourhoods`);
    const gone = await tx.query<{ n: number }>(
      'with d as (delete from lsoas where not (code = any($1::text[])) returning 1) select count(*)::int as n from d',
      [codes],
    );
    return { lsoas: codes.length, removed: gone[0]?.n ?? 0 };
  });
  ms.imd = Math.round(performance.now() - t);
  say(`  ${basename(files.imd)}: ${lsoas} neighbourhoods (IMD ${edition}), ${skipped} rows skipped, ${removed} removed`);

  // File_6: total population.
  let withPopulation = 0;
  if (files.population) {
    t = performance.now();
    const popFile = files.population;
    const found = findColumns(await readHeader(popFile), ['lsoaCode', 'population'] as const);
    if (found.missing.length > 0) throw columnError(popFile, found.missing);
    withPopulation = await updateInBatches(
      db,
      popFile,
      (row) => {
        const code = row[found.index.lsoaCode]?.trim();
        const n = publishedInteger(row[found.index.population]);
        return code && n !== null && n >= 0 ? [code, n] : null;
      },
      'update lsoas l set population = u.n from unnest($1::text[], $2::int[]) as u(c, n) where l.code = u.c',
    );
    ms.population = Math.round(performance.now() - t);
    say(`  ${basename(popFile)}: population for ${withPopulation} neighbourhoods`);
  }

  // Centroids: code, latitude, longitude → British National Grid.
  let placed = 0;
  if (files.centroids) {
    t = performance.now();
    const centroidFile = files.centroids;
    const head = (await readHeader(centroidFile)).map((h) => h.trim().toLowerCase());
    const code = head.findIndex((h) => /^lsoa\d{2}cd$|^lsoa code/.test(h));
    const lat = head.findIndex((h) => h === 'lat' || h === 'latitude');
    const lng = head.findIndex((h) => h === 'lng' || h === 'long' || h === 'lon' || h === 'longitude');
    if (code < 0 || lat < 0 || lng < 0) throw columnError(centroidFile, ['LSOA code, lat, lng']);
    placed = await updateInBatches(
      db,
      centroidFile,
      (row) => {
        const latitude = Number(row[lat]);
        const longitude = Number(row[lng]);
        if (!row[code] || !Number.isFinite(latitude) || !Number.isFinite(longitude) || latitude === 0) return null;
        const g = latLngToGrid({ latitude, longitude });
        return [row[code]!.trim(), Math.round(g.easting), Math.round(g.northing)];
      },
      'update lsoas l set easting = u.e, northing = u.n from unnest($1::text[], $2::int[], $3::int[]) as u(c, e, n) where l.code = u.c',
    );
    ms.centroids = Math.round(performance.now() - t);
    say(`  ${basename(centroidFile)}: ${placed} neighbourhoods placed`);
  }

  t = performance.now();
  const postcodes = opts.assignPostcodes === false ? 0 : await assignPostcodeLsoas(db);
  ms.postcodes = Math.round(performance.now() - t);
  say(
    opts.assignPostcodes === false
      ? '  postcodes: not given neighbourhoods (run npm run import:deprivation)'
      : `  postcodes: ${postcodes} given a neighbourhood`,
  );
  return { edition, lsoas, removed, withPopulation, placed, skipped, postcodes, ms };
}

/** Reads a file's rows into batches of values and runs one update per batch, in one transaction; returns rows updated. */
async function updateInBatches(db: Db, file: string, pick: (row: string[]) => (string | number)[] | null, sql: string): Promise<number> {
  return db.transaction(async (tx) => {
    let n = 0;
    let batch: (string | number)[][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const width = batch[0]!.length;
      const r = await tx.query<{ n: number }>(`with u as (${sql} returning 1) select count(*)::int as n from u`, [
        ...Array.from({ length: width }, (_, i) => batch.map((b) => b[i])),
      ]);
      n += r[0]?.n ?? 0;
      batch = [];
    };
    for await (const { row } of rowsWithHeader(file)) {
      const values = pick(row);
      if (values) batch.push(values);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    return n;
  });
}

/**
 * Gives every postcode the nearest neighbourhood centroid within its local authority district
 * (Code-Point's admin_district), in one transaction; returns how many postcodes have one.
 * Postcodes outside the loaded districts (Wales, Scotland, or no district) get none.
 */
export async function assignPostcodeLsoas(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('delete from postcode_lsoas');
    const r = await tx.query<{ n: number }>(
      `with ins as (
         insert into postcode_lsoas (postcode, lsoa_code)
         select p.postcode, n.code
         from postcodes p
         cross join lateral (
           select l.code from lsoas l
           where l.lad_code = p.admin_district and l.pos is not null
           order by l.pos <-> point(p.easting, p.northing) limit 1) n
         where p.admin_district in (select distinct lad_code from lsoas)
         returning 1)
       select count(*)::int as n from ins`,
    );
    return r[0]?.n ?? 0;
  });
}

/** Above this many postcodes, start-up leaves placing them to `npm run import:deprivation` (all of Code-Point takes about 2 minutes). */
export const START_UP_POSTCODE_LIMIT = 50_000;

/**
 * At start-up: load the deprivation data once, when none is loaded and the shared data is at hand
 * (about 3 s). Postcodes are given neighbourhoods then only when there are few (the demo's).
 */
export async function importDeprivationIfMissing(db: Db, sharedDir: string): Promise<DeprivationReport | null> {
  const files = await findSharedDeprivationFiles(sharedDir);
  if (!files) return null;
  const [row] = await db.query<{ loaded: boolean; postcodes: number }>(
    `select exists (select 1 from lsoas) as loaded, (select count(*)::int from (select 1 from postcodes limit ${START_UP_POSTCODE_LIMIT + 1}) p) as postcodes`,
  );
  if (row?.loaded) return null;
  return importDeprivation(db, files, { assignPostcodes: (row?.postcodes ?? 0) <= START_UP_POSTCODE_LIMIT });
}
