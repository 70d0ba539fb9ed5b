import type { ModerationArea } from '../../domain/scheme-area.ts';

/**
 * The one SQL form of the moderation-area rule in domain/scheme-area.ts: a place is in a scheme's
 * area when its postcode's outcode (all but the last three characters, spaces removed) is one of the
 * scheme's outcodes. Every list and count that a coordinator sees filters with these.
 *
 * Each fragment takes two parameters starting at `$first`: whether the area is everywhere, and the
 * scheme id (see `areaParams`).
 */
export function placeInArea(place: string, first: number): string {
  return `($${first}::boolean or exists (select 1 from scheme_outcodes so where so.scheme_id = $${first + 1}::uuid
    and so.outcode = left(upper(regexp_replace(${place}.postcode, '\\s', '', 'g')), -3)))`;
}

/** An organisation (alias `org`) is in the area when any of its places is, or when it has no places yet. */
export function organisationInArea(org: string, first: number): string {
  return `(not exists (select 1 from places op where op.organisation_id = ${org}.id)
    or exists (select 1 from places op where op.organisation_id = ${org}.id and ${placeInArea('op', first)}))`;
}

export const areaParams = (area: ModerationArea): [boolean, string | null] => (area.everywhere ? [true, null] : [false, area.schemeId]);
