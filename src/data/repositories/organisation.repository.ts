import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Organisation, OrganisationStatus } from '../../domain/directory.ts';
import type { OrganisationInput } from '../../domain/listing.ts';
import type { ModerationArea } from '../../domain/scheme-area.ts';
import { areaParams, organisationInArea } from './scheme-area.sql.ts';

type OrganisationRow = {
  id: string;
  name: string;
  org_type: string;
  description: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  status: OrganisationStatus;
  status_note: string | null;
  created_at: Date;
  updated_at: Date;
};

const COLUMNS = 'id, name, org_type, description, email, phone, website, status, status_note, created_at, updated_at';

const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  name: r.name,
  orgType: r.org_type,
  description: r.description,
  email: r.email,
  phone: r.phone,
  website: r.website,
  status: r.status,
  statusNote: r.status_note,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export function createOrganisationRepository(db: Db) {
  return {
    async findById(id: string, tx: Db = db): Promise<Organisation | undefined> {
      const row = await maybeOne<OrganisationRow>(tx, `select ${COLUMNS} from organisations where id = $1`, [id]);
      return row && toOrganisation(row);
    },

    async insert(input: OrganisationInput, createdBy: string, at: Date, tx: Db = db): Promise<string> {
      const row = await one<{ id: string }>(
        tx,
        `insert into organisations (name, org_type, description, email, phone, website, status, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $8) returning id`,
        [input.name, input.orgType, input.description, input.email, input.phone, input.website, createdBy, at],
      );
      return row.id;
    },

    /** A rejected organisation that edits its details goes back into the queue. */
    async update(id: string, input: OrganisationInput, now: Date, tx: Db = db) {
      await tx.query(
        `update organisations set name = $2, org_type = $3, description = $4, email = $5, phone = $6, website = $7, updated_at = $8,
           status = case when status = 'rejected' then 'pending' else status end
         where id = $1`,
        [id, input.name, input.orgType, input.description, input.email, input.phone, input.website, now],
      );
    },

    async setStatus(id: string, status: OrganisationStatus, note: string | null, now: Date, tx: Db = db) {
      await tx.query('update organisations set status = $2, status_note = $3, updated_at = $4 where id = $1', [id, status, note, now]);
    },

    /** Organisations with this status that the area's coordinators moderate. */
    async listByStatus(status: OrganisationStatus, area: ModerationArea): Promise<(Organisation & { listingCount: number })[]> {
      const rows = await db.query<OrganisationRow & { listing_count: number }>(
        `select ${COLUMNS.split(', ')
          .map((c) => `o.${c}`)
          .join(', ')},
                (select count(*) from activities a where a.organisation_id = o.id) as listing_count
         from organisations o where o.status = $1 and ${organisationInArea('o', 2)} order by o.created_at, o.name`,
        [status, ...areaParams(area)],
      );
      return rows.map((r) => ({ ...toOrganisation(r), listingCount: Number(r.listing_count) }));
    },

    async countByStatus(status: OrganisationStatus, area: ModerationArea): Promise<number> {
      return (
        await one<{ n: number }>(db, `select count(*) as n from organisations o where o.status = $1 and ${organisationInArea('o', 2)}`, [
          status,
          ...areaParams(area),
        ])
      ).n;
    },

    async addMember(userId: string, organisationId: string, at: Date, tx: Db = db) {
      await tx.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3) on conflict do nothing', [userId, organisationId, at]);
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
