import { countOf, plural } from './plural.ts';
import type { CostType } from './directory.ts';
import { formatLongDate, londonDate } from './schedule.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, LANGUAGES, NEEDS, SUPPORT, WEEKDAYS, labelOf, labelsOf } from './vocabulary.ts';

/**
 * The factors matching weighs, one function each. Every factor returns an outcome and a sentence
 * in plain English that a link worker can read out; none of them hides why it judged as it did.
 */
export type Outcome = 'good' | 'partial' | 'poor' | 'fails' | 'unknown';
export type Judgement = { outcome: Outcome; explanation: string };

export type MatchPerson = {
  easting: number | null;
  northing: number | null;
  needs: readonly string[];
  interests: readonly string[];
  barriers: readonly string[];
  accessNeeds: readonly string[];
  languages: readonly string[];
  availableDays: readonly number[];
  availableTimes: readonly string[];
};

/** A weekly pattern of an activity: ISO weekday (1 = Monday) and 'morning' | 'afternoon' | 'evening'. */
export type SessionSlot = { day: number; time: string };

export type MatchActivity = {
  id: string;
  title: string;
  easting: number;
  northing: number;
  activityTypes: readonly string[];
  needs: readonly string[];
  costType: CostType;
  pricePence: number | null;
  fundedPlaces: number | null;
  access: readonly string[];
  support: readonly string[];
  referralRoutes: readonly string[];
  languages: readonly string[];
  capacity: number | null;
  /** Referrals holding a place now (accepted, first visit planned, attending). */
  placesHeld: number;
  sessionSlots: readonly SessionSlot[];
  nextSessionAt: Date | null;
};

/** Who is referring decides which referral route must be accepted; `now` says how soon the next session is. */
export type MatchRoute = 'link_worker' | 'community_connector';
export type MatchContext = { route: MatchRoute; now: Date };

/** A session further away than this does not "fit" someone now: it is something to wait for. */
export const SOON_ENOUGH_DAYS = 28;

const METRES_PER_MILE = 1609.344;
/** Distances in miles: near enough to walk or a short bus ride; far enough to need planning. */
export const DISTANCE_BANDS = { nearMiles: 3, reachableMiles: 10, walkingMiles: 1 } as const;

const list = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const lower = (items: readonly string[]) => items.map((s) => s.charAt(0).toLowerCase() + s.slice(1));
const common = <T>(a: readonly T[], b: readonly T[]) => a.filter((x) => b.includes(x));
const price = (pence: number | null) => (pence == null ? 'It costs money (price not given)' : `It costs £${(pence / 100).toFixed(pence % 100 === 0 ? 0 : 2)}`);

export function distanceMetresOf(person: MatchPerson, a: MatchActivity): number | null {
  if (person.easting == null || person.northing == null) return null;
  return Math.hypot(person.easting - a.easting, person.northing - a.northing);
}

export function judgeDistance(person: MatchPerson, a: MatchActivity): Judgement {
  const metres = distanceMetresOf(person, a);
  if (metres == null) return { outcome: 'unknown', explanation: 'Distance not known: their postcode is not recorded or not recognised.' };
  const miles = metres / METRES_PER_MILE;
  const away = `${miles < 0.1 ? 'Less than 0.1' : miles.toFixed(1)} miles away.`;
  const bus = a.access.includes('public_transport');
  const lift = a.support.includes('transport_help');
  const helps = [bus ? 'it is near public transport' : '', lift ? 'the organisation helps with transport' : ''].filter(Boolean);
  if (person.barriers.includes('transport')) {
    if (miles <= DISTANCE_BANDS.walkingMiles)
      return { outcome: 'good', explanation: `${away} Within walking distance, which matters because transport is a barrier for them.` };
    if (helps.length && miles <= DISTANCE_BANDS.reachableMiles) {
      return { outcome: 'partial', explanation: `${away} Transport is a barrier for them, but ${list(helps)}.` };
    }
    return {
      outcome: 'poor',
      explanation: `${away} Transport is a barrier for them${helps.length ? `; ${list(helps)}, but it is a long way` : ' and there is no public transport or transport help listed'}.`,
    };
  }
  const note = bus ? ' Near public transport.' : '';
  if (miles <= DISTANCE_BANDS.nearMiles) return { outcome: 'good', explanation: `${away}${note}` };
  if (miles <= DISTANCE_BANDS.reachableMiles) return { outcome: 'partial', explanation: `${away} A journey to plan.${note}` };
  return { outcome: 'poor', explanation: `${away} A long way to travel.${note}` };
}

