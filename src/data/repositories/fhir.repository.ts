import type { Db, SqlRow } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { ContactPreference } from '../../domain/participant.ts';
import type { ReferralRoute, ReferralStatus } from '../../domain/referral.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

/** What a referral's FHIR Bundle says, with the facts its access check needs (decision 051). */
export type FhirReferralRecord = {
  id: string;
  schemeId: string;
  providerOrganisationId: string;
  referrerId: string | null;
  referrerName: string | null;
  referrerOrganisation: { id: string; name: string } | null;
  route: ReferralRoute;
  status: ReferralStatus;
  target: 'activity' | 'buddy_scheme';
  targetId: string;
  targetTitle: string;
  providerName: string;
  supportNeeds: string;
  message: string;
  sentAt: Date | null;
  createdAt: Date;
  participant: {
    id: string;
    schemeId: string;
    organisationId: string | null;
    caseworkerId: string | null;
    teamSharesCaseload: boolean;
    preferredName: string;
    contactPreference: ContactPreference;
    phone: string | null;
    email: string | null;
    address: string | null;
  } | null;
  consent: { id: string; givenAt: Date } | null;
};

/** A referral received from another system and not yet taken, for its scheme's link workers. */
export type ReceivedReferral = {
  referralId: string;
  participantId: string;
  preferredName: string;
  activityTitle: string;
  senderName: string;
  receivedAt: Date;
};

