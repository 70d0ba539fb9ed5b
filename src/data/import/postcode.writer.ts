import type { Db } from '../database.ts';
import { gridToLatLng, normalisePostcode } from '../../domain/geo.ts';

export type PostcodeRecord = { postcode: string; easting: number; northing: number; adminDistrict: string | null };

/** Upserts postcodes in one statement (arrays through unnest, so both engines take the same SQL). */
export async function upsertPostcodes(db: Db, records: readonly PostcodeRecord[]): Promise<void> {
  if (records.length === 0) return;
  const pc: string[] = [],
    e: number[] = [],
    n: number[] = [],
    lat: number[] = [],
    lng: number[] = [],
    district: (string | null)[] = [];
  // One row per postcode: a repeated key in one INSERT … ON CONFLICT DO UPDATE is an error; the last one wins.
  const unique = new Map(records.map((r) => [normalisePostcode(r.postcode), r]));
  for (const [postcode, r] of unique) {
    const pos = gridToLatLng(r);
    pc.push(postcode);
    e.push(r.easting);
    n.push(r.northing);
    lat.push(pos.latitude);
    lng.push(pos.longitude);
    district.push(r.adminDistrict || null);
  }
  await db.query(
    `insert into postcodes (postcode, easting, northing, latitude, longitude, admin_district)
     select * from unnest($1::text[], $2::int[], $3::int[], $4::float8[], $5::float8[], $6::text[])
     on conflict (postcode) do update set easting = excluded.easting, northing = excluded.northing,
       latitude = excluded.latitude, longitude = excluded.longitude, admin_district = excluded.admin_district`,
    [pc, e, n, lat, lng, district],
  );
}

/**
 * Recomputes every outcode's centroid from its postcodes in one statement. Latitude and longitude are
 * averaged too: over an outcode (a few km) the mean of WGS84 positions is within metres of the grid mean's.
 */
export async function refreshOutcodes(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with c as (
       select left(postcode, length(postcode) - 3) as outcode, round(avg(easting))::int as easting, round(avg(northing))::int as northing,
              avg(latitude) as latitude, avg(longitude) as longitude
       from postcodes group by 1),
     up as (
       insert into outcodes (outcode, easting, northing, latitude, longitude) select * from c
       on conflict (outcode) do update set easting = excluded.easting, northing = excluded.northing,
         latitude = excluded.latitude, longitude = excluded.longitude
       returning 1)
     select count(*)::int as n from up`,
  );
  return rows[0]?.n ?? 0;
}
