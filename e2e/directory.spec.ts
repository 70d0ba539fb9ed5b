import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext, submit, visit } from './harness.ts';
import { SearchPage } from './pages/search.page.ts';

const env = useAppAndBrowser();

for (const mode of JS_MODES) {
  describe(`public directory (${mode.label})`, () => {
    it('a link worker finds a memory café near a postcode, narrows it down and opens it', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const search = new SearchPage(page);
      await visit(page, '/');
      // Search understands how people type: no accent, their own words, a misspelling.
      await search.search('', 'cafe');
      assert.ok(
        (await search.resultTitles()).some((t) => t.includes('memory café')),
        'cafe finds memory cafés',
      );
      assert.equal(await search.correction(), null, 'words that find something are never “corrected”');
      await search.search('', 'family tree');
      const family = await search.resultTitles();
      for (const title of ['Family history drop-in', 'Trace your Frome family']) assert.ok(family.includes(title), `${title} in ${family.join(', ')}`);
      await search.search('NR30 1NE', 'mmeory');
      await expectAccessible(page);
      assert.match((await search.correction()) ?? '', /Showing results for memory/, 'tells the user the typo was corrected');
      const titles = await search.resultTitles();
      assert.ok(
        titles.some((t) => /memor/i.test(t)),
        `expected a memory activity in ${titles.join(', ')}`,
      );
      assert.match(await search.firstResult().innerText(), /miles/);

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
      await ctx.close();
    });
  });
}

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
