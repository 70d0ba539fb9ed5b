/** One place on a map beside a list: `n` is its number in the list, `target` the id of its list entry. */
export type MapPoint = { n?: number; lat: number; lng: number; title: string; href?: string | null; place?: string; target?: string };
export type MapCentre = { lat: number; lng: number; label: string };

const round = (degrees: number) => Math.round(degrees * 100_000) / 100_000;

/**
 * The data-points attribute src/assets/modules/map.js reads (decision 021); null when there is
 * nothing to draw. Positions are kept to about a metre.
 */
export function mapPointsJson(points: readonly MapPoint[], centre: MapCentre | null = null): string | null {
  if (points.length === 0) return null;
  return JSON.stringify({
    centre: centre ? { ...centre, lat: round(centre.lat), lng: round(centre.lng) } : null,
    points: points.map((p) => ({ ...p, lat: round(p.lat), lng: round(p.lng) })),
  });
}
