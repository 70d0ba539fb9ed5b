import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeActivity, makePlace } from '../../test/factories.ts';
import { addResponses, makeProvider, makeReferral, makeScheme } from '../../test/fixtures/questionnaire.fixtures.ts';
import type { Db } from '../data/database.ts';
import { createOutcomeRepository } from '../data/repositories/outcome.repository.ts';
import { createParentBodyRepository } from '../data/repositories/parent-body.repository.ts';
import { NotFound } from '../domain/errors.ts';
import type { Answers } from '../domain/instruments/instrument.ts';
import { instrumentFor } from '../domain/instruments/registry.ts';
import type { User } from '../domain/user.ts';
import { parseOrFail } from '../web/forms.ts';
import { reportQuery } from '../web/features/reports/report.query.ts';
import { createOutcomeReportService } from './outcome-report.service.ts';

/**
 * A parent body's report (decision 047 addendum) against differencing: "all sites" minus the released
 * single-site reports must not give away a site whose own figures are withheld. The body and two sites
 * each run three activities of 5 people (every single-site report is released); a third site has one
 * person, the target. Every activity is small, so only the sites themselves tell the target apart: the
 * total is safe only because the release rule checks each site before showing it.
 */

const swemwbs = (v: number): Answers => Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`s${i + 1}`, v]));
const metric = (v: number) => instrumentFor('swemwbs')!.score(swemwbs(v))[0]!;
type Person = { id: number; site: string; activity: string; baseline: number; end: number };
type Q = { provider?: string; activity?: string; compare: 'end' | 'follow_up' };

