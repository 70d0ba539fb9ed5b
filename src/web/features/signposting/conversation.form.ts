import { z } from 'zod';
import { isRealDate } from '../../../domain/listing-session.ts';
import {
  type ConversationInput,
  INFO_POINTS,
  NOTHING_SIGNPOSTED,
  OTHER_SERVICES,
  REFERRAL_FOLLOWED,
  type InfoPoint,
  type ReferralFollowed,
} from '../../../domain/signposting.ts';
import { ACTIVITY_TYPES, NEEDS } from '../../../domain/vocabulary.ts';
import { codeList, idempotencyKey, oneOf, str, ticked, toList, UUID_PATTERN, withDates } from '../../form-fields.ts';

const MAX_ACTIVITIES = 10;

/**
 * "Signposted to nothing", shown with the other problems at once (the schema reports fields one by
 * one; this needs three of them). The service checks it again with the date rules.
 */
export function nothingSignposted(values: Record<string, unknown>) {
  const none = toList(values.activityIds).length === 0 && str(values.linkWorker) !== 'yes' && toList(values.otherServices).length === 0;
  return none ? [NOTHING_SIGNPOSTED] : [];
}

/**
 * "Record a conversation": nothing about the person met, only choices from lists (decision 029).
 * The date arrives as day, month and year fields.
 */
export const conversationForm = withDates(
  ['heldOn'],
  z
    .object({
      heldOn: z.preprocess(
        (v) => str(v).trim(),
        z
          .string()
          .min(1, 'Enter the date of the conversation')
          .refine((v) => v === '' || isRealDate(v), 'The date of the conversation must be a real date'),
      ),
      infoPoint: oneOf(INFO_POINTS, 'Choose where the conversation happened'),
      needs: codeList(NEEDS, 'what they were looking for'),
      interests: codeList(ACTIVITY_TYPES, 'what interests them'),
      activityIds: z.preprocess(
        toList,
        z
          .array(z.string())
          .refine((l) => l.every((v) => UUID_PATTERN.test(v)), 'Choose activities from the list')
          .transform((l) => [...new Set(l)])
          .refine((l) => l.length <= MAX_ACTIVITIES, `Choose ${MAX_ACTIVITIES} activities or fewer`),
      ),
      linkWorker: ticked,
      otherServices: codeList(OTHER_SERVICES, 'other services'),
      referralFollowed: oneOf(REFERRAL_FOLLOWED, 'Choose whether a referral followed'),
      idempotencyKey,
    })
    .transform(
      (v): ConversationInput => ({
        heldOn: v.heldOn,
        infoPoint: v.infoPoint as InfoPoint,
        needs: v.needs,
        interests: v.interests,
        activityIds: v.activityIds,
        linkWorker: v.linkWorker,
        otherServices: v.otherServices,
        referralFollowed: v.referralFollowed as ReferralFollowed,
        idempotencyKey: v.idempotencyKey,
      }),
    ),
) satisfies z.ZodType<ConversationInput>;
