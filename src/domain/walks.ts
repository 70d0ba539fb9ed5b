import { heritageCategoryName, heritageSourceName } from './heritage-sources.ts';
import { countOf, plural } from './plural.ts';
import { spokenList } from './read-aloud.ts';
import { labelOf, terms } from './vocabulary.ts';

/**
 * Heritage walks (issue 11, decision 043): self-guided routes with ordered stops, free and at any
 * time. Each stop carries its own access facts and those of the leg that reaches it from the stop
 * before, so length, time and "the longest stretch without a bench" are worked out here, once, for
 * the walk page, the route card, the phone line and the lists.
 */

export type WalkStatus = 'draft' | 'published';

export const WALK_STATUSES = terms([
  { code: 'draft', label: 'Draft: not shown to the public' },
  { code: 'published', label: 'Published' },
] as const);

export const SURFACES = terms([
  { code: 'paved', label: 'Paved' },
  { code: 'gravel', label: 'Gravel' },
  { code: 'grass', label: 'Grass' },
  { code: 'cobbles', label: 'Cobbles' },
  { code: 'mixed', label: 'Mixed' },
] as const);
export type Surface = (typeof SURFACES)[number]['code'];

export const GRADIENTS = terms([
  { code: 'flat', label: 'Flat' },
  { code: 'gentle', label: 'Gentle slope' },
  { code: 'steep', label: 'Steep' },
] as const);
export type Gradient = (typeof GRADIENTS)[number]['code'];

/** The stated slow walking pace every time is worked out at (said wherever a time is shown). */
export const WALK_PACE_KMH = 3;
export const PACE_TEXT = `at a slow walking pace (${WALK_PACE_KMH} km an hour), not counting time at the stops`;

/** The way from the previous stop. */
export type WalkLeg = {
  /** The walking distance the author measured, when the path is longer than the straight line. */
  walkedM: number | null;
  stepFree: boolean;
  surface: Surface;
  gradient: Gradient;
  /** A bench or somewhere to sit along the way (counted as a rest halfway). */
  bench: boolean;
};

export type WalkStopPhoto = { id: string; altText: string; credit: string; width: number; height: number };

export type WalkHeritageAsset = { id: string; source: string; sourceId: string; name: string; category: string; grade: string | null };

export type WalkStop = {
  id: string;
  position: number;
  name: string;
  postcode: string | null;
  easting: number;
  northing: number;
  latitude: number;
  longitude: number;
  /** How to get here from the previous stop, in words (the first stop: how to find the start). */
  directions: string;
  story: string;
  heritageAsset: WalkHeritageAsset | null;
  /** A place that matters to local people (a published community contribution), when the stop is one. */
  contributedPlace: { id: string; title: string } | null;
  stepFree: boolean;
  bench: boolean;
  toilet: boolean;
  accessNote: string;
  /** Null for the first stop. */
  leg: WalkLeg | null;
  /** The stop's photo (decision 048): served by id, described for people who cannot see it, credited. */
  photo: WalkStopPhoto | null;
};

export type Walk = {
  id: string;
  title: string;
  summary: string;
  town: string;
  postcode: string;
  easting: number;
  northing: number;
  organisationId: string | null;
  organisationName: string | null;
  status: WalkStatus;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  stops: WalkStop[];
};

/** What the author types for a walk (the start's position comes from its postcode). */
export type WalkInput = { title: string; summary: string; town: string; postcode: string; organisationId: string | null };

/** What the author types for a stop: a postcode, or a latitude and longitude. */
export type WalkStopInput = {
  name: string;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  directions: string;
  story: string;
  heritageAssetId: string | null;
  contributedPlaceId: string | null;
  stepFree: boolean;
  bench: boolean;
  toilet: boolean;
  accessNote: string;
  leg: WalkLeg;
};

/** Straight-line distance in metres between two grid points (British National Grid is in metres). */
export const gridDistanceM = (a: { easting: number; northing: number }, b: { easting: number; northing: number }) =>
  Math.round(Math.hypot(a.easting - b.easting, a.northing - b.northing));

export type LegFacts = { to: number; lengthM: number; measured: boolean; stepFree: boolean; surface: Surface; gradient: Gradient; bench: boolean };

