import { describe, expect, it } from 'vitest';
import { buildOutcomeReport, suppressSplit, type PairRow, type ScaleOutcome, type YesNoOutcome, type ChangeOutcome } from './outcome-report.ts';

const swemwbs = (before: number, after: number, n = 1): PairRow => ({ instrument: 'swemwbs', measureIndex: 0, before, after, n });
const counts = { referred: 40, started: 30, paired: 12 };

describe('outcome report', () => {
  it('computes mean change, tests and meaningful-change shares from paired counts', () => {
    // 12 people: 6 up by 3.33 (+meaningful), 3 up by 0.72 (less than 3), 3 down by 4.02 (worse).
    const rows = [swemwbs(19.98, 23.31 - 0.1, 0), swemwbs(17.98, 21.54, 6), swemwbs(20.73, 21.54 - 0.09, 0), swemwbs(20.73, 21.54, 3), swemwbs(24.11, 20.73 - 0.64, 0), swemwbs(23.21, 19.25, 3)];
    const report = buildOutcomeReport(counts, rows);
    const m = report.measures[0] as ScaleOutcome;
    expect(m).toMatchObject({ code: 'swemwbs', paired: 12, enough: true, threshold: 3 });
    const diffs = [...Array(6).fill(21.54 - 17.98), ...Array(3).fill(21.54 - 20.73), ...Array(3).fill(19.25 - 23.21)];
    const mean = diffs.reduce((a, b) => a + b, 0) / 12;
    expect(m.meanChange!).toBeCloseTo(mean, 10);
    expect(m.beforeMean!).toBeCloseTo((6 * 17.98 + 3 * 20.73 + 3 * 23.21) / 12, 10);
    expect(m.improved).toEqual({ count: 6, percent: 50 });
    // 3 unchanged and 3 worse: both under 5, so both hidden.
    expect(m.unchanged).toEqual({ count: null, percent: null });
    expect(m.worse).toEqual({ count: null, percent: null });
    expect(m.tTestP).toBeGreaterThan(0);
    expect(m.wilcoxonMethod).toBe('normal');
    expect(report).toMatchObject({ referred: 40, started: 30, paired: 12, completionRate: 40 });
  });

  it('treats lower as better for loneliness', () => {
    const rows: PairRow[] = [{ instrument: 'ucla3', measureIndex: 0, before: 8, after: 5, n: 7 }, { instrument: 'ucla3', measureIndex: 0, before: 5, after: 6, n: 6 }];
    const m = buildOutcomeReport(counts, rows).measures[0] as ScaleOutcome;
    expect(m.improved.count).toBe(7);
    expect(m.worse.count).toBe(6);
  });

  it('shows no statistics for fewer than 5 pairs, and suppresses small counts', () => {
    const report = buildOutcomeReport({ referred: 4, started: 3, paired: 0 }, [swemwbs(17.98, 21.54, 4)]);
    const m = report.measures[0] as ScaleOutcome;
    expect(m).toMatchObject({ paired: null, enough: false, meanChange: null, ci95: null, tTestP: null, wilcoxonP: null, beforeMean: null });
    expect(report).toMatchObject({ referred: null, started: null, paired: 0, completionRate: null });
  });

  it('hides a second count when one hidden count could be worked out by subtraction', () => {
    expect(suppressSplit([3, 17, 9])).toEqual([null, 17, null]);
    expect(suppressSplit([3, 2, 9])).toEqual([null, null, 9]);
    expect(suppressSplit([0, 12, 9])).toEqual([0, 12, 9]);
    expect(suppressSplit([6, 12, 9])).toEqual([6, 12, 9]);
    // 21 of 23 improved: the two others (1 and 1) could be worked out together from the total, so all are hidden.
    expect(suppressSplit([21, 1, 1])).toEqual([null, null, null]);
    expect(suppressSplit([2, 2, 20, 30])).toEqual([null, null, null, 30]);
  });

  it('gives the share with someone to talk to at baseline and at the end', () => {
    const rows: PairRow[] = [
      { instrument: 'pilot', measureIndex: 2, before: 0, after: 1, n: 10 },
      { instrument: 'pilot', measureIndex: 2, before: 1, after: 1, n: 10 },
    ];
    const m = buildOutcomeReport(counts, rows).measures.find((x) => x.code === 'someone_to_talk') as YesNoOutcome;
    expect(m.before).toEqual({ count: 10, percent: 50 });
    // 20 of 20 say yes at the end: the "no" count is 0, which is shown, so nothing needs hiding.
    expect(m.after).toEqual({ count: 20, percent: 100 });
  });

  it('gives the share on medication who reduced it', () => {
    const rows: PairRow[] = [
      { instrument: 'pilot', measureIndex: 1, before: null, after: 1, n: 6 },
      { instrument: 'pilot', measureIndex: 1, before: null, after: 2, n: 9 },
      { instrument: 'pilot', measureIndex: 1, before: null, after: 3, n: 5 },
      { instrument: 'pilot', measureIndex: 1, before: null, after: 4, n: 10 },
    ];
    const m = buildOutcomeReport(counts, rows).measures.find((x) => x.code === 'medication') as ChangeOutcome;
    expect(m.reduced).toEqual({ count: 6, percent: 30 });
    expect(m.notOnMedication).toEqual({ count: 10, percent: 33.3 });
  });

  it('never lets a count from 1 to 4 through', () => {
    for (let n = 1; n < 5; n++) {
      const report = buildOutcomeReport({ referred: n, started: n, paired: n }, [swemwbs(17.98, 21.54, n)]);
      const numbers = JSON.stringify(report).match(/"(count|paired|referred|started)":\d+/g) ?? [];
      expect(numbers.filter((s) => /:[1-4]$/.test(s))).toEqual([]);
    }
  });
});
