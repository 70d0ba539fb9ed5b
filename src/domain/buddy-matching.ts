import { countOf } from './plural.ts';
import { ACTIVITY_TYPES, LANGUAGES, labelsOf } from './vocabulary.ts';
import { partOfDay, type BuddyStrand, type VolunteerStatus } from './volunteer.ts';

/**
 * Matching a buddy to a person (issue 9 part B), in the style of activity matching (decision 006):
 * every factor gives an outcome and a sentence the lead can read; an unsuitable buddy is never
 * hidden, only ranked lower with the reason.
 */
export type BuddyOutcome = 'good' | 'partial' | 'poor' | 'fails' | 'unknown';
export type BuddyFactorKey = 'distance' | 'languages' | 'availability' | 'strand' | 'interests' | 'load' | 'checks' | 'preference';
export type BuddyFactor = { key: BuddyFactorKey; label: string; outcome: BuddyOutcome; explanation: string };

export type BuddyCandidate = {
  id: string;
  knownAs: string;
  organisationId: string;
  strand: BuddyStrand | null;
  status: VolunteerStatus;
  easting: number | null;
  northing: number | null;
  travelMiles: number;
  languages: readonly string[];
  availability: readonly string[];
  interests: readonly string[];
  capacity: number;
  /** People they are going with now (visits planned or under way, by referral). */
  load: number;
  gender: 'woman' | 'man' | 'non_binary' | null;
};

export type BuddyNeed = {
  /** Where they meet, or the activity's place. */
  meetAt: { easting: number; northing: number } | null;
  activityOrganisationId: string | null;
  /** The activity's sessions: weekday code ('tue') and start time ('10:00'). */
  sessions: readonly { day: string; time: string }[];
  interests: readonly string[];
  languages: readonly string[];
  preference: 'woman' | 'man' | null;
};

const LABELS: Record<BuddyFactorKey, string> = {
  distance: 'Distance',
  languages: 'Languages',
  availability: 'Available',
  strand: 'Where they volunteer',
  interests: 'Shared interests',
  load: 'People they support',
  checks: 'Checks and status',
  preference: 'Their preference',
};
const WEIGHTS: Record<BuddyFactorKey, number> = { distance: 3, languages: 3, availability: 3, strand: 2, interests: 1, load: 2, checks: 3, preference: 3 };
const CREDIT: Record<BuddyOutcome, number> = { good: 1, partial: 0.5, unknown: 0.5, poor: 0, fails: 0 };
const METRES_PER_MILE = 1609.344;
const STATUS_WORDS: Record<VolunteerStatus, string> = {
  in_recruitment: 'Still getting ready to volunteer',
  ready: '',
  paused: 'Taking a break',
  stopped: 'Stopped volunteering',
};

/**
 * What blocks a volunteer from being matched, judged from their status alone. Part A of issue 9
 * (training and checks with expiry) replaces this with its own rule at merge; the service takes
 * any function of this shape.
 */
export const statusBlocks = (v: { status: VolunteerStatus }): string[] => (v.status === 'ready' ? [] : [STATUS_WORDS[v.status]]);

const list = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const f = (key: BuddyFactorKey, outcome: BuddyOutcome, explanation: string): BuddyFactor => ({ key, label: LABELS[key], outcome, explanation });

export function distanceMiles(a: { easting: number; northing: number }, b: { easting: number; northing: number }) {
  return Math.hypot(a.easting - b.easting, a.northing - b.northing) / METRES_PER_MILE;
}

