import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { type FhirBundleJson, resourceOf, useFhirWorld } from '../../../test/fixtures/fhir.fixtures.ts';
import { fhirProblems } from '../../../test/fhir-validator.ts';
import { FHIR_MEDIA_TYPE } from '../../domain/fhir.ts';
import { FHIR_BODY_LIMIT, FHIR_RATE_LIMIT } from './fhir.routes.ts';

/** Issue 13: what a referring system sends that is wrong or hostile is refused with a 4xx OperationOutcome, and nothing is stored. */
describe.each(ENGINES)('FHIR in: bad and hostile bodies ($name)', (engine) => {
  const f = useFhirWorld(engine);
  const valid = async () => f.outboundAsSent(`GP-HOSTILE-${Math.random().toString(36).slice(2)}`);
  const sr = (b: FhirBundleJson) => resourceOf(b, 'ServiceRequest');
  const patientOf = (b: FhirBundleJson) => resourceOf(b, 'Patient');
  const consentOf = (b: FhirBundleJson) => resourceOf(b, 'Consent');
  const change = (edit: (b: FhirBundleJson) => void) => (b: FhirBundleJson) => {
    edit(b);
    return JSON.stringify(b);
  };

  const cases: [string, (b: FhirBundleJson) => string | Buffer, number, string, string?][] = [
    ['invalid JSON', () => '{"resourceType": "Bundle", ', 400, 'not valid JSON'],
    ['a JSON array', () => '[]', 400, 'JSON object with a resourceType'],
    ['a huge body', () => JSON.stringify({ resourceType: 'Bundle', padding: 'x'.repeat(FHIR_BODY_LIMIT) }), 413, 'too large'],
    ['the wrong resourceType', () => JSON.stringify({ resourceType: 'Patient', name: [{ text: 'Alex' }] }), 422, 'Send a ServiceRequest'],
    ['form data instead of JSON', () => 'resourceType=ServiceRequest', 415, 'application/fhir+json', 'application/x-www-form-urlencoded'],
    ['no patient', change((b) => (b.entry = b.entry.filter((e) => e.resource.resourceType !== 'Patient'))), 422, 'subject must be a Patient'],
    ['a script in the name', change((b) => (patientOf(b).name = [{ text: '<script>alert(1)</script>' }])), 422, 'plain text'],
    ['markup in the note', change((b) => (sr(b).note = [{ text: 'Hello <img src=x onerror=alert(1)>' }])), 422, 'plain text'],
    ['no consent', change((b) => delete sr(b).supportingInfo), 422, 'consent to being referred'],
    ['withdrawn consent', change((b) => (consentOf(b).status = 'inactive')), 422, 'consent to being referred'],
    ['a consent dated with garbage', change((b) => (consentOf(b).dateTime = 'yesterday')), 422, 'FHIR dateTime'],
    ['a consent dated on a day that does not exist', change((b) => (consentOf(b).dateTime = '2026-02-30')), 422, 'FHIR dateTime'],
    ['a consent dated with a time but no time zone', change((b) => (consentOf(b).dateTime = '2026-11-02T10:00:00')), 422, 'FHIR dateTime'],
    ['a consent dated in the future', change((b) => (consentOf(b).dateTime = '2026-11-22')), 422, 'cannot be dated in the future'],
    ['another SNOMED code', change((b) => (sr(b).code = { coding: [{ system: 'http://snomed.info/sct', code: '183524004' }] })), 422, '871731000000106'],
    ['no identifier', change((b) => delete sr(b).identifier), 422, 'identifier'],
    [
      'an unknown activity',
      change((b) => {
        const service = resourceOf(b, 'HealthcareService');
        service.identifier = (service.identifier as { system: string }[]).map((i) => ({ ...i, value: '00000000-0000-4000-8000-000000000000' }));
      }),
      422,
      'No activity',
    ],
    [
      'no way to reach the person',
      change((b) => {
        delete patientOf(b).telecom;
        delete patientOf(b).address;
      }),
      422,
      'phone number, an email address or a postal address',
    ],
    ['a NUL character', change((b) => (sr(b).note = [{ text: 'a\u0000b' }])), 400, 'characters we cannot accept'],
    ['two ServiceRequests', change((b) => b.entry.push({ fullUrl: 'urn:uuid:x', resource: { ...sr(b), id: 'x' } })), 422, 'exactly one ServiceRequest'],
  ];

  it.each(cases)('%s', async (_name, make, status, words, type) => {
    const before = await f.counts();
    const res = await f.post(make(await valid()), { type });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe(`${FHIR_MEDIA_TYPE}; charset=utf-8`);
    const outcome = JSON.parse(res.body);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].diagnostics).toContain(words);
    expect(fhirProblems(outcome)).toEqual([]);
    expect(await f.counts()).toEqual(before);
  });

  it('an activity that takes no referrals from link workers is refused, as the link worker could not send it', async () => {
    const [{ routes }] = (await f.t.db.query<{ routes: string[] }>('select referral_routes as routes from activities where id = $1', [f.w.activity])) as [
      { routes: string[] },
    ];
    const body = JSON.stringify(await valid());
    await f.t.db.query(`update activities set referral_routes = array['self'] where id = $1`, [f.w.activity]);
    try {
      const before = await f.counts();
      const res = await f.post(body);
      expect(res.statusCode).toBe(422);
      expect(JSON.parse(res.body).issue[0]).toMatchObject({
        diagnostics: 'This activity does not take referrals from link workers',
        expression: ['ServiceRequest.performer'],
      });
      expect(await f.counts()).toEqual(before);
    } finally {
      await f.t.db.query('update activities set referral_routes = $2 where id = $1', [f.w.activity, routes]);
    }
  });

  it('fuzzed bodies: every mutation of a valid Bundle is answered without a 5xx, and only a valid one stores anything', async () => {
    let seed = 20261207;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const nasty = [null, 0, -1, 1e308, true, '', ' ', 'x'.repeat(5000), '<script>', '\u202e', [], {}, [[[]]], { reference: 'urn:uuid:nope' }, '2026-13-45'];
    const spots: string[][] = [];
    const walk = (v: unknown, at: string[]) => {
      spots.push(at);
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...at, k]);
    };
    const base = await valid();
    walk(base, []);
    const statuses = new Set<number>();
    for (let n = 0; n < 150; n++) {
      const b = structuredClone(base);
      sr(b).identifier = [{ system: 'https://fuzz.example', value: `fuzz-${n}` }];
      const at = spots[Math.floor(random() * spots.length)]!;
      if (at.length === 0) continue;
      let parent: unknown = b;
      for (const k of at.slice(0, -1)) parent = (parent as Record<string, unknown> | null)?.[k];
      if (parent && typeof parent === 'object') (parent as Record<string, unknown>)[at.at(-1)!] = nasty[Math.floor(random() * nasty.length)];
      const before = await f.counts();
      const res = await f.post(JSON.stringify(b));
      statuses.add(res.statusCode);
      expect(res.statusCode, `${at.join('.')}`).toBeLessThan(500);
      expect(JSON.parse(res.body).resourceType).toBe('OperationOutcome');
      const after = await f.counts();
      if (res.statusCode === 201) expect(after.r).toBe(before.r + 1);
      else expect(after).toEqual(before);
    }
    expect([...statuses].some((s) => s === 422)).toBe(true);
  });

  it(`is rate limited: more than ${FHIR_RATE_LIMIT} requests a minute with one token get 429`, async () => {
    const limited = await f.issueToken(f.w.referrerOrg, 'Rate limit');
    let last = 0;
    for (let n = 0; n <= FHIR_RATE_LIMIT; n++) last = (await f.post('{}', { token: limited })).statusCode;
    expect(last).toBe(429);
  });
});
