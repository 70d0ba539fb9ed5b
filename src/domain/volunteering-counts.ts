import { type GroupCell, mayRelease, publishedCount } from './disclosure.ts';

/**
 * The volunteering section of a coordinator's reports (decision 034), released with the outcome
 * reports' rule (decision 012). Every figure is a "box": one organisation or all, a run of whole
 * months (or "now" for the volunteers as they are today), and for volunteers a yes/no condition
 * (ready, trained, a check due within 30 days, a check expired). A figure is shown only when
 * `mayRelease` passes for the records behind it with every filter as a dimension, so no two shown
 * figures differ by 1 to 9 records either way and no total minus its parts isolates a few.
 * Counts are rounded to the nearest 5; hours to the nearest 5 and only with their visits' count;
 * the median minutes to acknowledge an alert only with the alerts' count.
 */

/** A published count: a number (rounded to 5, or 0), or null for "not shown". */
export type Shown = number | null;

/** A record counted: its organisation, its month number and the yes/no conditions it meets. */
export type Fact = { organisationId: string; month: number; flags: readonly string[] };

/** One figure's filters; `months` is a run of month numbers, both ends included. */
export type Box = { organisationId?: string; flag?: string; months: readonly [number, number] };

export const inBox = (f: Fact, b: Box) =>
  f.month >= b.months[0] &&
  f.month <= b.months[1] &&
  (b.organisationId === undefined || f.organisationId === b.organisationId) &&
  (b.flag === undefined || f.flags.includes(b.flag));

/** Cells for the release rule: the organisation, then one yes/no dimension per flag a figure could ask for. */
export function cellsOf(facts: readonly Fact[], flags: readonly string[]): GroupCell[] {
  const cells = new Map<string, GroupCell>();
  for (const f of facts) {
    const keys = [f.organisationId, ...flags.map((fl) => (f.flags.includes(fl) ? fl : ''))];
    const id = `${keys.join('|')}#${f.month}`;
    const cell = cells.get(id);
    if (cell) cell.n += 1;
    else cells.set(id, { keys, month: f.month, n: 1 });
  }
  return [...cells.values()];
}

/** The records inside a box when its figure may be published; null when it may not. */
export function releasedIn<F extends Fact>(facts: readonly F[], box: Box, flags: readonly string[]): F[] | null {
  const inside = facts.filter((f) => inBox(f, box));
  if (inside.length === 0) return [];
  return mayRelease(cellsOf(inside, flags)) ? inside : null;
}

export const countBox = (facts: readonly Fact[], box: Box, flags: readonly string[] = []): Shown => {
  const inside = releasedIn(facts, box, flags);
  return inside === null ? null : publishedCount(inside.length);
};

/** Volunteers as they are today. */
export const VOLUNTEER_FLAGS = ['ready', 'trained', 'due_soon', 'expired'] as const;
export type VolunteerFlag = (typeof VOLUNTEER_FLAGS)[number];

/** A finished visit: its minutes. An alert: minutes until acknowledged (null while open). */
export type VisitFact = Fact & { minutes: number };
export type AlertFact = Fact & { ackMinutes: number | null };

/** Hours published: rounded to the nearest 5, only when the visits behind them may be counted. */
export const publishedHours = (minutes: number) => Math.round(minutes / 60 / 5) * 5;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export type VolunteerRow = { key: string; label: string; volunteers: Shown; ready: Shown; trained: Shown; dueSoon: Shown; expired: Shown };
export type ActivityRow = { key: string; label: string; visits: Shown; hours: Shown; alerts: Shown; medianAckMinutes: Shown };

/** One row of "volunteers now" for a box. */
function volunteerRow(facts: readonly Fact[], box: Box, key: string, label: string): VolunteerRow {
  const c = (flag?: VolunteerFlag) => countBox(facts, flag ? { ...box, flag } : box, VOLUNTEER_FLAGS);
  return { key, label, volunteers: c(), ready: c('ready'), trained: c('trained'), dueSoon: c('due_soon'), expired: c('expired') };
}

/** One row of visits, hours and alerts for a box. */
function activityRow(visits: readonly VisitFact[], alerts: readonly AlertFact[], box: Box, key: string, label: string): ActivityRow {
  const v = releasedIn(visits, box, []);
  const a = releasedIn(alerts, box, []);
  // The median is of acknowledged alerts, published only when every alert in the box may be counted.
  const acknowledged = a?.flatMap((x) => (x.ackMinutes === null ? [] : [x.ackMinutes])) ?? [];
  const m = a && a.length > 0 ? median(acknowledged) : null;
  return {
    key,
    label,
    visits: v === null ? null : publishedCount(v.length),
    hours: v === null ? null : publishedHours(v.reduce((s, x) => s + x.minutes, 0)),
    alerts: a === null ? null : publishedCount(a.length),
    medianAckMinutes: m === null ? null : Math.round(m),
  };
}

export type VolunteeringCounts = {
  volunteersNow: VolunteerRow[];
  byOrganisation: ActivityRow[];
  byMonth: ActivityRow[];
  total: ActivityRow;
};

/**
 * The volunteering section: today's volunteers by organisation (with the total first), and visits,
 * hours and check-out alerts over a run of months, by organisation and by month.
 */
export function volunteeringCounts(
  data: { volunteers: readonly Fact[]; visits: readonly VisitFact[]; alerts: readonly AlertFact[] },
  opts: { months: readonly [number, number]; organisations: readonly { id: string; name: string }[]; monthLabel: (m: number) => string },
): VolunteeringCounts {
  const now: Box = { months: [0, 0] };
  const period: Box = { months: opts.months };
  const months: number[] = [];
  for (let m = opts.months[0]; m <= opts.months[1]; m++) months.push(m);
  return {
    volunteersNow: [
      volunteerRow(data.volunteers, now, 'all', 'All organisations'),
      ...opts.organisations.map((o) => volunteerRow(data.volunteers, { ...now, organisationId: o.id }, o.id, o.name)),
    ],
    total: activityRow(data.visits, data.alerts, period, 'all', 'All organisations'),
    byOrganisation: opts.organisations.map((o) => activityRow(data.visits, data.alerts, { ...period, organisationId: o.id }, o.id, o.name)),
    byMonth: months.map((m) => activityRow(data.visits, data.alerts, { months: [m, m] }, String(m), opts.monthLabel(m))),
  };
}

/** A volunteer who answered a measure at training and 3 months later; `month` is when they answered at training. */
export type PairFact = Fact & { before: number; after: number };
export type PairedRow = { key: string; label: string; people: Shown; before: number | null; after: number | null; change: number | null };

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/**
 * The volunteer questionnaire's change from training to 3 months later, for one measure and box:
 * the means and the mean change (one decimal place), shown only when the pairs behind them may be
 * counted (decision 012's rule, as for every other figure here).
 */
export function pairedRow(pairs: readonly PairFact[], box: Box, key: string, label: string): PairedRow {
  const inside = releasedIn(pairs, box, []);
  if (inside === null || inside.length === 0) return { key, label, people: inside === null ? null : 0, before: null, after: null, change: null };
  const before = mean(inside.map((p) => p.before));
  const after = mean(inside.map((p) => p.after));
  return { key, label, people: publishedCount(inside.length), before: oneDecimal(before), after: oneDecimal(after), change: oneDecimal(after - before) };
}