export type WalkFacts = {
  lengthM: number;
  minutes: number;
  legs: LegFacts[];
  stepFreeThroughout: boolean;
  /** Stop numbers that are not step-free, and stops whose way there is not. */
  stopsWithSteps: number[];
  legsWithSteps: number[];
  steepLegs: number[];
  cobbledOrRoughLegs: { to: number; surface: Surface }[];
  benches: number[];
  toilets: number[];
  /** The longest distance between rests (the start, benches at stops or along the way, the end). */
  longestWithoutRestM: number;
};

/** The leg reaching each stop after the first: the author's walking distance, else the straight line. */
export function legsOf(stops: readonly WalkStop[]): LegFacts[] {
  const legs: LegFacts[] = [];
  for (let i = 1; i < stops.length; i++) {
    const stop = stops[i]!;
    const leg = stop.leg ?? { walkedM: null, stepFree: true, surface: 'paved' as const, gradient: 'flat' as const, bench: false };
    const straight = gridDistanceM(stops[i - 1]!, stop);
    legs.push({
      to: stop.position,
      lengthM: leg.walkedM ?? straight,
      measured: leg.walkedM !== null,
      stepFree: leg.stepFree,
      surface: leg.surface,
      gradient: leg.gradient,
      bench: leg.bench,
    });
  }
  return legs;
}

/** Minutes at the stated pace, rounded up to 5. */
export const walkingMinutes = (metres: number) => Math.ceil(((metres / (WALK_PACE_KMH * 1000)) * 60) / 5) * 5;

/** Everything the pages say about a walk's length, time and access, from its stops in order. */
export function walkFacts(stops: readonly WalkStop[]): WalkFacts {
  const legs = legsOf(stops);
  const lengthM = legs.reduce((sum, l) => sum + l.lengthM, 0);
  // Rest points as distances along the route: a bench at a stop, or halfway along a leg with one.
  const rests: number[] = [0];
  let along = 0;
  stops.forEach((stop, i) => {
    if (i > 0) {
      const leg = legs[i - 1]!;
      if (leg.bench) rests.push(along + leg.lengthM / 2);
      along += leg.lengthM;
    }
    if (stop.bench) rests.push(along);
  });
  rests.push(lengthM);
  rests.sort((a, b) => a - b);
  let longest = 0;
  for (let i = 1; i < rests.length; i++) longest = Math.max(longest, rests[i]! - rests[i - 1]!);
  const stopsWithSteps = stops.filter((s) => !s.stepFree).map((s) => s.position);
  const legsWithSteps = legs.filter((l) => !l.stepFree).map((l) => l.to);
  return {
    lengthM,
    minutes: walkingMinutes(lengthM),
    legs,
    stepFreeThroughout: stopsWithSteps.length === 0 && legsWithSteps.length === 0,
    stopsWithSteps,
    legsWithSteps,
    steepLegs: legs.filter((l) => l.gradient === 'steep').map((l) => l.to),
    cobbledOrRoughLegs: legs
      .filter((l) => l.surface === 'cobbles' || l.surface === 'grass' || l.surface === 'gravel')
      .map((l) => ({ to: l.to, surface: l.surface })),
    benches: stops.filter((s) => s.bench).map((s) => s.position),
    toilets: stops.filter((s) => s.toilet).map((s) => s.position),
    longestWithoutRestM: Math.round(longest),
  };
}

/** "600 m", "1.4 km (0.9 miles)". */
export function distanceText(metres: number): string {
  if (metres < 1000) return `${Math.round(metres / 10) * 10 || metres} m`;
  const miles = metres / 1609.344;
  return `${(metres / 1000).toFixed(1)} km (${miles.toFixed(1)} miles)`;
}

/** "45 minutes", "1 hour 20 minutes". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = countOf(h, 'hour');
  if (h === 0) return `${m} minutes`;
  return m === 0 ? hours : `${hours} ${m} minutes`;
}

const stopsText = (numbers: readonly number[]) => `${plural(numbers.length, 'stop')} ${spokenList(numbers.map(String))}`;
const waysText = (numbers: readonly number[]) => `the way to ${stopsText(numbers)}`;

/**
 * The access facts in one plain paragraph: "Step-free throughout except stop 4. Longest stretch
 * without a bench: 600 m. Toilets at stops 1 and 5."
 */
