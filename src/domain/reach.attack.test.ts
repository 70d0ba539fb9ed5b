import { describe, expect, it } from 'vitest';
import { MIN_GROUP } from './disclosure.ts';
import { QUINTILES, wilsonInterval } from './deprivation.ts';
import { inReachBox, REACH_STAGES, type ReachBox, type ReachFact, reachCount, type ReachStage } from './reach.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * A differencing attack on the reach tables (issue 12, decision 044), in the manner of
 * outcome-report.attack.test.ts. Two schemes' referrals over a year include one "target": the only
 * person from the most deprived quintile referred to the castle by self-referral. The attacker asks
 * every table the insight page and its CSV allow (every scheme or all, every provider or all, every
 * route or all, each quintile, all and "known") and knows the exact size behind every count shown.
 */
const SCHEMES = ['yarmouth', 'frome'];
const PROVIDERS = ['museum', 'castle', 'library', 'archive'];
const ROUTES = ['link_worker', 'self', 'connector'];

function population(): ReachFact[] {
  const random = seededRandom(12);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const facts: ReachFact[] = [];
  for (let i = 0; i < 400; i++) {
    const providerId = pick(PROVIDERS);
    const route = pick(ROUTES);
    let quintile: number | null = random() < 0.1 ? null : pick(QUINTILES);
    if (providerId === 'castle' && route === 'self' && quintile === 1) quintile = 2;
    const stages: ReachStage[] = ['referred'];
    if (random() < 0.7) stages.push('started');
    if (stages.includes('started') && random() < 0.6) stages.push('completed');
    if (stages.includes('completed') && random() < 0.5) stages.push('improved');
    facts.push({ schemeId: pick(SCHEMES), providerId, route, quintile, stages });
  }
  facts.push({ schemeId: 'frome', providerId: 'castle', route: 'self', quintile: 1, stages: ['referred', 'started', 'completed', 'improved'] });
  return facts;
}

/** Every count the page and CSV show, for every choice of filters. */
function everyBoxAsked(): ReachBox[] {
  const boxes: ReachBox[] = [];
  for (const s of REACH_STAGES)
    for (const schemeId of [undefined, ...SCHEMES])
      for (const providerId of [undefined, ...PROVIDERS])
        for (const route of [undefined, ...ROUTES]) {
          const base: ReachBox = { stage: s.code, schemeId, providerId, route };
          boxes.push(base, { ...base, known: true }, ...QUINTILES.map((quintile) => ({ ...base, quintile })));
        }
  return boxes;
}

const members = (facts: readonly ReachFact[], box: ReachBox) => new Set(facts.flatMap((f, i) => (inReachBox(f, box) ? [i] : [])));
const minus = (a: Set<number>, b: Set<number>) => [...a].filter((i) => !b.has(i));

describe('reach by deprivation against a differencing attack', () => {
  const facts = population();
  const target = facts.length - 1;
  const boxes = everyBoxAsked();

  it('would give the target away if only counts under 10 were hidden', () => {
    const naive = (box: ReachBox) => {
      const n = members(facts, box).size;
      return n >= MIN_GROUP ? n : null;
    };
    const castleSelf = naive({ stage: 'referred', providerId: 'castle', route: 'self' });
    const castleSelfKnown = naive({ stage: 'referred', providerId: 'castle', route: 'self', known: true });
    const castleSelfQuintiles = QUINTILES.filter((q) => q !== 1).map(
      (q) => members(facts, { stage: 'referred', providerId: 'castle', route: 'self', quintile: q }).size,
    );
    expect(castleSelf).not.toBeNull();
    expect(castleSelfKnown).not.toBeNull();
    expect(castleSelfKnown! - castleSelfQuintiles.reduce((a, b) => a + b, 0)).toBe(1); // the one from quintile 1
  });

  it('shows no two counts whose people differ by 1 to 9 either way', () => {
    const shown = boxes.filter((b) => reachCount(facts, b) !== null).map((b) => ({ b, set: members(facts, b) }));
    expect(shown.filter((s) => s.set.size > 0).length).toBeGreaterThan(40); // the page still says something
    const bad: string[] = [];
    for (const a of shown) {
      for (const c of shown) {
        const d = minus(a.set, c.set).length;
        if (d > 0 && d < MIN_GROUP) bad.push(`${JSON.stringify(a.b)} − ${JSON.stringify(c.b)} = ${d}`);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('never leaves a few people when a shown total loses its shown quintiles', () => {
    const bad: string[] = [];
    for (const whole of boxes.filter((b) => b.quintile === undefined)) {
      if (reachCount(facts, whole) === null) continue;
      let left = members(facts, whole);
      for (const q of QUINTILES) {
        const part = { ...whole, known: undefined, quintile: q };
        if (reachCount(facts, part) !== null) left = new Set(minus(left, members(facts, part)));
      }
      if (whole.known === undefined) {
        // "not known" is not a table row, but a shown total minus a shown "known" is.
        const known = { ...whole, known: true as const };
        if (reachCount(facts, known) !== null) {
          const rest = minus(members(facts, whole), members(facts, known)).length;
          if (rest > 0 && rest < MIN_GROUP) bad.push(`${JSON.stringify(whole)} minus known leaves ${rest}`);
        }
      }
      if (left.size > 0 && left.size < MIN_GROUP) bad.push(`${JSON.stringify(whole)} leaves ${left.size}`);
      expect(left.size === 1 && left.has(target)).toBe(false);
    }
    expect(bad).toEqual([]);
  });
});

describe('Wilson intervals for shares', () => {
  it('match the published values and stay inside 0 to 1', () => {
    const [lo, hi] = wilsonInterval(15, 30)!;
    expect(lo).toBeCloseTo(0.3315, 3);
    expect(hi).toBeCloseTo(0.6685, 3);
    expect(wilsonInterval(0, 20)![0]).toBe(0);
    expect(wilsonInterval(20, 20)![1]).toBe(1);
    expect(wilsonInterval(1, 0)).toBeNull();
  });
});
