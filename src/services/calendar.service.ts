import type { PublicActivity, PublicActivityRepository } from '../data/repositories/public-activity.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { NotFound } from '../domain/errors.ts';
import { freshnessCutoff } from '../domain/search.ts';
import { isCurrentSession, londonDate } from '../domain/schedule.ts';
import type { PublicActivityService } from './public-activity.service.ts';
import type { SearchRequest, SearchService } from './search.service.ts';

/** A public activity as a calendar shows it: the listing and its sessions that still have dates to come. */
export type CalendarEntry = PublicActivity;

/** The most activities one search's calendar holds (its first pages). */
export const SEARCH_CALENDAR_LIMIT = 100;

/**
 * Calendars others subscribe to (issue 10, decision 031): one activity, one organisation, or any
 * public search. Only publicly visible listings, exactly as their pages show them.
 */
export function createCalendarService(deps: {
  publicActivities: PublicActivityService;
  activities: PublicActivityRepository;
  search: SearchService;
  clock: Clock;
}) {
  const { publicActivities, activities, search, clock } = deps;

  /** The publicly visible ones of these activities, in one read, with only their current sessions. */
  async function entries(ids: readonly string[]): Promise<CalendarEntry[]> {
    const now = clock.now();
    const today = londonDate(now);
    const found = await activities.findManyVisible(ids, freshnessCutoff(now));
    return found.map((entry) => ({ ...entry, sessions: entry.sessions.filter((s) => isCurrentSession(s, today)) }));
  }

  return {
    /** One public activity's sessions; NotFound when it is not public. */
    async activity(id: string): Promise<{ name: string; entries: CalendarEntry[] }> {
      const entry = await publicActivities.getActivity(id);
      if (entry.preview) throw new NotFound('Activity');
      return { name: `${entry.activity.title} (${entry.organisation.name})`, entries: await entries([id]) };
    },

    /** Every public activity of an organisation; NotFound when it has none. */
    async organisation(id: string): Promise<{ name: string; entries: CalendarEntry[] }> {
      const ids = await activities.visibleIdsOfOrganisation(id, freshnessCutoff(clock.now()));
      const found = await entries(ids);
      if (found.length === 0) throw new NotFound('Organisation');
      return { name: found[0]!.organisation.name, entries: found };
    },

    /** The activities a public search finds (its first pages), in the search's order. */
    async search(request: SearchRequest): Promise<{ entries: CalendarEntry[] }> {
      const ids: string[] = [];
      for (let page = 1; ids.length < SEARCH_CALENDAR_LIMIT; page++) {
        const outcome = await search.search({ ...request, page });
        ids.push(...outcome.results.items.map((r) => r.id));
        if (outcome.results.items.length === 0 || page * outcome.results.pageSize >= outcome.results.total) break;
      }
      return { entries: await entries(ids.slice(0, SEARCH_CALENDAR_LIMIT)) };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
