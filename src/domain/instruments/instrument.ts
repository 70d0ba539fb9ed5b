/**
 * An instrument is data: its items, response options, how it is scored, its bands, what counts as a
 * meaningful change (and where that comes from) and its licence. The registry (registry.ts) lists them.
 */
export type InstrumentCode = 'swemwbs' | 'wemwbs' | 'ucla3' | 'ons4' | 'pilot' | 'volunteer_training';
export type TimePoint = 'baseline' | 'end' | 'follow_up';
export const TIME_POINTS: readonly { code: TimePoint; label: string }[] = [
  { code: 'baseline', label: 'Baseline' },
  { code: 'end', label: 'End of prescription' },
  { code: 'follow_up', label: 'Follow-up' },
];

export type ResponseOption = { value: number; label: string };

export type Item = {
  key: string;
  /** Shipped wording. Absent for licensed instruments: the organisation loads it (instrument-wording.ts). */
  text?: string;
  hint?: string;
  kind: 'options' | 'count';
  options?: readonly ResponseOption[];
  min: number;
  max: number;
  /** Asked only at these time points (for example medication change, which looks back). */
  timePoints?: readonly TimePoint[];
};

export type Band = { min: number; max: number; label: string };

/**
 * One reported score. `scale`: mean change and tests; `count`: share reduced; `yes_no`: share saying
 * yes at each time point; `change`: a single answer that is itself a change (medication).
 */
export type Measure = {
  code: string;
  label: string;
  kind: 'scale' | 'count' | 'yes_no' | 'change';
  min: number;
  max: number;
  better: 'higher' | 'lower';
  meaningfulChange?: { points: number; source: string };
  bands?: readonly Band[];
};

export type Answers = Record<string, number | null>;

export type Instrument = {
  code: InstrumentCode;
  name: string;
  shortName: string;
  preamble?: string;
  licence: { wordingShipped: boolean; note: string };
  items: readonly Item[];
  /** The reported scores, in the order `score` returns them (and the database stores them). */
  measures: readonly Measure[];
  /** The missing-answer rule, in words, as the method note shows it. */
  missingRule: string;
  /** One score per measure; null where the missing-answer rule says no score. */
  score(answers: Answers): (number | null)[];
};

export const answered = (answers: Answers, key: string): number | null => {
  const v = answers[key];
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
};

/** Sum of every item, or null when any item is missing (the rule for WEMWBS, SWEMWBS and UCLA). */
export function sumOfAll(items: readonly Item[], answers: Answers): number | null {
  let total = 0;
  for (const item of items) {
    const v = answered(answers, item.key);
    if (v === null) return null;
    total += v;
  }
  return total;
}

export function bandOf(measure: Measure, score: number): string | undefined {
  return measure.bands?.find((b) => score >= b.min && score <= b.max)?.label;
}

/** Five-point frequency options shared by WEMWBS and SWEMWBS (the scale's anchors, not its statements). */
export const FREQUENCY_OPTIONS: readonly ResponseOption[] = [
  { value: 1, label: 'None of the time' },
  { value: 2, label: 'Rarely' },
  { value: 3, label: 'Some of the time' },
  { value: 4, label: 'Often' },
  { value: 5, label: 'All of the time' },
];
