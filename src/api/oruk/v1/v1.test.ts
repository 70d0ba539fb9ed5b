import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { seedOrukDirectory } from '../../../../test/fixtures/oruk.fixtures.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../../web/paths.ts';
import { termId } from '../oruk-ids.ts';
import { V1_MAX_PER_PAGE } from './v1-query.ts';

type Service = {
  id: string;
  name: string;
  organization: { id: string; name: string; url?: string };
  regular_schedules: { weekday: number; opens_at: string; freq?: string; byday?: string }[];
  holiday_schedules: { closed: boolean; start_date: string }[];
  service_at_locations: { location: { physical_addresses: { postal_code: string }[]; accessibility_for_disabilities: { accessibility: string }[] } }[];
  service_taxonomys: { taxonomy: { id: string; vocabulary: string } }[];
  eligibilitys: { minimum_age?: number }[];
};
type Page = { content: Service[]; totalElements: number; totalPages: number; number: number; size: number; first: boolean; last: boolean };

const V1 = paths.api.orukV1;
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const standards = process.env.SHARED_DIR ? path.resolve(process.env.SHARED_DIR, 'standards') : path.resolve(repoRoot, '../shared/standards');
const schemaDir = path.join(standards, 'oruk-validator-schemas/OpenReferralApi/Schemas/V1.0-UK');
const schemasPresent = existsSync(path.join(schemaDir, 'open_api.json'));
if (!schemasPresent) console.warn(`ORUK 1.0 schema checks skipped: the V1.0-UK schemas were not found at ${schemaDir}.`);

