import { decodeRing, type LngLat, type MapArea, simplifyRing } from './map-outline.ts';

/**
 * A choropleth drawn on the server (decision 050): local authority outlines projected to a small SVG,
 * each shaded by its value in one of five classes (quintiles, or equal steps for fewer than 10 areas) of a colour-blind-safe sequential palette
 * (ColorBrewer "Blues", safe for the common colour-vision deficiencies and in greyscale), with a
 * legend in words. Works without JavaScript and prints; the data table beside it carries the figures.
 */
export const CHOROPLETH_PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
/** Areas with no figure (no population in the data). */
export const NO_DATA_FILL = '#ffffff';

export type ChoroplethValue = { code: string; name: string; value: number | null };
export type ChoroplethShape = { code: string; name: string; d: string; fill: string; title: string };
export type LegendEntry = { fill: string; text: string };
export type Choropleth = { width: number; height: number; shapes: ChoroplethShape[]; legend: LegendEntry[] };

const WIDTH = 480;

/** Five classes by quintile of the values, as breaks [b1, b2, b3, b4]: class i holds values up to b(i+1). */
export function quintileBreaks(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return [1, 2, 3, 4].map((k) => sorted[Math.min(sorted.length - 1, Math.ceil((k * sorted.length) / 5) - 1)]!);
}

/** Five equal steps from the smallest value to the largest: clearer than quintiles for a handful of areas. */
export function equalBreaks(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const step = (Math.max(...values) - min) / 5;
  return [1, 2, 3, 4].map((k) => min + k * step);
}

/** Quintiles for 10 areas or more, equal steps for fewer. */
export const breaksFor = (values: readonly number[]) => (values.length >= 10 ? quintileBreaks(values) : equalBreaks(values));

export const classOf = (value: number, breaks: readonly number[]) => {
  const i = breaks.findIndex((b) => value <= b);
  return i < 0 ? breaks.length : i;
};

/**
 * The map for some areas' values. Outlines are simplified to about `toleranceDegrees` (coarser for
 * more of England) and projected with longitude scaled by the cosine of the middle latitude.
 */
export function choropleth(
  areas: readonly MapArea[],
  values: readonly ChoroplethValue[],
  opts: { format: (n: number) => string; unit: string; toleranceDegrees?: number },
): Choropleth | null {
  const byCode = new Map(values.map((v) => [v.code, v]));
  const drawn = areas.filter((a) => a.code && byCode.has(a.code));
  if (drawn.length === 0) return null;
  const tolerance = opts.toleranceDegrees ?? (drawn.length > 40 ? 0.01 : 0.002);
  const rings = drawn.map((a) => ({
    area: a,
    rings: a.polygons.flatMap((polygon) => polygon.map((r) => simplifyRing(decodeRing(r), tolerance))).filter((r) => r.length >= 4),
  }));
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { rings: rs } of rings)
    for (const r of rs)
      for (const [x, y] of r) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = WIDTH / Math.max((maxX - minX) * k, 1e-9);
  const height = Math.max(1, Math.round((maxY - minY) * scale));
  const project = ([x, y]: LngLat) => `${((x - minX) * k * scale).toFixed(1)} ${((maxY - y) * scale).toFixed(1)}`;
  const numbers = values.flatMap((v) => (v.value === null ? [] : [v.value]));
  const breaks = breaksFor(numbers);
  const shapes = rings.map(({ area, rings: rs }) => {
    const v = byCode.get(area.code!)!;
    return {
      code: area.code!,
      name: v.name,
      d: rs.map((r) => `M${r.map(project).join('L')}Z`).join(''),
      fill: v.value === null ? NO_DATA_FILL : CHOROPLETH_PALETTE[classOf(v.value, breaks)]!,
      title: `${v.name}: ${v.value === null ? 'no population' : `${opts.format(v.value)} ${opts.unit}`}`,
    };
  });
  return {
    width: WIDTH,
    height,
    shapes,
    legend: legend(
      numbers,
      breaks,
      opts.format,
      opts.unit,
      values.some((v) => v.value === null),
    ),
  };
}

function legend(numbers: readonly number[], breaks: readonly number[], format: (n: number) => string, unit: string, anyMissing: boolean): LegendEntry[] {
  const words = ['Lightest', 'Light', 'Middle', 'Dark', 'Darkest'];
  const entries: LegendEntry[] = [];
  CHOROPLETH_PALETTE.forEach((fill, i) => {
    const members = numbers.filter((n) => classOf(n, breaks) === i);
    if (members.length === 0) return;
    const lo = Math.min(...members);
    const hi = Math.max(...members);
    entries.push({ fill, text: `${words[i]} blue: ${lo === hi ? format(lo) : `${format(lo)} to ${format(hi)}`} ${unit}` });
  });
  if (anyMissing) entries.push({ fill: NO_DATA_FILL, text: 'White: no population figure' });
  return entries;
}
