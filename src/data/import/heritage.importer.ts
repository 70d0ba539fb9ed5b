import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../database.ts';
import { readCsvRecords } from './csv.ts';
import { upsertHeritageAssets } from './heritage-asset.writer.ts';
import type { HeritageAssetRecord, HeritageSource } from './heritage-asset.record.ts';

const NHLE_LAYERS: { file: string; source: HeritageSource; category: string }[] = [
  { file: 'nhle-national-micropasts/ScheduledMonuments.csv', source: 'nhle_scheduled_monument', category: 'Scheduled monument' },
  { file: 'nhle-national-micropasts/Parks.csv', source: 'nhle_park_garden', category: 'Registered park and garden' },
  { file: 'nhle-national-micropasts/Battlefields.csv', source: 'nhle_battlefield', category: 'Registered battlefield' },
];
const MUSEUMS_FILE = 'mapping-museums/MappingMuseumsData.csv';
const LIST_ENTRY_URL = 'https://historicengland.org.uk/listing/the-list/list-entry/';

export type HeritageReport = { files: Record<string, { imported: number; skipped: number }>; missing: string[]; ms: number };

/** "ROUSHAM" -> "Rousham": some NHLE layers give names in capitals. */
export function tidyName(name: string): string {
  const trimmed = name.trim();
  if (/[a-z]/.test(trimmed)) return trimmed;
  return trimmed
    .toLowerCase()
    .replace(/(^|[\s(\-/])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/'S\b/g, "'s");
}

const num = (v: string | undefined) => (v === undefined || v.trim() === '' || v === 'NA' ? NaN : Number(v));

export function nhleRecord(r: Record<string, string>, source: HeritageSource, category: string): HeritageAssetRecord | undefined {
  const id = (r.ListEntry ?? '').trim();
  const easting = Math.round(num(r.Easting));
  const northing = Math.round(num(r.Northing));
  if (!/^\d+$/.test(id) || !r.Name?.trim() || !Number.isFinite(easting) || !Number.isFinite(northing) || easting <= 0 || northing <= 0) return undefined;
  const grade = (r.Grade ?? '').trim();
  return {
    source,
    sourceId: id,
    name: tidyName(r.Name),
    category,
    grade: grade === '' || grade === 'NA' ? null : grade,
    url: r.hyperlink?.startsWith('https://') ? r.hyperlink : `${LIST_ENTRY_URL}${id}`,
    easting,
    northing,
  };
}

/** Open museums in England only (year_closed_low "na" means still open). */
export function museumRecord(r: Record<string, string>): HeritageAssetRecord | undefined {
  const latitude = num(r.latitude);
  const longitude = num(r.longitude);
  if (r.admin_area_1 !== 'England' || r.year_closed_low !== 'na' || !r.museum_id || !r.museum_name?.trim()) return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  const subject = (r.subject_matter ?? '').trim();
  return {
    source: 'mapping_museums',
    sourceId: r.museum_id,
    name: r.museum_name.trim(),
    category: subject ? `Museum - ${subject}` : 'Museum',
    grade: null,
    url: null,
    latitude,
    longitude,
  };
}

async function importFile(
  db: Db,
  path: string,
  toRecord: (r: Record<string, string>) => HeritageAssetRecord | undefined,
  batchSize: number,
): Promise<{ imported: number; skipped: number }> {
  const batch: HeritageAssetRecord[] = [];
  const counts = { imported: 0, skipped: 0 };
  for await (const raw of readCsvRecords(path)) {
    const record = toRecord(raw);
    if (!record) {
      counts.skipped++;
      continue;
    }
    batch.push(record);
    if (batch.length >= batchSize) counts.imported += await upsertHeritageAssets(db, batch.splice(0));
  }
  counts.imported += await upsertHeritageAssets(db, batch);
  return counts;
}

/**
 * Imports the NHLE layers (scheduled monuments, registered parks and gardens, battlefields) and open
 * English museums from Mapping Museums, from a folder laid out like ../shared/data. Missing files are reported, not fatal.
 */
export async function importHeritage(db: Db, dataDir: string, opts: { batchSize?: number } = {}): Promise<HeritageReport> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 2000;
  const report: HeritageReport = { files: {}, missing: [], ms: 0 };
  const jobs = [
    ...NHLE_LAYERS.map((l) => ({ file: l.file, toRecord: (r: Record<string, string>) => nhleRecord(r, l.source, l.category) })),
    { file: MUSEUMS_FILE, toRecord: museumRecord },
  ];
  for (const job of jobs) {
    const path = join(dataDir, job.file);
    if (!existsSync(path)) {
      report.missing.push(path);
      continue;
    }
    report.files[job.file] = await importFile(db, path, job.toRecord, batchSize);
  }
  // Store assets in map order so a "heritage nearby" page reads a few pages of the table, not one per asset.
  await db.exec('cluster heritage_assets using heritage_assets_pos_idx; analyze heritage_assets');
  report.ms = Math.round(performance.now() - started);
  return report;
}
