import type { Db } from '../database.ts';
import type { MapArea } from '../../domain/map-outline.ts';

type Row = { name: string; code: string | null; label_longitude: number; label_latitude: number; outline: number[][][] };

/** Local authority outlines for the map (map_areas), replaced whole by each import. */
export function createMapAreaRepository(db: Db) {
  return {
    async count(): Promise<number> {
      const [row] = await db.query<{ n: number }>('select count(*)::int as n from map_areas');
      return row?.n ?? 0;
    },

    async all(): Promise<MapArea[]> {
      const rows = await db.query<Row>('select name, code, label_longitude, label_latitude, outline from map_areas order by name');
      return rows.map((r) => ({ name: r.name, code: r.code, label: [r.label_longitude, r.label_latitude], polygons: r.outline }));
    },

    async replaceAll(areas: readonly MapArea[]): Promise<void> {
      const records = areas.map((a) => ({ name: a.name, code: a.code, label_longitude: a.label[0], label_latitude: a.label[1], outline: a.polygons }));
      await db.transaction(async (tx) => {
        await tx.query('delete from map_areas');
        await tx.query(
          `insert into map_areas (name, code, label_longitude, label_latitude, outline)
           select name, code, label_longitude, label_latitude, outline
           from jsonb_to_recordset($1::jsonb) as t(name text, code text, label_longitude float8, label_latitude float8, outline jsonb)`,
          [JSON.stringify(records)],
        );
      });
    },
  };
}

export type MapAreaRepository = ReturnType<typeof createMapAreaRepository>;
