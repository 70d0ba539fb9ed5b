import type { OpenDirectoryRepository, PageAnchor, PublishedActivityQuery, Survey } from '../data/repositories/open-directory.repository.ts';

/**
 * Pages of the open-data listings at national scale (decision 053). The first request for a filter
 * walks everything it matches once (a survey: the exact count and the listing at every
 * `ANCHOR_STRIDE`-th place in title order); later pages of it start from the nearest kept listing, so
 * no request counts or skips more than `ANCHOR_STRIDE` listings again.
 *
 * A survey is used only while it is still exactly right:
 * - the directory's version is the one it saw (any committed write to activities, organisations or
 *   places changes the version, migration 241), and
 * - the freshness cutoff has not gone back before the survey's (a clock put back could show listings
 *   the survey did not count) nor reached the earliest last check among what it counted (the first
 *   listing to leave search and the open data as the cutoff moves on).
 * Nearest-first lists (a postcode) are not surveyed: they are ordered by distance and already cheap.
 */
export const ANCHOR_STRIDE = 500;
/** Surveys kept per process (one per filter asked for); the oldest goes first. */
export const MOST_SURVEYS_KEPT = 200;

type Filter = Omit<PublishedActivityQuery, 'limit' | 'offset' | 'after'>;
type Kept = Survey & { cutoff: Date };

/** `stride` is smaller only in tests, so a few listings cross several kept boundaries. */
export function createOpenDirectoryPaging(directory: OpenDirectoryRepository, stride = ANCHOR_STRIDE) {
  const kept = new Map<string, Kept>();

  const stillRight = (survey: Kept, version: number, cutoff: Date) =>
    survey.version === version &&
    cutoff.getTime() >= survey.cutoff.getTime() &&
    (survey.earliestCheck === null || cutoff.getTime() < survey.earliestCheck.getTime());

  async function surveyOf(filter: Filter): Promise<Survey> {
    const { freshSince, ...rest } = filter;
    const key = JSON.stringify(rest);
    const found = kept.get(key);
    if (found && stillRight(found, await directory.directoryVersion(), freshSince)) return found;
    const survey = { ...(await directory.surveyPublished(filter, stride)), cutoff: freshSince };
    kept.delete(key);
    kept.set(key, survey);
    if (kept.size > MOST_SURVEYS_KEPT) kept.delete(kept.keys().next().value as string);
    return survey;
  }

  return {
    /**
     * The total a filter matches and where its page starts: the offset from the start (nearest-first
     * lists), or from the kept listing just before it. `null` when the page is past the end.
     */
    async locate(
      filter: Filter,
      page: number,
      perPage: number,
    ): Promise<{ total: number; start: { after?: PageAnchor | undefined; offset: number; limit: number } | null }> {
      const offset = (page - 1) * perPage;
      if (filter.near) {
        const total = await directory.countPublished(filter);
        return { total, start: offset < total ? { offset, limit: perPage } : null };
      }
      const survey = await surveyOf(filter);
      if (offset >= survey.total) return { total: survey.total, start: null };
      const block = Math.min(Math.floor(offset / stride), survey.anchors.length);
      const after = block > 0 ? survey.anchors[block - 1] : undefined;
      return { total: survey.total, start: { after, offset: offset - block * stride, limit: perPage } };
    },
  };
}
