import type { PublicActivity, PublicActivityRepository } from '../data/repositories/public-activity.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { NotFound } from '../domain/errors.ts';
import { nextOccurrences } from '../domain/schedule.ts';
import { freshnessCutoff, type SearchResult } from '../domain/search.ts';
import { isCoordinator, type User } from '../domain/user.ts';

export type UpcomingDate = { date: string; start: Date; end: Date; cancelledReason: string | null };

export type ActivityDetails = PublicActivity & {
  upcoming: UpcomingDate[];
  /** True when someone from the organisation or a coordinator sees a listing that is not public. */
  preview: boolean;
};

const UPCOMING = 5;

export function createPublicActivityService(deps: { activities: PublicActivityRepository; clock: Clock }) {
  const { activities, clock } = deps;

  const isPublic = (a: PublicActivity, now: Date) =>
    a.activity.status === 'live' && a.organisation.status === 'approved' && a.activity.lastCheckedAt > freshnessCutoff(now);

  return {
    /** An activity as the public sees it. Not live, not approved or out of date: NotFound, except as a preview for its own people. */
    async getActivity(id: string, viewer?: User): Promise<ActivityDetails> {
      const now = clock.now();
      const found = await activities.findById(id);
      if (!found) throw new NotFound('Activity');
      const visible = isPublic(found, now);
      const mayPreview = isCoordinator(viewer) || (viewer?.organisationIds.includes(found.activity.organisationId) ?? false);
      if (!visible && !mayPreview) throw new NotFound('Activity');
      // Dates are worked out without cancellations so a cancelled date shows as cancelled rather than vanishing.
      const sessions = found.sessions.map((s) => ({ ...s, cancellations: [] }));
      const upcoming = nextOccurrences(sessions, now, { limit: UPCOMING, months: found.activity.months }).map((o) => {
        const cancellation = found.sessions.find((s) => s.id === o.sessionId)?.cancellations.find((c) => c.date === o.date);
        return { date: o.date, start: o.start, end: o.end, cancelledReason: cancellation ? cancellation.reason : null };
      });
      return { ...found, upcoming, preview: !visible };
    },

    /** The shortlisted activities still in search, in shortlist order, and how many have gone. */
    async shortlist(ids: readonly string[]): Promise<{ items: SearchResult[]; missing: number }> {
      const items = await activities.findVisibleSummaries(ids, freshnessCutoff(clock.now()));
      return { items, missing: ids.length - items.length };
    },
  };
}

export type PublicActivityService = ReturnType<typeof createPublicActivityService>;
