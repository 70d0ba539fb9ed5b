import type { Db } from '../database.ts';
import { formatPhone, formatPostcode } from '../../domain/contact-details.ts';

/** A message whose outbox file must be deleted (its id, and the file name recorded when it was written). */
export type OutboxFileRef = { id: string; fileName: string | null };

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

/** A stored postcode's district (decision 023: stored without spaces; an outcode alone stays itself); null for none. */
const OUTCODE_OF = (column: string) => `nullif(regexp_replace(upper(regexp_replace(${column}, '\\s', '', 'g')), '[0-9][A-Z]{2}$', ''), '')`;

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
      const clean = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !SECRET_COLUMN.test(k))));
      out.participants = clean(await db.query('select * from participants where id = $1', [participantId]));
      let frontier: { table: string; rows: Record<string, unknown>[] }[] = [{ table: 'participants', rows: out.participants }];
      for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
        const next: typeof frontier = [];
        for (const { table, rows } of frontier) {
          for (const fk of keys.filter((k) => k.parent === table && !NOT_EXPORTED.has(k.child) && k.child !== table)) {
            const ids = rows.map((r) => r[fk.parentColumn]).filter((v) => v != null);
            if (ids.length === 0) continue;
            const found = await db.query<Record<string, unknown>>(`select * from ${quote(fk.child)} where ${quote(fk.column)}::text = any($1::text[])`, [
              ids.map(String),
            ]);
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
     * messages go, their questionnaire links stop working, audit details quoting them are cleared,
     * rows in other tables that point at them are unlinked or deleted, then the person. Returns the
     * messages whose outbox files must be deleted once this commits.
     */
    async erase(participantId: string, at: Date, tx: Db, erasedBy: string | null = null): Promise<{ referrals: number; outboxFiles: OutboxFileRef[] }> {
      const identity = await identifyingValues(tx, [participantId]);
      // The note that the record was erased (nothing about the person: where it belonged, and when).
      await tx.query(
        `insert into erased_participants (participant_id, scheme_id, organisation_id, caseworker_id, erased_at, erased_by)
         select id, scheme_id, organisation_id, caseworker_id, $2, $3 from participants where id = $1 on conflict do nothing`,
        [participantId, at, erasedBy],
      );
      const referrals = await tx.query<{ id: string }>(
        `update referrals set ${CLEAR_REFERRAL_TEXT}, participant_id = null, anonymised_at = $2, updated_at = $2
         where participant_id = $1 returning id`,
        [participantId, at],
      );
      const ids = referrals.map((r) => r.id);
      const outboxFiles = await clearReferralTrail(tx, ids, at);
      await clearAuditDetails(tx, [participantId], ids, identity);
      for (const fk of (await foreignKeys(tx)).filter((k) => k.parent === 'participants' && !['referrals', 'consents'].includes(k.child))) {
        await tx.query(
          fk.nullable
            ? `update ${quote(fk.child)} set ${quote(fk.column)} = null where ${quote(fk.column)} = $1`
            : `delete from ${quote(fk.child)} where ${quote(fk.column)} = $1`,
          [participantId],
        );
      }
      await tx.query('delete from participants where id = $1', [participantId]);
      return { referrals: ids.length, outboxFiles };
    },

    /** Closed referrals past the cut-off lose their free text and messages to the person; returns their ids and the outbox files to delete. */
    async anonymiseClosedReferrals(cutoff: Date, at: Date, tx: Db): Promise<{ ids: string[]; outboxFiles: OutboxFileRef[] }> {
      const rows = await tx.query<{ id: string }>(
        `update referrals set ${CLEAR_REFERRAL_TEXT}, anonymised_at = $2
         where anonymised_at is null and status in ${CLOSED} and coalesce(closed_at, updated_at) < $1 returning id`,
        [cutoff, at],
      );
      const ids = rows.map((r) => r.id);
      return { ids, outboxFiles: await clearReferralTrail(tx, ids, at) };
    },

    /**
     * People whose every referral closed before the cut-off: name, contact details, what matters and
     * tags go; the postcode is cut to its outward code (area counts) and placed at its centre.
     */
    async anonymiseInactiveParticipants(cutoff: Date, at: Date, tx: Db): Promise<string[]> {
      const due = await tx.query<{ id: string }>(
        `select p.id from participants p
         where p.anonymised_at is null
           and exists (select 1 from referrals r where r.participant_id = p.id)
           and not exists (select 1 from referrals r where r.participant_id = p.id
                           and (r.status not in ${CLOSED} or coalesce(r.closed_at, r.updated_at) >= $1))`,
        [cutoff],
      );
      const ids = due.map((r) => r.id);
      if (ids.length === 0) return [];
      for (const id of ids) {
        const referralIds = (await tx.query<{ id: string }>('select id from referrals where participant_id = $1', [id])).map((r) => r.id);
        await clearAuditDetails(tx, [id], referralIds, await identifyingValues(tx, [id]));
      }
      await tx.query(`update consents set note = '' where participant_id = any($1::uuid[])`, [ids]);
      await tx.query(
        `update participants p set preferred_name = 'Anonymised', phone = null, email = null, address = null,
           postcode = ${OUTCODE_OF('p.postcode')},
           easting = (select o.easting from outcodes o where o.outcode = ${OUTCODE_OF('p.postcode')}),
           northing = (select o.northing from outcodes o where o.outcode = ${OUTCODE_OF('p.postcode')}),
           what_matters = '', tags = '{}', anonymised_at = $2, updated_at = $2
         where p.id = any($1::uuid[])`,
        [ids, at],
      );
      return ids;
    },
  };
}

