import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { paths } from '../../web/paths.ts';
import { seedOrukDirectory } from '../../../test/fixtures/oruk.fixtures.ts';

/**
 * Real responses of the running app, validated against the Open Referral UK 3.0 schemas the ORUK
 * validator uses (shared/standards, not shipped in this repository).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const standards = process.env.SHARED_DIR ? path.resolve(process.env.SHARED_DIR, 'standards') : path.resolve(repoRoot, '../shared/standards');
const schemaDir = path.join(standards, 'oruk-validator-schemas/OpenReferralApi/Schemas/V3.0-UK');
const openapiFile = path.join(standards, 'oruk-uk-profile-3.0/docs/extras/openapi30.json');
const present = existsSync(schemaDir) && existsSync(openapiFile);
if (!present)
  console.warn(`ORUK contract tests skipped: the ORUK 3.0 schemas were not found at ${schemaDir} (set SHARED_DIR to the folder holding standards/).`);

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const load = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const schema = (name: string): ValidateFunction => ajv.compile(load(path.join(schemaDir, `${name}.json`)));

// The validator's list schemas put the envelope under an unknown keyword; check it properly, every field required.
function pageSchema(): ValidateFunction {
  const page = (load(openapiFile) as { components: { schemas: { Page: { properties: Record<string, unknown> } } } }).components.schemas.Page;
  return ajv.compile({ ...page, required: [...Object.keys(page.properties), 'contents'], properties: { ...page.properties, contents: { type: 'array' } } });
}

function expectValid(validate: ValidateFunction, body: unknown) {
  const ok = validate(body);
  expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n')).toEqual([]);
}

describe.skipIf(!present).each(ENGINES)('ORUK 3.0 responses against the UK profile schemas ($name)', (engine) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedOrukDirectory>>;
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return res.json() as Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    ids = await seedOrukDirectory(t.db);
  });
  afterAll(async () => t.close());

  it('describes the API at the root', async () => {
    expectValid(schema('api_details'), await get(paths.api.orukRoot));
  });

  it('lists services in the service_list schema inside a full pagination envelope', async () => {
    const body = await get(`${paths.api.orukServices}?per_page=2`);
    expectValid(schema('service_list'), body);
    expectValid(pageSchema(), body);
    expect((body.contents as unknown[]).length).toBe(2);
  });

  it('returns every public service fully nested in the service schema', async () => {
    const validate = schema('service');
    for (const id of Object.values(ids.public)) expectValid(validate, await get(paths.api.orukService(id)));
  });

  it('lists taxonomies and taxonomy terms, and returns each by id, in their schemas', async () => {
    const taxonomies = await get(paths.api.orukTaxonomies);
    expectValid(schema('taxonomy_list'), taxonomies);
    expectValid(pageSchema(), taxonomies);
    const first = (taxonomies.contents as { id: string }[])[0]!;
    expectValid(schema('taxonomy'), await get(paths.api.orukTaxonomy(first.id)));

    const terms = await get(paths.api.orukTaxonomyTerms);
    expectValid(schema('taxonomy_term_list'), terms);
    expectValid(pageSchema(), terms);
    const term = (terms.contents as { id: string }[])[0]!;
    expectValid(schema('taxonomy_term'), await get(paths.api.orukTaxonomyTerm(term.id)));
  });
});

// Open Referral UK 1.0 locations (decision 054), against the V1.0-UK schemas the validator uses for them.
const v1Dir = path.join(standards, 'oruk-validator-schemas/OpenReferralApi/Schemas/V1.0-UK');
const v1Present = existsSync(path.join(v1Dir, 'location.json')) && existsSync(path.join(v1Dir, 'open_api.json'));

describe.skipIf(!v1Present).each(ENGINES)('ORUK 1.0 locations against the V1.0-UK schemas ($name)', (engine) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedOrukDirectory>>;
  const v1 = (name: string): ValidateFunction => ajv.compile(load(path.join(v1Dir, `${name}.json`)));

  beforeAll(async () => {
    t = await createTestApp(engine);
    ids = await seedOrukDirectory(t.db);
  });
  afterAll(async () => t.close());

  it('lists locations in location_list inside the 1.0 page envelope, every envelope field present', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${paths.api.orukV1.locations}?per_page=2` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Record<string, unknown>;
    expectValid(v1('location_list'), body);
    const openapi = load(path.join(v1Dir, 'open_api.json')) as { components: { schemas: { page: { properties: Record<string, unknown> } } } };
    const page = openapi.components.schemas.page;
    expectValid(ajv.compile({ ...page, required: [...Object.keys(page.properties), 'content'] }), body);
    expect((body.content as unknown[]).length).toBe(2);
  });

  it('returns every location in the location schema and the OpenAPI location_details', async () => {
    const openapi = load(path.join(v1Dir, 'open_api.json')) as { components: Record<string, Record<string, object>> };
    const details = ajv.compile({ ...openapi.components.schemas!.location_details, components: openapi.components });
    const location = v1('location');
    for (const id of Object.values(ids.places)) {
      const res = await t.app.inject({ method: 'GET', url: paths.api.orukV1.location(id) });
      expect(res.statusCode).toBe(200);
      expectValid(location, res.json());
      expectValid(details, res.json());
    }
  });
});
