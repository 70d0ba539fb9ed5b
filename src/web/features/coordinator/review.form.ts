import { z } from 'zod';
import { optionalText, required, str } from '../../form-fields.ts';

const reason = required('Enter a reason, so the provider knows what to change', 'Reason', 1000);
/** Anything but "approve" is a rejection, which needs a reason. */
const decision = <A extends z.ZodRawShape>(approve: A) =>
  z.preprocess(
    (v) => ({
      ...(v && typeof v === 'object' ? v : {}),
      decision: str((v as Record<string, unknown> | undefined)?.decision) === 'approve' ? 'approve' : 'reject',
    }),
    z.discriminatedUnion('decision', [z.object({ decision: z.literal('approve'), ...approve }), z.object({ decision: z.literal('reject'), reason })]),
  );

/** Approve a new organisation (with an optional note) or reject it with a reason. */
export const organisationReviewForm = decision({ note: optionalText('Note', 1000) });
/** Approve a new listing or a change to a live one, or reject it with a reason. */
export const listingReviewForm = decision({});
