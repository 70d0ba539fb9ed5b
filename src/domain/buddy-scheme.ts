import { terms } from './vocabulary.ts';

/**
 * A buddy scheme: trained volunteers who go with a person to an activity until they feel able to go
 * alone (PRODUCT.md §1, "people need company to go"). Listed by a scheme's coordinators; run by an
 * organisation whose staff answer its referrals in their inbox.
 */
export type BuddyScheme = {
  id: string;
  schemeId: string;
  organisationId: string;
  organisationName: string;
  name: string;
  description: string;
  areas: string;
  support: string[];
  languages: string[];
  active: boolean;
  updatedAt: Date;
};

export const BUDDY_SUPPORT = terms([
  { code: 'first_visits', label: 'Goes with them to their first visits' },
  { code: 'regular_company', label: 'Regular company at an activity' },
  { code: 'travel_together', label: 'Travels there with them' },
  { code: 'phone_check_in', label: 'Phone check-ins before and after' },
  { code: 'home_visit_first', label: 'Meets them at home first' },
] as const);

/** A buddy scheme as its coordinator describes it (parsed at the edge). */
export type BuddySchemeInput = Pick<BuddyScheme, 'name' | 'organisationId' | 'description' | 'areas' | 'support' | 'languages'>;

/** A link worker's referral of a person to a buddy scheme (parsed at the edge). */
/** A person's stated preference for their buddy (migration 141): optional, used in matching and shown to the lead. */
export type BuddyPreference = 'woman' | 'man';
export const BUDDY_PREFERENCES = [
  { code: 'woman', label: 'A woman' },
  { code: 'man', label: 'A man' },
] as const;
export const buddyPreferenceText = (p: BuddyPreference | null) => (p ? `They would prefer ${p === 'woman' ? 'a woman' : 'a man'} as their buddy` : null);

export type BuddyReferralInput = {
  buddySchemeId: string;
  accompanyActivityId: string | null;
  buddyPreference: BuddyPreference | null;
  supportNeeds: string;
  message: string;
  action: 'draft' | 'send';
  idempotencyKey: string;
};

/**
 * A buddy scheme's lone-working settings (decision 028): how long after a visit's expected end a
 * missed check-out raises an alert to the volunteer lead, how long an unacknowledged alert waits
 * before it goes to the safeguarding contact, and who that contact is. Minutes are 5 to 240 (the
 * table's check constraint).
 */
export type LoneWorkingSettings = {
  checkoutGraceMinutes: number;
  escalateAfterMinutes: number;
  safeguardingName: string | null;
  safeguardingPhone: string | null;
  safeguardingEmail: string | null;
};
export const LONE_WORKING_MINUTES = { min: 5, max: 240 } as const;
