import { walkListItem } from '../walks/walk.view-model.ts';
import { countOf } from '../../../domain/plural.ts';
import type { MatchCandidate } from '../../../data/repositories/matching.repository.ts';
import { FACTORS, MATCH_RADIUS_MILES, MATCHES_SHOWN, OUTCOME_CREDIT, reasonsNotSuitable, type Outcome, type RankedMatch } from '../../../domain/matching.ts';
import type { MatchOutcome } from '../../../services/matching.service.ts';
import { formatDistance, formatUkDateTime } from '../../render.ts';
import { paths } from '../../paths.ts';
import { costLabel } from '../search/result.view-model.ts';
import { statusTag } from '../referrals/referral.view-model.ts';

export type MatchPageRequest = { radiusMiles: number; soon: boolean; showUnsuitable: boolean };

/** How each outcome is shown: the words, and the NHS.UK tag colour. */
export const OUTCOME_TAGS: Record<Outcome, { text: string; classes: string }> = {
  good: { text: 'Good', classes: 'nhsuk-tag--green' },
  partial: { text: 'Partly', classes: 'nhsuk-tag--yellow' },
  poor: { text: 'Poor', classes: 'nhsuk-tag--orange' },
  fails: { text: 'Not suitable', classes: 'nhsuk-tag--red' },
  unknown: { text: 'Not known', classes: 'nhsuk-tag--grey' },
};
const ORDER: Outcome[] = ['fails', 'poor', 'partial', 'unknown', 'good'];

export function matchesHref(participantId: string, r: MatchPageRequest, over: Partial<MatchPageRequest> = {}, anchor = ''): string {
  const q = { ...r, ...over };
  const params = new URLSearchParams({ radius: String(q.radiusMiles) });
  if (q.soon) params.set('soon', '1');
  if (q.showUnsuitable) params.set('show', 'unsuitable');
  return `${paths.caseload.matches(participantId)}?${params.toString()}${anchor}`;
}

function matchView(participantId: string, m: RankedMatch<MatchCandidate>, referred: MatchOutcome['alreadyReferred']) {
  const a = m.activity;
  const open = referred[a.id];
  const capacity = m.factors.find((f) => f.key === 'capacity');
  return {
    id: a.id,
    title: a.title,
    href: paths.activity(a.id),
    summary: a.summary,
    organisation: a.organisationName,
    place: [a.placeName, a.town].filter(Boolean).join(', '),
    score: m.score,
    distance: m.distanceM == null ? 'Not known' : formatDistance(m.distanceM),
    cost: costLabel(a.costType, a.pricePence),
    nextSession: a.nextSessionAt ? formatUkDateTime(a.nextSessionAt) : 'No dates set',
    places:
      capacity?.outcome === 'poor'
        ? 'Full: likely waiting list'
        : a.capacity == null
          ? 'Not given'
          : `${Math.max(0, a.capacity - a.placesHeld)} of ${a.capacity} free`,
    referHref: `${paths.caseload.refer(participantId)}?${new URLSearchParams({ activity: a.id }).toString()}`,
    alreadyReferred: open ? { tag: statusTag(open.status), href: paths.referrals.referral(open.id) } : null,
    reasons: reasonsNotSuitable(m),
    // At a glance, worst first, so what pulled a score down is never hidden.
    glance: ORDER.map((o) => ({
      tag: OUTCOME_TAGS[o],
      labels: m.factors
        .filter((f) => f.outcome === o)
        .map((f) => f.label)
        .join(', '),
    })).filter((g) => g.labels),
    factors: m.factors.map((f) => ({
      label: f.label,
      tag: OUTCOME_TAGS[f.outcome],
      explanation: f.explanation,
      weight: f.weight,
      points: Math.round(f.weight * OUTCOME_CREDIT[f.outcome] * 10) / 10,
    })),
  };
}

export type MatchView = ReturnType<typeof matchView>;

export function matchesPageView(outcome: MatchOutcome, r: MatchPageRequest) {
  const pid = outcome.participant.id;
  return {
    pageTitle: 'Activity matches',
    walks: outcome.walks.map(walkListItem),
    name: outcome.participant.preferredName,
    backHref: paths.caseload.participant(pid),
    formAction: paths.caseload.matches(pid),
    located: outcome.participant.located,
    hasPostcode: outcome.participant.hasPostcode,
    routeLabel: outcome.route === 'community_connector' ? 'community connectors' : 'link workers',
    radiusMiles: r.radiusMiles,
    soon: r.soon,
    showUnsuitable: r.showUnsuitable,
    radiusItems: MATCH_RADIUS_MILES.map((m) => ({ value: String(m), text: `Within ${countOf(m, 'mile')}`, selected: m === r.radiusMiles })),
    soonItems: [{ value: '1', text: 'Only activities with a session in the next 2 weeks', checked: r.soon }],
    matches: outcome.matches.map((m) => matchView(pid, m, outcome.alreadyReferred)),
    suitableCount: outcome.suitableCount,
    shownMax: MATCHES_SHOWN,
    unsuitableCount: outcome.unsuitable.length,
    unsuitable: r.showUnsuitable ? outcome.unsuitable.map((m) => matchView(pid, m, outcome.alreadyReferred)) : [],
    showUnsuitableHref: matchesHref(pid, r, { showUnsuitable: true }, '#not-suitable'),
    hideUnsuitableHref: matchesHref(pid, r, { showUnsuitable: false }),
    factors: FACTORS.map((f) => ({ label: f.label, weight: f.weight, about: f.about })),
    outcomes: (['good', 'partial', 'unknown', 'poor', 'fails'] as Outcome[]).map((o) => ({ tag: OUTCOME_TAGS[o], credit: OUTCOME_CREDIT[o] })),
  };
}
