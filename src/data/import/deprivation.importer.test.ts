import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { testConfig } from '../../config.ts';
import { latLngToGrid } from '../../domain/geo.ts';
import type { Db } from '../database.ts';
import { findDeprivationFiles, findSharedDeprivationFiles, importDeprivation, importDeprivationIfMissing } from './deprivation.importer.ts';
import { upsertPostcodes } from './postcode.writer.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures/deprivation');
const at = (latitude: number, longitude: number) => {
  const g = latLngToGrid({ latitude, longitude });
  return { easting: Math.round(g.easting), northing: Math.round(g.northing) };
};

describe.each(ENGINES)('importing the Indices of Deprivation ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await engine.open();
    await upsertPostcodes(db, [
      { postcode: 'ZZ1 1AA', ...at(52.618, 1.731), adminDistrict: 'E07000901' }, // beside Harbourside 001B
      { postcode: 'ZZ1 1AB', ...at(52.6, 1.69), adminDistrict: 'E07000901' }, // nearest 002A
      { postcode: 'ZZ9 9AA', ...at(51.231, -2.321), adminDistrict: 'E06000066' }, // Somerset today; Mendip in 2019
      { postcode: 'ZZ8 8AA', ...at(52.61, 1.73), adminDistrict: 'W06000001' }, // near, but in a Welsh district
    ]);
  });
  afterAll(() => db.drop());

  const lsoas = () =>
    db.query<{ code: string; lad_code: string; imd_decile: number; imd_rank: number; population: number | null; placed: boolean; imd_edition: number }>(
      'select code, lad_code, imd_decile, imd_rank, population, easting is not null as placed, imd_edition from lsoas order by code',
    );
  const assigned = () => db.query<{ postcode: string; lsoa_code: string }>('select postcode, lsoa_code from postcode_lsoas order by postcode');

  it('reads the 2019 files by column name, puts abolished districts in today’s, and gives postcodes the nearest neighbourhood in their district', async () => {
    const files = (await findDeprivationFiles(join(FIXTURES, 'iod2019'), join(FIXTURES, 'centroids.csv')))!;
    const lines: string[] = [];
    const report = await importDeprivation(db, files, { onStep: (l) => lines.push(l) });
    expect(report).toMatchObject({ edition: 2019, lsoas: 4, skipped: 1, withPopulation: 4, placed: 4, postcodes: 3 });
    expect(lines.length).toBe(4);
    const rows = await lsoas();
    expect(rows[0]).toEqual({ code: 'E01099001', lad_code: 'E07000901', imd_decile: 1, imd_rank: 1204, population: 1850, placed: true, imd_edition: 2019 });
    expect(rows.find((r) => r.code === 'E01099004')?.lad_code).toBe('E06000066');
    expect(await assigned()).toEqual([
      { postcode: 'ZZ11AA', lsoa_code: 'E01099002' },
      { postcode: 'ZZ11AB', lsoa_code: 'E01099003' },
      { postcode: 'ZZ99AA', lsoa_code: 'E01099004' },
    ]);
  });

  it('loads again without duplicating anything', async () => {
    const files = (await findDeprivationFiles(join(FIXTURES, 'iod2019'), join(FIXTURES, 'centroids.csv')))!;
    await importDeprivation(db, files);
    expect((await lsoas()).length).toBe(4);
    expect((await assigned()).length).toBe(3);
  });

  it('loads a file in the 2025 release’s layout the same way, replacing neighbourhoods no longer published', async () => {
    const files = (await findDeprivationFiles(join(FIXTURES, 'iod2025'), join(FIXTURES, 'centroids.csv')))!;
    const report = await importDeprivation(db, files);
    expect(report).toMatchObject({ edition: 2025, lsoas: 3, removed: 2, withPopulation: 3, skipped: 0 });
    const rows = await lsoas();
    expect(rows.map((r) => [r.code, r.imd_decile, r.population, r.placed])).toEqual([
      ['E01099001', 1, 1912, true],
      ['E01099003', 8, 1655, true],
      ['E01099006', 3, 1702, false], // no centroid for it in the file given
    ]);
    // The Somerset postcode has no placed neighbourhood in its district now.
    expect((await assigned()).map((r) => r.postcode)).toEqual(['ZZ11AA', 'ZZ11AB']);
  });

  it('loads at start-up only when nothing is loaded and the shared folder has the files', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'waymark-shared-'));
    expect(await importDeprivationIfMissing(db, shared)).toBeNull(); // no files
    mkdirSync(join(shared, 'data/imd2019-lsoa'), { recursive: true });
    mkdirSync(join(shared, 'data/lsoa2011-imd2019/derived'), { recursive: true });
    for (const f of ['File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv', 'File_6_-_IoD2019_Population_Denominators.csv'])
      copyFileSync(join(FIXTURES, 'iod2019', f), join(shared, 'data/imd2019-lsoa', f));
    copyFileSync(join(FIXTURES, 'centroids.csv'), join(shared, 'data/lsoa2011-imd2019/derived/lsoa11_centroids_imd2019_england.csv'));
    expect(await importDeprivationIfMissing(db, shared)).toBeNull(); // already loaded
    await db.query('delete from lsoas');
    expect(await importDeprivationIfMissing(db, shared)).toMatchObject({ lsoas: 4, postcodes: 3 });
  });

  it('refuses a file whose columns are not the published ones, changing nothing', async () => {
    const files = { imd: join(FIXTURES, 'centroids.csv'), population: null, centroids: null };
    await expect(importDeprivation(db, files)).rejects.toThrow(/no column for lsoaCode/);
    expect((await lsoas()).length).toBe(4);
  });
});

const SHARED = testConfig().sharedDir;
const shared = await findSharedDeprivationFiles(SHARED);
const present = shared !== null && shared.population !== null && shared.centroids !== null;
if (!present) console.warn(`Skipping the real deprivation import test: the IoD 2019 files are not in ${join(SHARED, 'data')}.`);

describe.skipIf(!present)('importing the real IoD 2019 files (PGlite)', () => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await ENGINES[0]!.open();
  });
  afterAll(() => db.drop());

  it('loads all 32,844 English neighbourhoods with their population and position', async () => {
    const report = await importDeprivation(db, shared!);
    expect(report).toMatchObject({ edition: 2019, lsoas: 32_844, skipped: 0, withPopulation: 32_844, placed: 32_844 });
    const [row] = await db.query<{ n: number; core20: number; people: number }>(
      'select count(*)::int as n, count(*) filter (where imd_decile <= 2)::int as core20, sum(population)::int as people from lsoas',
    );
    expect(row!.core20).toBe(6_568);
    expect(row!.people).toBeGreaterThan(54_000_000);
    const [yarmouth] = await db.query<{ n: number }>("select count(*)::int as n from lsoas where lad_code = 'E07000145'");
    expect(yarmouth!.n).toBeGreaterThan(50);
    expect(existsSync(shared!.imd)).toBe(true);
  }, 120_000);
});
