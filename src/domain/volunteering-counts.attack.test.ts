import { describe, expect, it } from 'vitest';
import { MIN_GROUP } from './disclosure.ts';
import { seededRandom } from './seeded-random.ts';
import { type Box, countBox, type Fact, inBox, VOLUNTEER_FLAGS, type VisitFact, volunteeringCounts } from './volunteering-counts.ts';

/**
 * A differencing attack on the volunteering section (decision 034). Three organisations' visits
 * over four months include one "target": the only visit by the small organisation's only volunteer
 * in the third month, a long one. Volunteers today include one target too: the only volunteer of
 * the small organisation, whose check has expired. The attacker asks every figure the page allows
 * (every run of months, open ends included) and knows the exact size behind every figure shown.
 */
const MONTHS = [100, 101, 102, 103] as const;
const ORGS = ['museum', 'womens-centre', 'new-neighbours'];

function visits(): VisitFact[] {
  const random = seededRandom(34);
  const facts: VisitFact[] = [];
  for (const month of MONTHS) {
    const n = 40 + Math.floor(random() * 20);
    for (let i = 0; i < n; i++) {
      facts.push({ organisationId: ORGS[Math.floor(random() * 2)]!, month, flags: [], minutes: 60 + Math.floor(random() * 120) });
    }
  }
  facts.push({ organisationId: 'new-neighbours', month: MONTHS[2], flags: [], minutes: 480 });
  return facts;
}

function volunteersToday(): Fact[] {
  const random = seededRandom(43);
  const facts: Fact[] = [];
  for (let i = 0; i < 60; i++) {
    const flags = VOLUNTEER_FLAGS.filter(() => random() < 0.5);
    facts.push({ organisationId: ORGS[Math.floor(random() * 2)]!, month: 0, flags });
  }
  facts.push({ organisationId: 'new-neighbours', month: 0, flags: ['expired'] });
  return facts;
}

function everyBoxAsked(): Box[] {
  const ends = [undefined, ...MONTHS];
  const boxes = new Map<string, Box>();
  for (const from of ends) {
    for (const to of ends) {
      const months: [number, number] = [from ?? MONTHS[0], to ?? MONTHS[MONTHS.length - 1]!];
      if (months[0] > months[1]) continue;
      const asked: Box[] = [{ months }, ...ORGS.map((organisationId) => ({ months, organisationId }))];
      for (let m = months[0]; m <= months[1]; m++) asked.push({ months: [m, m] });
      for (const b of asked) boxes.set(JSON.stringify(b), b);
    }
  }
  return [...boxes.values()];
}

function volunteerBoxes(): Box[] {
  const boxes: Box[] = [];
  for (const organisationId of [undefined, ...ORGS])
    for (const flag of [undefined, ...VOLUNTEER_FLAGS])
      boxes.push({ months: [0, 0], ...(organisationId ? { organisationId } : {}), ...(flag ? { flag } : {}) });
  return boxes;
}

const members = (facts: readonly Fact[], box: Box) => new Set(facts.flatMap((f, i) => (inBox(f, box) ? [i] : [])));
const minus = (a: Set<number>, b: Set<number>) => [...a].filter((i) => !b.has(i));

function pairsDifferingByAFew(facts: readonly Fact[], boxes: readonly Box[], flags: readonly string[] = []) {
  const shown = boxes.filter((b) => countBox(facts, b, flags) !== null).map((b) => ({ b, set: members(facts, b) }));
  const bad: string[] = [];
  for (const a of shown)
    for (const c of shown) {
      const d = minus(a.set, c.set).length;
      if (d > 0 && d < MIN_GROUP) bad.push(`${JSON.stringify(a.b)} − ${JSON.stringify(c.b)} = ${d}`);
    }
  return { shown: shown.length, bad };
}

describe('volunteering figures against a differencing attack', () => {
  const v = visits();
  const people = volunteersToday();

  it('would give the target visit away if only counts under 10 were hidden', () => {
    const naive = (box: Box) => members(v, box).size;
    expect(
      naive({ months: [MONTHS[0], MONTHS[3]] }) -
        naive({ months: [MONTHS[0], MONTHS[3]], organisationId: 'museum' }) -
        naive({ months: [MONTHS[0], MONTHS[3]], organisationId: 'womens-centre' }),
    ).toBe(1);
  });

  it('shows no two visit figures whose visits differ by 1 to 9 either way', () => {
    const { shown, bad } = pairsDifferingByAFew(v, everyBoxAsked());
    expect(shown).toBeGreaterThan(10); // the page still says something
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('shows no two counts of volunteers today that differ by 1 to 9 either way', () => {
    const { shown, bad } = pairsDifferingByAFew(people, volunteerBoxes(), VOLUNTEER_FLAGS);
    expect(shown).toBeGreaterThan(3);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('never leaves a few visits when a shown total loses its shown organisations or months', () => {
    const bad: string[] = [];
    for (const whole of everyBoxAsked().filter((b) => b.organisationId === undefined && b.months[0] !== b.months[1])) {
      if (countBox(v, whole) === null) continue;
      for (const parts of [
        ORGS.map((o) => ({ ...whole, organisationId: o })),
        MONTHS.filter((m) => m >= whole.months[0] && m <= whole.months[1]).map((m) => ({ months: [m, m] as const })),
      ]) {
        let left = members(v, whole);
        for (const p of parts.filter((p) => countBox(v, p) !== null)) left = new Set(minus(left, members(v, p)));
        if (left.size > 0 && left.size < MIN_GROUP) bad.push(`${JSON.stringify(whole)} leaves ${left.size}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('withholds the small organisation’s figures, hours included, and its expired check', () => {
    const c = volunteeringCounts(
      { volunteers: people, visits: v, alerts: [] },
      { months: [MONTHS[0], MONTHS[3]], organisations: ORGS.map((id) => ({ id, name: id })), monthLabel: String },
    );
    const small = c.byOrganisation.find((r) => r.key === 'new-neighbours')!;
    expect(small.visits).toBeNull();
    expect(small.hours).toBeNull();
    expect(c.total.visits).toBeNull(); // the total minus the two shown organisations would leave one visit
    expect(c.volunteersNow.find((r) => r.key === 'new-neighbours')!.expired).toBeNull();
  });
});
