import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { testConfig } from '../../config.ts';
import type { Db } from '../database.ts';
import { importCodePoint } from './codepoint.importer.ts';
import { importHeritage } from './heritage.importer.ts';

/** Imports real official files from ../shared when it is there (it is not part of the repository). */
const DATA = resolve(testConfig().sharedDir, 'data');
const NR_FILE = join(DATA, 'postcodes/codepoint-open-csv/nr.csv.gz');
const present = existsSync(NR_FILE) && existsSync(join(DATA, 'nhle-national-micropasts/Battlefields.csv'));
if (!present) console.warn(`Skipping the real open data import tests: ${DATA} is not present.`);

describe.skipIf(!present).each(ENGINES)('importing the real open data ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db.drop());

  it('imports the Norwich (NR) Code-Point Open area file', async () => {
    const report = await importCodePoint(db, NR_FILE);
    expect(report).toMatchObject({ files: 1, rows: 24199, imported: 24199, skippedNoGrid: 0, skippedInvalid: 0, outcodes: 36 });
    const [minster] = await db.query<{ easting: number; northing: number }>("select easting, northing from postcodes where postcode = 'NR301NE'");
    expect(minster).toEqual({ easting: 652388, northing: 307989 });
  }, 60_000);

  it('imports the NHLE layers and Mapping Museums', async () => {
    const report = await importHeritage(db, DATA);
    expect(report.files['nhle-national-micropasts/Battlefields.csv']).toEqual({ imported: 47, skipped: 0 });
    expect(report.files['nhle-national-micropasts/ScheduledMonuments.csv']!.imported).toBeGreaterThan(19_000);
    const [adwalton] = await db.query<{ name: string; easting: number; northing: number; category: string }>(
      "select name, easting, northing, category from heritage_assets where source = 'nhle_battlefield' and source_id = '1000000'",
    );
    expect(adwalton).toEqual({ name: 'Battle of Adwalton Moor 1643', easting: 421360, northing: 429026, category: 'Registered battlefield' });
    const [tolhouse] = await db.query<{ name: string }>("select name from heritage_assets where source = 'mapping_museums' and source_id = 'mm.domus.SE110'");
    expect(tolhouse?.name).toBe('Tolhouse');
    const [belfast] = await db.query<{ n: number }>("select count(*) as n from heritage_assets where source_id = 'mm.New.1'");
    expect(belfast!.n).toBe(0);
  }, 120_000);
});
