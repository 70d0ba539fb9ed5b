import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { JS_MODES, newContext, signIn, visit } from './harness.ts';
import { countsIn, follow, OutcomesReportPage, parseCsv } from './pages/outcomes.pages.ts';

/**
 * The outcomes report: aggregate figures only, small counts suppressed, each role seeing its own slice.
 * The demo data has anonymised past cohorts in Great Yarmouth and Waveney, Frome and Nottingham.
 */
const env = useAppAndBrowser();
const DAY = 24 * 60 * 60 * 1000;
const isoDaysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

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
      assert.match(await page.locator('main').innerText(), /fewer than 5/, 'small counts are suppressed');

      // Charts: SVG images, each named and described, each with a table of the same figures.
      const charts = await report.charts();
      assert.ok(charts.length >= 3, 'the report has charts');
      for (const c of charts) {
        assert.ok(c.description.length > 10, `chart "${c.title}" has a text description`);
        assert.deepEqual(c.table.map((r) => r[0]), ['Baseline', 'Later'], `chart "${c.title}" has its data as a table`);
      }

      // A range that ends before it starts: the error is next to the field; nothing else is shown.
      await report.filterByDates(isoDaysAgo(30), isoDaysAgo(200), 422);
      assert.match(await page.locator('#to-error').innerText(), /The end date must be the same as or after the start date/);
      assert.equal(await page.locator('.nhsuk-error-summary a[href="#to"]').count(), 1);
      assert.equal(await page.getByLabel('Referred from').inputValue(), isoDaysAgo(30), 'the dates entered are kept');
      assert.equal(await page.locator('main table').count(), 0, 'no figures for an invalid range');

      // A few weeks of referrals: fewer people, so more figures are withheld.
      const [from, to] = [isoDaysAgo(205), isoDaysAgo(180)];
      await report.filterByDates(from, to);
      const narrowed = await report.referred();
      assert.ok(narrowed > 0 && narrowed < allTime, `the range narrows the figures (${narrowed} of ${allTime})`);
      const text = await page.locator('main').innerText();
      assert.match(text, /fewer than 5|Not shown: fewer than 5/);
      for (const value of Object.values(await report.summary())) {
        for (const n of countsIn(value)) assert.ok(n === 0 || n >= 5, `no count from 1 to 4 in the summary ("${value}")`);
      }
      for (const table of await page.locator('main table').all()) {
        for (const cell of await table.locator('td').allInnerTexts()) {
          for (const n of countsIn(cell)) assert.ok(n === 0 || n >= 5, `no count from 1 to 4 is shown ("${cell}")`);
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
      const rows = parseCsv(await res.text());
      assert.deepEqual(rows[0]?.slice(0, 3), ['section', 'measure', 'people']);
      assert.ok(rows.length > 10, 'the CSV has the report’s rows');
      assert.ok(rows.some((r) => r.includes('fewer than 5') || r.some((c) => / fewer than 5$/.test(c))), 'suppressed counts say so');
      for (const r of rows.slice(1)) {
        for (const cell of r) for (const n of countsIn(cell)) assert.ok(n === 0 || n >= 5, `CSV shows no count from 1 to 4 (${r[1]}: "${cell}")`);
      }
      assert.equal(rows.find((r) => r[1] === 'Referred')?.[2], String(await report.referred()), 'the CSV has the page’s figures');

      // The printable report keeps the chosen dates.
      await follow(page, page.getByRole('link', { name: 'Printable report' }));
      assert.equal(await page.locator('h1').innerText(), 'Outcomes report');
      assert.match(await page.locator('main').innerText(), new RegExp(`Referred ${from} to ${to}`));
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
      assert.ok(['Frome', 'Great Yarmouth', 'Nottingham'].every((a) => areas.some((t) => t.startsWith(a))), areas.join(', '));
      const england = await commissioner.referred();
      assert.ok(england > allTime, 'England has more referrals than one area');
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
      assert.deepEqual((await provider.selectOptions('Provider')).map((o) => o.text).filter((t) => !/^All/.test(t)), ['Frome History Society']);
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
