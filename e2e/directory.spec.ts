import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { findBoundariesFile } from '../src/data/import/boundaries.importer.ts';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext, submit, visit, watchContentSecurityPolicy } from './harness.ts';
import { SearchPage } from './pages/search.page.ts';

const env = useAppAndBrowser();
/** Whether the app finds the ONS boundaries to draw (they are not part of the repository). */
const BOUNDARIES = findBoundariesFile(loadConfig().sharedDir) !== null;
if (!BOUNDARIES) console.warn('No ONS boundaries in SHARED_DIR: the map journey runs without council outlines.');

for (const mode of JS_MODES) {
  describe(`public directory (${mode.label})`, () => {
    it('a link worker finds a memory café near a postcode, narrows it down and opens it', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const search = new SearchPage(page);
      await visit(page, '/');
      await page.getByLabel('Postcode or town').fill('NR30 1NE');
      await page.getByLabel('What are you looking for? (optional)').fill('mmeory');
      await submit(page, 'Search');
      await expectAccessible(page);
      assert.match(await page.locator('main').innerText(), /Showing results for/i, 'tells the user the typo was corrected');
      const titles = await search.resultTitles();
      assert.ok(
        titles.some((t) => /memor/i.test(t)),
        `expected a memory activity in ${titles.join(', ')}`,
      );
      assert.match(await search.firstResult().innerText(), /miles/);
      if (mode.javaScript) {
        await search.map().locator('.app-map__marker, .app-map__cluster').first().waitFor();
      } else {
        // Without JavaScript the list is the whole answer, and a note says why there is no map.
        assert.match(await page.locator('.app-map-slot').innerText(), /Map not shown: it needs JavaScript/);
        assert.equal(await page.locator('.app-map').count(), 0);
      }

      await search.openFilterGroup('Access needs');
      await page.getByLabel('Step-free access').check();
      await submit(page, 'Apply filters');
      await expectAccessible(page);
      assert.match(page.url(), /access=step_free/, 'the filtered search is a shareable URL');
      const filtered = await search.resultTexts();
      assert.ok(filtered.length > 0);
      for (const text of filtered) assert.match(text, /Step-free access/);

      await search.firstResult().locator('a').first().click();
      await page.waitForLoadState('load');
      await expectAccessible(page);
      assert.match(await page.locator('main').innerText(), /How to join or be referred/);
      assert.match(await page.locator('main').innerText(), /Next dates/);
      assert.match(
        await page.locator('.app-place__address').innerText(),
        /\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/,
        'the address, with its postcode, beside the map',
      );
      if (mode.javaScript)
        await page
          .getByRole('region', { name: /^Map of where / })
          .locator('.app-map__pin')
          .waitFor();
      else assert.match(await page.locator('.app-place').innerText(), /Map not shown/);
      await ctx.close();
    });

    it('tells someone an unknown postcode was not found, next to the field', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const res = await page.goto('/activities?where=ZZ99+9ZZ');
      assert.equal(res?.status(), 422);
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /could not find the postcode ZZ99 9ZZ/i);
      assert.match(await page.locator('#where-error').innerText(), /could not find/i);
      await expectAccessible(page);
      await ctx.close();
    });

    it('keeps a shortlist without signing in, shares it and prints it', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const search = new SearchPage(page);
      await visit(page, '/activities?where=Frome');
      const [first, second] = await search.resultTitles();
      assert.ok(first && second);
      // A link worker's typical handout: five activities.
      for (let i = 0; i < 5; i++) await search.addToShortlist(i);
      await visit(page, '/shortlist');
      const listed = await page.locator('main').innerText();
      assert.ok(listed.includes(first) && listed.includes(second));
      const shareUrl = (await page.locator('.app-share-link a').getAttribute('href')) ?? '';
      assert.match(shareUrl, /\/shortlist\?ids=/);

      const other = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const otherPage = await other.newPage();
      await visit(otherPage, new URL(shareUrl, env.app.baseUrl).pathname + new URL(shareUrl, env.app.baseUrl).search);
      assert.match(await otherPage.locator('h1').innerText(), /shared shortlist/i);
      assert.ok((await otherPage.locator('main').innerText()).includes(first));
      await other.close();

      await page.getByRole('link', { name: 'Print this list' }).click();
      await page.waitForLoadState('load');
      await expectAccessible(page);
      const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      assert.equal(pages, 1, 'the printed shortlist fits on one A4 page');
      await ctx.close();
    });

    it('shows heritage places nearby with no organised activity', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await visit(page, '/heritage-nearby?where=NG1+6EL');
      const text = await page.locator('main').innerText();
      assert.match(text, /miles/);
      assert.ok((await page.locator('main li, main tr').count()) > 0, 'lists nearby heritage places');
      if (mode.javaScript)
        await page
          .getByRole('region', { name: /^Map of the heritage places on this page/ })
          .locator('.app-map__marker, .app-map__cluster')
          .first()
          .waitFor();
      else assert.match(await page.locator('.app-map-slot').innerText(), /Map not shown/);
      await ctx.close();
    });
  });
}