export function judgeCost(person: MatchPerson, a: MatchActivity): Judgement {
  if (a.costType === 'free') return { outcome: 'good', explanation: 'Free.' };
  if (a.costType === 'free_for_referred') return { outcome: 'good', explanation: 'Free for people who are referred.' };
  const funded = a.fundedPlaces != null && a.fundedPlaces > 0;
  const fundedNote = funded ? ` ${countOf(a.fundedPlaces!, 'funded place is', 'funded places are')} offered for referrals: ask for one.` : '';
  if (!person.barriers.includes('cost'))
    return { outcome: 'partial', explanation: `${price(a.pricePence)}. Cost is not recorded as a barrier for them.${fundedNote}` };
  if (funded) return { outcome: 'partial', explanation: `${price(a.pricePence)}, and cost is a barrier for them.${fundedNote}` };
  return { outcome: 'poor', explanation: `${price(a.pricePence)}, cost is a barrier for them, and there are no funded places.` };
}

export function judgeAccess(person: MatchPerson, a: MatchActivity): Judgement {
  if (person.accessNeeds.length === 0) return { outcome: 'good', explanation: 'No access must-haves recorded for them.' };
  const missing = person.accessNeeds.filter((n) => !a.access.includes(n));
  if (missing.length > 0) {
    return { outcome: 'fails', explanation: `Missing ${plural(missing.length, 'a must-have', 'must-haves')}: ${list(labelsOf(ACCESS_FEATURES, missing))}.` };
  }
  return { outcome: 'good', explanation: `Has everything they need: ${list(labelsOf(ACCESS_FEATURES, person.accessNeeds))}.` };
}

export function judgeInterests(person: MatchPerson, a: MatchActivity): Judgement {
  const needs = common(person.needs, a.needs);
  const interests = common(person.interests, a.activityTypes);
  const asked = (person.needs.length > 0 ? 1 : 0) + (person.interests.length > 0 ? 1 : 0);
  if (asked === 0) return { outcome: 'unknown', explanation: 'No needs or interests recorded for them.' };
  const parts: string[] = [];
  if (needs.length) parts.push(`Suits their ${plural(needs.length, 'need')}: ${list(lower(labelsOf(NEEDS, needs)))}.`);
  else if (person.needs.length) parts.push(`Not designed for their needs (${list(lower(labelsOf(NEEDS, person.needs)))}).`);
  if (interests.length) parts.push(`Matches their ${plural(interests.length, 'interest')}: ${list(lower(labelsOf(ACTIVITY_TYPES, interests)))}.`);
  else if (person.interests.length) parts.push(`Not one of their interests (${list(lower(labelsOf(ACTIVITY_TYPES, person.interests)))}).`);
  const met = (needs.length ? 1 : 0) + (interests.length ? 1 : 0);
  const outcome: Outcome = met === asked ? 'good' : met > 0 ? 'partial' : 'poor';
  return { outcome, explanation: parts.join(' ') };
}

const dayName = (d: number) => labelOf(WEEKDAYS, String(d));
const slotText = (s: SessionSlot) => `${dayName(s.day)} ${s.time}s`;

