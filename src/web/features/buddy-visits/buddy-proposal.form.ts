import { z } from 'zod';
import { PROPOSAL_DECLINE_REASONS, type ProposalDeclineReason } from '../../../domain/buddy-proposal.ts';
import type { ProposeInput } from '../../../services/buddy-proposal.service.ts';
import { oneOf, optionalText, required } from '../../form-fields.ts';

/** The lead proposes a buddy from the ranked list (the service checks they are suitable and not yet proposed). */
export const proposeForm = z.object({
  volunteerId: required('Choose the buddy to ask', 'Buddy', 40),
}) satisfies z.ZodType<ProposeInput>;

/** The buddy declines: a reason from a short list, and a note for their lead if they like. */
export const declineProposalForm = z.object({
  reason: oneOf(PROPOSAL_DECLINE_REASONS, 'Choose why you cannot go with them').transform((v) => v as ProposalDeclineReason),
  note: optionalText('Note for your volunteer lead', 500),
});
