import type { Db } from '../database.ts';
import { visibleListing } from './visible-listing.sql.ts';

/** Where a pack is for: a point and a radius (metres, British National Grid), or a scheme's area. */
export type PackArea = { easting: number; northing: number; radiusM: number } | { schemeId: string };
export type PackCriteria = { area: PackArea; types: readonly string[]; free: boolean; stepFree: boolean; cutoff: Date };

/**
 * The Heritage Café pack's candidates (issue 10, decision 035): publicly visible listings (the one
 * rule, `visibleListing`) in the area and matching the filters. Which dates fall in the month is the
 * service's work (domain/schedule.ts), so cancellations and bank holidays follow the one rule too.
 */
export function createPackRepository(db: Db) {
  return {
    async candidateIds(c: PackCriteria, limit = 400): Promise<string[]> {
      const params: unknown[] = [c.cutoff];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const conds = [visibleListing('a', 'o', '$1')];
      if ('schemeId' in c.area) {
        conds.push(`exists (select 1 from scheme_outcodes so where so.scheme_id = ${p(c.area.schemeId)}::uuid
          and so.outcode = left(upper(regexp_replace(pl.postcode, '\\s', '', 'g')), -3))`);
      } else {
        const { easting: e, northing: n, radiusM: r } = c.area;
        conds.push(`pl.pos <@ box(point(${p(e - r)}, ${p(n - r)}), point(${p(e + r)}, ${p(n + r)}))`, `(pl.pos <-> point(${p(e)}, ${p(n)})) <= ${p(r)}`);
      }
      if (c.types.length) conds.push(`a.activity_types && ${p(c.types)}::text[]`);
      if (c.free) conds.push(`a.cost_type = 'free'`);
      if (c.stepFree) conds.push(`a.access @> array['step_free']::text[]`);
      const rows = await db.query<{ id: string }>(
        `select a.id from activities a join organisations o on o.id = a.organisation_id join places pl on pl.id = a.place_id
          where ${conds.join(' and ')} order by a.title, a.id limit ${Number(limit)}`,
        params,
      );
      return rows.map((r) => r.id);
    },
  };
}

export type PackRepository = ReturnType<typeof createPackRepository>;
