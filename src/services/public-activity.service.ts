import { compactShortCode } from '../domain/short-code.ts';
import type { PublicActivity, PublicActivityRepository } from '../data/repositories/public-activity.repository.ts';
import type { SchemeAreaRepository } from '../data/repositories/scheme-area.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { NotFound } from '../domain/errors.ts';
import { asPattern, closureOn, isCurrentSession, londonDate, nextOccurrences } from '../domain/schedule.ts';
import { freshnessCutoff, type SearchResult } from '../domain/search.ts';
import { areaCoversPlace } from '../domain/scheme-area.ts';
import { isCoordinator, type User } from '../domain/user.ts';
import { moderationArea } from './listing-access.ts';

/** A date of the pattern; no session then when it was cancelled (with the reason) or is a bank holiday the series does not run on. */
export type UpcomingDate = { date: string; start: Date; end: Date; cancelledReason: string | null; bankHoliday: string | null };

export type ActivityDetails = PublicActivity & {
  upcoming: UpcomingDate[];
  /** True when someone from the organisation, or a coordinator of its area, sees a listing that is not public. */
  preview: boolean;
};

const UPCOMING = 5;

export function createPublicActivityService(deps: { activities: PublicActivityRepository; schemeAreas: SchemeAreaRepository; clock: Clock }) {
  const { activities, clock } = deps;

  /** Its own people, and the coordinators who moderate where it is. */
  async function mayPreview(found: PublicActivity, viewer: User | undefined): Promise<boolean> {
    if (!viewer) return false;
    if (viewer.organisationIds.includes(found.activity.organisationId)) return true;
    return isCoordinator(viewer) && areaCoversPlace(await moderationArea(deps, viewer), found.place.postcode);
  }

  const isPublic = (a: PublicActivity, now: Date) =>
    a.activity.status === 'live' && a.organisation.status === 'approved' && a.activity.lastCheckedAt > freshnessCutoff(now);

  const api = {
    /** An activity as the public sees it. Not live, not approved or out of date: NotFound, except as a preview for its own people and its area's coordinators. */
    async getActivity(id: string, viewer?: User): Promise<ActivityDetails> {
      const now = clock.now();
      const found = await activities.findById(id);
      if (!found) throw new NotFound('Activity');
      const visible = isPublic(found, now);
      if (!visible && !(await mayPreview(found, viewer))) throw new NotFound('Activity');
      // Ended sessions are not shown. Dates come from the bare pattern so a cancelled date or a bank holiday off shows as such rather than vanishing.
      const current = found.sessions.filter((s) => isCurrentSession(s, londonDate(now)));
      const upcoming = nextOccurrences(current.map(asPattern), now, { limit: UPCOMING, months: found.activity.months }).map((o) => {
        const session = current.find((s) => s.id === o.sessionId);
        const closure = session ? closureOn(session, o.date) : null;
        return {
          date: o.date,
          start: o.start,
          end: o.end,
          cancelledReason: closure?.kind === 'cancelled' ? closure.reason : null,
          bankHoliday: closure?.kind === 'bank_holiday' ? closure.reason : null,
        };
      });
      return { ...found, sessions: current, upcoming, preview: !visible };
    },

    /**
     * The activity a short code from a leaflet or a phone call leads to (decision 030), as `getActivity`
     * would show it to this viewer; NotFound when the code is malformed, unknown or its activity is not public.
     */
    async findByShortCode(typed: string, viewer?: User): Promise<{ id: string; shortCode: string }> {
      const compact = compactShortCode(typed);
      const id = compact ? await activities.idForShortCode(compact) : undefined;
      if (!id) throw new NotFound('Activity');
      const found = await api.getActivity(id, viewer);
      return { id, shortCode: found.activity.shortCode };
    },

    /** The shortlisted activities still in search, in shortlist order, and how many have gone. */
    async shortlist(ids: readonly string[]): Promise<{ items: SearchResult[]; missing: number }> {
      const items = await activities.findVisibleSummaries(ids, freshnessCutoff(clock.now()));
      return { items, missing: ids.length - items.length };
    },

    /** The shortlist with what a printed handout needs of each activity: address, sessions, contact, how to join. */
    async shortlistDetails(ids: readonly string[]): Promise<{ items: (SearchResult & { details: PublicActivity })[]; missing: number }> {
      const items = await activities.findVisibleSummaries(ids, freshnessCutoff(clock.now()));
      const withDetails = [];
      for (const item of items) {
        const details = await activities.findById(item.id);
        if (details) withDetails.push({ ...item, details });
      }
      return { items: withDetails, missing: ids.length - withDetails.length };
    },
  };
  return api;
}

export type PublicActivityService = ReturnType<typeof createPublicActivityService>;
