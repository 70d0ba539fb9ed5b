import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import { SHOWN } from './contribution-visibility.sql.ts';

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
