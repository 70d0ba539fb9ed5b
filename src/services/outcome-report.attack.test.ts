import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeActivity, makePlace } from '../../test/factories.ts';
import { addResponses, makeProvider, makeReferral, makeScheme } from '../../test/fixtures/questionnaire.fixtures.ts';
import type { Db } from '../data/database.ts';
import { createOutcomeRepository } from '../data/repositories/outcome.repository.ts';
import { createParentBodyRepository } from '../data/repositories/parent-body.repository.ts';
import type { Answers } from '../domain/instruments/instrument.ts';
import { instrumentFor } from '../domain/instruments/registry.ts';
import type { MeasureOutcome, OutcomeReport } from '../domain/outcome-report.ts';
import type { User } from '../domain/user.ts';
import { createOutcomeReportService } from './outcome-report.service.ts';
import { seededRandom } from '../domain/seeded-random.ts';
import { parseOrFail } from '../web/forms.ts';
import { reportQuery } from '../web/features/reports/report.query.ts';

/**
 * An automated differencing attack on the outcomes report (decision 012). A realistic population is seeded
 * with one "target" person whose scores are extreme and who is the only person of their activity referred
 * in July. The attacker asks every report the filters allow (every whole-month period, each area, provider
 * and activity and their combinations, end and follow-up), then subtracts released sums (people × mean)
 * between every pair of reports, and subtracts released parts from released wholes. The attacker is given
 * the exact size of every group (a provider knows who they saw), the strongest position.
 */

const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08'] as const;
type Month = (typeof MONTHS)[number];
type Person = {
  id: number;
  scheme: string;
  provider: string;
  activity: string;
  month: Month;
  /** Answers: SWEMWBS (every item), health contacts, someone to talk to, heritage connection. */
  baseline: number[];
  end: number[] | null;
  followUp: number[] | null;
  /** The scores the app computes from them, per measure in MEASURES order. */
  truth?: { baseline: number[]; end: number[] | null; followUp: number[] | null };
};
const scores = (a: number[]) => [instrumentFor('swemwbs')!.score(swemwbs(a[0]!))[0]!, a[1]!, a[2]!, a[3]!];
type Query = { scheme?: string; provider?: string; activity?: string; from?: Month; to?: Month; compare: 'end' | 'follow_up' };

/** The measures attacked: SWEMWBS (metric score) and the four pilot questions, by [instrument, measure index]. */
const MEASURES = [
  { code: 'swemwbs', instrument: 'swemwbs', index: 0, needsBaseline: true },
  { code: 'health_contacts', instrument: 'pilot', index: 0, needsBaseline: true },
  { code: 'someone_to_talk', instrument: 'pilot', index: 2, needsBaseline: true },
  { code: 'heritage_connection', instrument: 'pilot', index: 3, needsBaseline: true },
] as const;

/** SWEMWBS raw 7–35 → metric, as the app scores it (only the values used here). */
const swemwbs = (v: number): Answers => Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`s${i + 1}`, v]));
const pilot = (contacts: number, talk: number, heritage: number, medication?: number): Answers => ({
  health_contacts: contacts,
  someone_to_talk: talk,
  heritage_connection: heritage,
  ...(medication ? { medication } : {}),
});

