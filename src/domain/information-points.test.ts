import { describe, expect, it } from 'vitest';
import { onDutyDuring, whoIsThere, type OnDuty } from './information-points.ts';

const at = (iso: string) => new Date(iso);
const shift = (name: string | null, from = '2027-01-02T10:00:00Z', to = '2027-01-02T12:30:00Z'): OnDuty => ({
  startsAt: at(from),
  endsAt: at(to),
  connectorName: name,
});

describe('who will be there', () => {
  it('names connectors by first name, and says only "a Heritage Connector" for one who chose not to be named', () => {
    expect(whoIsThere([])).toBeNull();
    expect(whoIsThere([shift('Jo')])).toBe('Heritage Connector there: Jo');
    expect(whoIsThere([shift('Jo'), shift('Sam'), shift('Jo')])).toBe('Heritage Connectors there: Jo and Sam');
    expect(whoIsThere([shift(null)])).toBe('A Heritage Connector will be there');
    expect(whoIsThere([shift(null), shift(null)])).toBe('Heritage Connectors will be there');
    expect(whoIsThere([shift('Jo'), shift(null)])).toBe('Heritage Connectors there: Jo and another connector');
  });

  it('counts a shift for a date only when it overlaps that date’s times', () => {
    const cafe = { start: at('2027-01-02T10:00:00Z'), end: at('2027-01-02T12:30:00Z') };
    const duty = [shift('Jo'), shift('Sam', '2027-01-02T12:30:00Z', '2027-01-02T14:00:00Z'), shift('Ann', '2027-02-06T10:00:00Z', '2027-02-06T12:30:00Z')];
    expect(onDutyDuring(duty, cafe).map((d) => d.connectorName)).toEqual(['Jo']);
  });
});
