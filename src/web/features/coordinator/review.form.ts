import { z } from 'zod';
import { optionalText, required, str } from '../../form-fields.ts';

const reason = required('Enter a reason, so the provider knows what to change', 'Reason', 1000);
const changes = required('Say what needs to change, so the provider can put it right', 'What to change', 1000);
/** "approve", "changes" (where allowed) or anything else, a rejection; rejecting and asking for changes need words for the provider. */
const decision = <A extends z.ZodRawShape>(approve: A, allowChanges: boolean) =>
  z.preprocess(
    (v) => {
      const d = str((v as Record<string, unknown> | undefined)?.decision);
      return { ...(v && typeof v === 'object' ? v : {}), decision: d === 'approve' || (allowChanges && d === 'changes') ? d : 'reject' };
    },
    z.discriminatedUnion('decision', [
      z.object({ decision: z.literal('approve'), ...approve }),
      z.object({ decision: z.literal('reject'), reason }),
      z.object({ decision: z.literal('changes'), reason: changes }),
    ]),
  );

/** Approve a new organisation (with an optional note) or reject it with a reason. */
export const organisationReviewForm = decision({ note: optionalText('Note', 1000) }, false);
/** Approve a new listing or a change to a live one, ask for changes, or reject it with a reason. */
export const listingReviewForm = decision({}, true);
/** Approve the sessions read from a provider's calendar, or reject them with a reason. */
export const calendarImportReviewForm = decision({}, false);
