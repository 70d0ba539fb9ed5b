import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { BuddyScheme, BuddySchemeInput, LoneWorkingSettings } from '../../domain/buddy-scheme.ts';

type Row = {
  id: string;
  scheme_id: string;
  organisation_id: string;
  organisation_name: string;
  name: string;
  description: string;
  areas: string;
  support: string[];
  languages: string[];
  active: boolean;
  updated_at: Date;
};

const SELECT = `select b.*, o.name as organisation_name from buddy_schemes b join organisations o on o.id = b.organisation_id`;

const toBuddyScheme = (r: Row): BuddyScheme => ({
  id: r.id,
  schemeId: r.scheme_id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  name: r.name,
  description: r.description,
  areas: r.areas,
  support: r.support,
  languages: r.languages,
  active: r.active,
  updatedAt: new Date(r.updated_at),
});

export function createBuddySchemeRepository(db: Db) {
  return {
    async find(id: string, tx: Db = db): Promise<BuddyScheme | undefined> {
      const r = await maybeOne<Row>(tx, `${SELECT} where b.id = $1`, [id]);
      return r && toBuddyScheme(r);
    },

    /** A scheme's buddy schemes, active first, by name. */
    async forScheme(schemeId: string, opts: { activeOnly: boolean }): Promise<BuddyScheme[]> {
      const rows = await db.query<Row>(
        `${SELECT} where b.scheme_id = $1 ${opts.activeOnly ? "and b.active and o.status = 'approved'" : ''} order by b.active desc, b.name`,
        [schemeId],
      );
      return rows.map(toBuddyScheme);
    },

    async insert(schemeId: string, input: BuddySchemeInput, now: Date, tx: Db = db): Promise<string> {
      const row = await one<{ id: string }>(
        tx,
        `insert into buddy_schemes (scheme_id, organisation_id, name, description, areas, support, languages, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id`,
        [schemeId, input.organisationId, input.name, input.description, input.areas, input.support, input.languages, now],
      );
      return row.id;
    },

    async update(id: string, input: BuddySchemeInput, now: Date, tx: Db = db): Promise<void> {
      await tx.query(
        `update buddy_schemes set organisation_id = $2, name = $3, description = $4, areas = $5, support = $6, languages = $7, updated_at = $8
         where id = $1`,
        [id, input.organisationId, input.name, input.description, input.areas, input.support, input.languages, now],
      );
    },

    /** Approved heritage organisations working with a scheme: who may run its buddy schemes. */
    async organisationsInScheme(schemeId: string): Promise<{ id: string; name: string }[]> {
      return db.query<{ id: string; name: string }>(
        `select id, name from organisations where scheme_id = $1 and kind = 'provider' and status = 'approved' order by name`,
        [schemeId],
      );
    },

    async setActive(id: string, active: boolean, now: Date, tx: Db = db): Promise<void> {
      await tx.query('update buddy_schemes set active = $2, updated_at = $3 where id = $1', [id, active, now]);
    },
    /** The buddy schemes run by any of these organisations (a volunteer lead's), by name. */
    async forOrganisations(organisationIds: readonly string[]): Promise<BuddyScheme[]> {
      if (organisationIds.length === 0) return [];
      const rows = await db.query<Row>(`${SELECT} where b.organisation_id = any($1::uuid[]) order by b.name`, [organisationIds]);
      return rows.map(toBuddyScheme);
    },

    /** The lone-working settings of one buddy scheme (decision 028). */
    async loneWorking(id: string, tx: Db = db): Promise<LoneWorkingSettings | undefined> {
      const r = await maybeOne<{ g: number; e: number; n: string | null; p: string | null; m: string | null }>(
        tx,
        `select checkout_grace_minutes as g, escalate_after_minutes as e, safeguarding_name as n, safeguarding_phone as p, safeguarding_email as m
           from buddy_schemes where id = $1`,
        [id],
      );
      return r && { checkoutGraceMinutes: r.g, escalateAfterMinutes: r.e, safeguardingName: r.n, safeguardingPhone: r.p, safeguardingEmail: r.m };
    },

    async updateLoneWorking(id: string, s: LoneWorkingSettings, now: Date, tx: Db = db): Promise<void> {
      await tx.query(
        `update buddy_schemes set checkout_grace_minutes = $2, escalate_after_minutes = $3, safeguarding_name = $4, safeguarding_phone = $5,
           safeguarding_email = $6, updated_at = $7 where id = $1`,
        [id, s.checkoutGraceMinutes, s.escalateAfterMinutes, s.safeguardingName, s.safeguardingPhone, s.safeguardingEmail, now],
      );
    },
  };
}

export type BuddySchemeRepository = ReturnType<typeof createBuddySchemeRepository>;
