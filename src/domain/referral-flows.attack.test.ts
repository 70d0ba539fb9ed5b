import { describe, expect, it } from 'vitest';
import { MIN_GROUP } from './disclosure.ts';
import { type FlowBox, type FlowFact, type FlowStage, flowCount, flowRows, inFlowBox } from './referral-flows.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * A differencing attack on the referral flows table (decision 044 addendum), in the manner of
 * reach.attack.test.ts. Two schemes' referrals over a year include one "target": the only person the
 * surgery referred to the castle whom the castle declined as "not suitable". The attacker asks every
 * count the page and CSV allow (every scheme or all, every referral route or all, every referrer or
 * all, every provider or all, each stage, each decline reason) and knows the exact size behind every
 * count shown. The surgery's and the practice's referrals come by the link worker route or, some of
 * them, by a community connector.
 */
const SCHEMES = ['yarmouth', 'frome'];
const REFERRERS = ['surgery', 'practice', 'route:self', 'route:connector'];
const PROVIDERS = ['museum', 'castle', 'library'];
const ROUTES = ['link_worker', 'self', 'connector'];
const REASONS = ['full', 'not_suitable', 'not_running', 'other'];

function population(): FlowFact[] {
  const random = seededRandom(44);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const facts: FlowFact[] = [];
  for (let i = 0; i < 400; i++) {
    const referrer = pick(REFERRERS);
    const providerId = pick(PROVIDERS);
    const roll = random();
    let declineReason = roll < 0.3 ? pick(REASONS) : null;
    if (referrer === 'surgery' && providerId === 'castle' && declineReason === 'not_suitable') declineReason = 'full';
    const route = referrer.startsWith('route:') ? referrer.slice(6) : random() < 0.8 ? 'link_worker' : 'connector';
    facts.push({ schemeId: pick(SCHEMES), referrer, route, providerId, accepted: declineReason === null && roll < 0.85, declineReason });
  }
  facts.push({ schemeId: 'frome', referrer: 'surgery', route: 'link_worker', providerId: 'castle', accepted: false, declineReason: 'not_suitable' });
  return facts;
}

function everyBoxAsked(): FlowBox[] {
  const boxes: FlowBox[] = [];
  for (const stage of ['referred', 'accepted', 'declined'] as FlowStage[])
    for (const schemeId of [undefined, ...SCHEMES])
      for (const route of [undefined, ...ROUTES])
        for (const referrer of [undefined, ...REFERRERS])
          for (const providerId of [undefined, ...PROVIDERS]) {
            const base: FlowBox = { stage, schemeId, route, referrer, providerId };
            boxes.push(base);
            if (stage === 'declined') boxes.push(...REASONS.map((reason) => ({ ...base, reason })));
          }
  return boxes;
}

const members = (facts: readonly FlowFact[], box: FlowBox) => new Set(facts.flatMap((f, i) => (inFlowBox(f, box) ? [i] : [])));
const minus = (a: Set<number>, b: Set<number>) => {
  let n = 0;
  for (const i of a) if (!b.has(i)) n++;
  return n;
};

describe('referral flows against a differencing attack', () => {
  const facts = population();
  const boxes = everyBoxAsked();

  it('would give the target away if only counts under 10 were hidden', () => {
    const box: FlowBox = { stage: 'declined', referrer: 'surgery', providerId: 'castle' };
    const declined = members(facts, box).size;
    const others = ['full', 'not_running', 'other'].map((reason) => members(facts, { ...box, reason }).size);
    expect(declined - others.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('shows no two counts whose people differ by 1 to 9 either way', () => {
    const shown = boxes.filter((b) => flowCount(facts, b) !== null).map((b) => ({ b, set: members(facts, b) }));
    expect(shown.filter((s) => s.set.size > 0).length).toBeGreaterThan(40);
    const bad: string[] = [];
    for (const a of shown)
      for (const c of shown) {
        const d = minus(a.set, c.set);
        if (d > 0 && d < MIN_GROUP) bad.push(`${JSON.stringify(a.b)} − ${JSON.stringify(c.b)} = ${d}`);
      }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('shows a reply time only for a shown row with at least 10 replies', () => {
    const rows = flowRows(facts, {}, (_route, referrer) => ({ replies: referrer === 'surgery' ? 9 : 40, medianWorkingDays: 2 }));
    expect(rows[0]).toMatchObject({ referrer: '', providerId: '', medianReplyDays: 2 });
    expect(rows.filter((r) => r.referrer === 'surgery').every((r) => r.medianReplyDays === null)).toBe(true);
    expect(rows.filter((r) => r.referred === null).every((r) => r.medianReplyDays === null)).toBe(true);
  });
});