describe('the map (JavaScript on)', () => {
  it('shows where the results are, numbered as in the list, reachable from the keyboard, within the Content Security Policy', async () => {
    const ctx = await newContext(env.browser, { javaScript: true, baseUrl: env.app.baseUrl });
    const page = await ctx.newPage();
    const refused = await watchContentSecurityPolicy(page);
    const search = new SearchPage(page);
    await page.goto('/activities?where=NR30+1NE&radius=10');
    const map = search.map();
    await map.locator('.app-map__cluster').first().waitFor();
    // No tile server in tests: the map draws the council outlines (imported at start-up from SHARED_DIR), with their attribution.
    if (BOUNDARIES) {
      await map.locator('path.app-map__area').first().waitFor({ state: 'attached' });
      assert.match(await page.locator('.app-map__credit').innerText(), /Contains OS data © Crown copyright and database right 2024/);
    }
    await expectAccessible(page);

    // Tab goes through the markers and clusters in the list's order, starting with number 1.
    await map.focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus [data-first]').getAttribute('data-first'), '1');

    // Enter on a cluster lists what is in it, numbered and named as in the list.
    const titles = await search.resultTitles();
    const cluster = map.locator('.app-map__cluster').first();
    const first = Number(await cluster.locator('[data-first]').getAttribute('data-first'));
    await cluster.focus();
    await page.keyboard.press('Enter');
    const popup = map.locator('.leaflet-popup');
    await popup.waitFor();
    assert.ok((await popup.innerText()).includes(`${first}. ${titles[first - 1]}`), 'the popup names the activities as the list does');
    assert.equal(await page.locator(':focus').innerText(), `${first}. ${titles[first - 1]}`, 'focus moves into the popup');
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });
    assert.match((await page.locator(':focus').getAttribute('class')) ?? '', /app-map__cluster/, 'Escape closes it and returns to the cluster');

    // A single marker: Enter opens its popup, which leads to its entry in the list.
    const marker = map.locator('.app-map__marker').first();
    const number = Number(await marker.locator('[data-first]').getAttribute('data-first'));
    await marker.focus();
    await page.keyboard.press('Enter');
    await page.locator(':focus', { hasText: `${number}. ${titles[number - 1]}` }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').innerText(), 'Show in the list');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(':focus').innerText(), titles[number - 1], 'focus is on the activity in the list');
    assert.equal(await page.locator(':focus').evaluate((a) => a.closest('li')?.id), `result-${number}`);

    await page.goto((await search.firstResult().locator('a').first().getAttribute('href')) ?? '/');
    await page
      .getByRole('region', { name: /^Map of where / })
      .locator(BOUNDARIES ? 'path.app-map__area' : '.app-map__pin')
      .first()
      .waitFor({ state: 'attached' });
    await expectAccessible(page);
    assert.deepEqual(refused, [], 'nothing was refused by the Content Security Policy');
    await ctx.close();
  });
});

describe('open data', () => {
  it('serves the Open Referral UK API with open CORS', async () => {
    const res = await fetch(`${env.app.baseUrl}/api/oruk/services?per_page=5`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = (await res.json()) as { total_items: number; contents: unknown[] };
    assert.ok(body.total_items >= 40);
    assert.equal(body.contents.length, 5);
  });
});