export function createFhirRepository(db: Db) {
  return {
    async find(id: string): Promise<FhirReferralRecord | undefined> {
      const r = await maybeOne<SqlRow>(
        db,
        `select r.*, coalesce(${REFERRAL_TARGET_TITLE}, 'Activity no longer listed') as target_title, o.name as provider_name,
           ro.name as referrer_org_name, u.display_name as referrer_name,
           p.scheme_id as p_scheme_id, p.organisation_id as p_organisation_id, p.caseworker_id as p_caseworker_id, p.preferred_name as p_name,
           p.contact_preference as p_contact_preference, p.phone as p_phone, p.email as p_email, p.address as p_address, p.anonymised_at as p_anonymised_at,
           coalesce(po.share_caseload, false) as p_team_shares,
           consent.id as consent_id, consent.given_at as consent_given_at
         from referrals r
         join organisations o on o.id = r.provider_organisation_id
         ${JOIN_REFERRAL_TARGET}
         left join organisations ro on ro.id = r.referrer_organisation_id
         left join users u on u.id = r.referrer_id
         left join participants p on p.id = r.participant_id
         left join organisations po on po.id = p.organisation_id
         left join lateral (
           select c.id, c.given_at from consents c
           where c.participant_id = r.participant_id and c.purpose = 'referral' and c.withdrawn_at is null
           order by c.given_at desc limit 1
         ) consent on true
         where r.id = $1`,
        [id],
      );
      if (!r) return undefined;
      return {
        id: r.id,
        schemeId: r.scheme_id,
        providerOrganisationId: r.provider_organisation_id,
        referrerId: r.referrer_id,
        referrerName: r.referrer_name,
        referrerOrganisation: r.referrer_organisation_id ? { id: r.referrer_organisation_id, name: r.referrer_org_name } : null,
        route: r.route,
        status: r.status,
        target: r.target,
        targetId: r.activity_id ?? r.buddy_scheme_id,
        targetTitle: r.target_title,
        providerName: r.provider_name,
        supportNeeds: r.support_needs,
        message: r.message,
        sentAt: r.sent_at ? new Date(r.sent_at) : null,
        createdAt: new Date(r.created_at),
        participant:
          r.participant_id && !r.p_anonymised_at
            ? {
                id: r.participant_id,
                schemeId: r.p_scheme_id,
                organisationId: r.p_organisation_id,
                caseworkerId: r.p_caseworker_id,
                teamSharesCaseload: r.p_team_shares,
                preferredName: r.p_name,
                contactPreference: r.p_contact_preference,
                phone: r.p_phone,
                email: r.p_email,
                address: r.p_address,
              }
            : null,
        consent: r.consent_id ? { id: r.consent_id, givenAt: new Date(r.consent_given_at) } : null,
      };
    },

    /** The referral an organisation already sent under this identifier, if any. */
    async findReceived(organisationId: string, identifier: { system: string; value: string }, tx: Db = db): Promise<string | undefined> {
      const r = await maybeOne<{ referral_id: string }>(
        tx,
        'select referral_id from inbound_referrals where organisation_id = $1 and identifier_system = $2 and identifier_value = $3',
        [organisationId, identifier.system, identifier.value],
      );
      return r?.referral_id;
    },

    async recordReceived(
      n: {
        referralId: string;
        participantId: string;
        schemeId: string;
        organisationId: string;
        apiTokenId: string;
        identifier: { system: string; value: string };
        at: Date;
      },
      tx: Db,
    ) {
      await tx.query(
        `insert into inbound_referrals (referral_id, participant_id, scheme_id, organisation_id, api_token_id, identifier_system, identifier_value, received_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [n.referralId, n.participantId, n.schemeId, n.organisationId, n.apiTokenId, n.identifier.system, n.identifier.value, n.at],
      );
    },

    /** Whether the organisation sent this referral (only then may its system read it back). */
    async sentBy(referralId: string, organisationId: string): Promise<boolean> {
      const r = await maybeOne(db, 'select 1 from inbound_referrals where referral_id = $1 and organisation_id = $2', [referralId, organisationId]);
      return !!r;
    },

    /** Referrals received for the scheme that no link worker has taken yet, oldest first. */
    async waiting(schemeId: string): Promise<ReceivedReferral[]> {
      const rows = await db.query<SqlRow>(
        `select i.referral_id, i.participant_id, p.preferred_name, coalesce(${REFERRAL_TARGET_TITLE}, 'Activity no longer listed') as activity_title,
           so.name as sender_name, i.received_at
         from inbound_referrals i
         join referrals r on r.id = i.referral_id
         join participants p on p.id = i.participant_id
         join organisations so on so.id = i.organisation_id
         ${JOIN_REFERRAL_TARGET}
         where i.scheme_id = $1 and i.taken_at is null
         order by i.received_at, i.referral_id`,
        [schemeId],
      );
      return rows.map((r) => ({
        referralId: r.referral_id,
        participantId: r.participant_id,
        preferredName: r.preferred_name,
        activityTitle: r.activity_title,
        senderName: r.sender_name,
        receivedAt: new Date(r.received_at),
      }));
    },

    /** Locks a received referral for taking. */
    async lockReceived(referralId: string, tx: Db) {
      return maybeOne<{ scheme_id: string; participant_id: string; taken_at: Date | null; taken_by_name: string | null }>(
        tx,
        `select i.scheme_id, i.participant_id, i.taken_at, u.display_name as taken_by_name
         from inbound_referrals i left join users u on u.id = i.taken_by where i.referral_id = $1 for update of i`,
        [referralId],
      );
    },

    /** The link worker takes it: the person joins their caseload, and the draft becomes theirs to check and send. */
    async markTaken(t: { referralId: string; participantId: string; userId: string; organisationId: string | null; at: Date }, tx: Db) {
      await tx.query('update inbound_referrals set taken_by = $2, taken_at = $3 where referral_id = $1 and taken_at is null', [t.referralId, t.userId, t.at]);
      await tx.query('update participants set caseworker_id = $2, organisation_id = $3, updated_at = $4 where id = $1', [
        t.participantId,
        t.userId,
        t.organisationId,
        t.at,
      ]);
      await tx.query('update referrals set referrer_id = $2, referrer_organisation_id = $3, updated_at = $4 where id = $1', [
        t.referralId,
        t.userId,
        t.organisationId,
        t.at,
      ]);
    },
  };
}

export type FhirRepository = ReturnType<typeof createFhirRepository>;
