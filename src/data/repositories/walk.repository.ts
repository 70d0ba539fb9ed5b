import type { Db } from '../database.ts';
import type { GridRef } from '../../domain/geo.ts';
import type { Gradient, Surface, Walk, WalkInput, WalkStatus, WalkStop, WalkStopInput } from '../../domain/walks.ts';
import { areaParams, placeInArea } from './scheme-area.sql.ts';
import type { PhotoCopy } from './contribution.repository.ts';
import { SHOWN } from './contribution-visibility.sql.ts';
import type { ModerationArea } from '../../domain/scheme-area.ts';

type WalkRow = {
  id: string;
  title: string;
  summary: string;
  town: string;
  postcode: string;
  easting: number;
  northing: number;
  organisation_id: string | null;
  organisation_name: string | null;
  status: WalkStatus;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  distance_m?: number;
};

type StopRow = {
  id: string;
  walk_id: string;
  position: number;
  name: string;
  postcode: string | null;
  easting: number;
  northing: number;
  latitude: number;
  longitude: number;
  directions: string;
  story: string;
  heritage_asset_id: string | null;
  asset_source: string | null;
  asset_source_id: string | null;
  asset_name: string | null;
  asset_category: string | null;
  asset_grade: string | null;
  contributed_place_id: string | null;
  place_title: string | null;
  step_free: boolean;
  bench: boolean;
  toilet: boolean;
  access_note: string;
  leg_walked_m: number | null;
  leg_step_free: boolean | null;
  leg_surface: Surface | null;
  leg_gradient: Gradient | null;
  leg_bench: boolean | null;
  photo_id: string | null;
  photo_alt: string | null;
  photo_credit: string | null;
  photo_width: number | null;
  photo_height: number | null;
};

const WALK_COLUMNS = `w.id, w.title, w.summary, w.town, w.postcode, w.easting, w.northing, w.organisation_id, o.name as organisation_name,
  w.status, w.created_at, w.updated_at, w.published_at`;

const STOPS = `select s.*, h.source as asset_source, h.source_id as asset_source_id, h.name as asset_name, h.category as asset_category, h.grade as asset_grade,
    cp.title as place_title, ph.id as photo_id, ph.alt_text as photo_alt, ph.credit as photo_credit, ph.width as photo_width, ph.height as photo_height
  from walk_stops s left join heritage_assets h on h.id = s.heritage_asset_id
  left join contribution_photos ph on ph.walk_stop_id = s.id
  left join contributions cp on cp.id = s.contributed_place_id and cp.kind = 'place' and ${SHOWN('cp', "'{}'")}
  where s.walk_id = any($1::uuid[]) order by s.walk_id, s.position`;

/** No stop and no leg with steps: the "step-free only" filter. */
const STEP_FREE = `not exists (select 1 from walk_stops ss where ss.walk_id = w.id and (not ss.step_free or ss.leg_step_free = false))`;

const toStop = (r: StopRow): WalkStop => ({
  id: r.id,
  position: r.position,
  name: r.name,
  postcode: r.postcode,
  easting: r.easting,
  northing: r.northing,
  latitude: r.latitude,
  longitude: r.longitude,
  directions: r.directions,
  story: r.story,
  heritageAsset:
    r.heritage_asset_id && r.asset_name
      ? {
          id: String(r.heritage_asset_id),
          source: r.asset_source!,
          sourceId: r.asset_source_id!,
          name: r.asset_name,
          category: r.asset_category!,
          grade: r.asset_grade,
        }
      : null,
  contributedPlace: r.contributed_place_id && r.place_title ? { id: r.contributed_place_id, title: r.place_title } : null,
  stepFree: r.step_free,
  bench: r.bench,
  toilet: r.toilet,
  accessNote: r.access_note,
  leg:
    r.position > 1 && r.leg_surface && r.leg_gradient
      ? { walkedM: r.leg_walked_m, stepFree: r.leg_step_free ?? true, surface: r.leg_surface, gradient: r.leg_gradient, bench: r.leg_bench ?? false }
      : null,
  photo: r.photo_id ? { id: r.photo_id, altText: r.photo_alt!, credit: r.photo_credit!, width: Number(r.photo_width), height: Number(r.photo_height) } : null,
});

