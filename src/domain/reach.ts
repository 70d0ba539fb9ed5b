import { type GroupCell, mayRelease, publishedCount } from './disclosure.ts';
import { QUINTILES, wilsonInterval } from './deprivation.ts';

/**
 * Reach by deprivation (issue 12, decision 044): of the people referred, starting, completing and
 * improving, how many live in each IMD quintile, against the local population's share. Every count
 * shown is a "box" (one scheme or all, one provider or all, one referral route or all, one quintile or
 * all, those whose quintile is known or all, and the stage) released with the outcome reports' rule
 * (decision 012): `mayRelease` over the referrals in it with every one of those filters as a dimension
 * (each later stage is a subset of the referrals), rounded to 5.
 * The report covers one fixed period, so months are not a filter (a report with choosable periods
 * would have to pass them).
 */
export const REACH_STAGES = [
  { code: 'referred', label: 'Referrals', how: 'referrals sent in the period' },
  { code: 'started', label: 'First attendances', how: 'of those, people recorded as attending at least once' },
  { code: 'completed', label: 'Completed prescriptions', how: 'of those, referrals marked completed' },
  {
    code: 'improved',
    label: 'Improved wellbeing',
    how: 'of those, people whose end-of-prescription (S)WEMWBS score was higher than their first one',
  },
] as const;
export type ReachStage = (typeof REACH_STAGES)[number]['code'];

export type ReachFact = {
  schemeId: string;
  providerId: string;
  route: string;
  /** 1–5, or null when the person's postcode gives no neighbourhood. */
  quintile: number | null;
  stages: readonly ReachStage[];
  /** How many referrals share these values (1 when each fact is one referral). */
  n?: number;
};

export type ReachBox = { stage: ReachStage; schemeId?: string; providerId?: string; route?: string; quintile?: number; known?: true };

export function inReachBox(f: ReachFact, b: ReachBox): boolean {
  return (
    f.stages.includes(b.stage) &&
    (b.schemeId === undefined || f.schemeId === b.schemeId) &&
    (b.providerId === undefined || f.providerId === b.providerId) &&
    (b.route === undefined || f.route === b.route) &&
    (b.quintile === undefined || f.quintile === b.quintile) &&
    (b.known === undefined || f.quintile !== null)
  );
}

/** Each referral's values for every filter a count could narrow it by; the later stages are filters too (each a subset of referrals). */
const keysOf = (f: ReachFact) => [
  f.schemeId,
  f.providerId,
  f.route,
  f.quintile === null ? '' : String(f.quintile),
  f.quintile === null ? '' : 'known',
  ...REACH_STAGES.slice(1).map((s) => (f.stages.includes(s.code) ? s.code : '')),
];

/** Each fact's keys and their joined form, worked out once however many boxes it is counted in. */
const keyCache = new WeakMap<ReachFact, { keys: string[]; id: string }>();
function keyed(f: ReachFact) {
  let k = keyCache.get(f);
  if (!k) {
    const keys = keysOf(f);
    k = { keys, id: keys.join('|') };
    keyCache.set(f, k);
  }
  return k;
}

function cellsOf(facts: readonly ReachFact[]): GroupCell[] {
  const cells = new Map<string, GroupCell>();
  for (const f of facts) {
    const { keys, id } = keyed(f);
    const cell = cells.get(id);
    if (cell) cell.n += f.n ?? 1;
    else cells.set(id, { keys, month: 0, n: f.n ?? 1 });
  }
  return [...cells.values()];
}

/** The published count of one box: a number (0, or rounded to 5), or null for "fewer than 10 or not shown". */
export function reachCount(facts: readonly ReachFact[], box: ReachBox): number | null {
  const inside = facts.filter((f) => inReachBox(f, box));
  const n = inside.reduce((sum, f) => sum + (f.n ?? 1), 0);
  if (n === 0) return 0;
  return mayRelease(cellsOf(inside)) ? publishedCount(n) : null;
}

export type ReachRow = {
  quintile: number;
  count: number | null;
  /** Share of those whose quintile is known, from the published counts, with a Wilson 95% interval. */
  share: number | null;
  ci: [number, number] | null;
  populationShare: number | null;
};
export type ReachTable = { stage: ReachStage; label: string; how: string; total: number | null; known: number | null; rows: ReachRow[] };

/**
 * One table per stage for a choice of filters. `population` is the local population by quintile
 * (people, from the IoD denominators) of the area the report covers.
 */
export function reachTables(
  facts: readonly ReachFact[],
  filters: { schemeId?: string; providerId?: string; route?: string },
  population: ReadonlyMap<number, number>,
): ReachTable[] {
  const people = [...population.values()].reduce((s, n) => s + n, 0);
  return REACH_STAGES.map((stage) => {
    const base: ReachBox = { stage: stage.code, ...filters };
    const total = reachCount(facts, base);
    const known = reachCount(facts, { ...base, known: true });
    const rows = QUINTILES.map((q): ReachRow => {
      const count = reachCount(facts, { ...base, quintile: q });
      const usable = count !== null && known !== null && known > 0 && count <= known;
      return {
        quintile: q,
        count,
        share: usable ? count / known : null,
        ci: usable ? wilsonInterval(count, known) : null,
        populationShare: people > 0 ? (population.get(q) ?? 0) / people : null,
      };
    });
    return { stage: stage.code, label: stage.label, how: stage.how, total, known, rows };
  });
}
