import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace } from '../../../../test/factories.ts';
import { seedOrukDirectory } from '../../../../test/fixtures/oruk.fixtures.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../../web/paths.ts';
import { serviceAtLocationIdOf } from '../service.serialiser.ts';
import { V1_MAX_PER_PAGE } from './v1-query.ts';

type Location = {
  id: string;
  name: string;
  latitude: number;
  physical_addresses: { postal_code: string; country: string }[];
  accessibility_for_disabilities: { id: string; accessibility: string; details?: string }[];
  service_at_locations: { id: string; service: Record<string, unknown> & { id: string; organization: Record<string, unknown> } }[];
};
type Page = { content: Location[]; totalElements: number; totalPages: number; number: number; size: number; first: boolean; last: boolean };

const V1 = paths.api.orukV1;

describe.each(ENGINES)('Open Referral UK 1.0 locations ($name)', (engine) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedOrukDirectory>>;
  let talk: string;
  let onlyPendingPlace: string;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const page = async (query = '') => {
    const res = await get(`${V1.locations}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const location = async (id: string) => {
    const res = await get(V1.location(id));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Location;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    ids = await seedOrukDirectory(t.db);
    // A second public activity at the Minster hall (the walk states step-free access and a hearing loop).
    talk = await makeActivity(t.db, ids.organisations.trust, ids.places.minster, { title: 'Minster history talk', access: ['step_free', 'parking', 'bsl'] });
    // Hidden listings there state more; they must not count.
    await t.db.query(`update activities set access = '{accessible_toilet,quiet_space}' where id = any($1::uuid[])`, [Object.values(ids.hidden)]);
    const quiet = await makeOrganisation(t.db, { name: 'Quiet Chapel Friends' });
    onlyPendingPlace = await makePlace(t.db, quiet, { name: 'Chapel Room' });
    await makeActivity(t.db, quiet, onlyPendingPlace, { title: 'Not yet approved visit', status: 'pending' });
  });
  afterAll(async () => t.close());

  it('lists only places with a publicly visible listing, by name, in the 1.0 envelope with the content first', async () => {
    const res = await get(V1.locations);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(Object.keys(res.json())[0]).toBe('content');
    const p = res.json() as Page;
    expect(p).toMatchObject({ totalElements: 3, totalPages: 1, number: 1, size: 50, first: true, last: true });
    expect(p.content.map((l) => l.name)).toEqual(['Minster Church Hall', 'Museum Café', 'Row Houses']);
    expect(p.content.map((l) => l.id)).toEqual([ids.places.minster, ids.places.norwich, ids.places.rows]);
  });

  it('gives each place the id the services feed gives it, and each listing there its service_at_location id', async () => {
    const walk = (await get(V1.service(ids.public.walk))).json() as { service_at_locations: { id: string; location: { id: string } }[] };
    const minster = await location(walk.service_at_locations[0]!.location.id);
    expect(minster.id).toBe(ids.places.minster);
    expect(minster.service_at_locations.map((s) => s.id).sort()).toEqual(
      [serviceAtLocationIdOf(ids.public.walk, ids.places.minster), serviceAtLocationIdOf(talk, ids.places.minster)].sort(),
    );
    expect(minster.service_at_locations.map((s) => s.id)).toContain(walk.service_at_locations[0]!.id);
    expect(minster.physical_addresses[0]).toMatchObject({ country: 'GB', postal_code: expect.stringMatching(/^[A-Z0-9]+ [A-Z0-9]+$/) });
  });

  it('states only what is true of the place, from its public listings, saying where they differ', async () => {
    const minster = await location(ids.places.minster);
    const access = Object.fromEntries(minster.accessibility_for_disabilities.map((a) => [a.accessibility, a.details ?? null]));
    expect(access).toEqual({
      'Step-free access': null,
      'Parking nearby': 'Stated for 1 of 2 activities here; check with the activity.',
      'Hearing loop': 'Stated for 1 of 2 activities here; check with the activity.',
    });
    // British Sign Language is how an activity is run, and the walk's ground is the walk's: they stay on each service.
    expect(JSON.stringify(minster.accessibility_for_disabilities)).not.toMatch(/Sign Language|Walking|Uneven/);
    expect(new Set(minster.accessibility_for_disabilities.map((a) => a.id)).size).toBe(3);
  });

  it('nests each public listing with its service fields but no contact details or hidden listings', async () => {
    const minster = await location(ids.places.minster);
    const body = JSON.stringify(minster);
    for (const personal of ['Walk leader', 'walks@example.org', '01493 111111', '01493 000000']) expect(body).not.toContain(personal);
    expect(body).not.toMatch(/Pending tour|Withdrawn tour|Expired tour/);
    const walk = minster.service_at_locations.find((s) => s.service.id === ids.public.walk)!.service;
    expect(walk).toMatchObject({ name: 'Minster heritage walk', status: 'active', attending_type: 'venue' });
    expect(walk.organization).toEqual({
      id: ids.organisations.trust,
      name: 'Yarmouth Minster Heritage Trust',
      description: expect.any(String),
      url: 'https://www.minster-trust.example.org/',
    });
    expect(walk).not.toHaveProperty('email');
    expect(walk).not.toHaveProperty('contacts');
  });

  it('answers a JSON 404 for places with nothing public, unknown ids and ids that are not UUIDs', async () => {
    const unapprovedPlace = (await t.db.query<{ id: string }>(`select id from places where name = 'Society Room'`))[0]!.id;
    for (const id of [unapprovedPlace, onlyPendingPlace, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1'or'1"]) {
      const res = await get(V1.location(encodeURIComponent(id)));
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('reads paging liberally: the most served for a larger per_page, unknown parameters ignored, an empty last page past the end', async () => {
    expect(await page(`?per_page=5000&sort=name&api_key=x`)).toMatchObject({ size: V1_MAX_PER_PAGE, totalPages: 1, last: true, totalElements: 3 });
    expect(await page('?page=9&per_page=2')).toMatchObject({ content: [], number: 9, totalPages: 2, first: false, last: true });
    const seen: string[] = [];
    for (let n = 1; n <= 3; n++) seen.push(...(await page(`?per_page=1&page=${n}`)).content.map((l) => l.id));
    expect(seen).toEqual([ids.places.minster, ids.places.norwich, ids.places.rows]);
    for (const query of ['per_page=lots', 'page=0']) {
      const res = await get(`${V1.locations}?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].field).toBe(query.split('=')[0]);
    }
  });

  it('tags each answer with the latest change to the place or its listings, and answers a matching request with 304', async () => {
    const list = await get(V1.locations);
    // The talk at the Minster hall was added last (the test clock's now), after every place and the other listings.
    expect(list.headers['last-modified']).toBe(new Date(TEST_NOW).toUTCString());
    expect((await get(V1.location(ids.places.norwich))).headers['last-modified']).toBe(new Date('2026-11-20T09:00:00Z').toUTCString());
    const again = await get(V1.locations, { 'if-none-match': String(list.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const one = await get(V1.location(ids.places.rows));
    expect(one.headers['last-modified']).toBe(new Date('2026-01-01T00:00:00Z').toUTCString());
    expect((await get(V1.location(ids.places.rows), { 'if-modified-since': String(one.headers['last-modified']) })).statusCode).toBe(304);
  });
});
