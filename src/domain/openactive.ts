/**
 * OpenActive (decision 045): the publishing rules Waymark's RPDE feed of session series follows, and
 * the small, editable mapping from Waymark's heritage activity types to the OpenActive Activity List
 * (https://openactive.io/activity-list). Most heritage activities have no physical-activity concept
 * there; those carry only Waymark's own concept, and a new mapping is one line below.
 */

export const OPENACTIVE_ACTIVITY_LIST = 'https://openactive.io/activity-list';

/** Waymark activity type code → an OpenActive Activity List concept (its id and preferred label). */
export const OPENACTIVE_ACTIVITY_MAP: Readonly<Record<string, { id: string; prefLabel: string }>> = {
  walk: { id: `${OPENACTIVE_ACTIVITY_LIST}#95092977-5a20-4d6e-b312-8fddabe71544`, prefLabel: 'Walking' },
  gardens_green_heritage: { id: `${OPENACTIVE_ACTIVITY_LIST}#5b880e93-4a16-4c37-86ac-ba2ffba68358`, prefLabel: 'Gardening' },
  conservation_volunteering: { id: `${OPENACTIVE_ACTIVITY_LIST}#5b880e93-4a16-4c37-86ac-ba2ffba68358`, prefLabel: 'Gardening' },
  music_song: { id: `${OPENACTIVE_ACTIVITY_LIST}#e2b21a40-66a4-42bb-a24f-3638cc356299`, prefLabel: 'Singing' },
};

/** The OpenActive concepts for a listing's activity types, each once, in the listing's order. */
export function openActiveConcepts(activityTypes: readonly string[]): { id: string; prefLabel: string }[] {
  const seen = new Set<string>();
  const out: { id: string; prefLabel: string }[] = [];
  for (const code of activityTypes) {
    const concept = OPENACTIVE_ACTIVITY_MAP[code];
    if (concept && !seen.has(concept.id)) {
      seen.add(concept.id);
      out.push(concept);
    }
  }
  return out;
}

export const OPENACTIVE_ACCESSIBILITY_SUPPORT = 'https://openactive.io/accessibility-support';

const support = (uuid: string, prefLabel: string) => ({ id: `${OPENACTIVE_ACCESSIBILITY_SUPPORT}#${uuid}`, prefLabel });
const HEARING = support('2bfb7228-5969-4927-8435-38b5005a8771', 'Hearing impairment');
const VISUAL = support('1393f2dc-3fcc-4be9-a99f-f1e51f5ad277', 'Visual impairment');
const PHYSICAL = support('dd026873-6713-4ea1-af5a-08901f651d98', 'Physical impairment');
const LEARNING = support('67902468-fd49-4238-8650-20a22d7f0e40', 'Learning impairment');
const MENTAL_HEALTH = support('40b9b11f-bdd3-4aeb-8984-2ecf74a14c7a', 'Mental health issues');

/**
 * Waymark access features (`access:`) and wellbeing needs (`needs:`) → the OpenActive Accessibility
 * Support list (https://openactive.io/accessibility-support): who the activity is ready to support.
 */
export const OPENACTIVE_ACCESSIBILITY_MAP: Readonly<Record<string, { id: string; prefLabel: string }>> = {
  'access:hearing_loop': HEARING,
  'access:bsl': HEARING,
  'access:large_print': VISUAL,
  'access:step_free': PHYSICAL,
  'needs:learning_disability': LEARNING,
  'needs:low_mood': MENTAL_HEALTH,
  'needs:anxiety': MENTAL_HEALTH,
};

/** The OpenActive accessibility-support concepts for a listing's access features and needs, each once. */
export function openActiveAccessibility(access: readonly string[], needs: readonly string[]): { id: string; prefLabel: string }[] {
  const seen = new Map<string, { id: string; prefLabel: string }>();
  for (const key of [...access.map((c) => `access:${c}`), ...needs.map((c) => `needs:${c}`)]) {
    const concept = OPENACTIVE_ACCESSIBILITY_MAP[key];
    if (concept && !seen.has(concept.id)) seen.set(concept.id, concept);
  }
  return [...seen.values()];
}

/** The licence of everything Waymark publishes as open data, and its name for people. */
export const OPEN_DATA_LICENCE = { url: 'https://creativecommons.org/licenses/by/4.0/', name: 'Creative Commons Attribution 4.0 (CC BY 4.0)' } as const;

/** RPDE: items per page; how long a page with items and the last (empty) page may be cached. */
export const RPDE = { pageSize: 500, fullPageMaxAge: 3600, lastPageMaxAge: 8 } as const;

/**
 * The change stamp for a sync's changes: the clock's milliseconds, but always above every stamp the
 * feed already holds, so a consumer that has read up to (stamp, id) never misses a later change even
 * when the clock stands still or steps back.
 */
export function nextModified(nowMs: number, maxStored: number): number {
  return Math.max(Math.floor(nowMs), maxStored + 1);
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const ICAL_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** ISO weekday (1 = Monday) → schema.org's day URL. */
export function schemaDay(isoWeekday: number): string {
  return `https://schema.org/${DAYS[isoWeekday - 1]}`;
}

/** The iCal BYDAY of "the nth (or last, -1) such weekday of the month": 1TU, -1FR. */
export function icalMonthlyDay(weekOfMonth: number, isoWeekday: number): string {
  return `${weekOfMonth}${ICAL_DAYS[isoWeekday - 1]}`;
}

/** ISO 8601 duration between two 'HH:MM' times on one day (PT1H30M); an end at or before the start is taken as next day. */
export function durationBetween(start: string, end: string): string {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  let span = minutes(end) - minutes(start);
  if (span <= 0) span += 24 * 60;
  const h = Math.floor(span / 60);
  const m = span % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}
