import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';
import { addResponses, makeProvider, makeReferral, makeScheme, makeSchemeUser, swemwbsAll } from '../../../../test/fixtures/questionnaire.fixtures.ts';

type Login = { email: string; password: string };

describe.each(ENGINES)('outcome reports ($name)', (engine) => {
  let t: TestApp;
  const logins: Record<string, Login> = {};
  let schemeB = '';
  let p2 = { org: '', activity: '' };
  let p3 = { org: '', activity: '' };

  async function cohort(schemeId: string, p: { org: string; activity: string }, people: number, end: (i: number) => number) {
    for (let i = 0; i < people; i++) {
      const r = await makeReferral(t.db, { schemeId, ...p, status: 'completed', closedAt: '2026-10-01T10:00:00Z' });
      await t.db.query(`insert into attendance (referral_id, session_date, attended, recorded_at) values ($1, '2026-09-10', true, to_timestamp(1795255200))`, [
        r.referralId,
      ]);
      await addResponses(t.db, r.referralId, 'baseline', { swemwbs: swemwbsAll(3), pilot: { someone_to_talk: 0, health_contacts: 4 } });
      await addResponses(t.db, r.referralId, 'end', {
        swemwbs: { ...swemwbsAll(3), ...(end(i) === 4 ? swemwbsAll(4) : { s1: 4 }) },
        pilot: { someone_to_talk: 1, health_contacts: 2, medication: 1 },
      });
    }
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const schemeA = await makeScheme(t.db, 'Scheme A');
    schemeB = await makeScheme(t.db, 'Scheme B');
    const p1 = await makeProvider(t.db, schemeA, 'Provider One');
    p2 = await makeProvider(t.db, schemeA, 'Provider Two');
    p3 = await makeProvider(t.db, schemeB, 'Provider Three');
    // Provider One: 30 people; 15 from raw 21 (19.25) to 28 (25.03), 15 to 22 (19.98).
    await cohort(schemeA, p1, 30, (i) => (i < 15 ? 4 : 3));
    await cohort(schemeA, p2, 3, () => 4);
    await cohort(schemeB, p3, 20, () => 4);
    logins.commissioner = await makeSchemeUser(t.db, 'commissioner', null);
    logins.coordinatorA = await makeSchemeUser(t.db, 'coordinator', schemeA);
    logins.providerOne = await makeSchemeUser(t.db, 'provider', null, p1.org);
    logins.linkWorker = await makeSchemeUser(t.db, 'link_worker', schemeA);
    logins.connector = await makeSchemeUser(t.db, 'connector', schemeA);
    logins.admin = await makeSchemeUser(t.db, 'admin', null);
  }, 180_000);
  afterAll(async () => t.close());

  const as = async (who: string) => {
    const v = new Visitor(t.app);
    await v.signIn(logins[who]!.email, logins[who]!.password);
    return v;
  };
  const summaryValue = (html: string, label: string) => new RegExp(`${label}[^<]*</dt>\\s*<dd class="nhsuk-summary-list__value">([^<]*)</dd>`).exec(html)?.[1];

  it('shows commissioners an area, in aggregate, with counts rounded to 5', async () => {
    const res = await (await as('commissioner')).get(`${paths.reports.outcomes}?scheme=${schemeB}`);
    expect(res.statusCode).toBe(200);
    expect(summaryValue(res.body, 'Referred')).toBe('20');
    expect(summaryValue(res.body, 'With a baseline')).toBe('20');
    expect(res.body).toContain('Mental wellbeing (SWEMWBS metric score)');
    expect(res.body).toContain('class="app-chart__svg"');
    expect(res.body).toContain('Counts are rounded to the nearest 5');
    expect(res.body).not.toContain('Pat Participant');
  });

  it('withholds England’s figures when England minus the other providers would leave Provider Two’s 3 people', async () => {
    const res = await (await as('commissioner')).get(paths.reports.outcomes);
    expect(summaryValue(res.body, 'Referred')).toBe('55'); // 53, rounded
    expect(res.body).toContain('Not shown: fewer than 10 people, or another report differs from this one by fewer than 10 people');
    expect(res.body).not.toContain('app-chart__svg');
    expect(res.body).not.toMatch(/19\.3<\/td>/);
  });

  it('works out the change and meaningful-change shares for one provider, to one decimal place', async () => {
    const res = await (await as('providerOne')).get(paths.reports.outcomes);
    expect(summaryValue(res.body, 'Referred')).toBe('30');
    expect(res.body).toMatch(/19\.3<\/td><td>22\.5<\/td><td>\+3\.3 \(\+[0-9.]+ to \+[0-9.]+\)/); // baseline mean, end mean, change (CI)
    expect(res.body).toContain('50% (15 people)');
    expect(res.body).toContain('Of those on medication – reduced: 100% (30 people)');
  });

  it('suppresses every count under 10, on the page, in the CSV and in print', async () => {
    const v = await as('coordinatorA');
    const page = await v.get(`${paths.reports.outcomes}?provider=${p2.org}`);
    expect(summaryValue(page.body, 'Referred')).toBe('fewer than 10');
    expect(page.body).toContain('Not shown: fewer than 10 people');
    expect(page.body).not.toContain('app-chart__svg');
    const csv = await v.get(`${paths.reports.outcomesCsv}?provider=${p2.org}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('summary,Referred,fewer than 10');
    expect(csv.body).toContain('Counts are rounded to the nearest 5');
    expect(csv.body).not.toMatch(/,[1-9],|,[1-9]\r\n/);
    const print = await v.get(`${paths.reports.outcomesPrint}?provider=${p2.org}&from=2026-09&to=2026-09`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('How these figures are worked out');
    expect(print.body).toContain('Provider Two');
    expect(print.body).toContain('Referred September 2026 to September 2026');
    expect(print.body).toContain('counts rounded to the nearest 5');
  });

  it('shows the same figures on the page, in the CSV and in print', async () => {
    const v = await as('providerOne');
    const page = (await v.get(paths.reports.outcomes)).body;
    const csv = (await v.get(paths.reports.outcomesCsv)).body;
    const print = (await v.get(paths.reports.outcomesPrint)).body;
    const row = csv.split('\r\n').find((l) => l.startsWith('scale,Mental wellbeing'))!;
    expect(row).toMatch(/^scale,Mental wellbeing \(SWEMWBS metric score\),30,19\.3,22\.5,\+3\.3,/);
    for (const html of [page, print]) expect(html).toMatch(/19\.3<\/td><td>22\.5<\/td><td>\+3\.3/);
    // The chart shows the same rounded means.
    expect(page).toContain('Mean score 19.3 at baseline and 22.5 later.');
  });

  it('keeps coordinators to their scheme and providers to their own organisations', async () => {
    const coordinator = await as('coordinatorA');
    expect(summaryValue((await coordinator.get(paths.reports.outcomes)).body, 'Referred')).toBe('35');
    expect((await coordinator.get(`${paths.reports.outcomes}?scheme=${schemeB}`)).statusCode).toBe(404);
    const provider = await as('providerOne');
    expect((await provider.get(`${paths.reports.outcomes}?provider=${p2.org}`)).statusCode).toBe(404);
    expect((await provider.get(`${paths.reports.outcomesCsv}?provider=${p2.org}`)).statusCode).toBe(404);
    // An activity of another provider gives nothing, not their figures.
    expect(summaryValue((await provider.get(`${paths.reports.outcomes}?activity=${p2.activity}`)).body, 'Referred')).toBe('0');
  });

  it('refuses reports to people who work with individuals, and to the signed-out', async () => {
    for (const url of [paths.reports.outcomes, paths.reports.outcomesCsv, paths.reports.outcomesPrint]) {
      expect((await new Visitor(t.app).get(url)).headers.location).toMatch(/^\/sign-in/);
      expect((await (await as('linkWorker')).get(url)).statusCode).toBe(403);
      expect((await (await as('connector')).get(url)).statusCode).toBe(403);
      expect((await (await as('admin')).get(url)).statusCode).toBe(200);
    }
  });

  it('re-shows the filters with an error for a period that ends before it starts', async () => {
    const res = await (await as('commissioner')).get(`${paths.reports.outcomes}?from=2026-10&to=2026-09`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#to"');
    expect(res.body).toContain('The end month must be the same as or after the start month');
    expect(res.body).toContain('value="2026-10"');
  });

  it('refuses impossible dates and parts of months with a message next to the field, never a server error', async () => {
    const v = await as('commissioner');
    const cases = [
      ['from=2026-02-30', 'from', 'Reports cover whole months: enter a month without a day, for example 2026-04'],
      ['from=2026-09-15', 'from', 'Reports cover whole months'],
      ['to=2026-13', 'to', 'Enter a real month: the month must be from 01 to 12'],
      ['from=0000-01', 'from', 'Enter a year from 2000 to 2099'],
      ['to=yesterday', 'to', 'Enter a month as year and month, for example 2026-04'],
    ] as const;
    for (const [qs, field, message] of cases) {
      const res = await v.get(`${paths.reports.outcomes}?${qs}`);
      expect(res.statusCode, qs).toBe(422);
      expect(res.body).toContain(`href="#${field}"`);
      expect(res.body).toMatch(new RegExp(`id="${field}-error"[\\s\\S]*${message.replace(/[()]/g, '\\$&')}`));
      expect(res.body).not.toContain('app-chart__svg');
      for (const url of [paths.reports.outcomesCsv, paths.reports.outcomesPrint]) {
        const other = await v.get(`${url}?${qs}`);
        expect(other.statusCode, `${url}?${qs}`).toBe(422);
        expect(other.body).toContain(message);
      }
    }
  });

  it('gives a provider one of their organisations at a time', async () => {
    const res = await (await as('providerOne')).get(paths.reports.outcomes);
    expect(res.body).not.toContain('All your organisations');
    expect(res.body).toMatch(/<option value="[0-9a-f-]{36}" selected>Provider One<\/option>/);
  });

  it('gives a parent body all its sites together or one site, withholding the total when a small site could be worked out', async () => {
    const p1 = (await t.db.query<{ id: string }>(`select id from organisations where name = 'Provider One'`))[0]!.id;
    const siteStaff = await makeSchemeUser(t.db, 'provider', null, p3.org);
    await t.db.query('update organisations set parent_id = $1 where id = any($2::uuid[])', [p1, [p2.org, p3.org]]);
    try {
      const body = await as('providerOne');
      expect((await body.get(paths.provider.sites)).body).toContain(`href="${paths.provider.sitesOutcomes}"`);
      // All sites: 53 people, but minus Provider One and Provider Three it would leave Provider Two's 3.
      const all = await body.get(paths.provider.sitesOutcomes);
      expect(all.statusCode).toBe(200);
      expect(all.body).toContain('<option value="" selected>All your sites</option>');
      expect(summaryValue(all.body, 'Referred')).toBe('55');
      expect(all.body).toContain('Not shown: fewer than 10 people, or another report differs from this one by fewer than 10 people');
      expect(all.body).not.toContain('class="app-chart__svg"');
      expect(all.body).toContain(`action="${paths.provider.sitesOutcomes}"`);
      // One site at a time: Provider Three's 20 people are shown, on the page and in the CSV.
      const one = await body.get(`${paths.provider.sitesOutcomes}?provider=${p3.org}`);
      expect(summaryValue(one.body, 'Referred')).toBe('20');
      expect(one.body).toMatch(/19\.3<\/td><td>25\.0<\/td>/); // SWEMWBS baseline and end means
      expect(one.body).toContain('class="app-chart__svg"');
      expect(one.body).toContain(`href="${paths.provider.sitesOutcomesCsv}?provider=${p3.org}"`);
      const csv = await body.get(`${paths.provider.sitesOutcomesCsv}?provider=${p3.org}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect((await body.get(`${paths.provider.sitesOutcomesPrint}?provider=${p3.org}`)).body).toContain('Provider Three');
      // Bad input: a message next to the field, nothing shown.
      const bad = await body.get(`${paths.provider.sitesOutcomes}?from=2026-09-15`);
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Reports cover whole months');
      // A site's own staff see their site only: not the body, not a sister site.
      const v = new Visitor(t.app);
      await v.signIn(siteStaff.email, siteStaff.password);
      expect((await v.get(`${paths.provider.sitesOutcomes}?provider=${p1}`)).statusCode).toBe(404);
      expect((await v.get(`${paths.provider.sitesOutcomesCsv}?provider=${p2.org}`)).statusCode).toBe(404);
      expect(summaryValue((await v.get(paths.provider.sitesOutcomes)).body, 'Referred')).toBe('20');
    } finally {
      await t.db.query('update organisations set parent_id = null where id = any($1::uuid[])', [[p2.org, p3.org]]);
    }
  });

  it('sends commissioners to their dashboard when they sign in (issue 12), the report one link away', async () => {
    const v = new Visitor(t.app);
    const res = await v.post('/sign-in', { email: logins.commissioner!.email, password: logins.commissioner!.password });
    expect(res.headers.location).toBe(paths.insight.dashboard);
    expect((await v.get(paths.insight.dashboard)).body).toContain(`href="${paths.reports.outcomes}"`);
  });
});