/** The values that identify people, as stored: name, contact details, address and full postcode (with and without spaces). */
async function identifyingValues(tx: Db, participantIds: string[]): Promise<{ name: string[]; contact: string[] }> {
  const rows = await tx.query<{ preferred_name: string; phone: string | null; email: string | null; address: string | null; postcode: string | null }>(
    'select preferred_name, phone, email, address, postcode from participants where id = any($1::uuid[])',
    [participantIds],
  );
  // Short values would match unrelated words: names are only looked for in entries about the person.
  const atLeast =
    (n: number) =>
    (v: string | null | undefined): v is string =>
      !!v && v.trim().length >= n;
  // Stored normalised (decision 023), written anywhere in any form: look for each.
  const contact = rows
    .flatMap((r) => [
      r.phone,
      r.phone && formatPhone(r.phone),
      r.phone && formatPhone(r.phone).replace(/\s/g, ''),
      r.email,
      r.address,
      r.postcode,
      r.postcode && formatPostcode(r.postcode),
    ])
    .filter(atLeast(6));
  return { name: rows.map((r) => r.preferred_name).filter(atLeast(2)), contact: [...new Set(contact)] };
}

const likeAny = (values: string[]) => values.map((v) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

/**
 * Audit entries keep who did what and when, but not words that identify the person: a detail quoting
 * their name (in entries about them or their referrals) or their contact details (anywhere) is replaced.
 */
async function clearAuditDetails(tx: Db, participantIds: string[], referralIds: string[], values: { name: string[]; contact: string[] }) {
  const about = `((subject_type = 'participant' and subject_id = any($1::text[])) or (subject_type = 'referral' and subject_id = any($2::text[])))`;
  const removed = JSON.stringify({ removed: 'personal data erased' });
  if (values.name.length + values.contact.length > 0) {
    await tx.query(`update audit_events set detail = $4::jsonb where ${about} and detail::text ilike any($3::text[])`, [
      participantIds,
      referralIds,
      likeAny([...values.name, ...values.contact]),
      removed,
    ]);
  }
  if (values.contact.length > 0) {
    await tx.query(`update audit_events set detail = $2::jsonb where detail::text ilike any($1::text[])`, [likeAny(values.contact), removed]);
  }
}

/**
 * Timeline notes lose their text; questionnaire links stop working; messages to the person (texts,
 * letters, emails not to a staff account — whatever address they had then) and messages not yet
 * delivered are deleted; staff members' messages stay, without their words. Returns every message
 * about these referrals, so their outbox files can be deleted too.
 */
async function clearReferralTrail(tx: Db, referralIds: string[], at: Date): Promise<OutboxFileRef[]> {
  if (referralIds.length === 0) return [];
  await tx.query(`update referral_events set note = '' where referral_id = any($1::uuid[])`, [referralIds]);
  // Accompanied visits (decision 028): the meeting point may be the person's home; the note may name them.
  await tx.query(`update buddy_visits set meeting_point = '(removed)', note_for_lead = null where referral_id = any($1::uuid[])`, [referralIds]);
  // Buddy proposals (decision 033): a buddy's note beside their reason for declining may name the person.
  await tx.query(`update buddy_proposals set decline_note = null where referral_id = any($1::uuid[])`, [referralIds]);
  await tx.query(
    `update visit_expenses set start_postcode = null, end_postcode = null where visit_id in (select id from buddy_visits where referral_id = any($1::uuid[]))`,
    [referralIds],
  );
  await tx.query(`update questionnaire_links set revoked_at = $2 where referral_id = any($1::uuid[]) and used_at is null and revoked_at is null`, [
    referralIds,
    at,
  ]);
  const files = await tx.query<{ id: string; fileName: string | null }>(
    `select id, file_name as "fileName" from notifications where referral_id = any($1::uuid[])`,
    [referralIds],
  );
  await tx.query(`delete from notifications where referral_id = any($1::uuid[]) and (user_id is null or status in ('pending', 'failed'))`, [referralIds]);
  await tx.query(
    `update notifications set subject = '(removed)', body = '(removed: personal data anonymised)', file_name = null where referral_id = any($1::uuid[])`,
    [referralIds],
  );
  return files;
}

export type PrivacyRepository = ReturnType<typeof createPrivacyRepository>;
