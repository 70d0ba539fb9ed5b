import { z } from 'zod';
import type { BuddyReferralInput } from '../../../domain/buddy-scheme.ts';
import { idempotencyKey, optionalUuid, str, text, uuid } from '../../form-fields.ts';

/** "Refer to a buddy scheme"; the service checks the scheme and the activity are ones listed for this person. */
export const referBuddyForm = z.object({
  buddySchemeId: uuid('Choose a buddy scheme'),
  accompanyActivityId: optionalUuid('Choose an activity from the list, or none'),
  buddyPreference: z
    .preprocess(str, z.enum(['', 'woman', 'man'], { message: 'Choose no preference, a woman or a man' }))
    .transform((v) => (v === '' ? null : v)),
  supportNeeds: text('What support they need', 1000),
  message: text('Message to the buddy scheme', 2000),
  action: z.preprocess(str, z.enum(['draft', 'send'])).catch('draft'),
  idempotencyKey,
}) satisfies z.ZodType<BuddyReferralInput>;
