/**
 * Statistics for outcome reports, written from first principles (no dependency):
 * log-gamma (Lanczos), the regularised incomplete beta and gamma functions (continued fractions,
 * Numerical Recipes 3rd ed. §6.2, §6.4), Student's t and the normal distribution, the paired t-test and
 * the Wilcoxon signed-rank test. Reports hand these frequency tables of values (value → count), so
 * every function here works on counts, never on lists of people.
 */
export type Frequency = { value: number; count: number };

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const TINY = 1e-300;

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The regularised upper incomplete gamma function Q(a, x). */
export function upperIncompleteGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // series for P(a, x)
    let ap = a,
      sum = 1 / a,
      del = sum;
    for (let n = 0; n < 1000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(logFront);
  }
  // continued fraction for Q(a, x)
  let b = x + 1 - a,
    c = 1 / TINY,
    d = 1 / b,
    h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(logFront) * h;
}

/** Standard normal cumulative distribution Φ(z) = ½·erfc(−z/√2), erfc(y) = Q(½, y²). */
export function normalCdf(z: number): number {
  const y = z / Math.SQRT2;
  const erfcAbs = upperIncompleteGamma(0.5, y * y);
  return y >= 0 ? 1 - 0.5 * erfcAbs : 0.5 * erfcAbs;
}

/** Student's t cumulative distribution with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Two-sided p-value for a t statistic: I_{df/(df+t²)}(df/2, ½), accurate in the far tail. */
export function studentTTwoSidedP(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The t value below which probability p lies (bisection on the CDF; 1e-12 precision). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be between 0 and 1');
  if (p === 0.5) return 0;
  let lo = -1,
    hi = 1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export type Summary = { n: number; mean: number; sd: number };

/** Count, mean and sample standard deviation (n − 1) of a frequency table. */
export function summarise(values: readonly Frequency[]): Summary {
  let n = 0,
    total = 0;
  for (const v of values) {
    n += v.count;
    total += v.value * v.count;
  }
  const mean = n > 0 ? total / n : NaN;
  let squares = 0;
  for (const v of values) squares += v.count * (v.value - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN };
}

export type TTest = { n: number; meanDifference: number; sd: number; t: number | null; df: number; p: number | null; ci95: [number, number] | null };

/** Paired t-test on the differences; the 95% confidence interval of the mean difference. */
export function pairedTTest(differences: readonly Frequency[]): TTest | null {
  const { n, mean, sd } = summarise(differences);
  if (n < 2) return null;
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  const q = studentTQuantile(0.975, df);
  if (se === 0) return { n, meanDifference: mean, sd, t: null, df, p: null, ci95: [mean, mean] };
  const t = mean / se;
  return { n, meanDifference: mean, sd, t, df, p: studentTTwoSidedP(t, df), ci95: [mean - q * se, mean + q * se] };
}

export type Wilcoxon = { n: number; zeros: number; wPlus: number; wMinus: number; z: number | null; p: number | null; method: 'exact' | 'normal' };

/** Differences this close are the same value (scores have at most two decimal places). */
const same = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Wilcoxon signed-rank test, two-sided. Zeros: Wilcoxon's method — zero differences are dropped
 * before ranking (scipy's default zero_method="wilcox"). Ties share the average rank. With no ties
 * and at most 50 non-zero differences the p-value comes from the exact distribution of W+; otherwise
 * from the normal approximation with the tie correction to the variance and no continuity correction
 * (scipy's default, correction=False).
 */
export function wilcoxonSignedRank(differences: readonly Frequency[]): Wilcoxon | null {
  const byAbs = new Map<number, { pos: number; neg: number }>();
  let zeros = 0;
  for (const d of differences) {
    const v = same(d.value);
    if (d.count <= 0) continue;
    if (v === 0) {
      zeros += d.count;
      continue;
    }
    const g = byAbs.get(Math.abs(v)) ?? { pos: 0, neg: 0 };
    if (v > 0) g.pos += d.count;
    else g.neg += d.count;
    byAbs.set(Math.abs(v), g);
  }
  const groups = [...byAbs.entries()].sort((a, b) => a[0] - b[0]);
  let rank = 0,
    wPlus = 0,
    wMinus = 0,
    tieTerm = 0,
    tied = false;
  for (const [, g] of groups) {
    const t = g.pos + g.neg;
    const average = rank + (t + 1) / 2;
    wPlus += average * g.pos;
    wMinus += average * g.neg;
    tieTerm += t ** 3 - t;
    if (t > 1) tied = true;
    rank += t;
  }
  const n = rank;
  if (n === 0) return { n, zeros, wPlus: 0, wMinus: 0, z: null, p: null, method: 'normal' };
  if (!tied && n <= 50) return { n, zeros, wPlus, wMinus, z: null, p: exactSignedRankP(n, wPlus), method: 'exact' };
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  if (variance <= 0) return { n, zeros, wPlus, wMinus, z: null, p: null, method: 'normal' };
  const z = (wPlus - mean) / Math.sqrt(variance);
  return { n, zeros, wPlus, wMinus, z, p: Math.min(1, 2 * normalCdf(-Math.abs(z))), method: 'normal' };
}

/** Exact two-sided p-value: the distribution of W+ over all 2^n sign patterns, by dynamic programming. */
export function exactSignedRankP(n: number, wPlus: number): number {
  const max = (n * (n + 1)) / 2;
  let dist = new Float64Array(max + 1);
  dist[0] = 1;
  for (let r = 1; r <= n; r++) {
    const next = new Float64Array(max + 1);
    for (let s = 0; s <= max; s++) {
      const p = dist[s]!;
      if (p === 0) continue;
      next[s] = next[s]! + p / 2;
      if (s + r <= max) next[s + r] = next[s + r]! + p / 2;
    }
    dist = next;
  }
  let lower = 0,
    upper = 0;
  for (let s = 0; s <= max; s++) {
    if (s <= wPlus) lower += dist[s]!;
    if (s >= wPlus) upper += dist[s]!;
  }
  return Math.min(1, 2 * Math.min(lower, upper));
}
