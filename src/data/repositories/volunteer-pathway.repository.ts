import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { ReferralStatus } from '../../domain/referral.ts';

export type PathwayReferral = {
  referralId: string;
  schemeId: string;
  status: ReferralStatus;
  nextSteps: string[];
  participantId: string | null;
  caseworkerId: string | null;
  participantOrganisationId: string | null;
  teamSharesCaseload: boolean;
  preferredName: string | null;
  contactPreference: string | null;
  email: string | null;
  phone: string | null;
};

const REFERRAL = `select r.id as "referralId", r.scheme_id as "schemeId", r.status, r.next_steps as "nextSteps", r.participant_id as "participantId",
    p.caseworker_id as "caseworkerId", p.organisation_id as "participantOrganisationId", coalesce(o.share_caseload, false) as "teamSharesCaseload",
    p.preferred_name as "preferredName", p.contact_preference as "contactPreference", p.email, p.phone
  from referrals r left join participants p on p.id = r.participant_id and p.anonymised_at is null left join organisations o on o.id = p.organisation_id`;

/** The volunteer form sent at the end of a prescription, and what came of it (decision 034, migration 152). */
export function createVolunteerPathwayRepository(db: Db) {
  return {
    async referral(referralId: string, tx: Db = db): Promise<PathwayReferral | undefined> {
      return maybeOne<PathwayReferral>(tx, `${REFERRAL} where r.id = $1`, [referralId]);
    },

    async insert(p: { schemeId: string; referralId: string; sentBy: string; sentAt: Date; expiresAt: Date }, tx: Db = db): Promise<string> {
      return (
        await one<{ id: string }>(
          tx,
          `insert into volunteer_pathways (scheme_id, referral_id, sent_by, sent_at, expires_at) values ($1, $2, $3, $4, $5) returning id`,
          [p.schemeId, p.referralId, p.sentBy, p.sentAt, p.expiresAt],
        )
      ).id;
    },

    /** A pathway and the person's name and contact (from their referral), while it has not expired. */
    async open(id: string, at: Date, tx: Db = db) {
      return maybeOne<{ id: string; preferredName: string | null; contactPreference: string | null; email: string | null; phone: string | null }>(
        tx,
        `select w.id, p.preferred_name as "preferredName", p.contact_preference as "contactPreference", p.email, p.phone
           from volunteer_pathways w left join referrals r on r.id = w.referral_id left join participants p on p.id = r.participant_id and p.anonymised_at is null
          where w.id = $1 and w.expires_at > $2`,
        [id, at],
      );
    },

    async markInterest(id: string, organisationId: string, at: Date, tx: Db = db): Promise<void> {
      await tx.query('update volunteer_pathways set interest_at = coalesce(interest_at, $2), organisation_id = coalesce(organisation_id, $3) where id = $1', [
        id,
        at,
        organisationId,
      ]);
    },

    async queueMessage(tx: Db, m: { channel: 'email' | 'text'; recipient: string; subject: string; body: string; referralId: string; at: Date }) {
      await tx.query(`insert into notifications (channel, recipient, subject, body, referral_id, created_at) values ($1, $2, $3, $4, $5, $6)`, [
        m.channel,
        m.recipient,
        m.subject,
        m.body,
        m.referralId,
        m.at,
      ]);
    },

    /** The scheme's pathways for the report: month sent, the organisation chosen, and how far each went. */
    async facts(schemeId: string) {
      return db.query<{ month: string; organisation_id: string | null; interest: boolean; volunteer: boolean }>(
        `select to_char(sent_at at time zone 'Europe/London', 'YYYY-MM') as month, organisation_id, interest_at is not null as interest, volunteer_at is not null as volunteer
           from volunteer_pathways where scheme_id = $1`,
        [schemeId],
      );
    },
  };
}

export type VolunteerPathwayRepository = ReturnType<typeof createVolunteerPathwayRepository>;
