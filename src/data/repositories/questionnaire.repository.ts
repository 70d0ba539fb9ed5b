import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { Answers, InstrumentCode, TimePoint } from '../../domain/instruments/instrument.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

/** What the questionnaire journeys need to know about a referral and its participant. */
export type QuestionnaireReferral = {
  referralId: string;
  status: string;
  participantId: string | null;
  schemeId: string;
  providerOrganisationId: string;
  activityTitle: string | null;
  acceptedAt: Date | null;
  firstVisitDate: string | null;
  closedAt: Date | null;
  caseworkerId: string | null;
  participantOrganisationId: string | null;
  teamSharesCaseload: boolean;
  preferredName: string | null;
  contactPreference: string | null;
  email: string | null;
  phone: string | null;
};

const REFERRAL_COLUMNS = `
  r.id as "referralId", r.status, r.participant_id as "participantId", r.scheme_id as "schemeId",
         r.provider_organisation_id as "providerOrganisationId", ${REFERRAL_TARGET_TITLE} as "activityTitle",
         coalesce((select min(e.at) from referral_events e where e.referral_id = r.id and e.to_status = 'accepted'), r.responded_at) as "acceptedAt",
         r.first_visit_date as "firstVisitDate", r.closed_at as "closedAt",
         p.caseworker_id as "caseworkerId", p.organisation_id as "participantOrganisationId",
         coalesce(o.share_caseload, false) as "teamSharesCaseload",
         p.preferred_name as "preferredName", p.contact_preference as "contactPreference", p.email, p.phone`;

const REFERRAL_FROM = `
  from referrals r
  ${JOIN_REFERRAL_TARGET}
  left join participants p on p.id = r.participant_id and p.anonymised_at is null
  left join organisations o on o.id = p.organisation_id`;

export type DueRow = QuestionnaireReferral & { recorded: TimePoint[]; openLinks: TimePoint[]; consented: boolean };

export type ResponseToSave = { instrument: InstrumentCode; answers: Answers; scores: (number | null)[] };

export function createQuestionnaireRepository(db: Db) {
  return {
    async referral(referralId: string, tx: Db = db): Promise<QuestionnaireReferral | undefined> {
      return maybeOne<QuestionnaireReferral>(tx, `select ${REFERRAL_COLUMNS} ${REFERRAL_FROM} where r.id = $1 and r.target = 'activity'`, [referralId]);
    },

    /** Consent to questionnaires that has not been withdrawn. */
    async hasQuestionnaireConsent(participantId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.query(`select 1 from consents where participant_id = $1 and purpose = 'questionnaires' and withdrawn_at is null limit 1`, [
        participantId,
      ]);
      return rows.length > 0;
    },

    async recordedTimePoints(referralId: string, tx: Db = db): Promise<TimePoint[]> {
      const rows = await tx.query<{ time_point: TimePoint }>('select distinct time_point from questionnaire_responses where referral_id = $1', [referralId]);
      return rows.map((r) => r.time_point);
    },

    /**
     * Questionnaires measure a social prescription: referrals to activities. A buddy-scheme referral
     * supports the same person to get there, so it has none (it would count them twice).
     *
     * Referrals past acceptance for the link worker's caseload (their own participants, and their
     * team's where the team shares caseloads), with the time points already recorded.
     */
    async dueForLinkWorker(userId: string, organisationIds: readonly string[], now: Date): Promise<DueRow[]> {
      return db.query<DueRow>(
        `select ${REFERRAL_COLUMNS},
           array(select distinct q.time_point from questionnaire_responses q where q.referral_id = r.id) as recorded,
           array(select distinct l.time_point from questionnaire_links l where l.referral_id = r.id and l.used_at is null
                   and l.revoked_at is null and l.expires_at > $3) as "openLinks",
           exists(select 1 from consents c where c.participant_id = r.participant_id and c.purpose = 'questionnaires'
                  and c.withdrawn_at is null) as consented
         ${REFERRAL_FROM}
         where r.status in ('accepted', 'first_visit_planned', 'attending', 'completed', 'stopped') and r.target = 'activity'
           and (p.caseworker_id = $1 or (o.share_caseload and p.organisation_id = any($2::uuid[])))
         order by r.updated_at desc
         limit 500`,
        [userId, organisationIds, now],
      );
    },

    /** A new link replaces any unused one for the same time point. */
    async createLink(tx: Db, link: { tokenHash: string; referralId: string; timePoint: TimePoint; createdBy: string; now: Date; expiresAt: Date }) {
      await tx.query(
        `update questionnaire_links set revoked_at = $3
         where referral_id = $1 and time_point = $2 and used_at is null and revoked_at is null`,
        [link.referralId, link.timePoint, link.now],
      );
      await tx.query(
        `insert into questionnaire_links (token_hash, referral_id, time_point, created_by, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [link.tokenHash, link.referralId, link.timePoint, link.createdBy, link.now, link.expiresAt],
      );
    },

    async linkByHash(tokenHash: string, tx: Db = db) {
      return maybeOne<{ id: string; referralId: string; timePoint: TimePoint; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null }>(
        tx,
        `select id, referral_id as "referralId", time_point as "timePoint", expires_at as "expiresAt", used_at as "usedAt", revoked_at as "revokedAt"
         from questionnaire_links where token_hash = $1`,
        [tokenHash],
      );
    },

    /** Marks a link used; false when it was already used, revoked or expired (so two submissions cannot both land). */
    async useLink(tx: Db, id: string, now: Date): Promise<boolean> {
      const rows = await tx.query(
        `update questionnaire_links set used_at = $2 where id = $1 and used_at is null and revoked_at is null and expires_at > $2 returning id`,
        [id, now],
      );
      return rows.length > 0;
    },

    /** Saves each instrument's answers and scores, copying the referral's scheme, provider, activity and date. */
    async saveResponses(
      tx: Db,
      r: { referralId: string; timePoint: TimePoint; mode: 'self' | 'with_link_worker'; enteredBy: string | null; at: Date; responses: ResponseToSave[] },
    ) {
      for (const response of r.responses) {
        await tx.query(
          `insert into questionnaire_responses (referral_id, participant_id, time_point, instrument, answers, scores, mode, entered_by, completed_at,
             scheme_id, provider_organisation_id, activity_id, referred_on)
           select r.id, r.participant_id, $2, $3, $4::jsonb, $5::float8[], $6, $7, $8, r.scheme_id, r.provider_organisation_id, r.activity_id,
                  (coalesce(r.sent_at, r.created_at) at time zone 'Europe/London')::date
           from referrals r where r.id = $1`,
          [r.referralId, r.timePoint, response.instrument, JSON.stringify(response.answers), response.scores, r.mode, r.enteredBy, r.at],
        );
      }
    },

    async responsesFor(referralId: string) {
      return db.query<{ timePoint: TimePoint; instrument: InstrumentCode; answers: Answers; scores: (number | null)[]; mode: string }>(
        `select time_point as "timePoint", instrument, answers, scores, mode from questionnaire_responses where referral_id = $1 order by id`,
        [referralId],
      );
    },

    /** The outbox (notifications table): the link goes to the participant by their preferred channel. */
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
  };
}

export type QuestionnaireRepository = ReturnType<typeof createQuestionnaireRepository>;