describe.each(ENGINES)('a parent body’s outcome report against differencing ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  const people: Person[] = [];
  const queries: Q[] = [];
  let bodyStaff: User;
  let siteStaff: User;
  const sites: Record<'body' | 's1' | 's2' | 'target', string> = { body: '', s1: '', s2: '', target: '' };
  let target: Person;

  beforeAll(async () => {
    db = await engine.open();
    const scheme = await makeScheme(db, 'Scheme A');
    const activities: Record<string, string[]> = {};
    for (const key of ['body', 's1', 's2', 'target'] as const) {
      const p = await makeProvider(db, scheme, `Site ${key}`);
      sites[key] = p.org;
      activities[key] = [p.activity];
      if (key !== 'target')
        for (const n of [2, 3]) activities[key]!.push(await makeActivity(db, p.org, await makePlace(db, p.org), { title: `Site ${key} club ${n}` }));
      if (key !== 'body') await db.query('update organisations set parent_id = $2 where id = $1', [p.org, sites.body]);
    }
    let id = 0;
    for (const key of ['body', 's1', 's2'] as const)
      for (const activity of activities[key]!)
        for (let i = 0; i < 5; i++) people.push({ id: id++, site: sites[key], activity, baseline: 2 + (id % 2), end: 3 + (id % 3) });
    target = { id: id++, site: sites.target, activity: activities.target![0]!, baseline: 1, end: 5 };
    people.push(target);
    // Everyone referred in one month and answering at both later points, so neither months nor time points separate anyone.
    for (const p of people) {
      const { referralId } = await makeReferral(db, {
        schemeId: scheme,
        org: p.site,
        activity: p.activity,
        status: 'completed',
        sentAt: '2026-07-10T10:00:00Z',
      });
      for (const [tp, v] of [
        ['baseline', p.baseline],
        ['end', p.end],
        ['follow_up', p.end],
      ] as const)
        await addResponses(db, referralId, tp, { swemwbs: swemwbs(v) });
    }
    const users = async (org: string) =>
      ({ id: crypto.randomUUID(), email: 'x@example.org', displayName: 'X', role: 'provider', organisationIds: [org], schemeId: null }) satisfies User;
    bodyStaff = await users(sites.body);
    siteStaff = await users(sites.s1);
    for (const provider of [undefined, ...Object.values(sites)])
      for (const activity of [
        undefined,
        ...Object.entries(activities).flatMap(([k, list]) => (!provider || sites[k as keyof typeof sites] === provider ? list : [])),
      ])
        for (const compare of ['end', 'follow_up'] as const) queries.push({ provider, activity, compare });
  }, 300_000);
  afterAll(async () => db?.drop());

  const group = (q: Q) => people.filter((p) => (!q.provider || p.site === q.provider) && (!q.activity || p.activity === q.activity));

  it('releases no sum from which the one person at a small site can be worked out', async () => {
    const service = createOutcomeReportService({ outcomes: createOutcomeRepository(db), parents: createParentBodyRepository(db) });
    type Released = { key: string; ids: Set<number>; before: number; after: number };
    const released: Released[] = [];
    for (const q of queries) {
      const { report } = await service.sitesReport(bodyStaff, parseOrFail(reportQuery, q));
      const m = report.measures.find((x) => x.code === 'swemwbs');
      if (m?.kind !== 'scale' || m.beforeMean === null || m.afterMean === null) continue;
      const ids = group(q).map((p) => p.id);
      released.push({ key: JSON.stringify(q), ids: new Set(ids), before: ids.length * m.beforeMean, after: ids.length * m.afterMean });
    }
    // Not a report that withholds everything: each of the three 15-person sites is published.
    const sizes = released.map((r) => r.ids.size).sort();
    expect(sizes.filter((n) => n === 15).length).toBeGreaterThanOrEqual(6);

    const recovered: string[] = [];
    const check = (what: string, ids: Set<number>, before: number, after: number) => {
      if (ids.size !== 1) return;
      const person = people.find((p) => ids.has(p.id))!;
      if (Math.abs(before - metric(person.baseline)) < 0.5 || Math.abs(after - metric(person.end)) < 0.5) recovered.push(`person ${person.id} from ${what}`);
    };
    const inside = (small: Released, big: Released) => [...small.ids].every((i) => big.ids.has(i));
    const disjoint = (a: Released, b: Released) => ![...a.ids].some((i) => b.ids.has(i));
    for (const whole of released) {
      const parts = released.filter((r) => r !== whole && r.ids.size < whole.ids.size && inside(r, whole));
      // The whole minus one, two or three disjoint released parts (all sites minus the sites that are shown).
      const subtract = (chosen: Released[], from: number) => {
        const rest = new Set([...whole.ids].filter((i) => !chosen.some((c) => c.ids.has(i))));
        if (chosen.length > 0)
          check(
            `${whole.key} minus ${chosen.map((c) => c.key).join(' and ')}`,
            rest,
            whole.before - chosen.reduce((s, c) => s + c.before, 0),
            whole.after - chosen.reduce((s, c) => s + c.after, 0),
          );
        if (chosen.length === 3 || rest.size <= 1) return;
        for (let j = from; j < parts.length; j++) if (chosen.every((c) => disjoint(c, parts[j]!))) subtract([...chosen, parts[j]!], j + 1);
      };
      subtract([], 0);
    }
    expect(recovered.slice(0, 5)).toEqual([]);
  }, 600_000);

  it('shows a site’s own staff nothing of its sister sites', async () => {
    const service = createOutcomeReportService({ outcomes: createOutcomeRepository(db), parents: createParentBodyRepository(db) });
    await expect(service.sitesReport(siteStaff, { provider: sites.s2, compare: 'end' })).rejects.toBeInstanceOf(NotFound);
    await expect(service.sitesReport(siteStaff, { provider: sites.body, compare: 'end' })).rejects.toBeInstanceOf(NotFound);
    const { report } = await service.sitesReport(siteStaff, { compare: 'end' });
    expect(report.paired).toBe(15);
    const { report: all } = await service.sitesReport(bodyStaff, { compare: 'end' });
    expect(all.referred).toBe(45); // 46 referrals, rounded to 5
  });
});
