import type { ReferralStatus } from './referral.ts';

/**
 * Sustainability (PRODUCT.md §1, decision 034): a prescription that ends with one of these next steps
 * may lead to the person volunteering, and the link worker can send them the "Volunteer with us"
 * form, pre-filled. The steps are the referral's own `NEXT_STEPS` chosen when it is completed.
 */
export const VOLUNTEERING_NEXT_STEPS = ['volunteer', 'become_buddy', 'become_connector'] as const;

export function mayOfferVolunteering(r: { status: ReferralStatus; nextSteps: readonly string[] }): boolean {
  return r.status === 'completed' && r.nextSteps.some((s) => (VOLUNTEERING_NEXT_STEPS as readonly string[]).includes(s));
}

/** How long the pre-filled form's link works. */
export const PATHWAY_LINK_DAYS = 30;
