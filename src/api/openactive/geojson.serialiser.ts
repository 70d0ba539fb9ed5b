import type { PublishedActivity } from '../../data/repositories/open-directory.repository.ts';

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

export function toActivityFeatures(found: PublishedActivity[], ctx: { activityUrl: (id: string) => string; licence: string; datasetUrl: string }) {
  const features: ActivityFeature[] = found
    .filter((f) => Number.isFinite(f.place.latitude) && Number.isFinite(f.place.longitude))
    .map((f) => ({
      type: 'Feature',
      id: f.activity.id,
      geometry: { type: 'Point', coordinates: [round(f.place.longitude), round(f.place.latitude)] },
      properties: {
        name: f.activity.title,
        url: ctx.activityUrl(f.activity.id),
        organisation: f.organisation.name,
        shortCode: f.activity.shortCode,
        place: f.place.name,
        town: f.place.town,
        postcode: f.place.postcode,
        nextSession: f.activity.nextSessionAt ? f.activity.nextSessionAt.toISOString() : null,
        licence: ctx.licence,
      },
    }));
  return { type: 'FeatureCollection', features, licence: ctx.licence, source: ctx.datasetUrl };
}