describe.each(ENGINES)('outcome report against a differencing attack ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  const people: Person[] = [];
  const combos: Omit<Query, 'from' | 'to' | 'compare'>[] = [];
  let target: Person;
  const commissioner: User = {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'c@example.org',
    displayName: 'C',
    role: 'commissioner',
    organisationIds: [],
    schemeId: null,
  };

  beforeAll(async () => {
    db = await engine.open();
    const rand = seededRandom(7);
    const schemeA = await makeScheme(db, 'Scheme A');
    const schemeB = await makeScheme(db, 'Scheme B');
    const p1 = await makeProvider(db, schemeA, 'Provider One');
    const a1b = await makeActivity(db, p1.org, await makePlace(db, p1.org), { title: 'Provider One archive club' });
    const p2 = await makeProvider(db, schemeA, 'Provider Two');
    const p3 = await makeProvider(db, schemeB, 'Provider Three');
    // Activity, how many people in each month (May, June, July, August).
    const cohorts = [
      { scheme: schemeA, provider: p1.org, activity: p1.activity, perMonth: [6, 6, 0, 0] },
      { scheme: schemeA, provider: p1.org, activity: a1b, perMonth: [3, 2, 3, 2] },
      { scheme: schemeA, provider: p2.org, activity: p2.activity, perMonth: [5, 5, 5, 5] },
      { scheme: schemeB, provider: p3.org, activity: p3.activity, perMonth: [4, 4, 4, 3] },
    ];
    let id = 0;
    for (const c of cohorts) {
      c.perMonth.forEach((n, m) => {
        for (let i = 0; i < n; i++) {
          const b = 2 + Math.floor(rand() * 2),
            e = b + Math.floor(rand() * 2);
          const baseline = [b, 3 + Math.floor(rand() * 3), Math.floor(rand() * 2), 2 + Math.floor(rand() * 2)];
          const end = [e, 2 + Math.floor(rand() * 3), Math.floor(rand() * 2), 3 + Math.floor(rand() * 2)];
          // Most people also answer at follow-up; every fourth does not.
          const followUp = id % 4 === 3 ? null : [e, 2 + Math.floor(rand() * 3), 1, 3];
          people.push({ id: id++, scheme: c.scheme, provider: c.provider, activity: c.activity, month: MONTHS[m]!, baseline, end, followUp });
        }
      });
    }
    // The target: the only July referral to Provider One's walk, with extreme scores, an end questionnaire and no follow-up.
    target = {
      id: id++,
      scheme: schemeA,
      provider: p1.org,
      activity: p1.activity,
      month: '2026-07',
      baseline: [1, 30, 0, 1],
      end: [5, 0, 1, 5],
      followUp: null,
    };
    people.push(target);
    for (const p of people) {
      p.truth = { baseline: scores(p.baseline), end: p.end && scores(p.end), followUp: p.followUp && scores(p.followUp) };
      const { referralId } = await makeReferral(db, {
        schemeId: p.scheme,
        org: p.provider,
        activity: p.activity,
        status: 'completed',
        sentAt: `${p.month}-10T10:00:00Z`,
      });
      const save = (tp: 'baseline' | 'end' | 'follow_up', s: number[]) =>
        addResponses(db, referralId, tp, { swemwbs: swemwbs(s[0]!), pilot: pilot(s[1]!, s[2]!, s[3]!, tp === 'baseline' ? undefined : 2) });
      await save('baseline', p.baseline);
      if (p.end) await save('end', p.end);
      if (p.followUp) await save('follow_up', p.followUp);
    }
    // Every consistent choice of area, provider and activity (a mismatched pair is empty by construction).
    const acts = [
      [schemeA, p1.org, p1.activity],
      [schemeA, p1.org, a1b],
      [schemeA, p2.org, p2.activity],
      [schemeB, p3.org, p3.activity],
    ] as const;
    for (const scheme of [undefined, schemeA, schemeB]) {
      for (const provider of [undefined, p1.org, p2.org, p3.org]) {
        for (const activity of [undefined, ...acts.map((a) => a[2])]) {
          const ok = acts.some(([s, p, a]) => (!scheme || s === scheme) && (!provider || p === provider) && (!activity || a === activity));
          if (ok) combos.push({ scheme, provider, activity });
        }
      }
    }
  }, 300_000);
  afterAll(async () => db?.drop());

  /** Every period the filter form allows: whole months, either end open. */
  const periods = () => {
    const out: { from?: Month; to?: Month }[] = [];
    for (const from of [undefined, ...MONTHS]) {
      for (const to of [undefined, ...MONTHS]) if (!from || !to || from <= to) out.push({ from, to });
    }
    return out;
  };

  const inBox = (p: Person, q: Query) =>
    (!q.scheme || p.scheme === q.scheme) &&
    (!q.provider || p.provider === q.provider) &&
    (!q.activity || p.activity === q.activity) &&
    (!q.from || p.month >= q.from) &&
    (!q.to || p.month <= q.to);
  const later = (p: Person, compare: Query['compare']) => (compare === 'end' ? p.end : p.followUp);
  /** Ground truth: who is behind a measure's figures for a query. */
  const group = (q: Query) => people.filter((p) => inBox(p, q) && later(p, q.compare) !== null);

  it('releases nothing from which one person’s baseline or later score can be worked out', async () => {
    const service = createOutcomeReportService({ outcomes: createOutcomeRepository(db), parents: createParentBodyRepository(db) });
    type Released = { key: string; q: Query; ids: Set<number>; n: number; code: string; before: number; after: number };
    const released: Released[] = [];
    let asked = 0;
    for (const combo of combos) {
      for (const period of periods()) {
        for (const compare of ['end', 'follow_up'] as const) {
          const q: Query = { ...combo, ...period, compare };
          const { report } = await service.report(commissioner, parseOrFail(reportQuery, q));
          asked++;
          const members = group(q);
          for (const m of MEASURES) {
            const sums = releasedSums(report, m.code);
            if (!sums) continue;
            released.push({ key: JSON.stringify(q), q, ids: new Set(members.map((p) => p.id)), n: members.length, code: m.code, ...sums });
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(900);
    // Not a report that withholds everything: the whole population, and June to August, are published.
    expect(
      released
        .filter((r) => r.code === 'swemwbs')
        .map((r) => r.n)
        .sort(),
    ).toEqual([40, 40, 58, 58, 58, 58]);

    const recovered: string[] = [];
    const byMeasure = new Map<string, Released[]>();
    for (const r of released) byMeasure.set(r.code, [...(byMeasure.get(r.code) ?? []), r]);
    for (const [code, results] of byMeasure) {
      const m = MEASURES.find((x) => x.code === code)!;
      const i = MEASURES.indexOf(m);
      /** One person left over: are the leftover sums their scores? (Later scores only when every report compared the same time point.) */
      const check = (what: string, ids: Set<number>, before: number, after: number, compare: Query['compare'] | null) => {
        if (ids.size !== 1) return;
        const person = people.find((p) => ids.has(p.id))!;
        if (Math.abs(before - person.truth!.baseline[i]!) < 0.5) recovered.push(`${code} baseline of person ${person.id} (${before.toFixed(2)}) from ${what}`);
        const laterScore = compare === 'end' ? person.truth!.end?.[i] : compare === 'follow_up' ? person.truth!.followUp?.[i] : undefined;
        if (laterScore !== undefined && Math.abs(after - laterScore) < 0.5) recovered.push(`${code} ${compare} score of person ${person.id} from ${what}`);
      };
      const same = (...rs: Released[]) => (rs.every((r) => r.q.compare === rs[0]!.q.compare) ? rs[0]!.q.compare : null);
      // 1. Pairs: subtract every released sum from every other whose group contains it.
      for (const big of results) {
        for (const small of results) {
          if (big === small || small.n >= big.n || ![...small.ids].every((i) => big.ids.has(i))) continue;
          const rest = new Set([...big.ids].filter((i) => !small.ids.has(i)));
          check(
            `${big.key} minus ${small.key}`,
            rest,
            big.n * big.before - small.n * small.before,
            big.n * big.after - small.n * small.after,
            same(big, small),
          );
        }
      }
      // 2. Wholes minus released parts: the other values of one filter, or the months either side.
      for (const whole of results) {
        const parts = results.filter((r) => r !== whole && [...r.ids].every((i) => whole.ids.has(i)));
        for (const a of parts) {
          for (const b of parts) {
            if (a === b || a.n + b.n < whole.n - 1 || [...a.ids].some((i) => b.ids.has(i))) continue;
            const rest = new Set([...whole.ids].filter((i) => !a.ids.has(i) && !b.ids.has(i)));
            check(
              `${whole.key} minus ${a.key} and ${b.key}`,
              rest,
              whole.n * whole.before - a.n * a.before - b.n * b.before,
              whole.n * whole.after - a.n * a.after - b.n * b.after,
              same(whole, a, b),
            );
          }
        }
      }
    }
    expect(recovered.slice(0, 5)).toEqual([]);

    // The structural guarantee behind it: any two released groups differ by nobody or by at least 10 people each way.
    const close: string[] = [];
    for (const [, results] of byMeasure) {
      for (const a of results) {
        for (const b of results) {
          const aOnly = [...a.ids].filter((i) => !b.ids.has(i)).length;
          if (aOnly > 0 && aOnly < 10) close.push(`${a.key} has ${aOnly} people not in ${b.key}`);
        }
      }
    }
    expect(close.slice(0, 5)).toEqual([]);
  }, 600_000);

  it('publishes counts rounded to 5 and means to one decimal place', async () => {
    const service = createOutcomeReportService({ outcomes: createOutcomeRepository(db), parents: createParentBodyRepository(db) });
    const { report } = await service.report(commissioner, { compare: 'end' });
    expect(report).toMatchObject({ referred: 60, started: 60, paired: 60, completionRate: 100 });
    const m = report.measures.find((x) => x.code === 'swemwbs');
    if (m?.kind !== 'scale') throw new Error('SWEMWBS is a scale');
    expect(m.paired).toBe(60);
    for (const x of [m.beforeMean, m.afterMean, m.meanChange, ...(m.ci95 ?? [])]) expect(Math.round(x! * 10) / 10).toBe(x);
    expect((m.improved.count ?? 0) % 5).toBe(0);
  });
});

/** What the report released for a measure as mean baseline and later values (null when withheld). */
function releasedSums(report: OutcomeReport, code: string): { before: number; after: number } | null {
  const m: MeasureOutcome | undefined = report.measures.find((x) => x.code === code);
  if (!m) return null;
  if (m.kind === 'scale' || m.kind === 'count') {
    return m.beforeMean === null || m.afterMean === null ? null : { before: m.beforeMean, after: m.afterMean };
  }
  if (m.kind === 'yes_no') {
    const n = m.paired;
    if (n === null || m.before.percent === null || m.after.percent === null) return null;
    return { before: m.before.percent / 100, after: m.after.percent / 100 };
  }
  return null;
}
