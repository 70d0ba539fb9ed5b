/**
 * The one SQL form of "a publicly visible listing" (domain: `isPublic` in public-activity.service.ts,
 * `freshnessCutoff` in domain/search.ts): the activity is live, its organisation approved, and it was
 * checked since the cutoff (12 months). Every public list, count and feed filters with this.
 * `activity` and `organisation` are the aliases in the query; `cutoff` is the parameter holding the cutoff.
 */
export function visibleListing(activity: string, organisation: string, cutoff: string): string {
  return `(${activity}.status = 'live' and ${organisation}.status = 'approved' and ${activity}.last_checked_at > ${cutoff})`;
}
