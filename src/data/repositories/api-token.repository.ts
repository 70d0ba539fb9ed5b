import type { Db, SqlRow } from '../database.ts';
import { maybeOne, one } from '../database.ts';

/** An API token as an administrator sees it: never the token, which only its sender keeps. */
export type ApiTokenRow = {
  id: string;
  organisationId: string;
  organisationName: string;
  label: string;
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const toRow = (r: SqlRow): ApiTokenRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  label: r.label,
  createdAt: new Date(r.created_at),
  createdByName: r.created_by_name,
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

const SELECT = `select t.*, o.name as organisation_name, u.display_name as created_by_name
  from api_tokens t join organisations o on o.id = t.organisation_id left join users u on u.id = t.created_by`;

/** API tokens for systems that send referrals (decision 051): stored as SHA-256 hashes. */
export function createApiTokenRepository(db: Db) {
  return {
    async list(): Promise<ApiTokenRow[]> {
      return (await db.query<SqlRow>(`${SELECT} order by t.revoked_at is not null, o.name, t.created_at`)).map(toRow);
    },

    async find(id: string, tx: Db = db): Promise<ApiTokenRow | undefined> {
      const r = await maybeOne<SqlRow>(tx, `${SELECT} where t.id = $1`, [id]);
      return r && toRow(r);
    },

    async insert(t: { organisationId: string; label: string; tokenHash: string; createdBy: string; at: Date }, tx: Db = db): Promise<string> {
      const row = await one<{ id: string }>(
        tx,
        'insert into api_tokens (organisation_id, label, token_hash, created_by, created_at) values ($1, $2, $3, $4, $5) returning id',
        [t.organisationId, t.label, t.tokenHash, t.createdBy, t.at],
      );
      return row.id;
    },

    /** Revokes a token still in use; false when it was already revoked. */
    async revoke(id: string, by: string, at: Date, tx: Db = db): Promise<boolean> {
      const rows = await tx.query('update api_tokens set revoked_at = $2, revoked_by = $3 where id = $1 and revoked_at is null returning id', [id, at, by]);
      return rows.length === 1;
    },

    /** The token a hash belongs to, while it is not revoked; its last use is stamped. */
    async use(tokenHash: string, at: Date): Promise<{ id: string; organisationId: string } | undefined> {
      const r = await maybeOne<SqlRow>(
        db,
        'update api_tokens set last_used_at = $2 where token_hash = $1 and revoked_at is null returning id, organisation_id',
        [tokenHash, at],
      );
      return r && { id: r.id, organisationId: r.organisation_id };
    },

    /** Organisations that refer (GP practices, social prescribing teams), to issue a token to. */
    async referringOrganisations(): Promise<{ id: string; name: string }[]> {
      return db.query<{ id: string; name: string }>(`select id, name from organisations where kind = 'referrer' order by name`);
    },
  };
}

export type ApiTokenRepository = ReturnType<typeof createApiTokenRepository>;
