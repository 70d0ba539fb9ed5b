import type { Db, SqlRow } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { ContactPreference } from '../../domain/participant.ts';
import { HOLDS_A_PLACE, type ReferralRoute, type ReferralStatus } from '../../domain/referral.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

type Row = SqlRow;

/** What a message about a referral may say, and who it may go to. Read inside the change's transaction. */
export type ReferralMessageContext = {
  id: string;
  status: ReferralStatus;
  statusReason: string | null;
  route: ReferralRoute;
  schemeId: string;
  activityTitle: string;
  providerOrganisationId: string;
  providerName: string;
  providerEmail: string | null;
  referrerId: string | null;
  referrerEmail: string | null;
  referrerOrganisationName: string | null;
  responseDueAt: Date | null;
  firstVisitDate: string | null;
  nextSteps: string[];
  participant: {
    preferredName: string;
    contactPreference: ContactPreference;
    email: string | null;
    phone: string | null;
    address: string | null;
    postcode: string | null;
    anonymised: boolean;
    followUpConsent: boolean;
  } | null;
};

export type Recipient = { userId: string; email: string };

export function createMessageContextRepository(db: Db) {
  return {
    async referral(id: string, tx: Db = db): Promise<ReferralMessageContext | undefined> {
      const r = await maybeOne<Row>(
        tx,
        `select r.*, coalesce(${REFERRAL_TARGET_TITLE}, 'the activity') as activity_title, o.name as provider_name, o.email as provider_email,
           u.email as referrer_email, ro.name as referrer_org_name,
           p.id as p_id, p.preferred_name, p.contact_preference, p.email as p_email, p.phone as p_phone, p.address as p_address,
           p.postcode as p_postcode, p.anonymised_at as p_anonymised_at,
           exists (select 1 from consents c where c.participant_id = p.id and c.purpose = 'follow_up' and c.withdrawn_at is null) as follow_up
         from referrals r
         join organisations o on o.id = r.provider_organisation_id
         ${JOIN_REFERRAL_TARGET}
         left join users u on u.id = r.referrer_id and u.disabled_at is null
         left join organisations ro on ro.id = r.referrer_organisation_id
         left join participants p on p.id = r.participant_id
         where r.id = $1`,
        [id],
      );
      if (!r) return undefined;
      return {
        id: r.id,
        status: r.status,
        statusReason: r.status_reason,
        route: r.route,
        schemeId: r.scheme_id,
        activityTitle: r.activity_title,
        providerOrganisationId: r.provider_organisation_id,
        providerName: r.provider_name,
        providerEmail: r.provider_email,
        referrerId: r.referrer_id,
        referrerEmail: r.referrer_email,
        referrerOrganisationName: r.referrer_org_name,
        responseDueAt: r.response_due_at ? new Date(r.response_due_at) : null,
        firstVisitDate: r.first_visit_date,
        nextSteps: r.next_steps ?? [],
        participant: r.p_id
          ? {
              preferredName: r.preferred_name,
              contactPreference: r.contact_preference,
              email: r.p_email,
              phone: r.p_phone,
              address: r.p_address,
              postcode: r.p_postcode,
              anonymised: r.p_anonymised_at !== null,
              followUpConsent: r.follow_up,
            }
          : null,
      };
    },

    /** Referrals holding a place at an activity: the people who may come to its sessions. */
    async placeHolders(activityId: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>('select id from referrals where activity_id = $1 and status = any($2::text[]) order by created_at, id', [
        activityId,
        HOLDS_A_PLACE,
      ]);
      return rows.map((r) => r.id);
    },

    /** A note on a referral's timeline that a message went out about it. */
    async addMessageEvent(referralId: string, at: Date, note: string, tx: Db) {
      await tx.query(`insert into referral_events (referral_id, at, actor_id, kind, note) values ($1, $2, null, 'message', $3)`, [referralId, at, note]);
    },

    /** The provider organisation's staff accounts. */
    async providerStaff(organisationId: string, tx: Db = db): Promise<Recipient[]> {
      return tx.query<Recipient>(
        `select u.id as "userId", u.email from memberships m join users u on u.id = m.user_id
         where m.organisation_id = $1 and u.role = 'provider' and u.disabled_at is null order by u.email`,
        [organisationId],
      );
    },

    /** An organisation's own email address (for when it has no staff accounts). */
    async organisationEmail(organisationId: string, tx: Db = db): Promise<string | null> {
      return (await maybeOne<{ email: string | null }>(tx, 'select email from organisations where id = $1', [organisationId]))?.email ?? null;
    },

    /** The scheme's coordinators. */
    async coordinators(schemeId: string, tx: Db = db): Promise<Recipient[]> {
      return tx.query<Recipient>(
        `select id as "userId", email from users where role = 'coordinator' and scheme_id = $1 and disabled_at is null order by email`,
        [schemeId],
      );
    },

    /** Whether a user works for an organisation (a provider-side change) or not. */
    async isMember(userId: string, organisationId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.query('select 1 from memberships where user_id = $1 and organisation_id = $2', [userId, organisationId]);
      return rows.length > 0;
    },
  };
}

export type MessageContextRepository = ReturnType<typeof createMessageContextRepository>;
