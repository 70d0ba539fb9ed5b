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
  providerId: string;
  accepted: boolean;
  /** The decline reason's code when the provider declined, else null. */
  declineReason: string | null;
  n?: number;
};

export type FlowBox = { stage: FlowStage; schemeId?: string; referrer?: string; providerId?: string; reason?: string };

export function inFlowBox(f: FlowFact, b: FlowBox): boolean {
  return (
    (b.stage === 'referred' || (b.stage === 'accepted' ? f.accepted : f.declineReason !== null)) &&
    (b.schemeId === undefined || f.schemeId === b.schemeId) &&
    (b.referrer === undefined || f.referrer === b.referrer) &&
    (b.providerId === undefined || f.providerId === b.providerId) &&
    (b.reason === undefined || f.declineReason === b.reason)
  );
}

/** Each referral's value for every filter a count could narrow it by. */
const keysOf = (f: FlowFact) => [
  f.schemeId,
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
 * One row per referrer and provider pair (every pair with a referral), and a first row for all of
 * them ('' for both). `replies(referrer, provider)` gives the median reply time and how many replies
 * it is over, for the pair ('' for all).
 */
export function flowRows(
  facts: readonly FlowFact[],
  filters: { schemeId?: string },
  replies: (referrer: string, providerId: string) => { replies: number; medianWorkingDays: number | null },
): FlowRow[] {
  const pairs = new Map<string, { referrer: string; providerId: string }>();
  for (const f of facts) pairs.set(`${f.referrer}|${f.providerId}`, { referrer: f.referrer, providerId: f.providerId });
  const row = (referrer: string, providerId: string): FlowRow => {
    const base = { ...filters, ...(referrer ? { referrer } : {}), ...(providerId ? { providerId } : {}) };
    const referred = flowCount(facts, { ...base, stage: 'referred' });
    const accepted = flowCount(facts, { ...base, stage: 'accepted' });
    const declined = flowCount(facts, { ...base, stage: 'declined' });
    const codes = [...new Set(facts.filter((f) => inFlowBox(f, { ...base, stage: 'declined' })).map((f) => f.declineReason!))].sort();
    const r = replies(referrer, providerId);
    return {
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
  return [row('', ''), ...[...pairs.values()].map((p) => row(p.referrer, p.providerId))];
}
