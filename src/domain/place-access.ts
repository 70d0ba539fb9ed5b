import { ACCESS_FEATURES, labelOf } from './vocabulary.ts';

/**
 * What a place's record says about access (decision 054). Access features are ticked per activity,
 * but some describe the building or site itself and some how an activity is run. A place states
 * only the first kind; BSL, large print, seating, a dementia-friendly session, a welcome for
 * assistance dogs and the ground on a walk stay with each activity (its service record).
 */
export const PLACE_ACCESS_FEATURES: readonly string[] = [
  'step_free',
  'accessible_toilet',
  'parking',
  'blue_badge_parking',
  'public_transport',
  'hearing_loop',
  'quiet_space',
];

export type PlaceAccessFact = {
  code: string;
  label: string;
  /** How many of the place's public activities state it, of how many there are. */
  statedBy: number;
  of: number;
};

/**
 * A place feature is a fact about the building, so one activity stating it is enough: an activity that
 * leaves it unticked says nothing either way (the form has no "no"). Where the place's activities
 * differ, the count says so, for a reader to check with the activity.
 */
export function placeAccess(activitiesAccess: readonly (readonly string[])[]): PlaceAccessFact[] {
  return PLACE_ACCESS_FEATURES.flatMap((code) => {
    const statedBy = activitiesAccess.filter((access) => access.includes(code)).length;
    return statedBy > 0 ? [{ code, label: labelOf(ACCESS_FEATURES, code), statedBy, of: activitiesAccess.length }] : [];
  });
}

/** "Stated for 1 of 3 activities here": only where the place's activities differ. */
export function placeAccessDetails(fact: PlaceAccessFact): string | undefined {
  return fact.statedBy < fact.of ? `Stated for ${fact.statedBy} of ${fact.of} activities here; check with the activity.` : undefined;
}
