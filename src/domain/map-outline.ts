/**
 * Area outlines for the map when no tile server is configured (decision 021): local authority
 * boundaries, simplified, rounded and delta-encoded so all of England is a small file. The browser
 * module src/assets/modules/map.js decodes the same format.
 */

/** A position as GeoJSON writes it: [longitude, latitude]. */
export type LngLat = readonly [number, number];
/** A GeoJSON polygon: the outer ring, then any holes. */
export type PolygonRings = readonly (readonly LngLat[])[];

/** Coordinates are kept to 1/10,000 of a degree: about 11 m north–south, 7 m east–west in England. */
export const OUTLINE_SCALE = 10_000;
/** Points closer than this to the simplified line are dropped (about 30 m): finer than any map view of a town. */
export const OUTLINE_TOLERANCE_DEGREES = 0.0003;

const LABEL_TOLERANCE_DEGREES = 0.002;

/** What the map needs for one area: polygons of rings, each ring `[lng, lat, Δlng, Δlat, …]` in 1/OUTLINE_SCALE degrees. */
export type EncodedOutline = { polygons: number[][][]; label: LngLat; points: number };

/** East–west degrees are shorter than north–south ones; scaling by cos(latitude) makes distances comparable. */
const lngScale = (latitude: number) => Math.cos((latitude * Math.PI) / 180);

function squareDistanceToSegment(p: LngLat, a: LngLat, b: LngLat, k: number): number {
  const px = p[0] * k;
  const ax = a[0] * k;
  const bx = b[0] * k;
  let x = ax;
  let y = a[1];
  const dx = bx - ax;
  const dy = b[1] - a[1];
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = bx;
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  return (px - x) ** 2 + (p[1] - y) ** 2;
}

/**
 * Douglas–Peucker simplification of a closed ring. A ring that would collapse below a triangle is
 * kept as it is: small islands (the Isles of Scilly, Lindisfarne) must not vanish from the coast.
 */
export function simplifyRing(ring: readonly LngLat[], toleranceDegrees: number): LngLat[] {
  if (ring.length <= 4 || toleranceDegrees <= 0) return [...ring];
  const k = lngScale(ring[0]![1]);
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // A closed ring's ends are the same point, so split it at the point farthest from the start first.
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i]![0] - ring[0]![0]) ** 2 * k * k + (ring[i]![1] - ring[0]![1]) ** 2;
    if (d > farDistance) {
      farDistance = d;
      far = i;
    }
  }
  keep[far] = 1;
  const limit = toleranceDegrees * toleranceDegrees;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let max = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = squareDistanceToSegment(ring[i]!, ring[first]!, ring[last]!, k);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index >= 0 && max > limit) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  const simplified = ring.filter((_, i) => keep[i] === 1);
  return simplified.length >= 4 ? simplified : [...ring];
}

/** Rounds to 1/scale degree, drops repeated points, and writes the first point then each step from the last. */
export function encodeRing(ring: readonly LngLat[], scale = OUTLINE_SCALE): number[] {
  const out: number[] = [];
  let lastX = 0;
  let lastY = 0;
  for (const [lng, lat] of ring) {
    const x = Math.round(lng * scale);
    const y = Math.round(lat * scale);
    if (out.length > 0 && x === lastX && y === lastY) continue;
    out.push(x - lastX, y - lastY);
    lastX = x;
    lastY = y;
  }
  return out;
}

export function decodeRing(encoded: readonly number[], scale = OUTLINE_SCALE): LngLat[] {
  const ring: LngLat[] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    x += encoded[i]!;
    y += encoded[i + 1]!;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** Even–odd rule: is the point inside the ring? */
export function insideRing(p: LngLat, ring: readonly LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const insidePolygon = (p: LngLat, polygon: PolygonRings) =>
  polygon.length > 0 && insideRing(p, polygon[0]!) && !polygon.slice(1).some((hole) => insideRing(p, hole));

function distanceToEdges(p: LngLat, polygon: PolygonRings, k: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (const ring of polygon) for (let i = 1; i < ring.length; i++) min = Math.min(min, squareDistanceToSegment(p, ring[i - 1]!, ring[i]!, k));
  return Math.sqrt(min);
}

function ringArea(ring: readonly LngLat[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return Math.abs(twice / 2);
}

/**
 * Where to write the area's name: inside its largest polygon, as far from the edges as a coarse grid
 * search finds (a centroid can fall outside a crescent-shaped district, or in the sea).
 */
export function labelPoint(polygons: readonly PolygonRings[]): LngLat {
  const largest = [...polygons].filter((p) => p.length > 0).sort((a, b) => ringArea(b[0]!) - ringArea(a[0]!))[0];
  if (!largest) throw new Error('An area needs at least one polygon');
  const outer = largest[0]!;
  const lngs = outer.map((p) => p[0]);
  const lats = outer.map((p) => p[1]);
  let west = Math.min(...lngs);
  let east = Math.max(...lngs);
  let south = Math.min(...lats);
  let north = Math.max(...lats);
  const k = lngScale((south + north) / 2);
  let best: LngLat = outer[0]!;
  let bestDistance = -1;
  // A 12 × 12 grid over the whole outline, then twice a 6 × 6 grid over the two cells around the best point.
  for (const cells of [12, 6, 6]) {
    const stepX = (east - west) / cells;
    const stepY = (north - south) / cells;
    for (let i = 0; i < cells; i++) {
      for (let j = 0; j < cells; j++) {
        const p: LngLat = [west + (i + 0.5) * stepX, south + (j + 0.5) * stepY];
        if (!insidePolygon(p, largest)) continue;
        const d = distanceToEdges(p, largest, k);
        if (d > bestDistance) {
          bestDistance = d;
          best = p;
        }
      }
    }
    west = best[0] - stepX;
    east = best[0] + stepX;
    south = best[1] - stepY;
    north = best[1] + stepY;
  }
  return best;
}

/** One area's polygons, simplified and encoded for the map, with a point for its name. */
export function encodeOutline(polygons: readonly PolygonRings[], opts: { toleranceDegrees?: number; scale?: number } = {}): EncodedOutline {
  const tolerance = opts.toleranceDegrees ?? OUTLINE_TOLERANCE_DEGREES;
  const scale = opts.scale ?? OUTLINE_SCALE;
  let points = 0;
  // After rounding, a ring needs three corners and its closing point to enclose anything; a polygon
  // whose outer ring is gone goes too (its holes must not turn into land).
  const encloses = (ring: number[]) => ring.length >= 8;
  const encoded = polygons
    .map((polygon) => polygon.map((ring) => encodeRing(simplifyRing(ring, tolerance), scale)))
    .filter((rings) => rings.length > 0 && encloses(rings[0]!))
    .map((rings) => rings.filter(encloses));
  for (const polygon of encoded) for (const ring of polygon) points += ring.length / 2;
  // The name's place needs no detail: a coarser outline (about 200 m) finds it several times faster.
  const [lng, lat] = labelPoint(polygons.map((polygon) => polygon.map((ring) => simplifyRing(ring, LABEL_TOLERANCE_DEGREES))));
  return { polygons: encoded, label: [Math.round(lng * scale) / scale, Math.round(lat * scale) / scale], points };
}

/** A local authority district as the map draws it. */
export type MapArea = { name: string; code: string | null; label: LngLat; polygons: number[][][] };

/** The credit the boundaries' licence asks for, shown on the map wherever they are drawn. */
export const BOUNDARIES_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2024';
