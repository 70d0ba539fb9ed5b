import type { Db } from '../database.ts';

/**
 * Subject access export, erasure and retention. The tables holding a person's data are found from
 * the schema's foreign keys (participants → consents, referrals → timeline, attendance, and any
 * questionnaire tables added later), so a new table is exported and erased without changes here.
 */
type ForeignKey = { child: string; column: string; parent: string; parentColumn: string; nullable: boolean };

const IDENT = /^[a-z_][a-z0-9_]*$/;
const quote = (name: string) => {
  if (!IDENT.test(name)) throw new Error('Unexpected table or column name');
  return `"${name}"`;
};
/** Never exported: other people's messages and secrets. */
const NOT_EXPORTED = new Set(['notifications', 'audit_events', 'user_sessions']);
const SECRET_COLUMN = /token|hash|secret/;

const CLOSED = `('declined', 'completed', 'stopped', 'withdrawn')`;
/** Free text that may identify the person; codes (like a decline reason) stay for counts. */
const CLEAR_REFERRAL_TEXT = `support_needs = '', message = '', first_visit_buddy = null, first_visit_transport = null,
  status_reason = case when status_reason ~ '^[a-z_]+$' then status_reason else null end`;

async function foreignKeys(db: Db): Promise<ForeignKey[]> {
  return db.query<ForeignKey>(
    `select c.conrelid::regclass::text as child, a.attname as column, c.confrelid::regclass::text as parent,
            pa.attname as "parentColumn", not a.attnotnull as nullable
     from pg_constraint c
     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
     where c.contype = 'f' and array_length(c.conkey, 1) = 1`,
  );
}

export function createPrivacyRepository(db: Db) {
  return {
    /** Every row about the person, by table, following foreign keys down from participants (three levels). */
    async exportRows(participantId: string): Promise<Record<string, Record<string, unknown>[]>> {
      const keys = await foreignKeys(db);
      const out: Record<string, Record<string, unknown>[]> = {};
      const clean = (rows: Record<string, unknown>[]) =>
        rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !SECRET_COLUMN.test(k))));
      out.participants = clean(await db.query('select * from participants where id = $1', [participantId]));
      let frontier: { table: string; rows: Record<string, unknown>[] }[] = [{ table: 'participants', rows: out.participants }];
      for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
        const next: typeof frontier = [];
        for (const { table, rows } of frontier) {
          for (const fk of keys.filter((k) => k.parent === table && !NOT_EXPORTED.has(k.child) && k.child !== table)) {
            const ids = rows.map((r) => r[fk.parentColumn]).filter((v) => v != null);
            if (ids.length === 0) continue;
            const found = await db.query<Record<string, unknown>>(
              `select * from ${quote(fk.child)} where ${quote(fk.column)}::text = any($1::text[])`, [ids.map(String)]);
            const seen = new Set((out[fk.child] ?? []).map((r) => JSON.stringify(r)));
            const fresh = clean(found).filter((r) => !seen.has(JSON.stringify(r)));
            out[fk.child] = [...(out[fk.child] ?? []), ...fresh];
            next.push({ table: fk.child, rows: found });
          }
        }
        frontier = next;
      }
      return out;
    },

    /**
     * Removes the person: referrals stay for counts (unlinked, free text cleared, anonymised), their
     * messages go, rows in other tables that point at them are unlinked or deleted, then the person.
     */
    async erase(participantId: string, at: Date, tx: Db): Promise<{ referrals: number }> {
      const contacts = await tx.query<{ phone: string | null; email: string | null; address: string | null }>(
        'select phone, email, address from participants where id = $1', [participantId]);
      const c = contacts[0];
      const referrals = await tx.query<{ id: string }>(
        `update referrals set ${CLEAR_REFERRAL_TEXT}, participant_id = null, anonymised_at = $2, updated_at = $2
         where participant_id = $1 returning id`, [participantId, at]);
      const ids = referrals.map((r) => r.id);
      await clearReferralTrail(tx, ids, [c?.phone, c?.email, c?.address].filter((v): v is string => !!v));
      for (const fk of (await foreignKeys(tx)).filter((k) => k.parent === 'participants' && !['referrals', 'consents'].includes(k.child))) {
        await tx.query(
          fk.nullable
            ? `update ${quote(fk.child)} set ${quote(fk.column)} = null where ${quote(fk.column)} = $1`
            : `delete from ${quote(fk.child)} where ${quote(fk.column)} = $1`,
          [participantId]);
      }
      await tx.query('delete from participants where id = $1', [participantId]);
      return { referrals: ids.length };
    },

    /** Closed referrals past the cut-off lose their free text; returns their ids. */
    async anonymiseClosedReferrals(cutoff: Date, at: Date, tx: Db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>(
        `update referrals set ${CLEAR_REFERRAL_TEXT}, anonymised_at = $2
         where anonymised_at is null and status in ${CLOSED} and coalesce(closed_at, updated_at) < $1 returning id`, [cutoff, at]);
      const ids = rows.map((r) => r.id);
      await clearReferralTrail(tx, ids, []);
      return ids;
    },

    /**
     * People whose every referral closed before the cut-off: name, contact details, what matters and
     * tags go; the postcode is cut to its outward code (area counts) and placed at its centre.
     */
    async anonymiseInactiveParticipants(cutoff: Date, at: Date, tx: Db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>(
        `update participants p set preferred_name = 'Anonymised', phone = null, email = null, address = null,
           postcode = nullif(split_part(p.postcode, ' ', 1), ''),
           easting = (select o.easting from outcodes o where o.outcode = split_part(p.postcode, ' ', 1)),
           northing = (select o.northing from outcodes o where o.outcode = split_part(p.postcode, ' ', 1)),
           what_matters = '', tags = '{}', anonymised_at = $2, updated_at = $2
         where p.anonymised_at is null
           and exists (select 1 from referrals r where r.participant_id = p.id)
           and not exists (select 1 from referrals r where r.participant_id = p.id
                           and (r.status not in ${CLOSED} or coalesce(r.closed_at, r.updated_at) >= $1))
         returning p.id`, [cutoff, at]);
      return rows.map((r) => r.id);
    },
  };
}

/** Timeline notes lose their text; messages about these referrals are deleted when unsent or sent to the person, blanked otherwise. */
async function clearReferralTrail(tx: Db, referralIds: string[], personContacts: string[]) {
  if (referralIds.length === 0) return;
  await tx.query(`update referral_events set note = '' where referral_id = any($1::uuid[])`, [referralIds]);
  await tx.query(
    `delete from notifications where referral_id = any($1::uuid[]) and (status = 'pending' or recipient = any($2::text[]))`,
    [referralIds, personContacts]);
  await tx.query(
    `update notifications set subject = '(removed)', body = '(removed: personal data anonymised)' where referral_id = any($1::uuid[])`,
    [referralIds]);
}

export type PrivacyRepository = ReturnType<typeof createPrivacyRepository>;
