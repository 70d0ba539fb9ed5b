import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { OutboxFileRef } from './privacy.repository.ts';
import { eraseSignInAccount } from './user.repository.ts';

/**
 * A volunteer's own personal data, for their subject-access export and their erasure (decision 034).
 * Anonymous counts stay: the volunteer row is kept with nothing personal in it, so visits (and their
 * minutes, for hours) still count in reports.
 */
export function createVolunteerPrivacyRepository(db: Db) {
  return {
    async export(volunteerId: string, tx: Db = db) {
      const q = <T>(sql: string) => tx.query<T>(sql, [volunteerId]);
      const profile = await maybeOne<Record<string, unknown>>(
        tx,
        `select v.known_as, v.contact_preference, v.email, v.phone, v.postcode, v.travel_miles, v.languages, v.availability, v.interests, v.offers, v.drives,
                v.capacity, v.gender, v.emergency_contact_name, v.emergency_contact_phone, v.status, v.created_at, o.name as organisation, r.name as role
           from volunteers v join organisations o on o.id = v.organisation_id join volunteer_roles r on r.id = v.volunteer_role_id where v.id = $1`,
        [volunteerId],
      );
      if (!profile) return undefined;
      return {
        profile,
        checks:
          await q(`select t.name, c.done_on::text, c.expires_on::text, c.reference from volunteer_checks c join volunteer_check_types t on t.id = c.check_type_id
                          where c.volunteer_id = $1 order by c.done_on`),
        dbsStatusChecks: await q(
          `select checked_on::text, consent_on::text, result from volunteer_dbs_status_checks where volunteer_id = $1 order by checked_on`,
        ),
        recruitmentSteps: await q(`select step, done_on::text from volunteer_recruitment_steps where volunteer_id = $1 order by done_on`),
        questionnaire: await q(`select time_point, answers, completed_at from volunteer_questionnaire_responses where volunteer_id = $1 order by completed_at`),
        expressionsOfInterest:
          await q(`select i.known_as, i.contact_preference, i.email, i.phone, i.postcode, i.about, i.created_at from volunteer_interests i, volunteers v
                                         where v.id = $1 and ((v.email is not null and lower(i.email) = lower(v.email)) or (v.phone is not null and i.phone = v.phone))`),
        visits: await q(`select session_date::text, status, checked_in_at, checked_out_at, happened, duration_minutes, note_for_lead from buddy_visits
                          where volunteer_id = $1 order by meets_at`),
        expenses: await q(`select e.* from visit_expenses e join buddy_visits b on b.id = e.visit_id where b.volunteer_id = $1`),
      };
    },

    /**
     * Clears the volunteer's personal data; undefined when they were not found. Returns the outbox
     * files of the messages to them (deleted) and about them (their name taken out), for the caller to
     * delete once the transaction commits (decision 057, as a contributor's).
     */
    async erase(volunteerId: string, at: Date, tx: Db): Promise<{ outboxFiles: OutboxFileRef[] } | undefined> {
      const v = await maybeOne<{ user_id: string | null; email: string | null; phone: string | null; known_as: string }>(
        tx,
        'select user_id, email, phone, known_as from volunteers where id = $1 for update',
        [volunteerId],
      );
      if (!v) return undefined;
      const recipients = [v.email, v.phone].filter((x): x is string => Boolean(x));
      await tx.query(
        `delete from volunteer_interests where (cast($1 as text) is not null and lower(email) = lower($1)) or (cast($2 as text) is not null and phone = $2)`,
        [v.email, v.phone],
      );
      for (const table of ['volunteer_checks', 'volunteer_dbs_status_checks', 'volunteer_recruitment_steps', 'volunteer_questionnaire_responses'])
        await tx.query(`delete from ${table} where volunteer_id = $1`, [volunteerId]);
      await tx.query('update buddy_visits set note_for_lead = null where volunteer_id = $1', [volunteerId]);
      await tx.query(
        'update visit_expenses set start_postcode = null, end_postcode = null where visit_id in (select id from buddy_visits where volunteer_id = $1)',
        [volunteerId],
      );
      const toThem = recipients.length
        ? await tx.query<OutboxFileRef>('delete from notifications where lower(recipient) = any($1::text[]) returning id, file_name as "fileName"', [
            recipients.map((r) => r.toLowerCase()),
          ])
        : [];
      // Messages about them name them: alerts about their visits, and their lead's reminders (which link
      // to their page, so carry their id). The name goes, the message stays; the copy already written to
      // the outbox folder still names them, so it goes.
      const aboutThem = await tx.query<OutboxFileRef>(
        `update notifications set body = replace(body, $2, 'a volunteer'), subject = replace(subject, $2, 'a volunteer')
          where referral_id in (select referral_id from buddy_visits where volunteer_id = $1::uuid) or strpos(body, $1::text) > 0
          returning id, file_name as "fileName"`,
        [volunteerId, v.known_as],
      );
      await tx.query(
        `update volunteers set user_id = null, known_as = 'Former volunteer', email = null, phone = null, postcode = null, easting = null, northing = null,
           languages = '{}', availability = '{}', interests = '{}', offers = '{}', drives = false, gender = null, emergency_contact_name = null,
           emergency_contact_phone = null, status = 'stopped', status_changed_at = $2, updated_at = $2 where id = $1`,
        [volunteerId, at],
      );
      const account = v.user_id ? await eraseSignInAccount(tx, v.user_id, 'Former volunteer', at) : [];
      return { outboxFiles: [...toThem, ...aboutThem, ...account] };
    },
  };
}

export type VolunteerPrivacyRepository = ReturnType<typeof createVolunteerPrivacyRepository>;
