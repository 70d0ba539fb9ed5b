import { describe, expect, it } from 'vitest';
import { CHOROPLETH_PALETTE, choropleth, classOf, NO_DATA_FILL, quintileBreaks } from './choropleth.ts';
import { encodeRing, type MapArea } from './map-outline.ts';

const square = (name: string, code: string, lng: number, lat: number): MapArea => ({
  name,
  code,
  label: [lng + 0.05, lat + 0.05],
  polygons: [
    [
      encodeRing([
        [lng, lat],
        [lng + 0.1, lat],
        [lng + 0.1, lat + 0.1],
        [lng, lat + 0.1],
        [lng, lat],
      ]),
    ],
  ],
});

describe('choropleth', () => {
  it('puts values in five classes by quintile', () => {
    const breaks = quintileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(breaks).toEqual([2, 4, 6, 8]);
    expect([1, 2, 3, 8, 9, 10].map((v) => classOf(v, breaks))).toEqual([0, 0, 1, 3, 4, 4]);
  });

  it('draws only the areas with a figure, shaded darker for more, with a legend in words and a title on each', () => {
    const areas = [square('Low', 'E1', 1, 52), square('High', 'E2', 1.1, 52), square('None', 'E3', 1.2, 52), square('Not asked', 'E4', 1.3, 52)];
    const map = choropleth(
      areas,
      [
        { code: 'E1', name: 'Low', value: 1.5 },
        { code: 'E2', name: 'High', value: 30 },
        { code: 'E3', name: 'None', value: null },
      ],
      { format: (n) => n.toFixed(1), unit: 'sessions per 10,000 people' },
    )!;
    expect(map.shapes.map((s) => s.code)).toEqual(['E1', 'E2', 'E3']);
    expect(map.shapes[0]!.fill).toBe(CHOROPLETH_PALETTE[0]);
    expect(map.shapes[1]!.fill).toBe(CHOROPLETH_PALETTE[4]);
    expect(map.shapes[2]!.fill).toBe(NO_DATA_FILL);
    expect(map.shapes[1]!.title).toBe('High: 30.0 sessions per 10,000 people');
    expect(map.shapes[0]!.d).toMatch(/^M0\.0 \d+\.\dL/);
    expect(map.legend.map((l) => l.text)).toEqual([
      'Lightest blue: 1.5 sessions per 10,000 people',
      'Darkest blue: 30.0 sessions per 10,000 people',
      'White: no population figure',
    ]);
    // Three squares of 0.1° side by side at 52°N: a degree of longitude there is cos(52°) of one of latitude.
    expect(map.width / map.height).toBeCloseTo(3 * Math.cos((52.05 * Math.PI) / 180), 1);
  });

  it('gives no map when no outline matches', () => {
    expect(choropleth([square('Elsewhere', 'E9', 1, 52)], [{ code: 'E1', name: 'Low', value: 1 }], { format: String, unit: '' })).toBeNull();
  });
});
