import type { ContactPreference } from './participant.ts';
import type { ReferralStatus } from './referral.ts';

/** What the referral forms give the services once parsed at the edge (schemas: web/features/<journey>/*.form.ts). */

/** A link worker's referral to an activity, saved as a draft or sent. */
export type ReferralDraftInput = {
  activityId: string;
  barriersChecked: boolean;
  supportNeeds: string;
  message: string;
  fundedPlace: boolean;
  action: 'draft' | 'send';
  idempotencyKey: string;
};

/** How to reach someone: the detail that matches their preference is required. */
export type ContactInput = {
  preferredName: string;
  contactPreference: ContactPreference;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
};

/** What a person writes on the self-referral form is addressed to the provider, so no separate sharing consent is asked. */
export type SelfReferralInput = { contact: ContactInput; whatWouldHelp: string; supportNeeds: string; followUp: boolean; idempotencyKey: string };

export type ConnectorReferralInput = {
  activityId: string;
  contact: ContactInput;
  supportNeeds: string;
  message: string;
  idempotencyKey: string;
};

/** A requested status change, with what that status needs. */
export type StatusChangeInput = {
  from: ReferralStatus;
  to: ReferralStatus;
  note: string;
  reason: string | null;
  /** `reason`: why the first visit is on a day the activity does not run (needed then). */
  visit: { date: string; buddy: string | null; transport: string | null; fundedPlace: boolean; reason: string | null } | null;
  nextSteps: string[];
  barriersChecked: boolean;
};