export function buddyFactors(b: BuddyCandidate, need: BuddyNeed, blocks: readonly string[]): BuddyFactor[] {
  const name = b.knownAs;
  const factors: BuddyFactor[] = [];

  if (b.easting === null || b.northing === null || !need.meetAt)
    factors.push(f('distance', 'unknown', 'Distance unknown: no postcode for the buddy or the meeting point'));
  else {
    const miles = distanceMiles({ easting: b.easting, northing: b.northing }, need.meetAt);
    const words = `${miles.toFixed(1)} miles from ${name}`;
    factors.push(
      miles <= b.travelMiles
        ? f('distance', 'good', `${words}, within the ${b.travelMiles} they will travel`)
        : f('distance', 'poor', `${words}, further than the ${b.travelMiles} they will travel`),
    );
  }

  const wanted = need.languages.length > 0 ? need.languages : ['en'];
  const shared = wanted.filter((l) => b.languages.includes(l));
  if (shared.length === 0) factors.push(f('languages', 'fails', `${name} speaks none of ${list(labelsOf(LANGUAGES, wanted))}`));
  else factors.push(f('languages', 'good', `Both speak ${list(labelsOf(LANGUAGES, shared))}`));

  if (need.sessions.length === 0) factors.push(f('availability', 'unknown', 'The activity has no sessions to compare with'));
  else {
    const fits = need.sessions.filter((s) => b.availability.includes(`${s.day}_${partOfDay(s.time)}`));
    factors.push(
      fits.length > 0
        ? f('availability', 'good', `Free at the session time (${list([...new Set(fits.map((s) => `${s.day} ${partOfDay(s.time)}`))])})`)
        : f('availability', 'poor', `${name} is not free at any of the session times`),
    );
  }

  if (b.strand === 'site_specific' && need.activityOrganisationId && need.activityOrganisationId !== b.organisationId) {
    factors.push(f('strand', 'fails', `${name} is a site-specific buddy: they go only to their own organisation’s activities`));
  } else
    factors.push(f('strand', 'good', b.strand === 'site_specific' ? 'The activity is at their own organisation' : 'Heritage-informed: goes to any activity'));

  const common = need.interests.filter((i) => b.interests.includes(i));
  factors.push(
    common.length > 0
      ? f('interests', 'good', `Both like ${list(labelsOf(ACTIVITY_TYPES, common))}`)
      : f('interests', 'partial', 'No interests in common listed'),
  );

  factors.push(
    b.load >= b.capacity
      ? f('load', 'fails', `Already going with ${countOf(b.load, 'person', 'people')}, their limit`)
      : f('load', b.load === 0 ? 'good' : 'partial', `Going with ${countOf(b.load, 'person', 'people')} of the ${b.capacity} they can`),
  );

  factors.push(blocks.length > 0 ? f('checks', 'fails', blocks.join('; ')) : f('checks', 'good', 'Ready, checks in date'));

  if (need.preference) {
    const wantedWord = need.preference === 'woman' ? 'a woman' : 'a man';
    if (b.gender === need.preference) factors.push(f('preference', 'good', `They would prefer ${wantedWord} buddy`));
    else factors.push(f('preference', 'fails', `They would prefer ${wantedWord} buddy`));
  }
  return factors;
}

export type RankedBuddy<C extends BuddyCandidate = BuddyCandidate> = { buddy: C; factors: BuddyFactor[]; score: number; suitable: boolean };

/** Every candidate, suitable ones first, then by score and name: none is left out. */
export function rankBuddies<C extends BuddyCandidate>(candidates: readonly C[], need: BuddyNeed, blocks: Map<string, string[]>): RankedBuddy<C>[] {
  return candidates
    .map((buddy) => {
      const factors = buddyFactors(buddy, need, blocks.get(buddy.id) ?? []);
      const total = factors.reduce((s, x) => s + WEIGHTS[x.key], 0);
      const score = Math.round((100 * factors.reduce((s, x) => s + WEIGHTS[x.key] * CREDIT[x.outcome], 0)) / total);
      return { buddy, factors, score, suitable: factors.every((x) => x.outcome !== 'fails') };
    })
    .sort((a, b) => Number(b.suitable) - Number(a.suitable) || b.score - a.score || a.buddy.knownAs.localeCompare(b.buddy.knownAs));
}
