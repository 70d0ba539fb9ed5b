import { describe, expect, it } from 'vitest';
import { exactSignedRankP, normalCdf, pairedTTest, studentTCdf, studentTQuantile, summarise, wilcoxonSignedRank, type Frequency } from './statistics.ts';

/**
 * Reference values were computed independently, from first principles, with Python 3's standard
 * library only (no scipy): the t CDF by Simpson's rule over the t density (200,000 steps), quantiles by
 * inverting that integral, the normal CDF with math.erfc, exact Wilcoxon p-values by enumerating all
 * 2^n sign patterns. The script is bench/outcomes-reference-values.py (`python3 bench/outcomes-reference-values.py`). The sleep data
 * (Cushny & Peebles, as in Student 1908) also has published results: R's
 * `t.test(extra ~ group, data = sleep, paired = TRUE)` prints t = 4.0621, df = 9, p-value = 0.002833,
 * 95% CI 0.7001142 to 2.4598858 (signs flipped for group 2 − group 1).
 */
const freq = (values: number[]): Frequency[] => {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count }));
};

describe('Student t distribution', () => {
  it('matches integrated CDF values', () => {
    expect(studentTCdf(2.0, 5)).toBeCloseTo(0.949030260585, 10);
    expect(studentTCdf(-1.5, 12)).toBeCloseTo(0.079728751757, 10);
    expect(studentTCdf(0.7, 1)).toBeCloseTo(0.5 + Math.atan(0.7) / Math.PI, 12); // Cauchy, closed form
  });

  it('gives the 97.5% quantiles printed in t tables', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736, 7);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157163, 8);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272456, 8);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.979930405, 8);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262157163, 8);
  });
});

describe('normal distribution', () => {
  it('matches erfc values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.975002104852, 11);
    expect(normalCdf(-2.5)).toBeCloseTo(6.209665325776e-3, 12);
    expect(normalCdf(0.3)).toBeCloseTo(0.617911422189, 11);
    expect(normalCdf(0)).toBe(0.5);
  });
});

const SLEEP = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];

describe('paired t-test', () => {
  it('reproduces the sleep data result', () => {
    const r = pairedTTest(freq(SLEEP))!;
    expect(r.n).toBe(10);
    expect(r.meanDifference).toBeCloseTo(1.58, 12);
    expect(r.sd).toBeCloseTo(1.2299954833, 9);
    expect(r.t!).toBeCloseTo(4.0621276834, 9);
    expect(r.df).toBe(9);
    expect(r.p!).toBeCloseTo(0.0028328902, 9);
    expect(r.ci95![0]).toBeCloseTo(0.7001142367, 8);
    expect(r.ci95![1]).toBeCloseTo(2.4598857633, 8);
  });

  it('handles a large sample with a tiny p-value', () => {
    const big = freq([
      ...Array(20).fill(3),
      ...Array(7).fill(-1),
      ...Array(5).fill(0),
      ...Array(11).fill(2),
      ...Array(4).fill(-2),
      ...Array(6).fill(5),
      ...Array(9).fill(1),
    ]);
    const r = pairedTTest(big)!;
    expect(r.n).toBe(62);
    expect(r.meanDifference).toBeCloseTo(1.7096774194, 9);
    expect(r.t!).toBeCloseTo(7.0129656862, 8);
    expect(r.p! / 2.201366200438e-9).toBeCloseTo(1, 3);
  });

  it('gives no test when every difference is the same, and nothing for one person', () => {
    expect(pairedTTest([{ value: 2, count: 6 }])).toMatchObject({ t: null, p: null, ci95: [2, 2] });
    expect(pairedTTest([{ value: 2, count: 1 }])).toBeNull();
  });

  it('summarises a frequency table', () => {
    expect(summarise(freq([1, 2, 3, 4]))).toEqual({ n: 4, mean: 2.5, sd: Math.sqrt(5 / 3) });
  });
});

describe('Wilcoxon signed-rank test', () => {
  it('uses the normal approximation with tie correction when there are ties, dropping zeros', () => {
    const r = wilcoxonSignedRank(freq(SLEEP))!;
    expect(r).toMatchObject({ n: 9, zeros: 1, wPlus: 45, wMinus: 0, method: 'normal' });
    expect(r.z!).toBeCloseTo(2.6679112502793854, 10);
    expect(r.p!).toBeCloseTo(0.00763244164820552, 10);
  });

  it('uses the exact distribution for small samples without ties', () => {
    expect(wilcoxonSignedRank(freq([1, 2, 3, -4, 5, 6, 7, -8]))).toMatchObject({ n: 8, wPlus: 24, method: 'exact', p: 0.4609375 });
    const r = wilcoxonSignedRank(freq([0.5, -1.25, 2, 3.5, 4, -6, 7, 9, 10, 12, -13, 15]))!;
    expect(r.wPlus).toBe(59);
    expect(r.p).toBeCloseTo(0.12939453125, 12);
    expect(exactSignedRankP(5, 0)).toBe(2 / 32);
  });

  it('matches the normal approximation on a large tied sample', () => {
    const big = freq([
      ...Array(20).fill(3),
      ...Array(7).fill(-1),
      ...Array(5).fill(0),
      ...Array(11).fill(2),
      ...Array(4).fill(-2),
      ...Array(6).fill(5),
      ...Array(9).fill(1),
    ]);
    const r = wilcoxonSignedRank(big)!;
    expect(r).toMatchObject({ n: 57, zeros: 5, wPlus: 1497.5, wMinus: 155.5 });
    expect(r.z!).toBeCloseTo(5.386887215929064, 9);
    expect(r.p! / 7.1688387015471e-8).toBeCloseTo(1, 6);
  });

  it('treats decimal score differences that print the same as ties', () => {
    const r = wilcoxonSignedRank([
      { value: 23.21 - 21.54, count: 1 },
      { value: 1.67, count: 1 },
      { value: -0.5, count: 1 },
    ])!;
    expect(r.wPlus).toBe(5); // the two 1.67s share ranks 2 and 3
  });

  it('gives no p-value when every difference is zero', () => {
    expect(wilcoxonSignedRank([{ value: 0, count: 7 }])).toMatchObject({ n: 0, zeros: 7, p: null });
  });
});
