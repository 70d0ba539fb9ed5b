import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import type { Db } from '../database.ts';
import { findDeprivationFiles, importDeprivation } from './deprivation.importer.ts';
import { importRuralUrban } from './rural-urban.importer.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures');
const FILE = join(FIXTURES, 'rural-urban/Rural_Urban_Classification_2011_of_Lower_Layer_Super_Output_Areas_in_England_and_Wales.csv');

describe.each(ENGINES)('importing the ONS Rural Urban Classification ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await engine.open();
    await importDeprivation(db, (await findDeprivationFiles(join(FIXTURES, 'deprivation/iod2019'), join(FIXTURES, 'deprivation/centroids.csv')))!);
  });
  afterAll(() => db.drop());

  const classes = () =>
    db.query<{ lsoa_code: string; ruc_code: string; ruc_name: string; rural: boolean }>('select * from lsoa_rural_urban order by lsoa_code');

  it('reads the published layout by heading, marks D1 to F2 rural, skips unknown classes and counts codes not in the Indices', async () => {
    const report = await importRuralUrban(db, FILE);
    expect(report).toMatchObject({ classified: 5, rural: 3, skipped: 1, notInIndices: 1 });
    expect(await classes()).toEqual([
      { lsoa_code: 'E01099001', ruc_code: 'C1', ruc_name: 'Urban city and town', rural: false },
      { lsoa_code: 'E01099002', ruc_code: 'D1', ruc_name: 'Rural town and fringe', rural: true },
      { lsoa_code: 'E01099003', ruc_code: 'C1', ruc_name: 'Urban city and town', rural: false },
      { lsoa_code: 'E01099004', ruc_code: 'E1', ruc_name: 'Rural village and dispersed', rural: true },
      { lsoa_code: 'W01000001', ruc_code: 'E2', ruc_name: 'Rural village and dispersed in a sparse setting', rural: true },
    ]);
    // Loading again replaces what was there, and changes nothing.
    await importRuralUrban(db, FILE);
    expect(await classes()).toHaveLength(5);
  });

  it('refuses a file without the published columns, and leaves what was loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ruc-'));
    const wrong = join(dir, 'wrong.csv');
    writeFileSync(wrong, 'LSOA code,Class\nE01099001,Urban\n');
    await expect(importRuralUrban(db, wrong)).rejects.toThrow('no column for lsoaCode, rucCode, rucName');
    expect(await classes()).toHaveLength(5);
  });
});
