import { type GroupCell, mayRelease, publishedCount } from './disclosure.ts';
import { NEEDS } from './vocabulary.ts';
import { INFO_POINTS } from './signposting.ts';

/**
 * Counts of signposting conversations for coordinators and connectors (decision 029), released
 * with the outcome reports' rule (decision 012). Every count published is a "box": one connector or
 * all, one information point or all, one need or all, referrals only or all, and a run of whole
 * months. A box's count is shown only when `mayRelease` passes for the conversations in it, with
 * every one of those filters as a dimension, so no two shown counts differ by 1 to 9 conversations
 * either way and no total minus its parts isolates a few. Shown counts are rounded to the nearest 5.
 */
export type SignpostingFact = { connectorId: string; infoPoint: string; needs: readonly string[]; referral: boolean; month: number };

/** One count's filters; `months` is a run of month numbers, both ends included. */
export type SignpostingBox = { connectorId?: string; infoPoint?: string; need?: string; referral?: true; months: readonly [number, number] };

/** A published count: a number (rounded to 5, or 0), or null for "not shown". */
export type ShownCount = number | null;

export function inBox(f: SignpostingFact, b: SignpostingBox): boolean {
  return (
    f.month >= b.months[0] &&
    f.month <= b.months[1] &&
    (b.connectorId === undefined || f.connectorId === b.connectorId) &&
    (b.infoPoint === undefined || f.infoPoint === b.infoPoint) &&
    (b.need === undefined || f.needs.includes(b.need)) &&
    (b.referral === undefined || f.referral)
  );
}

/** Each fact's values for every filter a count could narrow it by; a need it lacks cannot be chosen (''). */
function keysOf(f: SignpostingFact): string[] {
  return [f.connectorId, f.infoPoint, f.referral ? 'referral' : '', ...NEEDS.map((n) => (f.needs.includes(n.code) ? n.code : ''))];
}

export function cellsOf(facts: readonly SignpostingFact[]): GroupCell[] {
  const cells = new Map<string, GroupCell>();
  for (const f of facts) {
    const keys = keysOf(f);
    const id = `${keys.join('|')}#${f.month}`;
    const cell = cells.get(id);
    if (cell) cell.n += 1;
    else cells.set(id, { keys, month: f.month, n: 1 });
  }
  return [...cells.values()];
}

/** The published count of one box. */
export function countBox(facts: readonly SignpostingFact[], box: SignpostingBox): ShownCount {
  const inside = facts.filter((f) => inBox(f, box));
  if (inside.length === 0) return 0;
  return mayRelease(cellsOf(inside)) ? publishedCount(inside.length) : null;
}

export type CountRow = { key: string; label: string; count: ShownCount };
export type SignpostingCounts = {
  total: ShownCount;
  referrals: ShownCount;
  byConnector: CountRow[];
  byInfoPoint: CountRow[];
  byNeed: CountRow[];
  byMonth: CountRow[];
};

/**
 * The counts page: for the scheme (or one connector's own conversations), over a run of months.
 * `connectors` lists who to show by connector (empty for a connector's own counts).
 */
export function signpostingCounts(
  facts: readonly SignpostingFact[],
  opts: { months: readonly [number, number]; connectorId?: string; connectors: readonly { id: string; name: string }[]; monthLabel: (m: number) => string },
): SignpostingCounts {
  const base: SignpostingBox = opts.connectorId ? { connectorId: opts.connectorId, months: opts.months } : { months: opts.months };
  const count = (extra: Partial<SignpostingBox>) => countBox(facts, { ...base, ...extra });
  const months: number[] = [];
  for (let m = opts.months[0]; m <= opts.months[1]; m++) months.push(m);
  return {
    total: count({}),
    referrals: count({ referral: true }),
    byConnector: opts.connectorId ? [] : opts.connectors.map((c) => ({ key: c.id, label: c.name, count: count({ connectorId: c.id }) })),
    byInfoPoint: INFO_POINTS.map((p) => ({ key: p.code, label: p.label, count: count({ infoPoint: p.code }) })),
    byNeed: NEEDS.map((n) => ({ key: n.code, label: n.label, count: count({ need: n.code }) })),
    byMonth: months.map((m) => ({ key: String(m), label: opts.monthLabel(m), count: count({ months: [m, m] }) })),
  };
}
