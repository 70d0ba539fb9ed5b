import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { DEMO, expectAccessible, JS_MODES, newContext, signIn, submit, visit } from './harness.ts';

const env = useAppAndBrowser();

const HEADER =
  'organisation_id,organisation_name,place_id,place_name,place_town,place_postcode,place_latitude,place_longitude,activity_id,activity_title,cost,categories,session_frequency,session_weekday,session_start_time,session_end_time';
const file = (label: string) =>
  Buffer.from(
    [
      HEADER,
      `menders,Yarmouth Net Menders,loft,The Net Loft,Great Yarmouth,NR30 2RG,52.6075,1.7305,nets,Net mending (${label}),free,Loneliness and isolation,weekly,Tuesday,10:00,12:00`,
      `menders,Yarmouth Net Menders,loft,The Net Loft,Great Yarmouth,NR30 2RG,52.6075,1.7305,ropes,Rope work (${label}),free,,weekly,Friday,ten,12:00`,
    ].join('\r\n'),
  );

/** Issue 13: a coordinator checks a spreadsheet with one bad row, then imports its valid rows into the review queue (axe on every page). */
for (const mode of JS_MODES) {
  describe(`listings in a spreadsheet (${mode.label})`, () => {
    it('shows the bad row by its line and column, imports nothing until asked, then only the valid rows', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await signIn(page, DEMO.coordinator);
      await visit(page, '/coordinator/imports/spreadsheet');
      const name = `Net menders ${mode.label}`;
      const choose = () =>
        page.locator('input[type=file][name=listingsFile]').setInputFiles({ name: 'listings.csv', mimeType: 'text/csv', buffer: file(mode.label) });
      await choose();
      await page.getByLabel('A name for these listings').fill(name);
      await submit(page, 'Check the file');
      const report = await page.locator('main').innerText();
      assert.match(report, /1 row with a problem/);
      assert.match(report, /session_start_time: Enter the start time as 24-hour hours and minutes/);
      assert.match(report, new RegExp(`Net mending \\(${mode.label}\\)[\\s\\S]*New`));
      await expectAccessible(page);

      // Sent without choosing the valid rows: nothing is imported, and the page says so next to the file.
      await choose();
      await submit(page, 'Import these listings');
      assert.match(await page.locator('main').innerText(), /1 row of the file has a problem, so nothing was imported/);
      await expectAccessible(page);

      await choose();
      await page.getByLabel('A name for these listings').fill(name);
      await submit(page, 'Check the file');
      await choose();
      await page.getByLabel('Import the valid rows, and leave out the rows with problems').check();
      await submit(page, 'Import these listings');
      const done = await page.locator('main').innerText();
      assert.match(done, /A spreadsheet of listings/);
      assert.match(done, new RegExp(`Net mending \\(${mode.label}\\)`));
      assert.match(done, /Not imported/);
      await expectAccessible(page);

      // Checking a later file without the net mending says it would be withdrawn, and withdraws nothing.
      await visit(page, '/coordinator/imports/spreadsheet');
      await page.locator('input[type=file][name=listingsFile]').setInputFiles({
        name: 'listings.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [
            HEADER,
            `menders,Yarmouth Net Menders,loft,The Net Loft,Great Yarmouth,NR30 2RG,52.6075,1.7305,ropes,Rope work (${mode.label}),free,,weekly,Friday,10:00,12:00`,
          ].join('\r\n'),
        ),
      });
      await page.getByLabel('A name for these listings').fill(name);
      await submit(page, 'Check the file');
      const shorter = await page.locator('main').innerText();
      assert.match(shorter, /1 would be withdrawn/);
      assert.match(shorter, new RegExp(`Not in the file\\s+Net mending \\(${mode.label}\\)`));
      await expectAccessible(page);

      await visit(page, '/coordinator/listings');
      assert.match(await page.locator('main').innerText(), new RegExp(`Net mending \\(${mode.label}\\)`));
      await ctx.close();
    });
  });
}
