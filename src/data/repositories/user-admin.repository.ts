import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Role } from '../../domain/user.ts';

/** Administrators' reading and writing of accounts, and the audit trail reader. */
export type AccountRow = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  schemeName: string | null;
  organisationNames: string[];
  disabledAt: Date | null;
};

export type AuditFilter = { subjectId?: string; actorId?: string; from?: Date; to?: Date };
export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  actorId: string | null;
  actorName: string | null;
  detail: unknown;
};

function auditWhere(f: AuditFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.subjectId) clauses.push(`e.subject_id = $${params.push(f.subjectId)}`);
  if (f.actorId) clauses.push(`e.actor_id = $${params.push(f.actorId)}`);
  if (f.from) clauses.push(`e.at >= $${params.push(f.from)}`);
  if (f.to) clauses.push(`e.at < $${params.push(f.to)}`);
  return { sql: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

export function createUserAdminRepository(db: Db) {
  return {
    async accounts(): Promise<AccountRow[]> {
      const rows = await db.query<{
        id: string;
        email: string;
        display_name: string;
        role: Role;
        scheme_name: string | null;
        organisation_names: string[];
        disabled_at: Date | null;
      }>(
        `select u.id, u.email, u.display_name, u.role, s.name as scheme_name, u.disabled_at,
                coalesce(array_agg(o.name order by o.name) filter (where o.id is not null), '{}') as organisation_names
         from users u left join schemes s on s.id = u.scheme_id
         left join memberships m on m.user_id = u.id left join organisations o on o.id = m.organisation_id
         group by u.id, s.name order by u.disabled_at nulls first, u.role, u.display_name, u.id limit 2000`,
      );
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        displayName: r.display_name,
        role: r.role,
        schemeName: r.scheme_name,
        organisationNames: r.organisation_names,
        disabledAt: r.disabled_at ? new Date(r.disabled_at) : null,
      }));
    },

    schemes: () => db.query<{ id: string; name: string }>('select id, name from schemes order by name'),

    organisations: () =>
      db.query<{ id: string; name: string; kind: 'provider' | 'referrer'; schemeId: string | null }>(
        `select id, name, kind, scheme_id as "schemeId" from organisations where status <> 'rejected' order by kind desc, name`,
      ),

    async emailExists(email: string): Promise<boolean> {
      return (await db.query('select 1 from users where email = $1', [email.toLowerCase()])).length > 0;
    },

    /** A temporary password: changed at first sign-in. The administrator vouches for the address. */
    async insert(
      u: { email: string; displayName: string; role: Role; passwordHash: string; schemeId: string | null; organisationId: string | null; at: Date },
      tx: Db = db,
    ) {
      const { id } = await one<{ id: string }>(
        tx,
        `insert into users (email, display_name, password_hash, role, scheme_id, must_change_password, email_verified_at, created_at)
             values ($1, $2, $3, $4, $5, true, $6, $6) returning id`,
        [u.email.toLowerCase(), u.displayName, u.passwordHash, u.role, u.schemeId, u.at],
      );
      if (u.organisationId) await tx.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3)', [id, u.organisationId, u.at]);
      return id;
    },

    async find(id: string) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      return maybeOne<{ id: string; displayName: string; email: string; disabledAt: Date | null }>(
        db,
        'select id, display_name as "displayName", email, disabled_at as "disabledAt" from users where id = $1',
        [id],
      );
    },

    /** Disables the account and ends its sessions. */
    async disable(id: string, at: Date, tx: Db = db) {
      await tx.query('update users set disabled_at = $2 where id = $1 and disabled_at is null', [id, at]);
      await tx.query('delete from user_sessions where user_id = $1', [id]);
    },

    async auditEvents(filter: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
      const where = auditWhere(filter);
      const { n } = await one<{ n: number }>(db, `select count(*) as n from audit_events e ${where.sql}`, where.params);
      const rows = await db.query<{
        id: number;
        at: Date;
        action: string;
        subject_type: string;
        subject_id: string;
        actor_id: string | null;
        actor_name: string | null;
        detail: unknown;
      }>(
        `select e.id, e.at, e.action, e.subject_type, e.subject_id, e.actor_id, u.display_name as actor_name, e.detail
         from audit_events e left join users u on u.id = e.actor_id ${where.sql}
         order by e.at desc, e.id desc limit $${where.params.length + 1} offset $${where.params.length + 2}`,
        [...where.params, limit, offset],
      );
      return {
        total: Number(n),
        rows: rows.map((r) => ({
          id: Number(r.id),
          at: new Date(r.at),
          action: r.action,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          actorId: r.actor_id,
          actorName: r.actor_name,
          detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
        })),
      };
    },
  };
}

export type UserAdminRepository = ReturnType<typeof createUserAdminRepository>;
