import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { fhirProblems, loadFhirDefinitions } from '../../../test/fhir-validator.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { FHIR_MEDIA_TYPE } from '../../domain/fhir.ts';
import { paths } from '../../web/paths.ts';

type Interaction = { code: string; documentation: string };
type Capability = {
  rest: { security: { description: string }; resource: { type: string; documentation: string; interaction: Interaction[] }[] }[];
  [element: string]: unknown;
};

/** Issue 13: a referring system reads what the FHIR endpoint does before it sends anything. */
describe.each(ENGINES)('the FHIR CapabilityStatement ($name)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    loadFhirDefinitions();
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  const get = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: paths.fhirApi.metadata, headers });

  it('is public, FHIR JSON, and a CapabilityStatement the Medplum validator accepts', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(`${FHIR_MEDIA_TYPE}; charset=utf-8`);
    const statement = JSON.parse(res.body);
    expect(fhirProblems(statement)).toEqual([]);
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', kind: 'instance', fhirVersion: '4.0.1', format: [FHIR_MEDIA_TYPE, 'json'] });
    expect(statement.implementation.url).toMatch(/\/api\/fhir$/);
  });

  it('is answered the same with any token, a wrong one included (it reads none)', async () => {
    const res = await get({ authorization: 'Bearer nonsense' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).resourceType).toBe('CapabilityStatement');
  });

  it('says ServiceRequests can be created and read, what they must carry, and how to send the token', async () => {
    const statement = JSON.parse((await get()).body) as Capability;
    const [rest] = statement.rest;
    expect(rest!.security.description).toContain('Authorization: Bearer wm_');
    const [serviceRequest] = rest!.resource;
    expect(serviceRequest!.type).toBe('ServiceRequest');
    expect(serviceRequest!.interaction.map((i) => i.code)).toEqual(['create', 'read']);
    for (const words of ['871731000000106', 'Consent', 'supportingInfo', '/fhir/id/activity', '/fhir/id/buddy-scheme', 'sms']) {
      expect(serviceRequest!.documentation).toContain(words);
    }
  });
});