describe.each(ENGINES)('Open Referral UK 1.0 feed ($name)', (engine) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedOrukDirectory>>;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const page = async (query = '') => {
    const res = await get(`${V1.services}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const names = (p: Page) => p.content.map((s) => s.name).sort();

  beforeAll(async () => {
    t = await createTestApp(engine);
    ids = await seedOrukDirectory(t.db);
  });
  afterAll(async () => t.close());

  it('pages in the 1.0 envelope with the content first, and only live, approved, fresh listings', async () => {
    const res = await get(V1.services);
    expect(Object.keys(res.json())[0]).toBe('content');
    const p = res.json() as Page;
    expect(p).toMatchObject({ totalElements: 3, totalPages: 1, number: 1, size: 50, first: true, last: true });
    expect(names(p)).toEqual(['Memory café', 'Minster heritage walk', 'Row house archive afternoons']);
    for (const hidden of Object.values(ids.hidden)) expect((await get(V1.service(hidden))).statusCode).toBe(404);
  });

  it('nests each service as 1.0 clients read it: addresses, weekly and monthly schedules, closures, taxonomies', async () => {
    const walk = (await get(V1.service(ids.public.walk))).json() as Service;
    expect(walk.organization).toMatchObject({ name: 'Yarmouth Minster Heritage Trust', url: 'https://www.minster-trust.example.org/' });
    expect(walk.service_at_locations[0]!.location.physical_addresses[0]!.postal_code).toMatch(/^[A-Z0-9]+ [A-Z0-9]+$/);
    expect(walk.service_at_locations[0]!.location.accessibility_for_disabilities.map((a) => a.accessibility)).toContain('Walking');
    expect(walk.regular_schedules).toContainEqual(expect.objectContaining({ weekday: 2, opens_at: '10:00:00', freq: 'WEEKLY', byday: 'TU' }));
    expect(walk.eligibilitys[0]!.minimum_age).toBe(18);
    expect(walk.service_taxonomys.map((s) => s.taxonomy.id)).toContain(termId('needs', 'loneliness'));
    const cafe = (await get(V1.service(ids.public.cafe))).json() as Service;
    expect(cafe.regular_schedules).toContainEqual(expect.objectContaining({ weekday: 5, freq: 'MONTHLY', byday: '-1FR' }));
    expect(cafe.holiday_schedules).toContainEqual(expect.objectContaining({ closed: true, start_date: '2026-11-27' }));
  });

  it('serves a per_page above its most at that most, with the true size and page count, never refusing it', async () => {
    const p = await page('?per_page=5000');
    expect(p).toMatchObject({ size: V1_MAX_PER_PAGE, totalPages: 1, last: true });
    expect(p.content).toHaveLength(3);
  });

  it('ignores parameters the specification does not name, and answers a page past the end with an empty last page', async () => {
    expect(names(await page('?include=service_at_locations&sort=name&api_key=x&foo[]=1'))).toHaveLength(3);
    const past = await page('?page=9&per_page=2');
    expect(past).toMatchObject({ content: [], number: 9, totalPages: 2, last: true, first: false });
  });

  it('lets a client that pages naively, until totalPages <= number, finish with every service once', async () => {
    const seen: string[] = [];
    let number = 0;
    let totalPages = 1;
    let requests = 0;
    while (totalPages > number) {
      const p = await page(`?per_page=1&page=${number + 1}`);
      seen.push(...p.content.map((s) => s.id));
      ({ number, totalPages } = p);
      if (++requests > 10) throw new Error('the client never stopped');
    }
    expect(seen.sort()).toEqual(Object.values(ids.public).sort());
  });

  it('filters by the 1.0 parameters: text, postcode and proximity, taxonomy_id, vocabulary, ages, day and times', async () => {
    expect(names(await page('?text=walk'))).toEqual(['Minster heritage walk']);
    expect(names(await page('?postcode=NR2%201AA&proximity=2000'))).toEqual(['Memory café']);
    expect(names(await page(`?taxonomy_id=${termId('needs', 'dementia')},${termId('needs', 'confidence')}`))).toEqual([
      'Memory café',
      'Row house archive afternoons',
    ]);
    expect(names(await page(`?taxonomy_id=${termId('needs', 'dementia')}&taxonomy_id=${termId('needs', 'loneliness')}`))).toEqual([
      'Memory café',
      'Minster heritage walk',
    ]);
    expect(names(await page('?vocabulary=support'))).toEqual(['Minster heritage walk']);
    expect(names(await page('?minimum_age=18'))).toEqual(['Minster heritage walk']);
    expect(names(await page('?day=Wednesday'))).toEqual(['Memory café']);
    expect(names(await page('?day=tuesday&start_time=10:00'))).toContain('Minster heritage walk');
    expect(names(await page('?day=Tuesday&start_time=11:00'))).not.toContain('Minster heritage walk');
  });

  it('refuses a value that cannot mean anything with a 400 naming the parameter, and nothing else', async () => {
    for (const [query, field] of [
      ['per_page=lots', 'per_page'],
      ['postcode=hello', 'postcode'],
      ['day=Funday', 'day'],
      ['start_time=25:00', 'start_time'],
      ['minimum_age=-3', 'minimum_age'],
    ] as const) {
      const res = await get(`${V1.services}?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('tags every answer and answers a repeated request whose tag still matches with 304 and no body', async () => {
    const first = await get(`${V1.services}?per_page=2`);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await get(`${V1.services}?per_page=2`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await get(`${V1.services}?per_page=1`, { 'if-none-match': etag });
    expect(other.statusCode).toBe(200);
  });

  it.skipIf(!schemasPresent)('validates against the V1.0-UK schemas the ORUK validator uses', async () => {
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    const openapi = JSON.parse(readFileSync(path.join(schemaDir, 'open_api.json'), 'utf8')) as { components: { schemas: Record<string, object> } };
    const component = (name: string): ValidateFunction => ajv.compile({ ...openapi.components.schemas[name], components: openapi.components } as object);
    const expectValid = (validate: ValidateFunction, body: unknown) => {
      const ok = validate(body);
      expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n')).toEqual([]);
    };
    const list = (await page('?per_page=500')) as unknown as Record<string, unknown>;
    const envelope = openapi.components.schemas.page as { properties: Record<string, unknown> };
    expectValid(ajv.compile({ ...envelope, required: Object.keys(envelope.properties) }), list);
    expectValid(ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, 'service_list.json'), 'utf8'))), list);
    const details = component('service_details');
    for (const id of Object.values(ids.public)) expectValid(details, (await get(V1.service(id))).json());
    expectValid(ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, 'taxonomy_list.json'), 'utf8'))), (await get(V1.taxonomies)).json());
  });
});
