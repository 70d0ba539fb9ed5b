import { describe, expect, it } from 'vitest';
import { buildOutcomeReport, suppressSplit, type PairRow, type ScaleOutcome, type YesNoOutcome, type ChangeOutcome } from './outcome-report.ts';

const swemwbs = (before: number, after: number, n = 1): PairRow => ({ instrument: 'swemwbs', measureIndex: 0, before, after, n });
const counts = { referred: 80, started: 60, paired: 40 };
const released = () => true;
const round1 = (x: number) => Math.round(x * 10) / 10;

describe('outcome report', () => {
  it('computes mean change, tests and meaningful-change shares from paired counts, rounded for publication', () => {
    // 40 people: 20 up by 3.56 (+meaningful), 10 up by 0.81 (less than 3), 10 down by 3.96 (worse).
    const rows = [swemwbs(19.98, 23.31 - 0.1, 0), swemwbs(17.98, 21.54, 20), swemwbs(20.73, 21.54, 10), swemwbs(23.21, 19.25, 10)];
    const report = buildOutcomeReport(counts, rows, released);
    const m = report.measures[0] as ScaleOutcome;
    expect(m).toMatchObject({ code: 'swemwbs', paired: 40, enough: true, threshold: 3 });
    const diffs = [...Array(20).fill(21.54 - 17.98), ...Array(10).fill(21.54 - 20.73), ...Array(10).fill(19.25 - 23.21)];
    const mean = diffs.reduce((a, b) => a + b, 0) / 40;
    expect(m.meanChange).toBe(round1(mean));
    expect(m.beforeMean).toBe(round1((20 * 17.98 + 10 * 20.73 + 10 * 23.21) / 40));
    expect(m.improved).toEqual({ count: 20, percent: 50 });
    expect(m.unchanged).toEqual({ count: 10, percent: 25 });
    expect(m.worse).toEqual({ count: 10, percent: 25 });
    expect(m.tTestP).toBeGreaterThan(0);
    expect(m.wilcoxonMethod).toBe('normal');
    expect(report).toMatchObject({ referred: 80, started: 60, paired: 40, completionRate: 67 });
  });

  it('shows no figures for a measure the release rule withholds, whatever its size', () => {
    const report = buildOutcomeReport(counts, [swemwbs(17.98, 21.54, 40)], () => false);
    const m = report.measures[0] as ScaleOutcome;
    expect(m).toMatchObject({ paired: 40, enough: false, beforeMean: null, afterMean: null, meanChange: null, ci95: null, tTestP: null });
    expect(m.improved).toEqual({ count: null, percent: null });
  });

  it('treats lower as better for loneliness', () => {
    const rows: PairRow[] = [
      { instrument: 'ucla3', measureIndex: 0, before: 8, after: 5, n: 17 },
      { instrument: 'ucla3', measureIndex: 0, before: 5, after: 6, n: 12 },
    ];
    const m = buildOutcomeReport(counts, rows, released).measures[0] as ScaleOutcome;
    expect(m.improved.count).toBe(15);
    expect(m.worse.count).toBe(10);
  });

  it('shows no statistics for fewer than 10 pairs, and suppresses small counts', () => {
    const report = buildOutcomeReport({ referred: 9, started: 3, paired: 0 }, [swemwbs(17.98, 21.54, 9)], released);
    const m = report.measures[0] as ScaleOutcome;
    expect(m).toMatchObject({ paired: null, enough: false, meanChange: null, ci95: null, tTestP: null, wilcoxonP: null, beforeMean: null });
    expect(report).toMatchObject({ referred: null, started: null, paired: 0, completionRate: null });
  });

  it('hides a second count when one hidden count could be worked out by subtraction, and rounds the rest', () => {
    // 3 is hidden; alone it is the total minus the others, so the next smallest (12) goes too: together 15.
    expect(suppressSplit([3, 12, 30])).toEqual([null, null, 30]);
    expect(suppressSplit([3, 2, 19])).toEqual([null, null, null]);
    expect(suppressSplit([0, 12, 19])).toEqual([0, 10, 20]);
    expect(suppressSplit([16, 12, 19])).toEqual([15, 10, 20]);
    expect(suppressSplit([21, 1, 1])).toEqual([null, null, null]);
    expect(suppressSplit([2, 2, 20, 30])).toEqual([null, null, null, 30]);
  });

  it('gives the share with someone to talk to at baseline and at the end', () => {
    const rows: PairRow[] = [
      { instrument: 'pilot', measureIndex: 2, before: 0, after: 1, n: 10 },
      { instrument: 'pilot', measureIndex: 2, before: 1, after: 1, n: 10 },
    ];
    const m = buildOutcomeReport(counts, rows, released).measures.find((x) => x.code === 'someone_to_talk') as YesNoOutcome;
    expect(m.before).toEqual({ count: 10, percent: 50 });
    // 20 of 20 say yes at the end: the "no" count is 0, which is shown, so nothing needs hiding.
    expect(m.after).toEqual({ count: 20, percent: 100 });
  });

  it('gives the share on medication who reduced it, from rounded counts', () => {
    const rows: PairRow[] = [
      { instrument: 'pilot', measureIndex: 1, before: null, after: 1, n: 11 },
      { instrument: 'pilot', measureIndex: 1, before: null, after: 2, n: 19 },
      { instrument: 'pilot', measureIndex: 1, before: null, after: 3, n: 10 },
      { instrument: 'pilot', measureIndex: 1, before: null, after: 4, n: 20 },
    ];
    const m = buildOutcomeReport(counts, rows, released).measures.find((x) => x.code === 'medication') as ChangeOutcome;
    expect(m.reduced).toEqual({ count: 10, percent: 25 });
    expect(m.notOnMedication).toEqual({ count: 20, percent: 33 });
  });

  it('never lets a count from 1 to 9 through, nor one that is not a multiple of 5', () => {
    for (let n = 1; n < 40; n++) {
      const report = buildOutcomeReport({ referred: n, started: n, paired: n }, [swemwbs(17.98, 21.54, n)], released);
      const numbers = (JSON.stringify(report).match(/"(count|paired|referred|started)":\d+/g) ?? []).map((s) => Number(s.split(':')[1]));
      expect(numbers.filter((x) => x % 5 !== 0 || (x > 0 && x < 10))).toEqual([]);
    }
  });
});
