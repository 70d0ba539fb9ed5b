import { z } from 'zod';
import { idempotencyKey, optionalUuid, parseWith, required, someOf, str, text, uuid } from './form-fields.ts';
import { LANGUAGES, terms } from './vocabulary.ts';

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

export const buddySchemeSchema = z.object({
  name: required('Enter the buddy scheme’s name', 'Name', 120),
  organisationId: uuid('Choose the organisation that runs it'),
  description: required('Describe what the buddies do, so a link worker can explain it', 'Description', 2000),
  areas: required('Say where the buddies can meet people', 'Areas', 300),
  support: someOf(BUDDY_SUPPORT, 'Choose what the buddies offer from the list').refine((v) => v.length > 0, 'Choose at least one thing the buddies offer'),
  languages: someOf(LANGUAGES, 'Choose languages from the list').transform((v) => (v.length ? v : ['en'])),
});
export type BuddySchemeInput = z.infer<typeof buddySchemeSchema>;
export const parseBuddyScheme = (input: unknown): BuddySchemeInput => parseWith(buddySchemeSchema, input);

/** A link worker's referral of a person to a buddy scheme. */
export const buddyReferralSchema = z.object({
  buddySchemeId: uuid('Choose a buddy scheme'),
  accompanyActivityId: optionalUuid('Choose an activity from the list, or none'),
  supportNeeds: text('What support they need', 1000),
  message: text('Message to the buddy scheme', 2000),
  action: z.preprocess(str, z.enum(['draft', 'send'])).catch('draft'),
  idempotencyKey,
});
export type BuddyReferralInput = z.infer<typeof buddyReferralSchema>;
export const parseBuddyReferral = (input: unknown): BuddyReferralInput => parseWith(buddyReferralSchema, input);
