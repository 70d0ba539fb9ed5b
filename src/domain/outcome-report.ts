import type { InstrumentCode, Measure } from './instruments/instrument.ts';
import { INSTRUMENTS } from './instruments/registry.ts';
import { MIN_GROUP, publishedCount, publishedMean } from './disclosure.ts';
import { pairedTTest, wilcoxonSignedRank, type Frequency } from './statistics.ts';

/**
 * Outcome reports from frequency tables. The database hands over, per measure, how many people had
 * each (baseline score, later score) pair; everything here is computed from those counts. Disclosure
 * control (decision 012) happens before anything leaves this module (pages, charts, CSV, print): a
 * measure's figures appear only when `release` says its group may be published, counts are rounded
 * to the nearest 5 (1 to 9 are "fewer than 10"), and means, changes and limits have one decimal place.
 */
export const MIN_COUNT = MIN_GROUP;

/** null = suppressed (1 to 9 people, or a count that would reveal one). */
export type Shown = number | null;
export type Share = { count: Shown; percent: Shown };

export type PairRow = { instrument: InstrumentCode; measureIndex: number; before: number | null; after: number | null; n: number };
export type ReportCounts = { referred: number; started: number; paired: number };

type Base = { instrument: InstrumentCode; code: string; label: string; better: Measure['better']; source: string | null };

export type ScaleOutcome = Base & {
  kind: 'scale' | 'count';
  threshold: number;
  paired: Shown;
  /** Statistics are shown only when at least MIN_COUNT people have both scores. */
  enough: boolean;
  beforeMean: number | null;
  afterMean: number | null;
  meanChange: number | null;
  ci95: [number, number] | null;
  t: number | null;
  df: number | null;
  tTestP: number | null;
  wilcoxonP: number | null;
  wilcoxonMethod: 'exact' | 'normal' | null;
  improved: Share;
  unchanged: Share;
  worse: Share;
};

export type YesNoOutcome = Base & { kind: 'yes_no'; paired: Shown; enough: boolean; before: Share; after: Share };

export type ChangeOutcome = Base & {
  kind: 'change';
  answered: Shown;
  enough: boolean;
  /** Shares of those on medication; not-on-medication is a share of everyone who answered. */
  reduced: Share;
  same: Share;
  increased: Share;
  notOnMedication: Share;
};

export type MeasureOutcome = ScaleOutcome | YesNoOutcome | ChangeOutcome;

export type OutcomeReport = {
  referred: Shown;
  started: Shown;
  paired: Shown;
  /** People with a baseline and a later questionnaire, as a share of those who started. */
  completionRate: Shown;
  measures: MeasureOutcome[];
};

/** Whether a measure's group may be published (decision 012); asked once per measure. */
export type Release = (instrument: InstrumentCode, measureIndex: number) => boolean;

export const suppress = (n: number): Shown => publishedCount(n);

/**
 * Suppresses a set of counts that add up to a shown total. Counts of 1–4 are hidden; then, because the
 * hidden cells can be worked out together by subtraction from the total, more cells (smallest first)
 * are hidden until at least two are hidden and together they hold 0 or at least 5 people.
 */
export function suppressSplit(counts: readonly number[]): Shown[] {
  const shown: Shown[] = counts.map((c) => (c > 0 && c < MIN_COUNT ? null : c));
  const hidden = () => shown.filter((s) => s === null).length;
  const hiddenTotal = () => counts.reduce((sum, c, i) => sum + (shown[i] === null ? c : 0), 0);
  while (hidden() > 0 && (hidden() === 1 || (hiddenTotal() > 0 && hiddenTotal() < MIN_COUNT))) {
    let next = -1;
    counts.forEach((c, i) => {
      if (shown[i] !== null && c > 0 && (next < 0 || c < counts[next]!)) next = i;
    });
    if (next < 0) break;
    shown[next] = null;
  }
  return shown.map((c) => (c === null ? null : publishedCount(c)));
}

/** Whole percentages of published (rounded) counts, so a percentage never gives away an exact count. */
const percent = (count: Shown, total: Shown): Shown => (count === null || total === null || total === 0 ? null : Math.round((100 * count) / total));
const shares = (counts: number[], total: number): Share[] => suppressSplit(counts).map((c) => ({ count: c, percent: percent(c, publishedCount(total)) }));
const HIDDEN: Share = { count: null, percent: null };

const round2 = (x: number) => Math.round(x * 100) / 100;
const mean1 = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : publishedMean(x));

