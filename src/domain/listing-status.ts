import type { ListingStatus } from './directory.ts';
import { freshnessOf, type Freshness } from './directory.ts';

/** What a provider sees about a listing: its approval state and whether it needs checking. */
export type ListingState = 'pending' | 'live' | 'changes_pending' | 'rejected' | 'withdrawn' | 'changes_requested';

export const LISTING_STATES: Record<ListingState, { label: string; colour: string }> = {
  pending: { label: 'Pending approval', colour: 'yellow' },
  live: { label: 'Live', colour: 'green' },
  changes_pending: { label: 'Changes waiting for approval', colour: 'blue' },
  rejected: { label: 'Rejected', colour: 'red' },
  withdrawn: { label: 'Withdrawn', colour: 'grey' },
  changes_requested: { label: 'Changes requested', colour: 'orange' },
};

export function listingStateOf(status: ListingStatus, hasPendingChange: boolean): ListingState {
  if (status === 'live' && hasPendingChange) return 'changes_pending';
  return status;
}

/** Freshness only matters for listings people can find. */
export function listingFreshness(status: ListingStatus, lastCheckedAt: Date, now: Date): Freshness | null {
  return status === 'live' ? freshnessOf(lastCheckedAt, now) : null;
}

export const ORGANISATION_STATES = {
  pending: { label: 'Waiting for approval', colour: 'yellow' },
  approved: { label: 'Approved', colour: 'green' },
  rejected: { label: 'Rejected', colour: 'red' },
} as const;
