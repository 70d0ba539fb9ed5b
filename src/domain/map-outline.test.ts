import { describe, expect, it } from 'vitest';
import { decodeRing, encodeOutline, encodeRing, insideRing, labelPoint, type LngLat, simplifyRing } from './map-outline.ts';

/** A square 0.1° across near Great Yarmouth, closed as GeoJSON rings are. */
const square: LngLat[] = [
  [1.7, 52.6],
  [1.8, 52.6],
  [1.8, 52.7],
  [1.7, 52.7],
  [1.7, 52.6],
];

describe('area outlines for the map', () => {
  it('round-trips a ring through the delta encoding at 1/10,000 of a degree', () => {
    const ring: LngLat[] = [
      [1.72915, 52.60804],
      [1.73001, 52.61],
      [1.72, 52.6],
      [1.72915, 52.60804],
    ];
    const encoded = encodeRing(ring);
    expect(encoded.slice(0, 4)).toEqual([17292, 526080, 8, 20]);
    expect(decodeRing(encoded)).toEqual([
      [1.7292, 52.608],
      [1.73, 52.61],
      [1.72, 52.6],
      [1.7292, 52.608],
    ]);
  });

  it('drops points that rounding makes the same', () => {
    const encoded = encodeRing([
      [1, 52],
      [1.00001, 52.00001],
      [1.1, 52],
      [1, 52.1],
      [1, 52],
    ]);
    expect(decodeRing(encoded)).toHaveLength(4);
  });

  it('simplifies a wiggly edge but keeps the corners', () => {
    // Points 10 m off the straight southern edge are noise at any map scale we draw.
    const wiggly: LngLat[] = [[1.7, 52.6]];
    for (let i = 1; i < 100; i++) wiggly.push([1.7 + i * 0.001, 52.6 + (i % 2 ? 0.0001 : 0)]);
    wiggly.push([1.8, 52.6], [1.8, 52.7], [1.7, 52.7], [1.7, 52.6]);
    const simplified = simplifyRing(wiggly, 0.0003);
    expect(simplified).toEqual(square);
  });

  it('keeps a small island whole rather than lose it from the coast', () => {
    const islet: LngLat[] = [
      [-6.3, 49.9],
      [-6.3001, 49.9],
      [-6.3001, 49.9001],
      [-6.3, 49.9],
    ];
    expect(simplifyRing(islet, 0.0003)).toEqual(islet);
    const { polygons } = encodeOutline([[square], [islet]]);
    expect(polygons).toHaveLength(2);
  });

  it('drops a polygon whose outer ring rounds away, and never turns a hole into land', () => {
    const speck: LngLat[] = [
      [0, 50],
      [0.00001, 50],
      [0, 50.00001],
      [0, 50],
    ];
    const hole: LngLat[] = [
      [1.74, 52.64],
      [1.76, 52.64],
      [1.76, 52.66],
      [1.74, 52.66],
      [1.74, 52.64],
    ];
    const { polygons } = encodeOutline([[square, hole], [speck]]);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(2);
  });

  it('puts the name inside the area, away from a hole in its middle', () => {
    const hole: LngLat[] = [
      [1.73, 52.63],
      [1.77, 52.63],
      [1.77, 52.67],
      [1.73, 52.67],
      [1.73, 52.63],
    ];
    const label = labelPoint([[square, hole]]);
    expect(insideRing(label, square)).toBe(true);
    expect(insideRing(label, hole)).toBe(false);
  });

  it('puts the name in the largest part of an area made of several', () => {
    const small: LngLat[] = [
      [0, 50],
      [0.01, 50],
      [0.01, 50.01],
      [0, 50],
    ];
    expect(insideRing(labelPoint([[small], [square]]), square)).toBe(true);
  });

  it('puts the name inside an L-shaped area, where its centre of bounds is outside', () => {
    const ell: LngLat[] = [
      [0, 50],
      [1, 50],
      [1, 50.1],
      [0.1, 50.1],
      [0.1, 51],
      [0, 51],
      [0, 50],
    ];
    expect(insideRing([0.5, 50.5], ell)).toBe(false);
    expect(insideRing(labelPoint([[ell]]), ell)).toBe(true);
  });
});
