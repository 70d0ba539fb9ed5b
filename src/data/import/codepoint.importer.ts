import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../database.ts';
import { readCsvFile } from './csv.ts';
import { refreshOutcodes, upsertPostcodes, type PostcodeRecord } from './postcode.writer.ts';

/** Code-Point Open quality 90: no grid reference (the postcode could not be positioned). */
const NO_GRID_REFERENCE = '90';
const CODE_POINT_FILE = /\.csv(\.gz)?$/i;

export type CodePointReport = { files: number; rows: number; imported: number; skippedNoGrid: number; skippedInvalid: number; outcodes: number; ms: number };

/** The per-area CSV files of a Code-Point Open folder (or the one file named), skipping the column-headers file. */
export async function codePointFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => CODE_POINT_FILE.test(n) && !/header/i.test(n)).sort();
  return names.map((n) => join(path, n));
}

/**
 * Imports OS Code-Point Open (no header row; Postcode, Positional_quality_indicator, Eastings, Northings,
 * Country_code, NHS_regional_HA_code, NHS_HA_code, Admin_county_code, Admin_district_code, Admin_ward_code)
 * into `postcodes`, in batches, then recomputes outcode centroids.
 */
export async function importCodePoint(
  db: Db,
  path: string,
  opts: { batchSize?: number; onFile?: (file: string, rows: number) => void } = {},
): Promise<CodePointReport> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 5000;
  const report: CodePointReport = { files: 0, rows: 0, imported: 0, skippedNoGrid: 0, skippedInvalid: 0, outcodes: 0, ms: 0 };
  let batch: PostcodeRecord[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await upsertPostcodes(db, batch);
    report.imported += batch.length;
    batch = [];
  };
  for (const file of await codePointFiles(path)) {
    report.files++;
    let fileRows = 0;
    for await (const row of readCsvFile(file)) {
      fileRows++;
      report.rows++;
      const [postcode = '', quality, e = '', n = '', , , , , district = null] = row;
      if (quality === NO_GRID_REFERENCE) {
        report.skippedNoGrid++;
        continue;
      }
      const easting = Number.parseInt(e, 10);
      const northing = Number.parseInt(n, 10);
      if (!postcode.trim() || !Number.isFinite(easting) || !Number.isFinite(northing) || (easting === 0 && northing === 0)) {
        report.skippedInvalid++;
        continue;
      }
      batch.push({ postcode, easting, northing, adminDistrict: district });
      if (batch.length >= batchSize) await flush();
    }
    opts.onFile?.(file, fileRows);
  }
  await flush();
  report.outcodes = await refreshOutcodes(db);
  report.ms = Math.round(performance.now() - started);
  return report;
}
