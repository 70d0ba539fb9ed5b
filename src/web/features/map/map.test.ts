import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, YARMOUTH } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { createMapAreaRepository } from '../../../data/repositories/map-area.repository.ts';
import { gridToLatLng } from '../../../domain/geo.ts';
import { BOUNDARIES_ATTRIBUTION } from '../../../domain/map-outline.ts';

type MapData = {
  centre: { lat: number; lng: number; label: string } | null;
  points: { n?: number; lat: number; lng: number; title: string; target?: string }[];
};

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The map slot on a page: its attributes, as src/assets/modules/map.js reads them. */
function mapSlot(html: string) {
  const tag = /<div class="app-map-slot[^>]*>/.exec(html)?.[0];
  if (!tag) return null;
  const attr = (name: string) => {
    const value = new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];
    return value === undefined ? undefined : decodeEntities(value);
  };
  return { points: JSON.parse(attr('data-points') ?? 'null') as MapData, areas: attr('data-areas'), tiles: attr('data-tiles'), label: attr('data-label'), tag };
}

const AREA = { name: 'Great Yarmouth', code: 'E07000145', label: [1.65, 52.67] as const, polygons: [[[16000, 525000, 1000, 0, 0, 1000, -1000, 0, 0, -1000]]] };

describe.each(ENGINES)('maps ($name)', (engine) => {
  let t: TestApp;
  let activityId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await makePostcode(t.db, 'NR30 1AA', YARMOUTH);
    const org = await makeOrganisation(t.db, { name: 'Yarmouth Minster Trust' });
    const minster = await makePlace(t.db, org, { name: 'Minster Hall', town: 'Great Yarmouth', postcode: 'NR30 1NE' });
    activityId = await makeActivity(t.db, org, minster, { title: 'Minster memory café' });
    const rows = await makePlace(t.db, org, { name: 'Row Houses', easting: YARMOUTH.easting + 400, northing: YARMOUTH.northing });
    await makeActivity(t.db, org, rows, { title: 'Rows walk' });
  });
  afterAll(async () => t.close());

  it('serves no outlines until boundaries are imported, and the map still works without them', async () => {
    const res = await new Visitor(t.app).get('/map/areas.json');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ attribution: null, scale: 10000, areas: [] });
  });

  it('serves the imported outlines with their attribution, cacheable by anyone, and answers 304 when unchanged', async () => {
    await createMapAreaRepository(t.db).replaceAll([AREA]);
    const visitor = new Visitor(t.app);
    const res = await visitor.get('/map/areas.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.json()).toEqual({ attribution: BOUNDARIES_ATTRIBUTION, scale: 10000, areas: [{ ...AREA, label: [1.65, 52.67] }] });
    expect(BOUNDARIES_ATTRIBUTION).toContain('Contains OS data © Crown copyright and database right 2024');
    const again = await t.app.inject({ method: 'GET', url: '/map/areas.json', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await createMapAreaRepository(t.db).replaceAll([{ ...AREA, name: 'Great Yarmouth (changed)' }]);
    const changed = await t.app.inject({ method: 'GET', url: '/map/areas.json', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(changed.statusCode).toBe(200);
  });

  it('puts the search results on a map numbered as the list, with the place searched from, and a note for people without JavaScript', async () => {
    const res = await new Visitor(t.app).get('/activities?where=NR30+1AA&radius=5');
    const slot = mapSlot(res.body)!;
    expect(slot.areas).toBe('/map/areas.json');
    expect(slot.tiles).toBeUndefined();
    expect(slot.label).toBe('Map of the activities on this page, numbered as in the list below');
    const centre = gridToLatLng(YARMOUTH);
    expect(slot.points.centre).toEqual({ label: 'NR30 1AA', lat: expect.closeTo(centre.latitude, 5), lng: expect.closeTo(centre.longitude, 5) });
    expect(slot.points.points.map((p) => [p.n, p.title])).toEqual([
      [1, 'Minster memory café'],
      [2, 'Rows walk'],
    ]);
    // Each number on the map leads to its entry in the list.
    const [first, second] = slot.points.points.map((p) => p.target);
    expect(res.body).toMatch(
      new RegExp(`<li class="app-result" id="${first}">[\\s\\S]*Minster memory café[\\s\\S]*<li class="app-result" id="${second}">[\\s\\S]*Rows walk`),
    );
    expect(res.body).toContain('Map not shown: it needs JavaScript. The list below gives each activity’s place and distance.');
  });

  it('shows the place of an activity on a small map beside its address', async () => {
    const res = await new Visitor(t.app).get(`/activities/${activityId}`);
    expect(res.body).toMatch(/<p class="app-place__address"><strong>Minster Hall<\/strong><br>[^<]*<br>Great Yarmouth<br>NR30 1NE<\/p>/);
    const slot = mapSlot(res.body)!;
    expect(slot.label).toBe('Map of where Minster Hall is');
    const at = gridToLatLng(YARMOUTH);
    expect(slot.points).toEqual({
      centre: null,
      points: [{ title: 'Minster Hall', lat: expect.closeTo(at.latitude, 5), lng: expect.closeTo(at.longitude, 5) }],
    });
    const print = await new Visitor(t.app).get(`/activities/${activityId}/print`);
    expect(print.body).toContain('NR30 1NE');
    expect(mapSlot(print.body)).toBeNull();
  });

  it('serves Leaflet and its clustering from this site, not a CDN', async () => {
    for (const file of ['leaflet.js', 'leaflet.css', 'leaflet.markercluster.js', 'MarkerCluster.css']) {
      const res = await t.app.inject({ method: 'GET', url: `/vendor/leaflet/${file}` });
      expect(res.statusCode, file).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/vendor/leaflet/../package.json' })).statusCode).toBe(404);
  });
});

describe('maps with a tile server', () => {
  let t: TestApp;
  beforeAll(async () => {
    const mapTiles = { url: 'http://127.0.0.1:8123/{z}/{x}/{y}.png', attribution: '© Local tiles', origins: ['http://127.0.0.1:8123'] };
    t = await createTestApp(ENGINES[0]!, { config: { mapTiles } });
    await makePostcode(t.db, 'NR30 1AA', YARMOUTH);
    const org = await makeOrganisation(t.db);
    await makeActivity(t.db, org, await makePlace(t.db, org));
  });
  afterAll(async () => t.close());

  it('draws tiles instead of boundaries, and lets images come from the tile host and nowhere else', async () => {
    const res = await new Visitor(t.app).get('/activities?where=NR30+1AA');
    const slot = mapSlot(res.body)!;
    expect(slot.areas).toBeUndefined();
    expect(JSON.parse(slot.tiles!)).toEqual({ url: 'http://127.0.0.1:8123/{z}/{x}/{y}.png', attribution: '© Local tiles' });
    expect(res.headers['content-security-policy']).toMatch(/img-src 'self' data: http:\/\/127\.0\.0\.1:8123;/);
    expect(res.headers['content-security-policy']).toMatch(/style-src 'self'[^;]*;/);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
  });
});
