import { outcodeOf } from './contact-details.ts';
import type { User } from './user.ts';

/**
 * Who moderates which part of the directory (issue 7, docs/decisions/016): a scheme's area is a set
 * of postcode districts (outcodes); a place is in the area when its postcode's outcode is one of
 * them. Coordinators moderate their scheme's area; administrators moderate everywhere.
 *
 * The same rule in SQL, for lists and counts: data/repositories/scheme-area.sql.ts.
 */
export type ModerationArea = { everywhere: true } | { everywhere: false; schemeId: string | null; outcodes: readonly string[] };

export const EVERYWHERE: ModerationArea = { everywhere: true };

/** Whether the user moderates everywhere (administrators) or only their scheme (coordinators; none without one). */
export function moderatesEverywhere(user: User): boolean {
  return user.role === 'admin';
}

export { outcodeOf };

/** A listing (or a change to one) is moderated where its place is. */
export function areaCoversPlace(area: ModerationArea, placePostcode: string): boolean {
  return area.everywhere || area.outcodes.includes(outcodeOf(placePostcode));
}

/**
 * An organisation is moderated wherever any of its places is. One with no places yet has no area:
 * every coordinator may review it (approving it publishes nothing; each listing still goes to the
 * coordinator of its place's area).
 */
export function areaCoversOrganisation(area: ModerationArea, placePostcodes: readonly string[]): boolean {
  return placePostcodes.length === 0 || placePostcodes.some((p) => areaCoversPlace(area, p));
}
