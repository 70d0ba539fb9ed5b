import type { Db } from '../database.ts';
import { gridToLatLng } from '../../domain/geo.ts';
import { upsertPostcodes } from '../import/postcode.writer.ts';
import { upsertHeritageAssets } from '../import/heritage-asset.writer.ts';
import { SEED_OUTCODES, SEED_PLACE_NAMES, SEED_POSTCODES } from './geography.data.ts';
import { SEED_HERITAGE_ASSETS } from './heritage-assets.data.ts';

/** Alternative names people type for a seeded place. */
const ALIASES: Record<string, string> = { 'Gorleston-on-Sea': 'Gorleston', 'Caister-on-Sea': 'Caister' };

/** Postcodes, outcode centroids, place names and heritage assets for the three demo areas. */
export async function seedGeography(tx: Db): Promise<void> {
  await upsertPostcodes(
    tx,
    SEED_POSTCODES.map(([postcode, easting, northing, adminDistrict]) => ({ postcode, easting, northing, adminDistrict })),
  );
  const outcodes = SEED_OUTCODES.map(([outcode, easting, northing]) => ({ outcode, easting, northing, ...gridToLatLng({ easting, northing }) }));
  await tx.query(
    `insert into outcodes (outcode, easting, northing, latitude, longitude)
     select * from unnest($1::text[], $2::int[], $3::int[], $4::float8[], $5::float8[]) on conflict (outcode) do nothing`,
    [
      outcodes.map((o) => o.outcode),
      outcodes.map((o) => o.easting),
      outcodes.map((o) => o.northing),
      outcodes.map((o) => o.latitude),
      outcodes.map((o) => o.longitude),
    ],
  );
  const names = SEED_PLACE_NAMES.flatMap(([name, county, easting, northing]) => {
    const row = { name, county, easting, northing, ...gridToLatLng({ easting, northing }) };
    const alias = ALIASES[name];
    return alias ? [row, { ...row, name: alias }] : [row];
  });
  await tx.query(
    `insert into place_names (name, name_key, county, easting, northing, latitude, longitude)
     select n, lower(n), c, e, no, la, lo from unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::float8[], $6::float8[]) as t(n, c, e, no, la, lo)`,
    [
      names.map((n) => n.name),
      names.map((n) => n.county),
      names.map((n) => n.easting),
      names.map((n) => n.northing),
      names.map((n) => n.latitude),
      names.map((n) => n.longitude),
    ],
  );
  await upsertHeritageAssets(tx, SEED_HERITAGE_ASSETS);
}

/** Grid reference of a seeded postcode ('NR30 1NE' or 'NR301NE'). */
export function seededPostcode(postcode: string) {
  const key = postcode.replace(/\s+/g, '').toUpperCase();
  const found = SEED_POSTCODES.find(([p]) => p.replace(' ', '') === key);
  if (!found) throw new Error(`Demo postcode ${postcode} is missing from geography.data.ts`);
  return { easting: found[1], northing: found[2] };
}
