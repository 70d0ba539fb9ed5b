import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { seedOrukDirectory } from '../../../test/fixtures/oruk.fixtures.ts';
import { openActiveModelsPresent, OPENACTIVE_MODELS_DIR, validateFeedPage, validateOpportunity } from '../../../test/openactive-validator.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/test-app.ts';
import { OPEN_DATA_LICENCE } from '../../domain/openactive.ts';
import { paths } from '../../web/paths.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON read freely in assertions
type Item = { state: 'updated' | 'deleted'; kind: string; id: string; modified: number; data?: Record<string, any> };
type Page = { next: string; items: Item[]; license: string };

if (!openActiveModelsPresent) console.warn(`OpenActive model checks skipped: the models were not found at ${OPENACTIVE_MODELS_DIR}.`);
const FEED = paths.openData.sessionSeries;
const BASE = 'http://localhost:3000';

describe.each(ENGINES)('OpenActive RPDE feed and GeoJSON export ($name)', (engine) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedOrukDirectory>>;
  let now = new Date(TEST_NOW);
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const relative = (next: string) => next.slice(next.indexOf('/api/'));
  const page = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return { page: res.json() as Page, headers: res.headers };
  };
  /** Reads the feed as a consumer does, from `url` until a page has no items; returns every item and the last page's URL. */
  const readAll = async (url: string) => {
    const items: Item[] = [];
    for (let i = 0; i < 50; i++) {
      const { page: p } = await page(url);
      items.push(...p.items);
      if (p.items.length === 0) return { items, last: url };
      url = relative(p.next);
    }
    throw new Error('the feed never ended');
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: { now: () => new Date(now) }, config: { publicUrl: BASE } });
    ids = await seedOrukDirectory(t.db);
    await t.services.openActive.syncFeed();
  });
  afterAll(async () => t.close());

  it('publishes every live, approved, fresh listing once as a SessionSeries, in modified-then-id order, and nothing else', async () => {
    const { items } = await readAll(FEED);
    expect(items.map((i) => i.id).sort()).toEqual(Object.values(ids.public).sort());
    expect(items.every((i) => i.state === 'updated' && i.kind === 'SessionSeries')).toBe(true);
    const order = items.map((i) => [i.modified, i.id] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])));
    for (const hidden of Object.values(ids.hidden)) expect(items.map((i) => i.id)).not.toContain(hidden);
  });

  it.skipIf(!openActiveModelsPresent)('serves pages and items that pass the OpenActive models and RPDE rules', async () => {
    const { page: p } = await page(FEED);
    expect(p.items.length).toBeGreaterThan(0);
    expect(validateFeedPage(p)).toEqual([]);
  });

  it.skipIf(!openActiveModelsPresent)('the validator rules accept OpenActive’s own example feed pages', () => {
    for (const name of ['sessionseries_example_1.json', 'scheduledsession_example_1.json'])
      expect(validateFeedPage(JSON.parse(readFileSync(path.join(OPENACTIVE_MODELS_DIR, name), 'utf8'))), name).toEqual([]);
  });

  it.skipIf(!openActiveModelsPresent)('the validator rules catch what a broken item would get wrong', () => {
    const broken = {
      '@context': 'https://schema.org/',
      '@type': 'SessionSeries',
      '@id': 'not a url',
      name: 7,
      location: { '@type': 'Place' },
      remainingAttendeeCapacity: 3,
    };
    const errors = validateOpportunity(broken).join('\n');
    for (const expected of [
      '@context',
      '"url" is missing',
      '"activity" is missing',
      '"offers" is missing',
      'data.@id',
      'data.name',
      'remainingAttendeeCapacity',
      'needs one of address, geo',
    ])
      expect(errors).toContain(expected);
    expect(validateFeedPage({ next: '/relative', items: [{ state: 'deleted', kind: 'SessionSeries', id: 'x', modified: '1', data: {} }] }).join('\n')).toMatch(
      /license.*\n?[\s\S]*absolute URL[\s\S]*modified must be an integer[\s\S]*no data/,
    );
  });

  it('describes sessions as OpenActive schedules: weekly, fortnightly, nth and last weekday of the month, cancellations, months, one-off sessions', async () => {
    const { items } = await readAll(FEED);
    const walk = items.find((i) => i.id === ids.public.walk)!.data!;
    expect(walk['@id']).toBe(`${BASE}${paths.activity(ids.public.walk)}`);
    expect(walk.url).toBe(walk['@id']);
    expect(walk.activity).toContainEqual({
      '@type': 'Concept',
      '@id': 'https://openactive.io/activity-list#95092977-5a20-4d6e-b312-8fddabe71544',
      prefLabel: 'Walking',
      inScheme: 'https://openactive.io/activity-list',
    });
    expect(walk.organizer).toMatchObject({ '@type': 'Organization', name: 'Yarmouth Minster Heritage Trust', url: 'https://www.minster-trust.example.org/' });
    expect(walk.location.geo.latitude).toBeGreaterThan(52.5);
    expect(walk.location.geo.longitude).toBeGreaterThan(1.6);
    expect(walk.offers).toEqual([expect.objectContaining({ '@type': 'Offer', price: 3.5, priceCurrency: 'GBP' })]);
    expect(walk.ageRange).toEqual({ '@type': 'QuantitativeValue', minValue: 18 });
    expect(walk.accessibilitySupport.map((c: { prefLabel: string; inScheme: string }) => `${c.prefLabel} (${c.inScheme})`).sort()).toEqual([
      'Hearing impairment (https://openactive.io/accessibility-support)',
      'Physical impairment (https://openactive.io/accessibility-support)',
    ]);
    expect(walk.accessibilityInformation).toBe('Step-free access. Hearing loop.');
    expect(walk.eventSchedule).toEqual([
      expect.objectContaining({
        '@type': 'Schedule',
        repeatFrequency: 'P1W',
        byDay: ['https://schema.org/Tuesday'],
        startTime: '10:00',
        endTime: '12:00',
        duration: 'PT2H',
        scheduleTimezone: 'Europe/London',
      }),
    ]);
    expect(walk.subEvent).toEqual([
      expect.objectContaining({ '@type': 'ScheduledSession', startDate: '2026-12-05T14:00:00Z', endDate: '2026-12-05T15:30:00Z' }),
    ]);
    for (const text of [JSON.stringify(walk)]) {
      expect(text).not.toContain('walks@example.org'); // the contact person stays out
      expect(text).not.toContain('Walk leader');
    }

    const cafe = items.find((i) => i.id === ids.public.cafe)!.data!;
    const byDay = cafe.eventSchedule.map((s: { byDay: string[]; repeatFrequency: string }) => `${s.repeatFrequency} ${s.byDay.join()}`).sort();
    expect(byDay).toEqual(['P1M -1FR', 'P1M 1TU', 'P2W https://schema.org/Wednesday']);
    expect(cafe.eventSchedule.find((s: { byDay: string[] }) => s.byDay[0] === '-1FR').exceptDate).toEqual(['2026-11-27']);
    expect(cafe.eventSchedule[0].byMonth).toEqual([4, 5, 6, 7, 8, 9]);
    expect(cafe.offers.map((o: { price: number }) => o.price)).toEqual([0, 5]);
    const archive = items.find((i) => i.id === ids.public.archive)!.data!;
    expect(archive.activity).toEqual([
      expect.objectContaining({ '@id': `${BASE}${paths.openData.dataset}#activity-type-archives_research`, prefLabel: 'Archives and local history research' }),
    ]);
  });

  it('pages with afterTimestamp and afterId; the last page points to itself and is cached for seconds, full pages for an hour', async () => {
    const first = await page(FEED);
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.page.license).toBe(OPEN_DATA_LICENCE.url);
    const last = first.page.items.at(-1)!;
    expect(first.page.next).toBe(`${BASE}${FEED}?afterTimestamp=${last.modified}&afterId=${last.id}`);
    const end = await page(relative(first.page.next));
    expect(end.page.items).toEqual([]);
    expect(end.page.next).toBe(first.page.next);
    expect(end.headers['cache-control']).toBe('public, max-age=8');
    // A cursor in the middle of one stamp's items goes on with the next id.
    const sorted = first.page.items;
    const middle = await page(`${FEED}?afterTimestamp=${sorted[0]!.modified}&afterId=${sorted[0]!.id}`);
    expect(middle.page.items.map((i) => i.id)).toEqual(sorted.slice(1).map((i) => i.id));
  });

  it('keeps withdrawn, unapproved and no-longer-fresh listings as deleted tombstones after the consumer’s place, and brings one back when it is live again', async () => {
    const before = await readAll(FEED);
    const resume = before.last;
    expect(await t.services.openActive.syncFeed()).toEqual({ updated: 0, deleted: 0, modified: null }); // nothing changed, nothing re-sent

    await t.db.query(`update activities set status = 'withdrawn' where id = $1`, [ids.public.walk]);
    await t.db.query(`update organisations set status = 'pending' where id = $1`, [ids.organisations.museum]);
    now = new Date('2027-03-05T10:00:00Z'); // the archive afternoons were last checked on 1 March 2026
    await t.services.openActive.syncFeed();
    const after = await readAll(resume);
    expect(after.items.map((i) => [i.id, i.state]).sort()).toEqual(
      [
        [ids.public.walk, 'deleted'],
        [ids.public.cafe, 'deleted'],
        [ids.public.archive, 'deleted'],
      ].sort(),
    );
    for (const item of after.items) {
      expect(item).not.toHaveProperty('data');
      expect(item.modified).toBeGreaterThan(Math.max(...before.items.map((i) => i.modified)));
    }
    // Read from the start, a tombstone is still there (a new consumer learns nothing is live).
    expect((await readAll(FEED)).items.filter((i) => i.state === 'deleted')).toHaveLength(3);

    now = new Date(TEST_NOW); // the clock steps back: stamps still rise
    await t.db.query(`update activities set status = 'live' where id = $1`, [ids.public.walk]);
    await t.services.openActive.syncFeed();
    const back = await readAll(after.last);
    expect(back.items.map((i) => [i.id, i.state]).sort()).toEqual(
      [
        [ids.public.walk, 'updated'],
        [ids.public.archive, 'updated'], // fresh again at the earlier date
      ].sort(),
    );
    expect(back.items[0]!.modified).toBeGreaterThan(after.items[0]!.modified);
  });

  it('sends a listing again when one of its sessions changes, though the listing itself did not', async () => {
    const { last } = await readAll(FEED);
    const [session] = await t.db.query<{ id: string }>('select id from activity_sessions where activity_id = $1 and frequency = $2', [
      ids.public.walk,
      'weekly',
    ]);
    await t.db.query(`insert into session_cancellations (session_id, on_date, reason) values ($1, '2026-12-08', 'Flooded path')`, [session!.id]);
    await t.services.openActive.syncFeed();
    const { items } = await readAll(last);
    expect(items.map((i) => i.id)).toEqual([ids.public.walk]);
    expect(items[0]!.data!.eventSchedule[0].exceptDate).toEqual(['2026-12-08']);
  });

  it.each([
    ['afterTimestamp=yesterday', 'afterTimestamp'],
    ['afterTimestamp=-5', 'afterTimestamp'],
    ['afterTimestamp=1.5', 'afterTimestamp'],
    ['afterTimestamp=99999999999999999999999', 'afterTimestamp'],
    ['afterTimestamp=1&afterTimestamp=2', 'afterTimestamp'],
    ['afterTimestamp=1&afterId=12', 'afterId'],
    ['afterTimestamp=1&afterId=a&afterId=b', 'afterId'],
    ['afterId=0b6b5c9e-6a57-4c1e-9f7e-6d8f3c1f2a10', 'afterId'],
  ])('answers a bad cursor (%s) with a JSON 400 naming the parameter', async (query, field) => {
    const res = await get(`${FEED}?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
  });

  it('ignores parameters RPDE does not name', async () => {
    expect((await get(`${FEED}?limit=5&foo[]=1&afterChangeNumber=3`)).statusCode).toBe(200);
  });

  it('describes the feeds, licence and publisher on the dataset page, with the Dataset as JSON-LD', async () => {
    const res = await get(paths.openData.dataset);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="${BASE}${FEED}"`);
    expect(res.body).toContain(`href="${BASE}${paths.openData.activitiesGeojson}"`);
    expect(res.body).toContain(`href="${OPEN_DATA_LICENCE.url}"`);
    const json = /<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/.exec(res.body)?.[1];
    const dataset = JSON.parse(json!) as {
      '@type': string;
      license: string;
      publisher: { name: string };
      distribution: { '@type': string; contentUrl: string }[];
    };
    expect(dataset).toMatchObject({ '@type': 'Dataset', license: OPEN_DATA_LICENCE.url, publisher: { name: 'Waymark' } });
    expect(dataset.distribution.map((d) => [d['@type'], d.contentUrl])).toEqual([
      ['DataDownload', `${BASE}${FEED}`],
      ['DataDownload', `${BASE}${paths.openData.activitiesGeojson}`],
    ]);
    expect(res.body).toContain('id="activity-type-archives_research"'); // where Waymark's own activity concepts point
  });

  describe('GeoJSON export', () => {
    const URL_ = paths.openData.activitiesGeojson;
    it('is an RFC 7946 FeatureCollection of points, longitude first, with public facts and the licence', async () => {
      const res = await get(URL_);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const fc = res.json() as {
        type: string;
        features: { type: string; id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[];
      };
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.map((f) => f.id).sort()).toEqual([ids.public.walk, ids.public.archive].sort()); // the café's museum is not approved now
      for (const f of fc.features) {
        expect(f.type).toBe('Feature');
        expect(f.geometry.type).toBe('Point');
        expect(f.geometry.coordinates).toHaveLength(2);
        const [lon, lat] = f.geometry.coordinates as [number, number];
        expect(lon).toBeGreaterThanOrEqual(-180);
        expect(lon).toBeLessThanOrEqual(180);
        expect(lat).toBeGreaterThanOrEqual(-90);
        expect(lat).toBeLessThanOrEqual(90);
        // England: longitude about -6…2, latitude about 49…56, so a swapped pair fails here.
        expect(lon).toBeGreaterThan(-6.5);
        expect(lon).toBeLessThan(2);
        expect(lat).toBeGreaterThan(49);
        expect(lat).toBeLessThan(56);
        expect(Object.keys(f.properties).sort()).toEqual(['licence', 'name', 'nextSession', 'organisation', 'place', 'postcode', 'shortCode', 'town', 'url']);
        expect(f.properties.licence).toBe(OPEN_DATA_LICENCE.url);
      }
      const walk = fc.features.find((f) => f.id === ids.public.walk)!;
      expect(walk.properties).toMatchObject({
        name: 'Minster heritage walk',
        organisation: 'Yarmouth Minster Heritage Trust',
        url: `${BASE}${paths.activity(ids.public.walk)}`,
      });
      expect(JSON.stringify(fc)).not.toContain('walks@example.org');
    });

    it('answers a repeated request with the same ETag with 304 and no body', async () => {
      const first = await get(URL_);
      const etag = first.headers.etag as string;
      expect(etag).toBeTruthy();
      const again = await t.app.inject({ method: 'GET', url: URL_, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });
  });
});