export type WalkListFilter = {
  town: string | null;
  stepFreeOnly: boolean;
  /** Nearest first within the radius when given. */
  near: (GridRef & { radiusM: number }) | null;
  /** Any of these words in the walk's text (the search configuration's stemming), when given. */
  words: readonly string[];
  limit: number;
};

/** Heritage walks: all SQL for walks and their stops. */
export function createWalkRepository(db: Db) {
  async function withStops(rows: WalkRow[], q: Db = db): Promise<(Walk & { distanceM: number | null })[]> {
    if (rows.length === 0) return [];
    const stops = await q.query<StopRow>(STOPS, [rows.map((r) => r.id)]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      town: r.town,
      postcode: r.postcode,
      easting: r.easting,
      northing: r.northing,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      status: r.status,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      publishedAt: r.published_at,
      stops: stops.filter((s) => s.walk_id === r.id).map(toStop),
      distanceM: r.distance_m == null ? null : Number(r.distance_m),
    }));
  }

  return {
    async find(id: string, q: Db = db): Promise<Walk | undefined> {
      const rows = await q.query<WalkRow>(`select ${WALK_COLUMNS} from walks w left join organisations o on o.id = w.organisation_id where w.id = $1`, [id]);
      return (await withStops(rows, q))[0];
    },

    /** Published walks matching the filter: nearest first when near a point, else by town and title. */
    async published(f: WalkListFilter): Promise<(Walk & { distanceM: number | null })[]> {
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const where = [`w.status = 'published'`];
      if (f.town) where.push(`lower(w.town) = lower(${p(f.town)})`);
      if (f.stepFreeOnly) where.push(STEP_FREE);
      let distance = 'null::float8';
      if (f.near) {
        const e = p(f.near.easting);
        const n = p(f.near.northing);
        const r = p(f.near.radiusM);
        distance = `w.pos <-> point(${e}, ${n})`;
        where.push(`w.pos <-> point(${e}, ${n}) <= ${r}`);
      }
      if (f.words.length) {
        where.push(`exists (select 1 from unnest(${p(f.words)}::text[]) as word
          where to_tsvector('waymark_search', w.title || ' ' || w.summary || ' ' || w.town || ' self-guided heritage walk trail route ' ||
            coalesce((select string_agg(ss.name, ' ') from walk_stops ss where ss.walk_id = w.id), ''))
            @@ plainto_tsquery('waymark_search', word))`);
      }
      const rows = await db.query<WalkRow>(
        `select ${WALK_COLUMNS}, ${distance} as distance_m from walks w left join organisations o on o.id = w.organisation_id
          where ${where.join(' and ')} order by ${f.near ? 'distance_m, ' : ''}w.town, w.title, w.id limit ${p(f.limit)}`,
        params,
      );
      return withStops(rows);
    },

    /** The towns with a published walk, for the list's filter. */
    async towns(): Promise<string[]> {
      const rows = await db.query<{ town: string }>(`select distinct town from walks where status = 'published' order by town`);
      return rows.map((r) => r.town);
    },

    /** Walks the user may edit: their organisations' and, for a coordinator, every walk starting in their area. */
    async editable(scope: { organisationIds: readonly string[]; area: ModerationArea | null }): Promise<Walk[]> {
      const [everywhere, schemeId] = scope.area ? areaParams(scope.area) : [false, null];
      const rows = await db.query<WalkRow>(
        `select ${WALK_COLUMNS} from walks w left join organisations o on o.id = w.organisation_id
          where w.organisation_id = any($1::uuid[]) or ($4::boolean and ${placeInArea('w', 2)})
          order by w.status, w.town, w.title, w.id`,
        [scope.organisationIds, everywhere, schemeId, scope.area !== null],
      );
      return withStops(rows);
    },

    async create(tx: Db, input: WalkInput & GridRef & { createdBy: string }, now: Date): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into walks (title, summary, town, postcode, easting, northing, organisation_id, status, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $9) returning id`,
        [input.title, input.summary, input.town, input.postcode, input.easting, input.northing, input.organisationId, input.createdBy, now],
      );
      return row!.id;
    },

    async update(tx: Db, id: string, input: Omit<WalkInput, 'organisationId'> & GridRef, now: Date) {
      await tx.query(`update walks set title = $2, summary = $3, town = $4, postcode = $5, easting = $6, northing = $7, updated_at = $8 where id = $1`, [
        id,
        input.title,
        input.summary,
        input.town,
        input.postcode,
        input.easting,
        input.northing,
        now,
      ]);
    },

    /** Changes the status only from the one it was decided on; false when someone else changed it first. */
    async setStatus(tx: Db, id: string, from: WalkStatus, to: WalkStatus, by: string, now: Date): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update walks set status = $3, updated_at = $5,
           published_at = case when $3 = 'published' then $5 else published_at end,
           published_by = case when $3 = 'published' then $4::uuid else published_by end
         where id = $1 and status = $2 returning id`,
        [id, from, to, by, now],
      );
      return rows.length === 1;
    },

    async touch(tx: Db, id: string, now: Date) {
      await tx.query('update walks set updated_at = $2 where id = $1', [id, now]);
    },

    async addStop(tx: Db, walkId: string, stop: WalkStopInput & GridRef & { latitude: number; longitude: number }): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into walk_stops (walk_id, position, name, postcode, easting, northing, latitude, longitude, directions, story, heritage_asset_id,
           step_free, bench, toilet, access_note, leg_walked_m, leg_step_free, leg_surface, leg_gradient, leg_bench, contributed_place_id)
         values ($1, (select coalesce(max(position), 0) + 1 from walk_stops where walk_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10,
           $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) returning id`,
        [walkId, ...stopValues(stop)],
      );
      return row!.id;
    },

    async updateStop(tx: Db, stopId: string, stop: WalkStopInput & GridRef & { latitude: number; longitude: number }) {
      await tx.query(
        `update walk_stops set name = $2, postcode = $3, easting = $4, northing = $5, latitude = $6, longitude = $7, directions = $8, story = $9,
           heritage_asset_id = $10, step_free = $11, bench = $12, toilet = $13, access_note = $14, leg_walked_m = $15, leg_step_free = $16,
           leg_surface = $17, leg_gradient = $18, leg_bench = $19, contributed_place_id = $20 where id = $1`,
        [stopId, ...stopValues(stop)],
      );
    },

    /** Deletes a stop and closes the gap in the numbering. */
    async deleteStop(tx: Db, walkId: string, stopId: string) {
      await tx.query('delete from walk_stops where id = $1 and walk_id = $2', [stopId, walkId]);
      await renumber(tx, walkId);
    },

    /** Swaps a stop with the one before (-1) or after (+1). */
    async moveStop(tx: Db, walkId: string, stopId: string, by: -1 | 1) {
      await tx.query(
        `update walk_stops s set position = case when s.id = $2 then t.position + $3 else t.position end
           from (select position from walk_stops where id = $2 and walk_id = $1) t
          where s.walk_id = $1 and (s.id = $2 or s.position = t.position + $3)`,
        [walkId, stopId, by],
      );
      await renumber(tx, walkId);
    },

    /** One copy of a stop's photo, with its walk (the service decides who may see it). */
    async stopPhotoCopy(photoId: string, copy: PhotoCopy): Promise<{ walkId: string; bytes: Buffer } | undefined> {
      const [r] = await db.query<{ walk_id: string; bytes: Uint8Array }>(
        `select s.walk_id, p.${copy} as bytes from contribution_photos p join walk_stops s on s.id = p.walk_stop_id where p.id = $1`,
        [photoId],
      );
      return r && { walkId: r.walk_id, bytes: Buffer.from(r.bytes) };
    },

    async deleteStopPhoto(tx: Db, stopId: string) {
      await tx.query('delete from contribution_photos where walk_stop_id = $1', [stopId]);
    },

    /** Places that matter to local people (published, public contributions) within `radiusM` of a point, nearest first. */
    async contributedPlacesNear(point: GridRef, radiusM: number, limit = 30): Promise<{ id: string; title: string; placeKind: string | null }[]> {
      return db.query<{ id: string; title: string; placeKind: string | null }>(
        `select c.id, c.title, c.place_kind as "placeKind" from contributions c
          where c.kind = 'place' and ${SHOWN('c', "'{}'")}
            and c.pos <@ box(point($1::float8 - $3, $2::float8 - $3), point($1::float8 + $3, $2::float8 + $3)) and c.pos <-> point($1, $2) <= $3
          order by c.pos <-> point($1, $2), c.id limit $4`,
        [point.easting, point.northing, radiusM, limit],
      );
    },

    /** Published walks with a stop at this designated asset or contributed place: "walks that pass it" on the place page. */
    async passing(
      place: { heritageAssetId: string } | { contributedPlaceId: string },
    ): Promise<{ id: string; title: string; town: string; stop: number; stopName: string }[]> {
      const column = 'heritageAssetId' in place ? 's.heritage_asset_id = $1::bigint' : 's.contributed_place_id = $1::uuid';
      const value = 'heritageAssetId' in place ? place.heritageAssetId : place.contributedPlaceId;
      return db.query<{ id: string; title: string; town: string; stop: number; stopName: string }>(
        `select distinct on (w.id) w.id, w.title, w.town, s.position as stop, s.name as "stopName"
           from walk_stops s join walks w on w.id = s.walk_id
          where ${column} and w.status = 'published'
          order by w.id, s.position`,
        [value],
      );
    },

    /** Designated heritage places within `radiusM` of a point, nearest first: the choices for a stop. */
    async assetsNear(
      point: GridRef,
      radiusM: number,
      limit = 30,
    ): Promise<{ id: string; name: string; category: string; grade: string | null; source: string }[]> {
      const rows = await db.query<{ id: string; name: string; category: string; grade: string | null; source: string }>(
        `select id, name, category, grade, source from heritage_assets
          where pos <@ box(point($1::float8 - $3, $2::float8 - $3), point($1::float8 + $3, $2::float8 + $3)) and pos <-> point($1, $2) <= $3
          order by pos <-> point($1, $2), id limit $4`,
        [point.easting, point.northing, radiusM, limit],
      );
      return rows.map((r) => ({ ...r, id: String(r.id) }));
    },
  };
}

function stopValues(s: WalkStopInput & GridRef & { latitude: number; longitude: number }) {
  return [
    s.name,
    s.postcode,
    s.easting,
    s.northing,
    s.latitude,
    s.longitude,
    s.directions,
    s.story,
    s.heritageAssetId,
    s.stepFree,
    s.bench,
    s.toilet,
    s.accessNote,
    s.leg.walkedM,
    s.leg.stepFree,
    s.leg.surface,
    s.leg.gradient,
    s.leg.bench,
    s.contributedPlaceId,
  ];
}

async function renumber(tx: Db, walkId: string) {
  await tx.query(
    `update walk_stops s set position = n.rn from (select id, row_number() over (order by position, id) as rn from walk_stops where walk_id = $1) n
      where s.id = n.id and s.position <> n.rn`,
    [walkId],
  );
}

export type WalkRepository = ReturnType<typeof createWalkRepository>;
