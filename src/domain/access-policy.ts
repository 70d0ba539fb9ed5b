import type { User } from './user.ts';

/**
 * Who may see whose personal data (issue: "Access"). Pure rules; services look up the facts
 * (for example whether the link worker's organisation shares caseloads) and enforce them.
 *
 * - link workers: their own caseload; their team's when their organisation shares caseloads;
 * - connectors: the people they referred themselves;
 * - provider staff: only referrals to their organisation's activities, with only what they need;
 * - coordinators: everything in their scheme;
 * - admins: manage users and read the audit trail; they see a person's data only through subject
 *   access export and erasure, which are audited.
 */
export type ParticipantFacts = {
  schemeId: string;
  organisationId: string | null;
  caseworkerId: string | null;
  /** Users who referred this person as connectors. */
  connectorIds?: readonly string[];
};

export function canSeeParticipant(user: User, p: ParticipantFacts, opts: { teamSharesCaseload: boolean }): boolean {
  switch (user.role) {
    case 'link_worker':
      if (p.caseworkerId === user.id) return true;
      return opts.teamSharesCaseload && p.organisationId !== null && user.organisationIds.includes(p.organisationId);
    case 'connector':
      return p.connectorIds?.includes(user.id) ?? false;
    case 'coordinator':
      return user.schemeId !== null && user.schemeId === p.schemeId;
    default:
      return false;
  }
}

export type ReferralFacts = ParticipantFacts & {
  referralSchemeId: string;
  providerOrganisationId: string;
  referrerId: string | null;
  /** A buddy-scheme referral is also answered by the volunteer leads of the organisation running the scheme (decision 033). */
  target?: 'activity' | 'buddy_scheme';
};

/** 'full' = the referrer's view; 'provider' = name, contact, support needs (and what matters only with consent). */
export type ReferralView = 'full' | 'provider' | 'none';

export function referralViewFor(user: User, r: ReferralFacts, opts: { teamSharesCaseload: boolean }): ReferralView {
  switch (user.role) {
    case 'provider':
      return user.organisationIds.includes(r.providerOrganisationId) ? 'provider' : 'none';
    case 'volunteer_lead':
      return r.target === 'buddy_scheme' && user.organisationIds.includes(r.providerOrganisationId) ? 'provider' : 'none';
    case 'connector':
      return r.referrerId === user.id ? 'full' : 'none';
    case 'coordinator':
      return user.schemeId !== null && user.schemeId === r.referralSchemeId ? 'full' : 'none';
    case 'link_worker':
      return r.referrerId === user.id || canSeeParticipant(user, r, opts) ? 'full' : 'none';
    default:
      return 'none';
  }
}

/** A referral and its person as the GP summary and the FHIR download read them. */
export type ReferralRecordFacts = {
  schemeId: string;
  providerOrganisationId: string;
  referrerId: string | null;
};
export type PersonRecordFacts = {
  schemeId: string;
  organisationId: string | null;
  caseworkerId: string | null;
  teamSharesCaseload: boolean;
};

/** The referrer's full view of a referral, from its record and its person's (the GP summary and its FHIR download). */
export const fullReferralView = (user: User, r: ReferralRecordFacts, p: PersonRecordFacts): boolean =>
  referralViewFor(
    user,
    {
      schemeId: p.schemeId,
      organisationId: p.organisationId,
      caseworkerId: p.caseworkerId,
      referralSchemeId: r.schemeId,
      providerOrganisationId: r.providerOrganisationId,
      referrerId: r.referrerId,
    },
    { teamSharesCaseload: p.teamSharesCaseload },
  ) === 'full';
