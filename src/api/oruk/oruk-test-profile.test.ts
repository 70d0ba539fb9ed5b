import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { seedOrukDirectory } from '../../../test/fixtures/oruk.fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { paths } from '../../web/paths.ts';

/**
 * The ORUK validator's test profiles, level 1 (required) and level 2 (extended), run against the app
 * (decision 052). The checks are data: test/fixtures/oruk-test-profiles/ holds the profiles transcribed
 * from the validator's repository, so a new profile version is a change to those files, not to this test.
 * The schemas they name are the validator's (shared/standards, not shipped here).
 */
type ProfileTest = { name: string; endpoint: string; schema: string; pagination?: boolean; saveIds?: boolean; saveIdField?: string; useIdFrom?: string };
type Profile = { profile: string; testGroups: { name: string; required: boolean; tests: ProfileTest[] }[] };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const standards = process.env.SHARED_DIR ? path.resolve(process.env.SHARED_DIR, 'standards') : path.resolve(repoRoot, '../shared/standards');
const schemaRoot = path.join(standards, 'oruk-validator-schemas/OpenReferralApi/Schemas');
const present = existsSync(path.join(schemaRoot, 'V3.0-UK')) && existsSync(path.join(schemaRoot, 'V1.0-UK'));
if (!present)
  console.warn(`ORUK test profiles skipped: the validator's schemas were not found at ${schemaRoot} (set SHARED_DIR to the folder holding standards/).`);

const profile = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/oruk-test-profiles', `${name}.json`), 'utf8')) as Profile;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** How each version pages: the envelope fields a paginated answer must carry. */
const ENVELOPES: Record<string, string[]> = {
  'HSDS-UK-3.0': ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  'HSDS-UK-1.0': ['totalElements', 'totalPages', 'number', 'size', 'first', 'last', 'content'],
};
/**
 * Checks a profile words wrongly, and the one schema rule they are let off. The 1.0 profile's "Reviews
 * list" reads /locations against the review schema (so does the validator's own file: a copy slip). A
 * location is not a review and Waymark publishes no reviews (decision 054), so the locations answer may
 * fail that schema only for want of each review's `service`; any other error still fails the check.
 */
const PROFILE_SLIPS: Record<string, Record<string, string>> = {
  'HSDS-UK-1.0': { 'Reviews list - API & schema validation': 'service' },
};

const FEEDS = [
  { profile: 'HSDS-UK-3.0', root: paths.api.orukRoot },
  { profile: 'HSDS-UK-1.0', root: paths.api.orukV1.root },
];

describe.skipIf(!present).each(ENGINES)('the ORUK validator’s test profiles ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedOrukDirectory(t.db);
  });
  afterAll(async () => t.close());

  describe.each(FEEDS)('$profile', (feed) => {
    const p = profile(feed.profile);
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    const saved: Record<string, string[]> = {};
    const slips = PROFILE_SLIPS[feed.profile] ?? {};

    it('is the profile it says, with its level 1 checks required', () => {
      expect(p.profile).toBe(feed.profile);
      expect(p.testGroups.filter((g) => g.required).length).toBeGreaterThan(0);
    });

    // In the profile's order: a by-id check uses the ids a list check before it saved.
    for (const group of p.testGroups) {
      for (const check of group.tests) {
        it(`${group.name}: ${check.name} (${check.endpoint})`, async () => {
          const excused = slips[check.name];
          let url = `${feed.root}${check.endpoint}`;
          if (check.useIdFrom) {
            const ids = saved[check.useIdFrom];
            expect(ids?.length, `ids saved at ${check.useIdFrom}`).toBeGreaterThan(0);
            url += encodeURIComponent(ids![0]!);
          }
          const res = await t.app.inject({ method: 'GET', url });
          expect(res.statusCode, url).toBe(200);
          const body = res.json() as Record<string, unknown>;
          const validate = ajv.compile(JSON.parse(readFileSync(path.join(schemaRoot, check.schema), 'utf8')) as object);
          validate(body);
          const errors = (validate.errors ?? []).filter((e) => !(excused && e.keyword === 'required' && e.params.missingProperty === excused));
          expect(errors.length ? ajv.errorsText(errors, { separator: '\n' }).split('\n') : [], `${url} against ${check.schema}`).toEqual([]);
          // The 1.0 profile marks its by-id checks paginated too; a single record has no envelope.
          if (check.pagination && !check.useIdFrom) {
            for (const field of ENVELOPES[feed.profile]!) expect(body, `${url} envelope`).toHaveProperty(field);
            const second = await t.app.inject({ method: 'GET', url: `${url}?page=2&per_page=1` });
            expect(second.statusCode).toBe(200);
          }
          if (check.saveIds) {
            const items = body[check.saveIdField ?? 'contents'] as { id: string }[];
            saved[`${check.endpoint}-id`] = items.map((i) => i.id);
            expect(items.length, `${url} gives ids to check by id`).toBeGreaterThan(0);
          }
        });
      }
    }
  });
});
