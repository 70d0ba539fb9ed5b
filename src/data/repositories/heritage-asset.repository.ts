import type { Db } from '../database.ts';
import type { HeritageAsset } from '../../domain/search.ts';
import type { SearchArea } from './search.repository.ts';
import { visibleListing } from './visible-listing.sql.ts';

type Row = {
  id: string;
  source: string;
  source_id: string;
  name: string;
  category: string;
  grade: string | null;
  latitude: number;
  longitude: number;
  url: string | null;
  distance_m: number;
};

export type DoorstepOptions = { cutoff: Date; nearM: number };

/** A visible activity (live, approved organisation, checked since $4) at place p. */
const VISIBLE_ACTIVITY = `exists (select 1 from activities a join organisations o on o.id = a.organisation_id
  where a.place_id = p.id and ${visibleListing('a', 'o', '$4')})`;

/** Places sharing an asset's list entry are looked for this far beyond the search area (large parks and gardens). */
const LIST_ENTRY_MARGIN_M = 5000;

/**
 * Heritage assets within the area with no organised activity: no visible activity at a place within
 * $5 metres (a GiST probe per asset), and none at a place designated under the same list entry.
 */
const FROM_WHERE = `
  from heritage_assets h
  where h.pos <@ box(point($1::float8 - $3, $2::float8 - $3), point($1::float8 + $3, $2::float8 + $3))
    and h.pos <-> point($1, $2) <= $3
    and not exists (
      select 1 from places p
      where p.pos <@ box(point(h.pos[0] - $5, h.pos[1] - $5), point(h.pos[0] + $5, h.pos[1] + $5))
        and p.pos <-> h.pos <= $5 and ${VISIBLE_ACTIVITY})
    and h.source_id not in (
      select p.nhle_list_entry::text from places p
      where p.pos <@ box(point($1::float8 - $3 - ${LIST_ENTRY_MARGIN_M}, $2::float8 - $3 - ${LIST_ENTRY_MARGIN_M}),
                         point($1::float8 + $3 + ${LIST_ENTRY_MARGIN_M}, $2::float8 + $3 + ${LIST_ENTRY_MARGIN_M}))
        and p.nhle_list_entry is not null and ${VISIBLE_ACTIVITY})`;

export function createHeritageAssetRepository(db: Db) {
  const params = (area: SearchArea, opts: DoorstepOptions) => [area.easting, area.northing, area.radiusM, opts.cutoff, opts.nearM];
  return {
    /**
     * Nearest first: the GiST index on heritage_assets.pos walks outwards, so a page stops early and
     * only the assets it passes are probed for activities. The inner ORDER BY must be the distance
     * alone — a tie-breaker turns the walk into "probe every asset in the area, then sort" (56 ms
     * instead of 1.5 ms in a city); ties are ordered by id within the page.
     */
    async nearbyWithoutActivity(area: SearchArea, opts: DoorstepOptions & { limit: number; offset: number }): Promise<HeritageAsset[]> {
      const rows = await db.query<Row>(
        `select * from (
           select h.id, h.source, h.source_id, h.name, h.category, h.grade, h.latitude, h.longitude, h.url, h.pos <-> point($1, $2) as distance_m
           ${FROM_WHERE}
           order by h.pos <-> point($1, $2) limit $6 offset $7) as nearest
         order by distance_m, id`,
        [...params(area, opts), opts.limit, opts.offset],
      );
      return rows.map((row) => ({
        id: String(row.id),
        source: row.source,
        sourceId: row.source_id,
        name: row.name,
        category: row.category,
        grade: row.grade,
        latitude: row.latitude,
        longitude: row.longitude,
        url: row.url,
        distanceM: Number(row.distance_m),
      }));
    },

    /** Counts up to `upTo + 1`: in dense cities an exact count would cost more than the page itself. */
    async countNearbyWithoutActivity(area: SearchArea, opts: DoorstepOptions, upTo: number): Promise<number> {
      const rows = await db.query<{ n: number }>(
        `select count(*) as n from (select 1 ${FROM_WHERE} limit ${Math.floor(upTo) + 1}) as capped`,
        params(area, opts),
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}

export type HeritageAssetRepository = ReturnType<typeof createHeritageAssetRepository>;
