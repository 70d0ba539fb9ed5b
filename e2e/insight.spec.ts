import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useAppAndBrowser } from './app.fixture.ts';
import { DEMO, expectAccessible, JS_MODES, newContext, signIn, visit } from './harness.ts';

/**
 * Issue 12 (decisions 044 and 050): a coordinator opens provision, gaps and reach for their scheme, changes the
 * gap distance, downloads a CSV, and narrows referral flows to one route; with JavaScript on and off, axe on each page.
 * With SCREENSHOTS=1 the JavaScript-on run saves /insight, the coverage map and the reach tables to docs/screenshots.
 */
const env = useAppAndBrowser();
const OUT = path.resolve('docs/screenshots');

async function show(page: Page) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Show figures' }).click()]);
  await page.waitForLoadState('load');
}

for (const mode of JS_MODES) {
  describe(`provision, need and reach (${mode.label})`, () => {
    it('a coordinator reads coverage and gaps, changes the distance, downloads a CSV and reads referral flows by route', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await signIn(page, DEMO.coordinator);
      await visit(page, '/insight');
      const main = page.locator('main');
      assert.match(await main.innerText(), /Provision, need and reach/);
      if (/Deprivation data is not loaded/.test(await main.innerText())) {
        // Without the shared data there is nothing more to see; the page says how to load it.
        await expectAccessible(page);
        await ctx.close();
        return;
      }
      assert.match(await main.innerText(), /Sessions per 10,000 people by local authority/);
      assert.ok((await page.locator('figure.waymark-choropleth svg path').count()) > 0 || /No map:/.test(await main.innerText()), 'a map, or why not');
      await expectAccessible(page);
      if (mode.javaScript && process.env.SCREENSHOTS) {
        await page.screenshot({ path: path.join(OUT, 'insight-desktop.png'), fullPage: true });
        if ((await page.locator('figure.waymark-choropleth').count()) > 0)
          await page
            .locator('#coverage-map-title')
            .locator('xpath=following-sibling::div[1]')
            .screenshot({ path: path.join(OUT, 'insight-map.png') });
        await page.evaluate(() => window.scrollTo(0, 0)); // bounding boxes are from the viewport; the clip is from the page's top
        const top = await page.getByRole('heading', { name: 'Reach', level: 2 }).boundingBox();
        const end = await page.getByRole('heading', { name: 'Referral flows', level: 2 }).boundingBox();
        if (top && end)
          await page.screenshot({
            path: path.join(OUT, 'insight-reach.png'),
            fullPage: true,
            clip: { x: 0, y: top.y - 8, width: 1280, height: end.y - top.y },
          });
      }

      await page.getByLabel('Gaps: nothing within').selectOption('5');
      await show(page);
      assert.match(page.url(), /miles=5/);
      assert.match(await main.innerText(), /nothing accessible and low cost within 5 miles/);
      await expectAccessible(page);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download “Most deprived neighbourhoods/ }).click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      assert.match(csv, /^Most deprived neighbourhoods with nothing accessible and low cost within 5 miles/);
      assert.match(csv, /How: /);

      await visit(page, '/insight/referral-flows');
      await page.getByLabel('Referral route').selectOption({ label: 'Self-referral' });
      await show(page);
      assert.match(page.url(), /route=self/);
      assert.match(await main.innerText(), /Referral flows/);
      await expectAccessible(page);
      await ctx.close();
    });
  });
}