export function accessSummary(facts: WalkFacts): string[] {
  const lines: string[] = [];
  if (facts.stepFreeThroughout) lines.push('Step-free throughout.');
  else {
    const except = [
      ...(facts.stopsWithSteps.length ? [stopsText(facts.stopsWithSteps)] : []),
      ...(facts.legsWithSteps.length ? [waysText(facts.legsWithSteps)] : []),
    ];
    lines.push(`Step-free throughout except ${except.join(' and ')}.`);
  }
  if (facts.steepLegs.length) lines.push(`Steep on ${waysText(facts.steepLegs)}.`);
  const surfaces = new Map<string, number[]>();
  for (const l of facts.cobbledOrRoughLegs) surfaces.set(l.surface, [...(surfaces.get(l.surface) ?? []), l.to]);
  for (const [surface, to] of surfaces) lines.push(`${labelOf(SURFACES, surface)} on ${waysText(to)}.`);
  lines.push(
    facts.benches.length === 0 && facts.longestWithoutRestM === facts.lengthM
      ? `No benches on the way: ${distanceText(facts.lengthM)} without a rest.`
      : `Longest stretch without a bench: ${distanceText(facts.longestWithoutRestM)}.`,
  );
  lines.push(facts.toilets.length ? `Toilets at ${stopsText(facts.toilets)}.` : 'No public toilets on the way.');
  return lines;
}

/** "1.4 km (0.9 miles), about 30 minutes at a slow walking pace …". */
export const lengthAndTimeText = (facts: WalkFacts) => `${distanceText(facts.lengthM)}, about ${durationText(facts.minutes)} ${PACE_TEXT}`;

/** What is missing before a walk can be published, in words for the author and the coordinator. */
export function publishProblems(walk: Pick<Walk, 'stops'>): string[] {
  const problems: string[] = [];
  if (walk.stops.length < 2) problems.push('Add at least two stops');
  for (const s of walk.stops) {
    if (s.position > 1 && !s.directions.trim()) problems.push(`Add directions to stop ${s.position} (${s.name}) from the stop before`);
    if (!s.story.trim()) problems.push(`Add a short story for stop ${s.position} (${s.name})`);
  }
  return problems;
}

/** The National Heritage List entry of a designated place, or null for other sources (museums). */
export function listEntryUrl(asset: Pick<WalkHeritageAsset, 'source' | 'sourceId'>): string | null {
  return asset.source.startsWith('nhle') && /^\d+$/.test(asset.sourceId)
    ? `https://historicengland.org.uk/listing/the-list/list-entry/${asset.sourceId}`
    : null;
}

/** "Scheduled monument", "Listed building, grade II*"; and where the record comes from, in words. */
export function heritageAssetWords(asset: WalkHeritageAsset): { kind: string; source: string; listEntry: string | null } {
  const kind = heritageCategoryName(asset.category);
  return {
    kind: asset.grade ? `${kind}, grade ${asset.grade}` : kind,
    source: heritageSourceName(asset.source),
    listEntry: listEntryUrl(asset),
  };
}

/** A walk for someone answering the phone: short sentences to say, topic by topic (like domain/read-aloud.ts). */
export function walkReadAloud(walk: Pick<Walk, 'title' | 'summary' | 'town' | 'stops'>, startPostcode: string): { topic: string; sentences: string[] }[] {
  const facts = walkFacts(walk.stops);
  const first = walk.stops[0];
  return [
    {
      topic: 'What it is',
      sentences: [
        `${walk.title} is a self-guided heritage walk in ${walk.town}. It is free and you can do it at any time, on your own or with someone.`,
        walk.summary,
      ],
    },
    {
      topic: 'Where it starts',
      sentences: [
        `It starts at ${first ? first.name : walk.town}, postcode ${startPostcode}.`,
        `It has ${countOf(walk.stops.length, 'stop')}: ${spokenList(walk.stops.map((s) => s.name))}.`,
      ],
    },
    { topic: 'How long', sentences: [`It is ${lengthAndTimeText(facts)}.`] },
    { topic: 'Access', sentences: accessSummary(facts) },
    { topic: 'The route card', sentences: ['We can send the link to the route card, which has directions in words for every stop. It prints on A4.'] },
  ];
}

/** The walk's text that search words are matched against (the words people use for walks included). */
export const walkSearchText = (walk: Pick<Walk, 'title' | 'summary' | 'town' | 'stops'>) =>
  ['self-guided heritage walk trail route', walk.title, walk.summary, walk.town, ...walk.stops.map((s) => s.name)].join(' ');
