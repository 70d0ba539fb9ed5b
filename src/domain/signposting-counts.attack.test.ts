import { describe, expect, it } from 'vitest';
import { MIN_GROUP } from './disclosure.ts';
import { seededRandom } from './seeded-random.ts';
import { INFO_POINTS } from './signposting.ts';
import { countBox, inBox, type SignpostingBox, type SignpostingFact } from './signposting-counts.ts';
import { NEEDS } from './vocabulary.ts';

/**
 * A differencing attack on the signposting counts (decision 029). A scheme's conversations over four
 * months include one "target": the only library conversation in the third month, about dementia.
 * The attacker asks every count the page allows (every run of months, open ends included, as the
 * coordinator and as each connector) and knows the exact size behind every count shown.
 */
const MONTHS = [100, 101, 102, 103] as const;
const CONNECTORS = ['mary', 'ted', 'asha'];
const POINTS = ['heritage_cafe', 'phone_line', 'library'];

function population(): SignpostingFact[] {
  const random = seededRandom(29);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const facts: SignpostingFact[] = [];
  for (const month of MONTHS) {
    const n = 60 + Math.floor(random() * 30);
    for (let i = 0; i < n; i++) {
      // Nobody else came to the library in the third month.
      const infoPoint = month === MONTHS[2] ? pick(POINTS.slice(0, 2)) : pick(POINTS);
      const needs = [pick(['loneliness', 'low_mood', 'confidence', 'carers'])];
      if (random() < 0.3) needs.push(pick(['anxiety', 'physical_activity']));
      facts.push({ connectorId: pick(CONNECTORS), infoPoint, needs, referral: random() < 0.2, month });
    }
  }
  // The target: the only library conversation in the third month.
  facts.push({ connectorId: 'asha', infoPoint: 'library', needs: ['dementia'], referral: false, month: MONTHS[2] });
  return facts;
}

/** Every box the counts page shows, for every period and audience the page allows. */
function everyBoxAsked(): SignpostingBox[] {
  const ends = [undefined, ...MONTHS];
  const boxes = new Map<string, SignpostingBox>();
  for (const from of ends) {
    for (const to of ends) {
      const months: [number, number] = [from ?? MONTHS[0], to ?? MONTHS[MONTHS.length - 1]!];
      if (months[0] > months[1]) continue;
      for (const connectorId of [undefined, ...CONNECTORS]) {
        const base = { connectorId, months };
        const asked: SignpostingBox[] = [base, { ...base, referral: true }];
        if (!connectorId) for (const c of CONNECTORS) asked.push({ ...base, connectorId: c });
        for (const p of INFO_POINTS) asked.push({ ...base, infoPoint: p.code });
        for (const n of NEEDS) asked.push({ ...base, need: n.code });
        for (let m = months[0]; m <= months[1]; m++) asked.push({ ...base, months: [m, m] });
        for (const b of asked) boxes.set(JSON.stringify(b), b);
      }
    }
  }
  return [...boxes.values()];
}

const members = (facts: readonly SignpostingFact[], box: SignpostingBox) => new Set(facts.flatMap((f, i) => (inBox(f, box) ? [i] : [])));
const minus = (a: Set<number>, b: Set<number>) => [...a].filter((i) => !b.has(i));

describe('signposting counts against a differencing attack', () => {
  const facts = population();
  const target = facts.length - 1;
  const boxes = everyBoxAsked();

  it('would give the target away if only counts under 10 were hidden', () => {
    const naive = (box: SignpostingBox) => {
      const n = members(facts, box).size;
      return n >= MIN_GROUP ? n : null;
    };
    const upToThird = naive({ infoPoint: 'library', months: [MONTHS[0], MONTHS[2]] });
    const upToSecond = naive({ infoPoint: 'library', months: [MONTHS[0], MONTHS[1]] });
    expect(upToThird).not.toBeNull();
    expect(upToSecond).not.toBeNull();
    expect(upToThird! - upToSecond!).toBe(1); // someone came to the library in the third month
  });

  it('shows no two counts whose conversations differ by 1 to 9 either way', () => {
    const shown = boxes.filter((b) => countBox(facts, b) !== null).map((b) => ({ b, set: members(facts, b) }));
    expect(shown.filter((s) => s.set.size > 0).length).toBeGreaterThan(20); // the page still says something
    const bad: string[] = [];
    for (const a of shown) {
      for (const c of shown) {
        const d = minus(a.set, c.set).length;
        if (d > 0 && d < MIN_GROUP) bad.push(`${JSON.stringify(a.b)} − ${JSON.stringify(c.b)} = ${d}`);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('never leaves a few conversations when a shown total loses its shown parts', () => {
    const tables: ((b: SignpostingBox) => SignpostingBox[])[] = [
      (b) => CONNECTORS.map((c) => ({ ...b, connectorId: c })),
      (b) => INFO_POINTS.map((p) => ({ ...b, infoPoint: p.code })),
      (b) => MONTHS.filter((m) => m >= b.months[0] && m <= b.months[1]).map((m) => ({ ...b, months: [m, m] as const })),
    ];
    const bad: string[] = [];
    for (const whole of boxes.filter((b) => b.infoPoint === undefined && b.need === undefined && b.months[0] !== b.months[1])) {
      if (countBox(facts, whole) === null) continue;
      for (const table of tables) {
        const parts = table(whole).filter((p) => countBox(facts, p) !== null);
        let left = members(facts, whole);
        for (const p of parts) left = new Set(minus(left, members(facts, p)));
        if (left.size > 0 && left.size < MIN_GROUP) bad.push(`${JSON.stringify(whole)} leaves ${left.size}`);
        expect(left.size === 1 && left.has(target)).toBe(false);
      }
    }
    expect(bad).toEqual([]);
  });

  it('does not show the target’s information point or need for their month', () => {
    const third: [number, number] = [MONTHS[2], MONTHS[2]];
    expect(countBox(facts, { infoPoint: 'library', months: third })).toBeNull();
    expect(countBox(facts, { need: 'dementia', months: third })).toBeNull();
  });
});
