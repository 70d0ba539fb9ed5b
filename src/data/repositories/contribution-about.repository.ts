import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import { SHOWN } from './contribution-visibility.sql.ts';
import { visibleListing } from './visible-listing.sql.ts';

/** What a memory is about, named, for its moderator (decision 057); whether it is public decides where a link goes. */
export type MemoryAbout =
  | { kind: 'designated_place'; name: string; source: 'nhle' | 'museum'; sourceId: string }
  | { kind: 'contributed_place'; id: string; title: string; shown: boolean }
  | { kind: 'activity'; id: string; title: string }
  | { kind: 'walk_stop'; walkId: string; walkTitle: string; walkPublished: boolean; stopId: string; position: number; name: string };

type Row = {
  asset_name: string | null;
  asset_source: string | null;
  asset_source_id: string | null;
  place_id: string | null;
  place_title: string | null;
  place_shown: boolean | null;
  activity_id: string | null;
  activity_title: string | null;
  stop_id: string | null;
  stop_position: number | null;
  stop_name: string | null;
  walk_id: string | null;
  walk_title: string | null;
  walk_status: string | null;
};

/** What this memory is about; undefined for a place (it is about itself) or when that thing has gone. */
export async function memoryAbout(db: Db, contributionId: string): Promise<MemoryAbout | undefined> {
  const r = await maybeOne<Row>(
    db,
    `select h.name as asset_name, h.source as asset_source, h.source_id as asset_source_id,
            p.id as place_id, p.title as place_title, ${SHOWN('p', "'{}'")} as place_shown,
            a.id as activity_id, a.title as activity_title,
            ws.id as stop_id, ws.position as stop_position, ws.name as stop_name, w.id as walk_id, w.title as walk_title, w.status as walk_status
       from contributions c
       left join heritage_assets h on h.id = c.about_heritage_asset_id
       left join contributions p on p.id = c.about_place_id
       left join activities a on a.id = c.about_activity_id
       left join walk_stops ws on ws.id = c.about_walk_stop_id
       left join walks w on w.id = ws.walk_id
      where c.id = $1 and c.kind = 'memory'`,
    [contributionId],
  );
  if (!r) return undefined;
  if (r.asset_name !== null)
    return { kind: 'designated_place', name: r.asset_name, source: r.asset_source!.startsWith('nhle') ? 'nhle' : 'museum', sourceId: r.asset_source_id! };
  if (r.place_id !== null) return { kind: 'contributed_place', id: r.place_id, title: r.place_title!, shown: Boolean(r.place_shown) };
  if (r.activity_id !== null) return { kind: 'activity', id: r.activity_id, title: r.activity_title! };
  if (r.stop_id !== null && r.walk_id !== null)
    return {
      kind: 'walk_stop',
      walkId: r.walk_id,
      walkTitle: r.walk_title!,
      walkPublished: r.walk_status === 'published',
      stopId: r.stop_id,
      position: Number(r.stop_position),
      name: r.stop_name!,
    };
  return undefined;
}

/** The walk stop a memory is about, with its walk (published walks only). */
export type WalkStopAbout = { id: string; walkId: string; walkTitle: string; position: number; name: string; walkPostcode: string };
export type NearbyActivity = { id: string; title: string; organisationName: string; placeName: string; distanceM: number };
/** A designated heritage place as the place page shows it. */
export type DesignatedPlace = {
  id: string;
  source: string;
  sourceId: string;
  name: string;
  category: string;
  grade: string | null;
  easting: number;
  northing: number;
  url: string | null;
  licence: string;
};

/** What a contribution can be about, looked up (designated places, activities, walk stops): part of the contribution repository. */
export function createContributionAboutRepository(db: Db) {
  return {
    /** The organisation running the activity a memory is about (it moderates it). */
    async activityOrganisation(activityId: string, tx: Db = db): Promise<string | undefined> {
      const r = await maybeOne<{ organisation_id: string }>(tx, 'select organisation_id from activities where id = $1', [activityId]);
      return r?.organisation_id;
    },

    /** What a memory is about, named, for its moderator. */
    aboutOf: (contributionId: string) => memoryAbout(db, contributionId),

    /** The stop a memory is about, when its walk is published (a memory is added from the public walk page). */
    async walkStopAbout(stopId: string): Promise<WalkStopAbout | undefined> {
      return maybeOne<WalkStopAbout>(
        db,
        `select s.id, s.walk_id as "walkId", w.title as "walkTitle", s.position, s.name, w.postcode as "walkPostcode"
           from walk_stops s join walks w on w.id = s.walk_id where s.id = $1 and w.status = 'published'`,
        [stopId],
      );
    },

    // What contributions are about.
    async designatedPlace(source: string, sourceId: string): Promise<DesignatedPlace | undefined> {
      const r = await maybeOne<{
        id: string;
        source: string;
        source_id: string;
        name: string;
        category: string;
        grade: string | null;
        easting: number;
        northing: number;
        url: string | null;
        licence: string;
      }>(
        db,
        'select id, source, source_id, name, category, grade, easting, northing, url, licence from heritage_assets where source like $1 and source_id = $2 order by id limit 1',
        [`${source}%`, sourceId],
      );
      return (
        r && {
          id: String(r.id),
          source: r.source,
          sourceId: r.source_id,
          name: r.name,
          category: r.category,
          grade: r.grade,
          easting: Number(r.easting),
          northing: Number(r.northing),
          url: r.url,
          licence: r.licence,
        }
      );
    },

    async designatedPlaceById(id: string): Promise<{ source: string; sourceId: string; name: string; easting: number; northing: number } | undefined> {
      const r = await maybeOne<{ source: string; source_id: string; name: string; easting: number; northing: number }>(
        db,
        'select source, source_id, name, easting, northing from heritage_assets where id = $1',
        [id],
      );
      return r && { source: r.source, sourceId: r.source_id, name: r.name, easting: Number(r.easting), northing: Number(r.northing) };
    },

    async activityPlace(activityId: string): Promise<{ title: string; postcode: string; organisationId: string } | undefined> {
      return maybeOne(
        db,
        `select a.title, p.postcode, a.organisation_id as "organisationId" from activities a join places p on p.id = a.place_id where a.id = $1`,
        [activityId],
      );
    },

    /** The outward code nearest a point (the outcodes table's centres), for a memory about a designated place. */
    async nearestOutcode(easting: number, northing: number): Promise<string | undefined> {
      const r = await maybeOne<{ outcode: string }>(
        db,
        'select outcode from outcodes order by (easting - $1::float8) ^ 2 + (northing - $2::float8) ^ 2, outcode limit 1',
        [easting, northing],
      );
      return r?.outcode;
    },

    /** Publicly listed activities at or near a point, nearest first. */
    async activitiesNear(easting: number, northing: number, radiusM: number, cutoff: Date, limit = 5): Promise<NearbyActivity[]> {
      const rows = await db.query<{ id: string; title: string; organisation_name: string; place_name: string; distance_m: number }>(
        `select a.id, a.title, o.name as organisation_name, p.name as place_name, p.pos <-> point($1, $2) as distance_m
           from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
          where p.pos <@ box(point($1::float8 - $3, $2::float8 - $3), point($1::float8 + $3, $2::float8 + $3)) and p.pos <-> point($1, $2) <= $3
            and ${visibleListing('a', 'o', '$4')}
          order by p.pos <-> point($1, $2), a.id limit $5`,
        [easting, northing, radiusM, cutoff, limit],
      );
      return rows.map((r) => ({ id: r.id, title: r.title, organisationName: r.organisation_name, placeName: r.place_name, distanceM: Number(r.distance_m) }));
    },
  };
}
