import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { findBoundariesFile } from '../src/data/import/boundaries.importer.ts';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext, submit, visit, watchContentSecurityPolicy } from './harness.ts';
import { SearchPage } from './pages/search.page.ts';
import { ShortlistPage } from './pages/shortlist.page.ts';

/** A phone's screen (iPhone 12–15 size): on it the results must start within one screen of the search button. */
const PHONE_SCREEN = 844;
const SHARE_LINK = /\/s\/[2-9A-HJ-NP-Z]{8}$/;

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

    it('adds an activity’s dates to a calendar: the downloaded file parses, with the listing’s title and its dates', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await visit(page, '/activities?where=NR30+1NE&q=walk');
      await Promise.all([page.waitForLoadState('load'), new SearchPage(page).firstResult().getByRole('link').first().click()]);
      const title = (await page.locator('h1').innerText()).trim();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Add its dates to my calendar' }).click()]);
      assert.match(download.suggestedFilename(), /\.ics$/);
      const text = await readFile((await download.path())!, 'utf8');
      const calendar = new ICAL.Component(ICAL.parse(text));
      const events = calendar.getAllSubcomponents('vevent');
      assert.ok(events.length > 0, 'the file has the sessions');
      for (const event of events) assert.equal(event.getFirstPropertyValue('summary'), title);
      const first = new ICAL.Event(events[0]!);
      const next = first.isRecurring() ? first.iterator().next() : first.startDate;
      assert.ok(next && next.toJSDate().getTime() > Date.now() - 366 * 86_400_000, 'with real dates');
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
    assert.equal(
      await page.locator(':focus').evaluate((a) => [...document.querySelectorAll('li.app-result')].indexOf(a.closest('li') as Element) + 1),
      number,
      'focus is in the list item with the marker’s number',
    );

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
