import { terms } from './vocabulary.ts';

/**
 * Proposing a buddy to a person (issue 9, decision 033). The volunteer lead proposes one buddy for a
 * buddy-scheme referral, optionally a second for continuity; each buddy accepts or declines with a
 * reason. Only an accepted buddy can be planned onto a visit.
 */
export type ProposalStatus = 'proposed' | 'accepted' | 'declined';

export const PROPOSAL_STATUSES = terms([
  { code: 'proposed', label: 'Waiting for their answer' },
  { code: 'accepted', label: 'Accepted' },
  { code: 'declined', label: 'Declined' },
] as const);

/** Why a buddy says no: a short list (their note beside it is free text, never copied into messages). */
export const PROPOSAL_DECLINE_REASONS = terms([
  { code: 'not_free', label: 'I am not free at those times' },
  { code: 'too_far', label: 'It is too far for me to travel' },
  { code: 'enough_people', label: 'I am going with enough people at the moment' },
  { code: 'not_right_fit', label: 'I do not think I am the right buddy for them' },
  { code: 'other', label: 'Another reason' },
] as const);

export type ProposalDeclineReason = (typeof PROPOSAL_DECLINE_REASONS)[number]['code'];

export type ProposalAnswer = { kind: 'accept' } | { kind: 'decline'; reason: ProposalDeclineReason; note: string | null };

/** The place a new proposal takes: the first buddy, then one for continuity; none when both are taken. */
export function nextPlace(active: readonly { continuity: boolean }[]): 'first' | 'continuity' | null {
  if (!active.some((p) => !p.continuity)) return 'first';
  if (!active.some((p) => p.continuity)) return 'continuity';
  return null;
}
