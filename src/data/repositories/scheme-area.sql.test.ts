import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { makeOrganisation, makePlace, makeScheme } from '../../../test/factories.ts';
import type { Db } from '../database.ts';
import { areaCoversPlace, EVERYWHERE, type ModerationArea } from '../../domain/scheme-area.ts';
import { areaParams, placeInArea } from './scheme-area.sql.ts';

/** The SQL form of the area rule answers exactly as the domain's, however a postcode was stored. */
describe.each(ENGINES)('scheme area in SQL ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let area: ModerationArea;
  const postcodes = ['NR30 1NE', 'nr30 1ne', 'NR301NE', 'NR31  6SG', 'NR3 1AA', 'NR32 1XG', 'BA11 1AT', 'NG11 6HE', 'NG1 1HN'];

  beforeAll(async () => {
    db = await engine.open();
    const schemeId = await makeScheme(db, { outcodes: ['NR30', 'NR31', 'NG1'] });
    area = { everywhere: false, schemeId, outcodes: ['NR30', 'NR31', 'NG1'] };
    const org = await makeOrganisation(db);
    for (const postcode of postcodes) await makePlace(db, org, { name: postcode, postcode });
  });
  afterAll(async () => db?.drop());

  const inSql = async (a: ModerationArea) =>
    (await db.query<{ name: string }>(`select p.name from places p where ${placeInArea('p', 1)}`, areaParams(a))).map((r) => r.name).sort();

  it('finds the places the domain rule covers, and only those', async () => {
    expect(await inSql(area)).toEqual(postcodes.filter((p) => areaCoversPlace(area, p)).sort());
    expect(await inSql(area)).toEqual(['NG1 1HN', 'NR30 1NE', 'NR301NE', 'NR31  6SG', 'nr30 1ne'].sort());
  });

  it('finds every place for administrators and none for a coordinator without a scheme', async () => {
    expect(await inSql(EVERYWHERE)).toHaveLength(postcodes.length);
    expect(await inSql({ everywhere: false, schemeId: null, outcodes: [] })).toEqual([]);
  });
});