export function judgeTimes(person: MatchPerson, a: MatchActivity, ctx: MatchContext): Judgement {
  const next = a.nextSessionAt ? ` Next session: ${formatLongDate(londonDate(a.nextSessionAt))}.` : ' No upcoming dates listed.';
  const soon = a.nextSessionAt !== null && a.nextSessionAt.getTime() - ctx.now.getTime() <= SOON_ENOUGH_DAYS * 24 * 60 * 60 * 1000;
  if (a.sessionSlots.length === 0) return { outcome: 'unknown', explanation: `No session times listed: ask the organisation.${next}` };
  if (person.availableDays.length === 0 && person.availableTimes.length === 0) {
    return { outcome: 'unknown', explanation: `Their availability is not recorded. Sessions: ${list(a.sessionSlots.map(slotText))}.${next}` };
  }
  const dayOk = (s: SessionSlot) => person.availableDays.length === 0 || person.availableDays.includes(s.day);
  const timeOk = (s: SessionSlot) => person.availableTimes.length === 0 || person.availableTimes.includes(s.time);
  const fits = a.sessionSlots.filter((s) => dayOk(s) && timeOk(s));
  if (fits.length > 0 && soon)
    return { outcome: 'good', explanation: `${list(fits.map(slotText))} ${plural(fits.length, 'fits', 'fit')} when they are free.${next}` };
  // The right day and time is no use yet when the next session is months away (or none is listed).
  if (fits.length > 0) {
    const wait = a.nextSessionAt ? `the next session is not until ${formatLongDate(londonDate(a.nextSessionAt))}` : 'no dates are listed yet';
    return { outcome: 'partial', explanation: `${list(fits.map(slotText))} would suit when they are free, but ${wait}.` };
  }
  // Only when both are recorded can a session be on a free day at the wrong time (or the reverse).
  const both = person.availableDays.length > 0 && person.availableTimes.length > 0;
  const near = both ? a.sessionSlots.filter((s) => dayOk(s) || timeOk(s)) : [];
  const all = list(a.sessionSlots.map(slotText));
  if (near.length > 0) return { outcome: 'partial', explanation: `Sessions (${all}) are on a day or at a time they are free, but not both.${next}` };
  return { outcome: 'poor', explanation: `Sessions (${all}) are not when they are free.${next}` };
}

/** Which offers of support answer which barriers. */
export const SUPPORT_FOR_BARRIER: Record<string, readonly string[]> = {
  confidence: ['buddy_welcome', 'taster_session', 'meet_beforehand'],
  transport: ['transport_help'],
};

export function judgeSupport(person: MatchPerson, a: MatchActivity): Judgement {
  const offered = a.support.length ? ` Offers: ${list(lower(labelsOf(SUPPORT, a.support)))}.` : '';
  const barriers = person.barriers.filter((b) => b in SUPPORT_FOR_BARRIER);
  if (barriers.length === 0) return { outcome: 'good', explanation: `No confidence or transport barriers recorded for them.${offered}` };
  const met = barriers.filter((b) => SUPPORT_FOR_BARRIER[b]!.some((s) => a.support.includes(s)));
  const names: Record<string, string> = {
    confidence: 'confidence (a buddy, a taster session or meeting the leader beforehand helps)',
    transport: 'transport (help with transport)',
  };
  const missing = barriers.filter((b) => !met.includes(b)).map((b) => names[b] ?? b);
  if (missing.length === 0) return { outcome: 'good', explanation: `Support answers their barriers.${offered}` };
  const outcome: Outcome = met.length > 0 ? 'partial' : 'poor';
  return { outcome, explanation: `No support listed for ${list(missing)}.${offered}` };
}

export function judgeLanguage(person: MatchPerson, a: MatchActivity): Judgement {
  const runIn = list(labelsOf(LANGUAGES, a.languages));
  if (person.languages.length === 0) return { outcome: 'unknown', explanation: `Their languages are not recorded. Run in ${runIn || 'a language not given'}.` };
  const shared = common(person.languages, a.languages);
  if (shared.length > 0) return { outcome: 'good', explanation: `Run in ${list(labelsOf(LANGUAGES, shared))}, which they speak.` };
  return { outcome: 'poor', explanation: `Run in ${runIn || 'a language not given'}; they speak ${list(labelsOf(LANGUAGES, person.languages))}.` };
}

const ROUTE_NAMES: Record<MatchRoute, string> = { link_worker: 'link workers', community_connector: 'community connectors' };

export function judgeRoute(a: MatchActivity, ctx: MatchContext): Judgement {
  if (a.referralRoutes.includes(ctx.route)) return { outcome: 'good', explanation: `Takes referrals from ${ROUTE_NAMES[ctx.route]}.` };
  const self = a.referralRoutes.includes('self') ? ' They could contact the organisation themselves.' : '';
  return { outcome: 'fails', explanation: `Does not take referrals from ${ROUTE_NAMES[ctx.route]}.${self}` };
}

export function judgeCapacity(a: MatchActivity): Judgement {
  if (a.capacity == null) return { outcome: 'unknown', explanation: 'No capacity given: the organisation will say if it is full.' };
  const free = a.capacity - a.placesHeld;
  if (free <= 0)
    return {
      outcome: 'poor',
      explanation: `Full: ${countOf(a.placesHeld, 'referred person holds', 'referred people hold')} its ${countOf(a.capacity, 'place')}, so likely waiting list.`,
    };
  return { outcome: 'good', explanation: `${free} of ${countOf(a.capacity, 'place')} free.` };
}
