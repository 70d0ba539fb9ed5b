import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import type { Db } from '../database.ts';
import { importCodePoint } from './codepoint.importer.ts';
import { importHeritage } from './heritage.importer.ts';
import { MAPPING_MUSEUMS_LICENCE, NHLE_LICENCE } from './heritage-asset.record.ts';

const DISTRICT = '"E92000001","E19000001","E18000006","E10000020","E07000145","E05005788"';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waymark-import-'));
  const cp = join(dir, 'codepoint');
  await import('node:fs/promises').then((fs) => fs.mkdir(cp));
  await writeFile(join(cp, 'Code-Point_Open_Column_Headers.csv'), 'PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\n');
  await writeFile(join(cp, 'nr.csv'), `"NR30 1NE",10,652388,307989,${DISTRICT}\r\n"NR30 1AA",10,652400,308011,${DISTRICT}\r\n`);
  await writeFile(join(cp, 'zz.csv.gz'), gzipSync(`"ZZ9 9ZZ",90,0,0,"E92000001","","","","",""\n"NR31 6SG",10,652628,304236,${DISTRICT}\n`));
  const nhle = join(dir, 'nhle-national-micropasts');
  await import('node:fs/promises').then((fs) => fs.mkdir(nhle));
  await writeFile(
    join(nhle, 'ScheduledMonuments.csv'),
    'ListEntry,Name,hyperlink,NGR,Easting,Northing,Grade,lat,lon\n' +
      '1013094,"Burgh Castle Roman fort, vicus and Norman motte",https://historicengland.org.uk/listing/the-list/list-entry/1013094,"TG 47618 04567",647618,304567,NA,52.58,1.65\n' +
      '1999999,No position,,,NA,NA,NA,NA,NA\n',
  );
  await writeFile(
    join(nhle, 'Parks.csv'),
    'ListEntry,Name,Grade,hyperlink,NGR,Easting,Northing,lat,lon\n' +
      '1001083,NOTTINGHAM ARBORETUM,II*,https://historicengland.org.uk/listing/the-list/list-entry/1001083,"SK 56776 40761, SK 5677 4076",456776,340761,52.96,-1.16\n',
  );
  const mm = join(dir, 'mapping-museums');
  await import('node:fs/promises').then((fs) => fs.mkdir(mm));
  await writeFile(
    join(mm, 'MappingMuseumsData.csv'),
    'museum_id,museum_name,postcode,latitude,longitude,admin_area_1,subject_matter,accreditation,year_closed_low,year_closed_high\n' +
      'mm.domus.SW246,Frome Heritage Museum,BA11 1AT,51.232823,-2.319097,England,Local Histories,Accredited,na,na\n' +
      'mm.closed.1,"Closed Museum, Frome",BA11 1AA,51.23,-2.32,England,Arts,Unaccredited,2001,2003\n' +
      'mm.New.1,Titanic Belfast,BT3 9EP,54.60808,-5.909915,Northern Ireland,Sea and seafaring,Unaccredited,na,na\n',
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(ENGINES)('importers ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db.drop());

  it('imports Code-Point Open files, plain and gzipped, skipping postcodes with no grid reference', async () => {
    const report = await importCodePoint(db, join(dir, 'codepoint'), { batchSize: 2 });
    expect(report).toMatchObject({ files: 2, rows: 4, imported: 3, skippedNoGrid: 1, skippedInvalid: 0 });
    const rows = await db.query<{ postcode: string; easting: number; northing: number; latitude: number; longitude: number; admin_district: string }>(
      'select * from postcodes order by postcode',
    );
    expect(rows.map((r) => r.postcode)).toEqual(['NR301AA', 'NR301NE', 'NR316SG']);
    expect(rows[1]).toMatchObject({ easting: 652388, northing: 307989, admin_district: 'E07000145' });
    // ONS's published WGS84 position of NR30 1NE is 52.610982, 1.72652.
    expect(rows[1]!.latitude).toBeCloseTo(52.610982, 4);
    expect(rows[1]!.longitude).toBeCloseTo(1.72652, 4);
  });

  it('computes outcode centroids from the imported postcodes', async () => {
    const rows = await db.query<{ outcode: string; easting: number; northing: number }>('select outcode, easting, northing from outcodes order by outcode');
    expect(rows).toEqual([
      { outcode: 'NR30', easting: 652394, northing: 308000 },
      { outcode: 'NR31', easting: 652628, northing: 304236 },
    ]);
  });

  it('updates postcodes in place when imported again', async () => {
    await importCodePoint(db, join(dir, 'codepoint'));
    const [count] = await db.query<{ n: number }>('select count(*) as n from postcodes');
    expect(count!.n).toBe(3);
  });

  it('imports NHLE layers and open English museums with their licences', async () => {
    const report = await importHeritage(db, dir);
    expect(report.files['nhle-national-micropasts/ScheduledMonuments.csv']).toEqual({ imported: 1, skipped: 1 });
    expect(report.files['mapping-museums/MappingMuseumsData.csv']).toEqual({ imported: 1, skipped: 2 });
    expect(report.missing).toEqual([join(dir, 'nhle-national-micropasts/Battlefields.csv')]);
    const rows = await db.query<{
      source: string;
      source_id: string;
      name: string;
      category: string;
      grade: string | null;
      easting: number;
      northing: number;
      url: string | null;
      licence: string;
    }>('select * from heritage_assets order by source_id');
    expect(rows.map((r) => [r.source, r.name, r.category, r.grade])).toEqual([
      ['nhle_park_garden', 'Nottingham Arboretum', 'Registered park and garden', 'II*'],
      ['nhle_scheduled_monument', 'Burgh Castle Roman fort, vicus and Norman motte', 'Scheduled monument', null],
      ['mapping_museums', 'Frome Heritage Museum', 'Museum - Local Histories', null],
    ]);
    expect(rows[1]).toMatchObject({
      easting: 647618,
      northing: 304567,
      url: 'https://historicengland.org.uk/listing/the-list/list-entry/1013094',
      licence: NHLE_LICENCE,
    });
    const museum = rows[2]!;
    expect(museum.licence).toBe(MAPPING_MUSEUMS_LICENCE);
    expect(museum.url).toBeNull();
    // Frome Heritage Museum's postcode BA11 1AT is at 377817, 148231 in Code-Point Open.
    expect(Math.hypot(museum.easting - 377817, museum.northing - 148231)).toBeLessThan(100);
  });

  it('imports heritage again without duplicates', async () => {
    await importHeritage(db, dir);
    const [count] = await db.query<{ n: number }>('select count(*) as n from heritage_assets');
    expect(count!.n).toBe(3);
  });
});
