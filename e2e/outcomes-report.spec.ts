import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { JS_MODES, newContext, signIn, visit } from './harness.ts';
import { countsIn, csvRows, follow, OutcomesReportPage } from './pages/outcomes.pages.ts';

/**
 * The outcomes report: aggregate figures only, whole months, counts rounded to 5 and under 10 withheld
 * (decision 012), each role seeing its own slice. The demo data has anonymised past cohorts in Great
 * Yarmouth and Waveney, Frome and Nottingham, referred in monthly intakes from seven months ago.
 */
const env = useAppAndBrowser();
const monthsAgo = (k: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 15));
};
const monthText = (d: Date) => d.toISOString().slice(0, 7);
const monthName = (d: Date) => d.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** Published counts: 0, or 10 and over in steps of 5. */
const publishable = (n: number) => n === 0 || (n >= 10 && n % 5 === 0);

for (const mode of JS_MODES) {
  describe(`outcomes report (${mode.label})`, () => {
    it('a coordinator and a commissioner read the outcomes report', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const report = new OutcomesReportPage(page);

      // The coordinator for Great Yarmouth and Waveney, from their dashboard.
      await signIn(page, 'coordinator@waymark.example');
      await follow(page, page.locator('main').getByRole('link', { name: 'Outcome reports' }));
      assert.equal(await page.locator('h1').innerText(), 'Outcomes report');
      assert.match(await page.locator('main').innerText(), /Your area\./);
      assert.equal(await page.getByLabel('Area', { exact: true }).count(), 0, 'a coordinator does not choose another area');
      const allTime = await report.referred();
      assert.ok(allTime >= 20, `the area's referrals are counted (${allTime})`);
      assert.match(await page.locator('main').innerText(), /Counts are rounded to the nearest 5/, 'the rounding is stated');
      assert.ok(publishable(allTime), `the count is rounded (${allTime})`);

      // Charts: SVG images, each named and described, each with a table of the same figures.
      const charts = await report.charts();
      assert.ok(charts.length >= 3, 'the report has charts');
      for (const c of charts) {
        assert.ok(c.description.length > 10, `chart "${c.title}" has a text description`);
        assert.deepEqual(
          c.table.map((r) => r[0]),
          ['Baseline', 'Later'],
          `chart "${c.title}" has its data as a table`,
        );
      }

      // A period that ends before it starts: the error is next to the field; nothing else is shown.
      await report.filterByDates(monthText(monthsAgo(1)), monthText(monthsAgo(7)), 422);
      assert.match(await page.locator('#to-error').innerText(), /The end month must be the same as or after the start month/);
      assert.equal(await page.locator('.nhsuk-error-summary a[href="#to"]').count(), 1);
      assert.equal(await page.getByLabel('Referred from').inputValue(), monthText(monthsAgo(1)), 'the months entered are kept');
      assert.equal(await page.locator('main table').count(), 0, 'no figures for an invalid period');

      // Reports cover whole months: a day, or an impossible date, is refused next to the field.
      await report.filterByDates('2026-02-30', '', 422);
      assert.match(await page.locator('#from-error').innerText(), /Reports cover whole months: enter a month without a day/);
      assert.equal(await page.locator('main table').count(), 0, 'no figures for an impossible date');

      // Two months of referrals: fewer people, every count still rounded.
      const [from, to] = [monthsAgo(6), monthsAgo(5)];
      await report.filterByDates(monthText(from), monthText(to));
      const narrowed = await report.referred();
      assert.ok(narrowed > 0 && narrowed < allTime, `the period narrows the figures (${narrowed} of ${allTime})`);
      for (const value of Object.values(await report.summary())) {
        for (const n of countsIn(value)) assert.ok(publishable(n), `every count in the summary is 0 or rounded from 10 up ("${value}")`);
      }
      for (const table of await page.locator('main table').all()) {
        for (const cell of await table.locator('td').allInnerTexts()) {
          for (const n of countsIn(cell)) assert.ok(publishable(n), `every count shown is 0 or rounded from 10 up ("${cell}")`);
        }
      }

      // The CSV download: the tables with the same suppression.
      const csvLink = page.getByRole('link', { name: 'Download the tables (CSV)' });
      const href = (await csvLink.getAttribute('href'))!;
      const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
      assert.equal(download.suggestedFilename(), 'waymark-outcomes.csv');
      const res = await page.request.get(href);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-type'] ?? '', /^text\/csv; charset=utf-8/);
      const rows = await csvRows(await res.text());
      assert.deepEqual(rows[0]?.slice(0, 3), ['section', 'measure', 'people']);
      assert.ok(rows.length > 10, 'the CSV has the report’s rows');
      assert.ok(
        rows.some((r) => r[0] === 'note' && /Counts are rounded to the nearest 5/.test(r[1] ?? '')),
        'the CSV states the rounding',
      );
      for (const r of rows.slice(1).filter((row) => row[0] !== 'note')) {
        for (const cell of r) for (const n of countsIn(cell)) assert.ok(publishable(n), `CSV counts are 0 or rounded from 10 up (${r[1]}: "${cell}")`);
      }
      assert.equal(rows.find((r) => r[1] === 'Referred')?.[2], String(await report.referred()), 'the CSV has the page’s figures');

      // The printable report keeps the chosen dates.
      await follow(page, page.getByRole('link', { name: 'Printable report' }));
      assert.equal(await page.locator('h1').innerText(), 'Outcomes report');
      assert.match(await page.locator('main').innerText(), new RegExp(`Referred ${monthName(from)} to ${monthName(to)}`));
      assert.match(await page.locator('main').innerText(), /Counts are rounded to the nearest 5/);
      assert.equal(await page.locator('form').count(), 0, 'no filter form on paper');
      await ctx.close();

      // A commissioner sees all of England and can choose an area.
      const com = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const cp = await com.newPage();
      await signIn(cp, 'commissioner@waymark.example');
      await visit(cp, '/reports/outcomes');
      const commissioner = new OutcomesReportPage(cp);
      assert.match(await cp.locator('main').innerText(), /All of England\./);
      const areas = (await commissioner.selectOptions('Area')).map((o) => o.text);
      assert.ok(
        ['Frome', 'Great Yarmouth', 'Nottingham'].every((a) => areas.some((t) => t.startsWith(a))),
        areas.join(', '),
      );
      const england = await commissioner.referred();
      assert.ok(england > allTime, 'England has more referrals than one area');
      // England minus the other areas would be Nottingham's three people: England's measures are withheld.
      assert.match(await cp.locator('main').innerText(), /Not shown: fewer than 10 people, or another report differs from this one by fewer than 10 people/);
      const yarmouthTrust = (await commissioner.selectOptions('Provider')).find((o) => o.text === 'Yarmouth Heritage Trust');
      assert.ok(yarmouthTrust?.value);
      await com.close();

      // A provider sees only their own organisation's figures.
      const prov = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const pp = await prov.newPage();
      await signIn(pp, 'provider.frome@waymark.example');
      await follow(pp, pp.locator('main').getByRole('link', { name: 'Outcomes report' }));
      const provider = new OutcomesReportPage(pp);
      assert.match(await pp.locator('main').innerText(), /Your organisation’s activities\./);
      assert.deepEqual(
        (await provider.selectOptions('Provider')).map((o) => o.text).filter((t) => !/^All/.test(t)),
        ['Frome History Society'],
      );
      const own = await provider.referred();
      assert.ok(own > 0 && own < england, `the provider's own referrals only (${own} of ${england})`);
      await visit(pp, `/reports/outcomes?provider=${yarmouthTrust.value}`, 404);
      await prov.close();

      // Link workers work with people, not reports.
      const lw = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const lp = await lw.newPage();
      await signIn(lp, 'linkworker.yarmouth@waymark.example');
      await visit(lp, '/reports/outcomes', 403);
      const csv = await lp.request.get('/reports/outcomes.csv');
      assert.equal(csv.status(), 403);
      await lw.close();
    });
  });
}
