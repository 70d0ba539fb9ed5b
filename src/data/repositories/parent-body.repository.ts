import type { Db } from '../database.ts';

export type SiteListing = {
  organisationId: string;
  organisationName: string;
  activityId: string | null;
  title: string | null;
  status: string | null;
  placeName: string | null;
  postcode: string | null;
  moderatedBy: string | null;
};

/** Parent bodies (decision 047): which organisation an organisation belongs to, and what its sites list. */
export function createParentBodyRepository(db: Db) {
  return {
    async approvedByName(name: string, tx: Db = db): Promise<string[]> {
      return (
        await tx.query<{ id: string }>(`select id from organisations where lower(name) = lower($1) and status = 'approved' and merged_into is null`, [
          name.trim(),
        ])
      ).map((r) => r.id);
    },

    /** The parent and its parents, nearest first (stops after 20, which no real chain reaches). */
    async ancestors(id: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>(
        `with recursive up(id, depth) as (
           select parent_id, 1 from organisations where id = $1 and parent_id is not null
           union all select o.parent_id, up.depth + 1 from organisations o join up on o.id = up.id where o.parent_id is not null and up.depth < 20)
         select id from up order by depth`,
        [id],
      );
      return rows.map((r) => r.id);
    },

    async parentOf(id: string, tx: Db = db): Promise<{ id: string; name: string } | undefined> {
      const [row] = await tx.query<{ id: string; name: string }>(
        'select p.id, p.name from organisations o join organisations p on p.id = o.parent_id where o.id = $1',
        [id],
      );
      return row;
    },

    async setParent(id: string, parentId: string | null, at: Date, tx: Db = db) {
      await tx.query('update organisations set parent_id = $2, updated_at = $3 where id = $1', [id, parentId, at]);
    },

    /** The body itself and every organisation under it (children and their children), for its outcome reports. */
    async bodyAndSiteIds(parentId: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>(
        `with recursive down(id, depth) as (
           select id, 0 from organisations where id = $1
           union all select o.id, down.depth + 1 from organisations o join down on o.parent_id = down.id where o.merged_into is null and down.depth < 20)
         select distinct id from down`,
        [parentId],
      );
      return rows.map((r) => r.id);
    },

    /** Every site under the body (children and their children) and their listings, with the scheme whose area each place is in. */
    async sites(parentId: string, tx: Db = db): Promise<SiteListing[]> {
      return tx.query<SiteListing>(
        `with recursive down(id, depth) as (
           select id, 1 from organisations where parent_id = $1 and merged_into is null
           union all select o.id, down.depth + 1 from organisations o join down on o.parent_id = down.id where o.merged_into is null and down.depth < 20)
         select o.id as "organisationId", o.name as "organisationName", a.id as "activityId", a.title, a.status, p.name as "placeName", p.postcode,
           (select string_agg(distinct s.name, ', ') from scheme_outcodes so join schemes s on s.id = so.scheme_id
             where p.postcode is not null and so.outcode = left(upper(regexp_replace(p.postcode, '\\s', '', 'g')), -3)) as "moderatedBy"
         from down join organisations o on o.id = down.id
         left join activities a on a.organisation_id = o.id and a.merged_into is null
         left join places p on p.id = a.place_id
         order by o.name, a.title`,
        [parentId],
      );
    },
  };
}

export type ParentBodyRepository = ReturnType<typeof createParentBodyRepository>;
