import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace } from '../../../test/factories.ts';
import { seedOrukDirectory } from '../../../test/fixtures/oruk.fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { paths } from '../../web/paths.ts';
import { serviceAtLocationIdOf } from './service.serialiser.ts';

type Listed = { id: string; service_id: string; location_id: string };
type Page = { total_items: number; total_pages: number; page_number: number; size: number; last_page: boolean; contents: { id: string; name: string }[] };

// The UK profile's organization schemas (shared/standards, not shipped); those checks skip when absent.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const standards = process.env.SHARED_DIR ? path.resolve(process.env.SHARED_DIR, 'standards') : path.resolve(repoRoot, '../shared/standards');
const schemaRoot = path.join(standards, 'oruk-validator-schemas/OpenReferralApi/Schemas');
const schemaDir = path.join(schemaRoot, 'V3.0-UK');
const present = existsSync(path.join(schemaDir, 'organization.json'));
if (!present) console.warn(`ORUK organization schema checks skipped: schemas not found at ${schemaDir}.`);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const schema = (name: string): ValidateFunction => ajv.compile(JSON.parse(readFileSync(path.join(schemaRoot, `${name}.json`), 'utf8')));
/** `name` is a schema under Schemas/, e.g. V3.0-UK/organization (3.0 when no folder is given). */
function expectValid(name: string, body: unknown) {
  if (!present) return;
  const validate = schema(name.includes('/') ? name : `V3.0-UK/${name}`);
  const ok = validate(body);
  expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n')).toEqual([]);
}

describe.each(ENGINES)('ORUK 3.0 organizations ($name)', (engine) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedOrukDirectory>>;
  let onlyPending: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp(engine);
    ids = await seedOrukDirectory(t.db);
    onlyPending = await makeOrganisation(t.db, { name: 'Quiet Chapel Friends' });
    const room = await makePlace(t.db, onlyPending, { name: 'Chapel Room' });
    await makeActivity(t.db, onlyPending, room, { title: 'Not yet approved visit', status: 'pending' });
  });
  afterAll(async () => t.close());

  it('lists only organisations with a publicly visible listing, paged in the 3.0 envelope, each item in the organization_list schema', async () => {
    const res = await get(`${paths.api.orukOrganisations}?per_page=1`);
    expect(res.statusCode).toBe(200);
    const first = res.json() as Page;
    expect(first).toMatchObject({ total_items: 2, total_pages: 2, page_number: 1, size: 1, last_page: false });
    // The validator's organization_list schema describes one item of `contents`.
    for (const item of first.contents) expectValid('organization_list', item);
    const second = (await get(`${paths.api.orukOrganisations}?per_page=1&page=2`)).json() as Page;
    expect([...first.contents, ...second.contents].map((o) => o.name)).toEqual(['Norwich Memories Museum', 'Yarmouth Minster Heritage Trust']);
    expect((await get(`${paths.api.orukOrganisations}?page=9`)).json()).toMatchObject({ size: 0, last_page: true, contents: [] });
  });

  it('returns an organisation with only its public services, in the organization schema', async () => {
    const res = await get(paths.api.orukOrganisation(ids.organisations.trust));
    expect(res.statusCode).toBe(200);
    const body = res.json() as { name: string; services: { id: string }[] };
    expect(body.name).toBe('Yarmouth Minster Heritage Trust');
    expect(body.services.map((s) => s.id).sort()).toEqual([ids.public.walk, ids.public.archive].sort());
    expectValid('organization', body);
  });

  it('answers a JSON 404 for organisations with nothing public, unknown ids and ids that are not UUIDs', async () => {
    for (const id of [ids.organisations.unapproved, onlyPending, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1'or'1"]) {
      const res = await get(paths.api.orukOrganisation(encodeURIComponent(id)));
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
    }
  });

  it('lists each public listing at its place as a service_at_location, in the service_at_location_list schema', async () => {
    const res = await get(`${paths.api.orukServiceAtLocations}?per_page=500`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as Omit<Page, 'contents'> & { contents: Listed[] };
    expect(body.total_items).toBe(3);
    expect(body.contents.map((c) => c.service_id).sort()).toEqual(Object.values(ids.public).sort());
    expectValid('service_at_location_list', body);
  });

  it('returns a service_at_location by the id the list gave, with the service nested, in its schema', async () => {
    const listed = (await get(paths.api.orukServiceAtLocations)).json() as { contents: Listed[] };
    const walk = listed.contents.find((c) => c.service_id === ids.public.walk)!;
    const res = await get(paths.api.orukServiceAtLocation(walk.id));
    expect(res.statusCode).toBe(200);
    const body = res.json() as { id: string; location_id: string; service: { id: string; schedules: unknown[] } };
    expect(body).toMatchObject({ id: walk.id, location_id: ids.places.minster, service: { id: ids.public.walk } });
    expect(body.service.schedules.length).toBeGreaterThan(0);
    expectValid('service_at_location', body);
    for (const bad of [ids.public.walk, '00000000-0000-4000-8000-000000000000', 'nope']) {
      const missing = await get(paths.api.orukServiceAtLocation(bad));
      expect(missing.statusCode, bad).toBe(404);
      expect(missing.headers['content-type']).toContain('application/json');
    }
  });

  it('looks a service_at_location up by its listing and place, 404s one not publicly visible, and follows a listing that moves', async () => {
    const found = await get(paths.api.orukServiceAtLocation(serviceAtLocationIdOf(ids.public.walk, ids.places.minster)));
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ service_id: ids.public.walk, location_id: ids.places.minster });
    const pending = await get(paths.api.orukServiceAtLocation(serviceAtLocationIdOf(ids.hidden.pending, ids.places.minster)));
    expect(pending.statusCode).toBe(404);
    // Moved to another place: the old pair's id is gone, the new pair's id finds it.
    await t.db.query('update activities set place_id = $1 where id = $2', [ids.places.norwich, ids.public.walk]);
    try {
      expect((await get(paths.api.orukServiceAtLocation(serviceAtLocationIdOf(ids.public.walk, ids.places.minster)))).statusCode).toBe(404);
      const moved = await get(paths.api.orukServiceAtLocation(serviceAtLocationIdOf(ids.public.walk, ids.places.norwich)));
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ service_id: ids.public.walk, location_id: ids.places.norwich });
    } finally {
      await t.db.query('update activities set place_id = $1 where id = $2', [ids.places.minster, ids.public.walk]);
    }
  });

  it('lists the same organisations at the 1.0 address in the 1.0 envelope and organization_list schema', async () => {
    const res = await get(`${paths.api.orukV1.organizations}?per_page=5000&unknown=1`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { content: { name: string; url?: string }[]; totalElements: number; last: boolean };
    expect(Object.keys(body)[0]).toBe('content');
    expect(body).toMatchObject({ totalElements: 2, last: true });
    expect(body.content.map((o) => o.name)).toEqual(['Norwich Memories Museum', 'Yarmouth Minster Heritage Trust']);
    expect(body.content[1]!.url).toBe('https://www.minster-trust.example.org/');
    expectValid('V1.0-UK/organization_list', body);
  });

  it('answers a JSON 400 for a bad page number, never a 5xx', async () => {
    for (const url of [
      `${paths.api.orukOrganisations}?page=-1`,
      `${paths.api.orukServiceAtLocations}?per_page=abc`,
      `${paths.api.orukV1.organizations}?page=x`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ status: 400 });
    }
  });
});
