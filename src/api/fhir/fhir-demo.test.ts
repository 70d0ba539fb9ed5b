import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { fhirProblems, loadFhirDefinitions } from '../../../test/fhir-validator.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { testConfig } from '../../config.ts';
import { DEMO_GP_PRACTICE } from '../../data/seed/api-tokens.seed.ts';
import { DEMO_API_TOKEN } from '../../data/seed/demo-accounts.ts';
import { seedDemoData } from '../../data/seed/seed.ts';
import { apiTokenHash } from '../../domain/api-token.ts';
import { fixedClock } from '../../domain/clock.ts';
import { FHIR_MEDIA_TYPE } from '../../domain/fhir.ts';
import { paths } from '../../web/paths.ts';

/** The README's example, as a reader would run it: the Open Referral query, the token and the body. */
function readmeExample() {
  const readme = readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Sending a referral from another system'));
  const script = section.slice(section.indexOf('```sh'), section.indexOf('```\n', section.indexOf('```sh') + 5));
  return {
    activityQuery: /curl -s 'http:\/\/localhost:3000([^']+)'/.exec(script)![1]!,
    token: /Bearer (wm_[^']+)'/.exec(script)![1]!,
    body: script.slice(script.indexOf('<<JSON\n') + 7, script.indexOf('\nJSON\n')),
  };
}

/** Issue 13: the demo data lets anyone try the FHIR endpoint with a published token, and only the demo data. */
describe.each(ENGINES)('the demo API token ($name)', (engine) => {
  let t: TestApp;
  const example = readmeExample();
  const send = (body: string) =>
    t.app.inject({
      method: 'POST',
      url: paths.fhirApi.serviceRequests,
      headers: { authorization: `Bearer ${example.token}`, 'content-type': FHIR_MEDIA_TYPE },
      payload: body,
    });

  beforeAll(async () => {
    loadFhirDefinitions();
    t = await createTestApp(engine, { clock: fixedClock('2026-12-08T10:00:00Z') });
  });
  afterAll(async () => t.close());

  it('is the README’s, and is refused before the demo data is seeded (nothing creates it at start-up)', async () => {
    expect(example.token).toBe(DEMO_API_TOKEN);
    expect((await send(example.body)).statusCode).toBe(401);
    expect(await t.db.query('select 1 from api_tokens')).toEqual([]);
  });

  it('is seeded for a fictional GP practice, a referring organisation, and stored only as its hash', async () => {
    await seedDemoData(t.db, t.clock);
    const rows = await t.db.query<{ name: string; kind: string; token_hash: string }>(
      'select o.name, o.kind, t.token_hash from api_tokens t join organisations o on o.id = t.organisation_id',
    );
    expect(rows).toEqual([{ name: DEMO_GP_PRACTICE, kind: 'referrer', token_hash: apiTokenHash(DEMO_API_TOKEN) }]);
  });

  it('sends the README’s example: a valid ServiceRequest that becomes a draft for Great Yarmouth’s link workers, once', async () => {
    const services = await t.app.inject({ method: 'GET', url: example.activityQuery });
    const activityId = JSON.parse(services.body).contents[0].id as string;
    const body = example.body.replaceAll('http://localhost:3000', testConfig().publicUrl.replace(/\/+$/, '')).replace('$ACTIVITY', activityId);
    expect(fhirProblems(JSON.parse(body))).toEqual([]);
    const res = await send(body);
    expect(res.statusCode, res.body).toBe(201);
    const id = String(res.headers.location).split('/').pop();
    const [row] = await t.db.query<Record<string, unknown>>(
      `select a.title, s.area, p.preferred_name, p.contact_preference, r.status from referrals r join activities a on a.id = r.activity_id
       join schemes s on s.id = r.scheme_id join participants p on p.id = r.participant_id where r.id = $1`,
      [id],
    );
    expect(row).toEqual({
      title: 'Herring Girls memory café',
      area: 'Great Yarmouth and Waveney',
      preferred_name: 'Edna',
      contact_preference: 'text',
      status: 'draft',
    });
    expect((await send(body)).statusCode).toBe(200);
  });
});
