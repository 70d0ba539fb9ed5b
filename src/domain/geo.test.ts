import { describe, expect, it } from 'vitest';
import { formatPostcode, gridToLatLng, isFullPostcode, isOutcode, latLngToGrid, normalisePostcode } from './geo.ts';

// Reference points: OS Code-Point Open grid references and their published WGS84 positions
// (shared/data/postcodes/postcodes_gb_2025_wgs84.csv.gz, derived by Helmert transform).
const REFERENCE = [
  { postcode: 'AB10 1AB', easting: 394235, northing: 806529, latitude: 57.149606, longitude: -2.096916 },
  { postcode: 'NR1 1AA', easting: 624073, northing: 308352, latitude: 52.6263, longitude: 1.2977 },
];

describe('grid conversion', () => {
  it('converts a grid reference to latitude and longitude within 10 metres', () => {
    const ref = REFERENCE[0]!;
    const got = gridToLatLng(ref);
    expect(Math.abs(got.latitude - ref.latitude)).toBeLessThan(0.0001);
    expect(Math.abs(got.longitude - ref.longitude)).toBeLessThan(0.00015);
  });

  it('round-trips latitude and longitude back to the same grid reference within 2 metres', () => {
    for (const ref of REFERENCE) {
      const back = latLngToGrid(gridToLatLng(ref));
      expect(Math.abs(back.easting - ref.easting)).toBeLessThanOrEqual(2);
      expect(Math.abs(back.northing - ref.northing)).toBeLessThanOrEqual(2);
    }
  });
});

describe('postcodes', () => {
  it('normalises and recognises full postcodes and outcodes', () => {
    expect(normalisePostcode(' nr30 1aa ')).toBe('NR301AA');
    expect(isFullPostcode('NR301AA')).toBe(true);
    expect(isOutcode('NR30')).toBe(true);
    expect(isOutcode('NOTTINGHAM')).toBe(false);
    expect(formatPostcode('BA111AA')).toBe('BA11 1AA');
  });
});
