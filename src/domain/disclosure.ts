/**
 * Disclosure control for outcome reports (decision 012). One place decides what may be published; the
 * page, the CSV, the printable report and the charts all show what comes out of here.
 *
 * A report is a "box": one area or all, one provider or all, one activity or all, and a run of whole
 * months. Its figures for a measure are released only when, for the people behind them (the group):
 *   1. every smaller box inside it — any area, provider or activity choice narrower than the report's,
 *      any shorter run of months, and the people who also answered at the other time point — holds
 *      either everyone in the group or at least MIN_GROUP fewer people (the empty box makes this
 *      "at least MIN_GROUP people" for the group itself); and
 *   2. for each filter the report leaves open, the people in its small parts (values or months with
 *      1 to MIN_GROUP − 1 people), together, are none or at least MIN_GROUP.
 * Rule 1 proves that no two released groups differ by 1 to 9 people either way: the intersection of two
 * boxes is a box inside both, so each one-sided difference is a difference to a sub-box. Rule 2 stops
 * the "whole minus its released parts" attack along one filter.
 */
export const MIN_GROUP = 10;
export const ROUND_TO = 5;

/** A published count: 0, null ("fewer than 10") or rounded to the nearest 5. */
export function publishedCount(n: number): number | null {
  if (n <= 0) return 0;
  if (n < MIN_GROUP) return null;
  return Math.round(n / ROUND_TO) * ROUND_TO;
}

/** Published means, changes and limits: one decimal place. */
export const publishedMean = (x: number) => Math.round(x * 10) / 10;

/**
 * People in a group, by the filters a report could narrow them with. `keys` are categorical values
 * (area, provider, activity, "also answered at the other time point"); an empty key is a value no
 * report can choose (it is still part of the group). `month` numbers consecutive months.
 */
export type GroupCell = { keys: readonly string[]; month: number; n: number };

const total = (cells: readonly GroupCell[]) => cells.reduce((s, c) => s + c.n, 0);
const risky = (loss: number) => loss > 0 && loss < MIN_GROUP;

export function mayRelease(cells: readonly GroupCell[]): boolean {
  const all = cells.filter((c) => c.n > 0);
  const n = total(all);
  if (n < MIN_GROUP) return false;
  const dims = all[0]?.keys.length ?? 0;
  return smallPartsSafe(all, dims) && subBoxesSafe(all, n, 0, dims);
}

/** Rule 1, depth-first over narrower choices of each filter in turn, then over runs of months. */
function subBoxesSafe(cells: readonly GroupCell[], n: number, dim: number, dims: number): boolean {
  if (dim === dims) return monthsSafe(cells, n);
  if (!subBoxesSafe(cells, n, dim + 1, dims)) return false;
  for (const [value, part] of byKey(cells, dim)) {
    if (value === '') continue;
    const kept = total(part);
    if (risky(n - kept)) return false;
    // A part with everyone is the branch above; a part that lost MIN_GROUP people can only lose more.
    if (kept < n && n - kept < MIN_GROUP && !subBoxesSafe(part, n, dim + 1, dims)) return false;
  }
  return true;
}

/** Every shorter run of months inside the report's months (runs over empty months change nothing). */
function monthsSafe(cells: readonly GroupCell[], n: number): boolean {
  const perMonth = [...byMonth(cells).entries()].sort((a, b) => a[0] - b[0]).map(([, count]) => count);
  for (let i = 0; i < perMonth.length; i++) {
    let kept = 0;
    for (let j = i; j < perMonth.length; j++) {
      kept += perMonth[j]!;
      if (risky(n - kept)) return false;
    }
  }
  return true;
}

/** Rule 2: along each filter, the small parts together are none or at least MIN_GROUP. */
function smallPartsSafe(cells: readonly GroupCell[], dims: number): boolean {
  const small = (counts: Iterable<number>) => [...counts].filter((c) => c < MIN_GROUP).reduce((s, c) => s + c, 0);
  for (let d = 0; d < dims; d++) {
    const parts = [...byKey(cells, d)].filter(([value]) => value !== '').map(([, part]) => total(part));
    const unchoosable = total(cells.filter((c) => c.keys[d] === ''));
    // Only the area, provider and activity split a group into parts; "also answered later" has one choosable value.
    if (parts.length > 1 && risky(small(parts) + unchoosable)) return false;
  }
  return !risky(small(byMonth(cells).values()));
}

function byKey(cells: readonly GroupCell[], dim: number): Map<string, GroupCell[]> {
  const out = new Map<string, GroupCell[]>();
  for (const c of cells) {
    const k = c.keys[dim]!;
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

function byMonth(cells: readonly GroupCell[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of cells) out.set(c.month, (out.get(c.month) ?? 0) + c.n);
  return out;
}
