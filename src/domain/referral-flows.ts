import { type GroupCell, MIN_GROUP, mayRelease, publishedCount } from './disclosure.ts';

/**
 * Referral flows (issue 12, decision 044 addendum): from the referring organisation (or, with none
 * recorded, the referral route) to the provider, how many referrals were sent, how many the provider
 * accepted, how many it declined and why, and how long it took to reply. Every count is a "box" (one
 * scheme or all, one referrer or all, one provider or all, the stage, and for declines one reason or
 * all) released with the outcome reports' rule (decision 012), as reach is (domain/reach.ts):
 * `mayRelease` over the referrals in it with every one of those filters as a dimension, rounded to 5.
 */
export type FlowStage = 'referred' | 'accepted' | 'declined';

export type FlowFact = {
  schemeId: string;
  /** The referring organisation's id, or `route:<route>` when the referral has none. */
  referrer: string;
  /** The referral route: link_worker (GP or link worker), self or connector. */
  route: string;
  providerId: string;
  accepted: boolean;
  /** The decline reason's code when the provider declined, else null. */
  declineReason: string | null;
  n?: number;
};

export type FlowBox = { stage: FlowStage; schemeId?: string; route?: string; referrer?: string; providerId?: string; reason?: string };

export function inFlowBox(f: FlowFact, b: FlowBox): boolean {
  return (
    (b.stage === 'referred' || (b.stage === 'accepted' ? f.accepted : f.declineReason !== null)) &&
    (b.schemeId === undefined || f.schemeId === b.schemeId) &&
    (b.route === undefined || f.route === b.route) &&
    (b.referrer === undefined || f.referrer === b.referrer) &&
    (b.providerId === undefined || f.providerId === b.providerId) &&
    (b.reason === undefined || f.declineReason === b.reason)
  );
}

/** Each referral's value for every filter a count could narrow it by. */
const keysOf = (f: FlowFact) => [
  f.schemeId,
  f.route,
  f.referrer,
  f.providerId,
  f.accepted ? 'accepted' : '',
  f.declineReason === null ? '' : 'declined',
  f.declineReason ?? '',
];

function cellsOf(facts: readonly FlowFact[]): GroupCell[] {
  const cells = new Map<string, GroupCell>();
  for (const f of facts) {
    const keys = keysOf(f);
    const id = keys.join('|');
    const cell = cells.get(id);
    if (cell) cell.n += f.n ?? 1;
    else cells.set(id, { keys, month: 0, n: f.n ?? 1 });
  }
  return [...cells.values()];
}

/** The published count of one box: 0, a number rounded to 5, or null for "fewer than 10 or not shown". */
export function flowCount(facts: readonly FlowFact[], box: FlowBox): number | null {
  const inside = facts.filter((f) => inFlowBox(f, box));
  const n = inside.reduce((sum, f) => sum + (f.n ?? 1), 0);
  if (n === 0) return 0;
  return mayRelease(cellsOf(inside)) ? publishedCount(n) : null;
}

export type FlowRow = {
  /** '' for every route. */
  route: string;
  referrer: string;
  providerId: string;
  referred: number | null;
  accepted: number | null;
  /** Accepted over referred, from the published counts. */
  acceptedShare: number | null;
  declined: number | null;
  /** Each reason that was given, with its published count. */
  reasons: { code: string; count: number | null }[];
  /** Median working days from sent to the provider's first reply, when at least MIN_GROUP replies are behind it and the row is shown. */
  medianReplyDays: number | null;
};

/**
 * A first row for all referrals, one for each referral route, then one per route, referrer and
 * provider (every combination with a referral); '' stands for "all". With a route among the filters,
 * every row is of that route. `replies(route, referrer, provider)` gives the median reply time and
 * how many replies it is over.
 */
export function flowRows(
  facts: readonly FlowFact[],
  filters: { schemeId?: string; route?: string },
  replies: (route: string, referrer: string, providerId: string) => { replies: number; medianWorkingDays: number | null },
): FlowRow[] {
  const chosen = facts.filter((f) => filters.route === undefined || f.route === filters.route);
  const routes = [...new Set(chosen.map((f) => f.route))].sort();
  const triples = new Map<string, { route: string; referrer: string; providerId: string }>();
  for (const f of chosen) triples.set(`${f.route}|${f.referrer}|${f.providerId}`, { route: f.route, referrer: f.referrer, providerId: f.providerId });
  const row = (route: string, referrer: string, providerId: string): FlowRow => {
    const base = {
      ...filters,
      ...(route ? { route } : {}),
      ...(referrer ? { referrer } : {}),
      ...(providerId ? { providerId } : {}),
    };
    const referred = flowCount(facts, { ...base, stage: 'referred' });
    const accepted = flowCount(facts, { ...base, stage: 'accepted' });
    const declined = flowCount(facts, { ...base, stage: 'declined' });
    const codes = [...new Set(facts.filter((f) => inFlowBox(f, { ...base, stage: 'declined' })).map((f) => f.declineReason!))].sort();
    const r = replies(base.route ?? '', referrer, providerId);
    return {
      route: base.route ?? '',
      referrer,
      providerId,
      referred,
      accepted,
      acceptedShare: referred && accepted !== null && accepted <= referred ? accepted / referred : null,
      declined,
      reasons: codes.map((code) => ({ code, count: flowCount(facts, { ...base, stage: 'declined', reason: code }) })),
      medianReplyDays: referred !== null && r.replies >= MIN_GROUP ? r.medianWorkingDays : null,
    };
  };
  return [
    row('', '', ''),
    ...(filters.route === undefined ? routes.map((route) => row(route, '', '')) : []),
    ...[...triples.values()].map((t) => row(t.route, t.referrer, t.providerId)),
  ];
}
