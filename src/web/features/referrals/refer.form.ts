import { z } from 'zod';
import type { ReferralDraftInput } from '../../../domain/referral-input.ts';
import { idempotencyKey, str, text, ticked, uuid } from '../../form-fields.ts';

/** "Refer to an activity": saved as a draft, or sent once the barriers are checked. */
export const referForm = z
  .object({
    activityId: uuid('Choose an activity'),
    barriersChecked: ticked,
    supportNeeds: text('Support needs', 1000),
    message: text('Message to the provider', 2000),
    fundedPlace: ticked,
    action: z.preprocess(str, z.enum(['draft', 'send'])).catch('draft'),
    idempotencyKey,
  })
  .superRefine((v, ctx) => {
    if (v.action === 'send' && !v.barriersChecked) {
      ctx.addIssue({ code: 'custom', path: ['barriersChecked'], message: 'Confirm you have checked travel, cost and access with them before sending' });
    }
  }) satisfies z.ZodType<ReferralDraftInput>;