function scaleOutcome(base: Base, measure: Measure, rows: PairRow[], released: boolean): ScaleOutcome {
  const pairs = rows.filter((r) => r.before !== null && r.after !== null);
  const n = pairs.reduce((s, r) => s + r.n, 0);
  const threshold = measure.meaningfulChange?.points ?? 1;
  const enough = released && n >= MIN_COUNT;
  const diffs = new Map<number, number>();
  let before = 0,
    after = 0,
    improved = 0,
    worse = 0;
  for (const r of pairs) {
    const d = round2(r.after! - r.before!);
    diffs.set(d, (diffs.get(d) ?? 0) + r.n);
    before += r.before! * r.n;
    after += r.after! * r.n;
    const towardsBetter = measure.better === 'higher' ? d : -d;
    if (towardsBetter >= threshold - 1e-9) improved += r.n;
    else if (towardsBetter <= -threshold + 1e-9) worse += r.n;
  }
  const freq: Frequency[] = [...diffs].map(([value, count]) => ({ value, count }));
  const t = enough ? pairedTTest(freq) : null;
  const w = enough ? wilcoxonSignedRank(freq) : null;
  const [imp, same, wor] = enough ? shares([improved, n - improved - worse, worse], n) : [HIDDEN, HIDDEN, HIDDEN];
  return {
    ...base,
    kind: measure.kind === 'count' ? 'count' : 'scale',
    threshold,
    paired: suppress(n),
    enough,
    beforeMean: enough ? mean1(before / n) : null,
    afterMean: enough ? mean1(after / n) : null,
    meanChange: mean1(t?.meanDifference),
    ci95: t?.ci95 ? [publishedMean(t.ci95[0]), publishedMean(t.ci95[1])] : null,
    t: null,
    df: null,
    tTestP: t?.p ?? null,
    wilcoxonP: w?.p ?? null,
    wilcoxonMethod: w?.method ?? null,
    improved: imp!,
    unchanged: same!,
    worse: wor!,
  };
}

function yesNoOutcome(base: Base, rows: PairRow[], released: boolean): YesNoOutcome {
  const pairs = rows.filter((r) => r.before !== null && r.after !== null);
  const n = pairs.reduce((s, r) => s + r.n, 0);
  const enough = released && n >= MIN_COUNT;
  const yes = (which: 'before' | 'after') => pairs.filter((r) => r[which] === 1).reduce((s, r) => s + r.n, 0);
  const at = (which: 'before' | 'after'): Share => (enough ? shares([yes(which), n - yes(which)], n)[0]! : HIDDEN);
  return { ...base, kind: 'yes_no', paired: suppress(n), enough, before: at('before'), after: at('after') };
}

function changeOutcome(base: Base, rows: PairRow[], released: boolean): ChangeOutcome {
  const answers = rows.filter((r) => r.after !== null);
  const count = (v: number) => answers.filter((r) => r.after === v).reduce((s, r) => s + r.n, 0);
  const [reduced, same, increased, notOn] = [count(1), count(2), count(3), count(4)];
  const total = reduced + same + increased + notOn;
  const onMedication = reduced + same + increased;
  const enough = released && total >= MIN_COUNT;
  const split = enough ? suppressSplit([reduced, same, increased, notOn]) : [null, null, null, null];
  const share = (i: number, denominator: number): Share => ({ count: split[i]!, percent: percent(split[i]!, publishedCount(denominator)) });
  return {
    ...base,
    kind: 'change',
    answered: suppress(total),
    enough,
    reduced: share(0, onMedication),
    same: share(1, onMedication),
    increased: share(2, onMedication),
    notOnMedication: share(3, total),
  };
}

export function buildOutcomeReport(counts: ReportCounts, rows: readonly PairRow[], release: Release): OutcomeReport {
  const measures: MeasureOutcome[] = [];
  for (const instrument of INSTRUMENTS) {
    const mine = rows.filter((r) => r.instrument === instrument.code);
    if (mine.length === 0) continue;
    instrument.measures.forEach((measure, index) => {
      const rowsOf = mine.filter((r) => r.measureIndex === index);
      const base: Base = {
        instrument: instrument.code,
        code: measure.code,
        label: measure.label,
        better: measure.better,
        source: measure.meaningfulChange?.source ?? null,
      };
      const released = release(instrument.code, index);
      if (measure.kind === 'yes_no') measures.push(yesNoOutcome(base, rowsOf, released));
      else if (measure.kind === 'change') measures.push(changeOutcome(base, rowsOf, released));
      else measures.push(scaleOutcome(base, measure, rowsOf, released));
    });
  }
  const started = suppress(counts.started);
  const paired = suppress(counts.paired);
  return {
    referred: suppress(counts.referred),
    started,
    paired,
    completionRate: started === null || paired === null ? null : percent(paired, started),
    measures,
  };
}
