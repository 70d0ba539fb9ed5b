import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext, submit, visit } from './harness.ts';
import { SearchPage } from './pages/search.page.ts';
import { ShortlistPage } from './pages/shortlist.page.ts';

/** A phone's screen (iPhone 12–15 size): on it the results must start within one screen of the search button. */
const PHONE_SCREEN = 844;
const SHARE_LINK = /\/s\/[2-9A-HJ-NP-Z]{8}$/;

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

    it('on a phone, shows how many were found and starts the results within a screen of the search button', async (t) => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, mobile: true, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const search = new SearchPage(page);
      await visit(page, '/activities?where=NR30+1NE');
      assert.match(await search.foundLine(), /^\d+ activities found$/);
      assert.equal(await search.filtersOpen(), false, 'the filters wait behind "Filter results"');
      const below = await search.firstResultBelowSearchButton();
      t.diagnostic(`first result ${Math.round(below)}px below the search button on a 390px phone (${mode.label})`);
      assert.ok(below < PHONE_SCREEN, `the first result starts ${Math.round(below)}px below the search button (a screen is ${PHONE_SCREEN}px)`);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'nothing scrolls sideways');

      // The filters still work from behind the control, and it then says how many are chosen.
      await search.openFilterGroup('Access needs');
      await page.getByLabel('Step-free access').check();
      await submit(page, 'Apply filters');
      assert.match(await search.filters().locator('summary').first().innerText(), /Filter results \(1 chosen\)/);
      for (const text of await search.resultTexts()) assert.match(text, /Step-free access/);
      await ctx.close();
    });

    it('keeps a shortlist without signing in: adds in place, shares a short link, prints a handout and asks before clearing', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      if (mode.javaScript) await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
      const page = await ctx.newPage();
      const search = new SearchPage(page);
      await visit(page, '/activities?where=Frome');
      const [first, second] = await search.resultTitles();
      assert.ok(first && second);

      // Adding comes back to the same result: with JavaScript without reloading, without it by the anchor.
      await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
      const anchor = await search.addToShortlist(2);
      if (mode.javaScript) {
        assert.equal(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage), true, 'the page did not reload');
        assert.match(await page.locator('[role="status"]').last().innerText(), /added to your shortlist \(1 saved\)/);
      } else {
        assert.equal(new URL(page.url()).hash, `#${anchor}`, 'the page comes back to the result');
      }
      const box = await page.locator(`[id="${anchor}"]`).boundingBox();
      assert.ok(box && box.y >= 0 && box.y < (page.viewportSize()?.height ?? 0), 'the result is on screen');
      assert.match(await page.locator('.nhsuk-header').innerText(), /Shortlist \(1\)/);
      // A link worker's typical handout: five activities.
      for (const i of [0, 1, 3, 4]) await search.addToShortlist(i);

      await visit(page, '/shortlist');
      const listed = await page.locator('main').innerText();
      assert.ok(listed.includes(first) && listed.includes(second));
      const shortlist = new ShortlistPage(page);
      const shareUrl = await shortlist.makeShareLink();
      await expectAccessible(page);
      assert.match(shareUrl, SHARE_LINK, 'the share link is short');
      assert.ok(decodeURIComponent(await shortlist.shareHref('Email the link')).startsWith('mailto:?subject='));
      assert.ok(decodeURIComponent(await shortlist.shareHref('Email the link')).includes(shareUrl));
      assert.ok(decodeURIComponent(await shortlist.shareHref('Text the link')).includes(shareUrl));
      if (mode.javaScript) {
        await page.getByRole('button', { name: 'Copy link' }).click();
        await page.getByText('Link copied').waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shareUrl);
      }

      // Someone else opens the link: read-only, and can add them all to their own shortlist.
      const other = await newContext(env.browser, { javaScript: mode.javaScript, mobile: true, baseUrl: env.app.baseUrl });
      const otherPage = await other.newPage();
      await visit(otherPage, new URL(shareUrl).pathname);
      assert.match(await otherPage.locator('h1').innerText(), /shared shortlist/i);
      assert.ok((await otherPage.locator('main').innerText()).includes(first));
      assert.equal(await otherPage.getByRole('button', { name: /^(Add to|Remove from) shortlist/ }).count(), 0, 'the shared list is read-only');
      await submit(otherPage, 'Add these to my shortlist');
      await expectAccessible(otherPage);
      assert.equal(new URL(otherPage.url()).pathname, '/shortlist');
      assert.match(await otherPage.locator('main').innerText(), /The shared activities have been added to your shortlist/);
      assert.equal(await otherPage.locator('main .app-result').count(), 5);
      await other.close();

      // The handout: self-contained, every detail needed to go along, a QR code each, one A4 page.
      const requested = await shortlist.openPrintView();
      await expectAccessible(page);
      assert.deepEqual(requested, [page.url()], 'the print view loads nothing but itself');
      await page.emulateMedia({ media: 'print' });
      const printed = await page.locator('body').innerText();
      assert.doesNotMatch(printed, /Link:|https?:\/\//, 'no web addresses printed: the QR codes carry them');
      assert.match(printed, /^Waymark – heritage wellbeing activities/);
      assert.equal(await page.locator('.item').count(), 5);
      assert.equal(await page.locator('.item svg.app-qr').count(), 5, 'a QR code per activity');
      for (const label of ['Where', 'When', 'Cost', 'Contact', 'How to join']) {
        assert.equal(await page.locator('.item dt', { hasText: label }).count(), 5, `each activity says: ${label}`);
      }
      assert.match(printed, /BA11 \d[A-Z]{2}/, 'addresses have their postcodes');
      assert.match(printed, /Phone 0\d{4} \d{6}/);
      assert.equal(await ShortlistPage.a4Pages(page), 1, 'the printed shortlist fits on one A4 page');
      const offline = await shortlist.a4PagesOffline(env.browser);
      assert.equal(offline.pages, 1, 'a saved copy prints the same with no connection');
      assert.notEqual(offline.qrWidth, 'auto', 'with its styles');
      await page.emulateMedia({ media: 'screen' });

      // Clearing asks first.
      await page.goto('/shortlist');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Clear your shortlist' }).click()]);
      await expectAccessible(page);
      assert.equal(await page.locator('h1').innerText(), 'Are you sure you want to clear your shortlist?');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'No, keep it' }).click()]);
      assert.equal(await page.locator('main .app-result').count(), 5, 'nothing was cleared');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Clear your shortlist' }).click()]);
      await submit(page, 'Yes, clear my shortlist');
      await expectAccessible(page);
      assert.match(await page.locator('main').innerText(), /Your shortlist has been cleared[\s\S]*Your shortlist is empty/);
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
