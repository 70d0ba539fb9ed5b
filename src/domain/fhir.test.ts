import { describe, expect, it } from 'vitest';
import { fhirDateTimeStart } from './fhir.ts';

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
