import type { Db } from '../database.ts';

/** The postcode districts each scheme's area covers (scheme_outcodes). */
export function createSchemeAreaRepository(db: Db) {
  return {
    async outcodes(schemeId: string): Promise<string[]> {
      const rows = await db.query<{ outcode: string }>('select outcode from scheme_outcodes where scheme_id = $1 order by outcode', [schemeId]);
      return rows.map((r) => r.outcode);
    },

    async setOutcodes(schemeId: string, outcodes: readonly string[], tx: Db = db) {
      await tx.query('delete from scheme_outcodes where scheme_id = $1', [schemeId]);
      await tx.query('insert into scheme_outcodes (scheme_id, outcode) select $1, unnest($2::text[]) on conflict do nothing', [schemeId, outcodes]);
    },
  };
}

export type SchemeAreaRepository = ReturnType<typeof createSchemeAreaRepository>;
