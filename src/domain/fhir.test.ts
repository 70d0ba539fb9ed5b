import { describe, expect, it } from 'vitest';
import { fhirDateTimeStart, type FhirReferralFacts, toFhirBundle, toFhirServiceRequest } from './fhir.ts';

describe('a FHIR dateTime read as the moment it begins', () => {
  it.each([
    ['2026-11-02', '2026-11-02T00:00:00.000Z'], // London is on GMT in November
    ['2026-07-14', '2026-07-13T23:00:00.000Z'], // and on BST in July: midnight in London
    ['2026-07', '2026-06-30T23:00:00.000Z'],
    ['2026', '2026-01-01T00:00:00.000Z'],
    ['2026-11-02T10:30:00Z', '2026-11-02T10:30:00.000Z'],
    ['2026-11-02T10:30:00.250+01:00', '2026-11-02T09:30:00.250Z'],
  ])('%s begins at %s', (value, instant) => {
    expect(fhirDateTimeStart(value)?.toISOString()).toBe(instant);
  });

  it.each([
    'yesterday',
    '02/11/2026',
    '2026-02-30',
    '2026-13',
    '0000-01-01',
    '2026-11-02T10:30Z', // FHIR needs the seconds
    '2026-11-02T10:30:00', // and the time zone
    '2026-02-30T10:30:00Z',
    '2026-11-02T10:30:60Z', // a leap second JavaScript cannot place
    '2026-11-02 10:30:00Z',
    '',
  ])('%s is not a FHIR dateTime', (value) => {
    expect(fhirDateTimeStart(value)).toBeUndefined();
  });
});

describe('a referral as the ServiceRequest a FHIR read answers', () => {
  const facts: FhirReferralFacts = {
    baseUrl: 'https://waymark.example',
    at: new Date('2026-11-02T10:00:00Z'),
    referral: {
      id: '0b5d1f2e-1111-4a2b-8c3d-000000000001',
      status: 'sent',
      authoredOn: new Date('2026-11-02T09:00:00Z'),
      supportNeeds: 'Walking frame',
      message: '',
    },
    patient: {
      id: '0b5d1f2e-1111-4a2b-8c3d-000000000002',
      preferredName: 'Edna',
      contactPreference: 'text',
      phone: '07700 900456',
      email: null,
      address: null,
    },
    requester: {
      practitioner: { id: '0b5d1f2e-1111-4a2b-8c3d-000000000003', name: 'Sam Link' },
      organisation: { id: '0b5d1f2e-1111-4a2b-8c3d-000000000004', name: 'Harbour Lane Surgery' },
    },
    performer: {
      kind: 'activity',
      id: '0b5d1f2e-1111-4a2b-8c3d-000000000005',
      name: 'Herring Girls memory café',
      provider: { id: '0b5d1f2e-1111-4a2b-8c3d-000000000006', name: 'Yarmouth Heritage Trust' },
    },
    consent: { id: '0b5d1f2e-1111-4a2b-8c3d-000000000007', givenAt: new Date('2026-11-01T12:00:00Z') },
  };

  it('contains what the Bundle holds, every reference local and pointing at a contained resource', () => {
    const sr = toFhirServiceRequest(facts);
    const bundle = toFhirBundle(facts);
    expect(sr.id).toBe(facts.referral.id);
    expect(sr.contained.map((r) => `${r.resourceType}/${r.id}`)).toEqual(bundle.entry.slice(1).map((e) => `${e.resource.resourceType}/${e.resource.id}`));
    const references = [...JSON.stringify(sr).matchAll(/"reference":"([^"]+)"/g)].map((m) => m[1]!);
    expect(references).toContain(`#${facts.patient.id}`);
    expect(references.filter((r) => !sr.contained.some((c) => `#${c.id}` === r))).toEqual([]);
    expect(JSON.stringify(sr)).not.toContain('urn:uuid:');
    expect(sr).not.toHaveProperty('entry');
  });
});
