import type { z } from 'zod';
import type { ConnectorReferralInput } from '../../../domain/referral-input.ts';
import { contactOf, contactShape, withContactChecks } from '../../contact-fields.ts';
import { idempotencyKey, text, ticked, uuid } from '../../form-fields.ts';

/** A community connector's referral of someone they met, with their verbal agreement. */
export const connectorReferralForm = withContactChecks(
  {
    activityId: uuid('Choose an activity'),
    ...contactShape('them'),
    supportNeeds: text('Support needs', 1000),
    message: text('Message to the provider', 2000),
    consentVerbal: ticked.refine((v) => v, 'Confirm they agreed to being referred'),
    idempotencyKey,
  },
  'them',
).transform(
  (v): ConnectorReferralInput => ({
    activityId: v.activityId,
    contact: contactOf(v),
    supportNeeds: v.supportNeeds,
    message: v.message,
    idempotencyKey: v.idempotencyKey,
  }),
) satisfies z.ZodType<ConnectorReferralInput>;
