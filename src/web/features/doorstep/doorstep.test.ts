import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, YARMOUTH } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../../data/database.ts';
import { gridToLatLng } from '../../../domain/geo.ts';

const east = (metres: number) => ({ easting: YARMOUTH.easting + metres, northing: YARMOUTH.northing });

async function makeHeritageAsset(
  db: Db,
  over: { sourceId: string; name: string; category: string; grade?: string; at: { easting: number; northing: number } },
) {
  const { latitude, longitude } = gridToLatLng(over.at);
  await db.query(
    `insert into heritage_assets (source, source_id, name, category, grade, easting, northing, latitude, longitude, url, licence)
     values ('nhle', $1, $2, $3, $4, $5, $6, $7, $8, $9, 'OGL v3.0')`,
    [
      over.sourceId,
      over.name,
      over.category,
      over.grade ?? null,
      over.at.easting,
      over.at.northing,
      latitude,
      longitude,
      `https://historicengland.org.uk/listing/the-list/list-entry/${over.sourceId}`,
    ],
  );
}

describe.each(ENGINES)('heritage on your doorstep ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await makePostcode(t.db, 'NR30 1AA', YARMOUTH);
    const org = await makeOrganisation(t.db);
    await makeHeritageAsset(t.db, { sourceId: '1000001', name: 'Town Wall Tower', category: 'scheduled_monument', at: east(1000) });
    await makeHeritageAsset(t.db, { sourceId: '1000002', name: 'Busy Priory', category: 'listed_building', grade: 'I', at: east(2000) });
    await makeActivity(t.db, org, await makePlace(t.db, org, east(2100)));
    await makeHeritageAsset(t.db, { sourceId: '1000003', name: 'Listed Gardens', category: 'park_and_garden', grade: 'II', at: east(3000) });
    await makeActivity(t.db, org, await makePlace(t.db, org, { ...east(3600), nhleListEntry: 1000003 }));
    await makeHeritageAsset(t.db, { sourceId: '1000004', name: 'Quiet Chapel', category: 'listed_building', grade: 'II*', at: east(4000) });
    await makeActivity(t.db, org, await makePlace(t.db, org, east(4050)), { status: 'pending' });
    await makeHeritageAsset(t.db, { sourceId: '1000005', name: 'Distant Battlefield', category: 'battlefield', at: east(20000) });
  });
  afterAll(async () => t.close());

  it('stops counting at 100 places in a dense area and says "more than 100"', async () => {
    const dense = await createTestApp(engine);
    try {
      await makePostcode(dense.db, 'NR30 1AA', YARMOUTH);
      await dense.db.query(
        `insert into heritage_assets (source, source_id, name, category, easting, northing, latitude, longitude, licence)
         select 'nhle', (2000000 + i)::text, 'Monument ' || i, 'scheduled_monument', $1 + (i % 40) * 50, $2 + (i / 40) * 50, 52.6, 1.73, 'OGL v3.0'
         from generate_series(1, 130) as i`,
        [YARMOUTH.easting - 1000, YARMOUTH.northing - 300],
      );
      const res = await new Visitor(dense.app).get('/heritage-nearby?where=NR30+1AA&radius=3');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Showing 1 to 20 of more than 100 places');
    } finally {
      await dense.close();
    }
  });

  it('lists nearby heritage places with no organised activity, nearest first', async () => {
    const res = await new Visitor(t.app).get('/heritage-nearby?where=NR30+1AA&radius=5');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('places you could visit, or where a group could start something');
    expect(body).toContain('Showing 1 to 2 of 2 places');
    expect(body.indexOf('Town Wall Tower')).toBeLessThan(body.indexOf('Quiet Chapel'));
    expect(body).toContain('href="/places/nhle-1000001"'); // its place page: memories and activities there
    expect(body).toContain('Scheduled monument – 0.6 miles away');
    expect(body).toContain('Source: National Heritage List for England');
    expect(body).toContain('Listed building, grade II* – 2.5 miles away');
    expect(body).toContain('href="https://historicengland.org.uk/listing/the-list/list-entry/1000001"');
    expect(body).not.toContain('Busy Priory');
    expect(body).not.toContain('Listed Gardens');
    expect(body).not.toContain('Distant Battlefield');
  });

  it('widens with the radius', async () => {
    const res = await new Visitor(t.app).get('/heritage-nearby?where=NR30+1AA&radius=25');
    expect(res.body).toContain('Distant Battlefield');
  });

  it('explains itself and asks where when nothing is given', async () => {
    const res = await new Visitor(t.app).get('/heritage-nearby');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Heritage on your doorstep</h1>');
    expect(res.body).not.toContain('class="app-result"');
  });

  it('refuses an unknown place with a message next to the field', async () => {
    const res = await new Visitor(t.app).get('/heritage-nearby?where=Nowhereville');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#where"');
    expect(res.body).toContain('We could not find a place called “Nowhereville”');
  });
});
