import type { Db } from '../database.ts';
import { gridToLatLng, latLngToGrid } from '../../domain/geo.ts';
import { licenceOf, type HeritageAssetRecord } from './heritage-asset.record.ts';

/** Both positions of a record: NHLE layers give grid references, Mapping Museums gives latitude/longitude. */
export function positionOf(r: HeritageAssetRecord) {
  if ('easting' in r) return { easting: r.easting, northing: r.northing, ...gridToLatLng(r) };
  return { ...latLngToGrid(r), latitude: r.latitude, longitude: r.longitude };
}

/** Inserts or updates heritage assets in one statement per batch (unnest of arrays works on both engines). */
export async function upsertHeritageAssets(db: Db, records: readonly HeritageAssetRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const cols = {
    source: [] as string[],
    id: [] as string[],
    name: [] as string[],
    category: [] as string[],
    grade: [] as (string | null)[],
    e: [] as number[],
    n: [] as number[],
    lat: [] as number[],
    lng: [] as number[],
    url: [] as (string | null)[],
    licence: [] as string[],
  };
  // One row per key: a repeated key in one INSERT … ON CONFLICT DO UPDATE is an error; the last one wins.
  const unique = [...new Map(records.map((r) => [`${r.source}\u0000${r.sourceId}`, r])).values()];
  for (const r of unique) {
    const p = positionOf(r);
    cols.source.push(r.source);
    cols.id.push(r.sourceId);
    cols.name.push(r.name);
    cols.category.push(r.category);
    cols.grade.push(r.grade);
    cols.e.push(p.easting);
    cols.n.push(p.northing);
    cols.lat.push(p.latitude);
    cols.lng.push(p.longitude);
    cols.url.push(r.url);
    cols.licence.push(licenceOf(r.source));
  }
  await db.query(
    `insert into heritage_assets (source, source_id, name, category, grade, easting, northing, latitude, longitude, url, licence)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::float8[], $9::float8[], $10::text[], $11::text[])
     on conflict (source, source_id) do update set name = excluded.name, category = excluded.category, grade = excluded.grade,
       easting = excluded.easting, northing = excluded.northing, latitude = excluded.latitude, longitude = excluded.longitude,
       url = excluded.url, licence = excluded.licence`,
    [cols.source, cols.id, cols.name, cols.category, cols.grade, cols.e, cols.n, cols.lat, cols.lng, cols.url, cols.licence],
  );
  return unique.length;
}
