import {
  distanceMetresOf,
  judgeAccess,
  judgeCapacity,
  judgeCost,
  judgeDistance,
  judgeInterests,
  judgeLanguage,
  judgeRoute,
  judgeSupport,
  judgeTimes,
  type Judgement,
  type MatchActivity,
  type MatchContext,
  type MatchPerson,
  type Outcome,
} from './matching-factors.ts';

export type { MatchActivity, MatchContext, MatchPerson, MatchRoute, Outcome, SessionSlot } from './matching-factors.ts';
export { DISTANCE_BANDS, SUPPORT_FOR_BARRIER } from './matching-factors.ts';

/**
 * Matching: ranks activities for one person and says why, factor by factor (PRODUCT.md §3.2).
 *
 * Each factor has a weight; the weights add up to 100. A factor earns its whole weight when it is
 * good, half when it is partly met or not known (we neither reward nor punish what nobody has
 * recorded), and nothing when it is poor or fails. The score is the sum, rounded. A factor that
 * fails (a missing access must-have, or a referral route the activity does not take) makes the
 * activity not suitable, whatever its score; it is listed separately with the reason, never dropped.
 * Equal scores go nearest first.
 */
/** The match page's distance limits (miles), the number of suitable matches shown, and how many candidates are scored. */
export const MATCH_RADIUS_MILES = [5, 10, 25] as const;
export const DEFAULT_MATCH_RADIUS_MILES = 25;
export const MATCHES_SHOWN = 20;
export const CANDIDATE_LIMIT = 500;

export type FactorKey = 'distance' | 'cost' | 'access' | 'interests' | 'times' | 'support' | 'language' | 'route' | 'capacity';

export type FactorDefinition = { key: FactorKey; label: string; weight: number; about: string };

export const FACTORS: readonly FactorDefinition[] = [
  {
    key: 'distance',
    label: 'Distance',
    weight: 20,
    about: 'How far from their postcode, and whether public transport or transport help makes it reachable when transport is a barrier.',
  },
  {
    key: 'interests',
    label: 'Needs and interests',
    weight: 20,
    about: 'Whether the activity is designed for their needs and is the kind of thing they are interested in.',
  },
  {
    key: 'access',
    label: 'Access must-haves',
    weight: 15,
    about: 'Every access need they have recorded must be met. If one is missing the activity is not suitable.',
  },
  { key: 'times', label: 'Session times', weight: 15, about: 'Whether a session falls on a day and at a time they are free.' },
  {
    key: 'cost',
    label: 'Cost',
    weight: 10,
    about: 'Free is best. When cost is a barrier, a paid activity with funded places is partly met; without funded places it is poor.',
  },
  {
    key: 'support',
    label: 'Support offered',
    weight: 5,
    about: 'A buddy welcome, a taster session or meeting the leader beforehand when confidence is a barrier; help with transport when transport is.',
  },
  { key: 'language', label: 'Language', weight: 5, about: 'Whether it is run in a language they speak.' },
  { key: 'route', label: 'Referral route', weight: 5, about: 'Whether the activity takes referrals from you. If not, it is not suitable for a referral.' },
  {
    key: 'capacity',
    label: 'Places',
    weight: 5,
    about: 'Whether places are free, counting referred people who already hold one. Full means a likely waiting list.',
  },
];

/** The share of a factor's weight each outcome earns. */
export const OUTCOME_CREDIT: Record<Outcome, number> = { good: 1, partial: 0.5, unknown: 0.5, poor: 0, fails: 0 };

export type Factor = { key: FactorKey; label: string; outcome: Outcome; explanation: string; weight: number };

export type MatchScore = { score: number; suitable: boolean; factors: Factor[] };

export function scoreActivity(person: MatchPerson, activity: MatchActivity, context: MatchContext): MatchScore {
  const judged: Record<FactorKey, Judgement> = {
    distance: judgeDistance(person, activity),
    interests: judgeInterests(person, activity),
    access: judgeAccess(person, activity),
    times: judgeTimes(person, activity, context),
    cost: judgeCost(person, activity),
    support: judgeSupport(person, activity),
    language: judgeLanguage(person, activity),
    route: judgeRoute(activity, context),
    capacity: judgeCapacity(activity),
  };
  const factors = FACTORS.map((f) => ({ key: f.key, label: f.label, weight: f.weight, ...judged[f.key] }));
  const score = Math.round(factors.reduce((sum, f) => sum + f.weight * OUTCOME_CREDIT[f.outcome], 0));
  return { score, suitable: factors.every((f) => f.outcome !== 'fails'), factors };
}

export type RankedMatch<A extends MatchActivity = MatchActivity> = MatchScore & { activity: A; distanceM: number | null };

/** Scores every activity; suitable ones by score (nearest first on a tie, then title), the rest apart. */
export function rankActivities<A extends MatchActivity>(person: MatchPerson, activities: readonly A[], context: MatchContext) {
  const ranked: RankedMatch<A>[] = activities.map((activity) => ({
    ...scoreActivity(person, activity, context),
    activity,
    distanceM: distanceMetresOf(person, activity),
  }));
  ranked.sort(compareMatches);
  return { suitable: ranked.filter((m) => m.suitable), unsuitable: ranked.filter((m) => !m.suitable) };
}

export function compareMatches(a: RankedMatch, b: RankedMatch): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.distanceM ?? Number.POSITIVE_INFINITY;
  const db = b.distanceM ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return a.activity.title.localeCompare(b.activity.title, 'en-GB');
}

/** Why an activity is not suitable: the explanations of the factors that fail. */
export function reasonsNotSuitable(match: MatchScore): string[] {
  return match.factors.filter((f) => f.outcome === 'fails').map((f) => f.explanation);
}
