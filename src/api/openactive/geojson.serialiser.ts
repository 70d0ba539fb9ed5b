import type { MapPoint } from '../../services/openactive.service.ts';

/**
 * The public listings as a GeoJSON FeatureCollection (RFC 7946): one Point per activity at its place,
 * WGS84 longitude then latitude, with public facts only (decision 045).
 */
export type ActivityFeature = {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    name: string;
    url: string;
    organisation: string;
    shortCode: string;
    place: string;
    town: string;
    postcode: string;
    nextSession: string | null;
    licence: string;
  };
};

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function toActivityFeatures(points: MapPoint[], ctx: { activityUrl: (id: string) => string; licence: string; datasetUrl: string }) {
  const features: ActivityFeature[] = points
    .filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude))
    .map((p) => ({
      type: 'Feature',
      id: p.id,
      geometry: { type: 'Point', coordinates: [round(p.longitude), round(p.latitude)] },
      properties: {
        name: p.title,
        url: ctx.activityUrl(p.id),
        organisation: p.organisation,
        shortCode: p.shortCode,
        place: p.place,
        town: p.town,
        postcode: p.postcode,
        nextSession: p.nextSessionAt ? p.nextSessionAt.toISOString() : null,
        licence: ctx.licence,
      },
    }));
  return { type: 'FeatureCollection', features, licence: ctx.licence, source: ctx.datasetUrl };
}
