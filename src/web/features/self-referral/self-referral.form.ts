import type { z } from 'zod';
import type { SelfReferralInput } from '../../../domain/referral-input.ts';
import { contactOf, contactShape, withContactChecks } from '../../contact-fields.ts';
import { idempotencyKey, text, ticked } from '../../form-fields.ts';

/** A person's own referral to an activity. */
export const selfReferralForm = withContactChecks(
  {
    ...contactShape('you'),
    whatWouldHelp: text('What would help', 2000),
    supportNeeds: text('Support needs', 1000),
    consentReferral: ticked.refine((v) => v, 'Tick the box to agree to being referred, so the provider can contact you'),
    consentFollowUp: ticked,
    idempotencyKey,
  },
  'you',
).transform(
  (v): SelfReferralInput => ({
    contact: contactOf(v),
    whatWouldHelp: v.whatWouldHelp,
    supportNeeds: v.supportNeeds,
    followUp: v.consentFollowUp,
    idempotencyKey: v.idempotencyKey,
  }),
) satisfies z.ZodType<SelfReferralInput>;
