import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { useAppAndBrowser } from './app.fixture.ts';
import { DEMO, expectAccessible, JS_MODES, newContext, signIn, visit } from './harness.ts';
import { CoordinatorPages } from './pages/coordinator.pages.ts';
import { decodeQrCodes, pdfPageCount } from './pages/qr-codes.ts';
import { londonToday } from './pages/provider.dates.ts';
import { ProviderPages } from './pages/provider.pages.ts';

const env = useAppAndBrowser();

/** Live Yarmouth Heritage Trust listings each mode proposes changes to (both modes share one app). */
const LIVE = {
  true: { approve: 'Herring Girls memory café', reject: 'Letters from the Quay: creative writing' },
  false: { approve: 'Seafront gardens stroll', reject: 'Walking the Rows' },
} as const;

type Fixture = { orgName: string; listingTitle: string; approve: { id: string; from: string; to: string }; reject: { id: string; from: string; to: string } };

/**
 * What the coordinator reviews, made through the provider pages: a new organisation with a
 * pending listing, and two changes to live listings from a demo provider.
 */
async function setUp(browser: Browser, baseUrl: string, suffix: string, live: { approve: string; reject: string }): Promise<Fixture> {
  const ctx = await newContext(browser, { javaScript: true, baseUrl });
  const pp = new ProviderPages(await ctx.newPage(), false);
  const orgName = `Winterton Heritage Friends ${suffix}`;
  const listingTitle = `Winterton dunes and lighthouse walk ${suffix}`;
  await pp.signUp('Ray Thurlow', `ray.thurlow.${suffix}@winterton.example`);
  await pp.createOrganisation({ name: orgName, type: 'Club or society', email: `friends.${suffix}@winterton.example` });
  await pp.addPlace({ name: 'Winterton Lighthouse', town: 'Winterton-on-Sea', postcode: 'NR30 5AA' });
  await pp.addActivity({
    place: 'Winterton Lighthouse, Winterton-on-Sea',
    title: listingTitle,
    summary: 'A gentle walk over the dunes to the old lighthouse.',
    type: 'Heritage walk',
  });
  await pp.addSession({ frequency: 'Every week', weekday: 'Wednesday', start: londonToday(), startTime: '10:00', endTime: '12:00' });
  await ctx.clearCookies();

  await pp.signInAsDemo(DEMO.providerYarmouth);
  const change = async (from: string) => {
    const id = await pp.openListing(from);
    const to = `${from} (${suffix})`;
    await pp.proposeTitle(to);
    return { id, from, to };
  };
  const fixture = { orgName, listingTitle, approve: await change(live.approve), reject: await change(live.reject) };
  await ctx.close();
  return fixture;
}

for (const mode of JS_MODES) {
  const suffix = mode.javaScript ? 'js' : 'nojs';

  describe(`coordinator review (${mode.label})`, () => {
    it('a coordinator approves organisations, listings and changes', async () => {
      const f = await setUp(env.browser, env.app.baseUrl, suffix, LIVE[`${mode.javaScript}`]);
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const cp = new CoordinatorPages(page);
      await signIn(page, DEMO.coordinator);
      assert.equal(cp.path(), '/coordinator');

      // The dashboard counts match the queues behind them.
      const counts = await cp.dashboardCounts();
      const orgQueue = await cp.organisationQueue();
      const queues = await cp.listingQueues();
      const stale = await cp.stale();
      assert.equal(counts.organisations, orgQueue.length);
      assert.equal(counts.listings, queues.listings.length);
      assert.equal(counts.changes, queues.changes.length);
      assert.equal(counts.stale, stale.expired.length + stale.due.length);
      assert.ok(orgQueue.includes(f.orgName) && orgQueue.includes('Gorleston Heritage Singers'), orgQueue.join(', '));
      assert.ok(queues.listings.includes(f.listingTitle), queues.listings.join(', '));
      for (const title of ['Maritime memories café', f.approve.from, f.reject.from]) assert.ok(queues.changes.includes(title), title);
      // Only Great Yarmouth and Waveney: Frome's change waits for the Frome coordinator.
      assert.ok(!queues.changes.includes('Frome heritage walk'), queues.changes.join(', '));

      // A listing from an organisation not yet approved cannot be published.
      await cp.openListing(f.listingTitle);
      assert.match(await page.locator('main').innerText(), /The organisation is not approved yet/);
      assert.equal(await page.getByRole('button', { name: 'Approve and publish' }).count(), 0);

      await cp.openOrganisation(f.orgName);
      assert.equal(await cp.h1(), f.orgName);
      assert.match(await page.locator('main').innerText(), new RegExp(`${f.listingTitle} \\(pending\\)`));
      await cp.decide('Approve organisation');
      assert.equal(cp.path(), '/coordinator/organisations');
      assert.match(await cp.flash(), /The organisation has been approved/);
      await expectAccessible(page);
      assert.ok(!(await cp.organisationQueue()).includes(f.orgName));

      // The new listing: its content and sessions, then approved and findable near its place.
      await cp.openListing(f.listingTitle);
      assert.equal(await cp.h1(), f.listingTitle);
      assert.match(await page.locator('main').innerText(), /Every Wednesday, 10am to 12pm/);
      await cp.decide('Approve and publish');
      assert.equal(cp.path(), '/coordinator/listings');
      assert.match(await cp.flash(), /The listing has been approved and is now live/);
      await expectAccessible(page);
      assert.ok(!(await cp.listingQueues()).listings.includes(f.listingTitle));
      await visit(page, '/activities?where=NR30+5AA&radius=5');
      assert.equal(await page.getByRole('link', { name: f.listingTitle, exact: true }).count(), 1);

      // The demo change shows only the fields it changes.
      await cp.openChange('Maritime memories café');
      assert.equal(await cp.h1(), 'Changes to Maritime memories café');
      assert.deepEqual(
        (await cp.diff()).map((r) => r.field),
        ['Summary', 'Places per session'],
      );
      assert.deepEqual((await cp.diff())[1], { field: 'Places per session', now: '16', proposed: '20' });

      // A title change: before and after, approved, and the public page shows the new title.
      await cp.openChange(f.approve.from);
      assert.deepEqual(await cp.diff(), [{ field: 'Title', now: f.approve.from, proposed: f.approve.to }]);
      await cp.decide('Approve changes');
      assert.match(await cp.flash(), /The change has been approved and is now live/);
      await expectAccessible(page);
      await visit(page, `/activities/${f.approve.id}`);
      assert.equal(await cp.h1(), f.approve.to);

      // Another is rejected: a reason is needed, and the live listing stays as it was.
      await cp.openChange(f.reject.from);
      await cp.sendBack('Reject it');
      assert.match(await page.locator('#reason-error').innerText(), /Enter a reason, so the provider knows what to change/);
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter a reason/);
      await expectAccessible(page);
      await cp.sendBack('Reject it', 'Please keep the museum’s name in the title.');
      assert.match(await cp.flash(), /The change has been rejected. The live listing is unchanged/);
      const after = await cp.listingQueues();
      assert.ok(!after.changes.includes(f.reject.from) && !after.changes.includes(f.approve.from) && !after.changes.includes(f.approve.to));
      await visit(page, `/activities/${f.reject.id}`);
      assert.equal(await cp.h1(), f.reject.from);

      // Listings going stale: the due and the expired, in their own tables.
      const staleNow = await cp.stale();
      assert.ok(staleNow.expired.includes('Oulton Broad photography walk'), staleNow.expired.join(', '));
      assert.ok(staleNow.due.includes('Town wall gardeners'), staleNow.due.join(', '));
      assert.ok(!staleNow.due.includes('Oulton Broad photography walk'));
      assert.ok(!staleNow.due.includes('Raleigh bikes and memories'), 'a Nottingham listing is for the Nottingham coordinator');
      await ctx.close();

      // The provider sees why their change was not approved.
      const providerCtx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const pp = new ProviderPages(await providerCtx.newPage());
      await pp.signInAsDemo(DEMO.providerYarmouth);
      await visit(pp.page, `/provider/activities/${f.reject.id}`);
      assert.match(await pp.page.locator('main').innerText(), /Your last changes were not approved[\s\S]*Please keep the museum’s name in the title/);
      // Their dashboard flags it too.
      await visit(pp.page, '/provider');
      assert.match(await pp.page.locator('main').innerText(), /Your changes were not approved: Please keep the museum’s name in the title/);
      await providerCtx.close();
    });

    it('turns a provider away from the coordinator pages', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await signIn(page, DEMO.providerFrome);
      await visit(page, '/coordinator', 403);
      assert.equal(await page.locator('h1').innerText(), 'You cannot see this page');
      await visit(page, '/coordinator/stale', 403);
      await ctx.close();
    });
  });
}

describe('the Heritage Café pack', () => {
  it('a coordinator prints next month’s pack for Frome: every QR code decodes to its activity, and it prints on two A4 pages at most', async () => {
    const ctx = await newContext(env.browser, { javaScript: false, baseUrl: env.app.baseUrl });
    const page = await ctx.newPage();
    await signIn(page, 'coordinator.frome@waymark.example');
    await visit(page, '/pack');
    await page.getByLabel('Scheme area').selectOption({ label: 'Frome' });
    await page.getByRole('button', { name: 'Show the pack to print' }).click();
    await expectAccessible(page);
    const packUrl = page.url();
    const items = await page
      .locator('.item')
      .evaluateAll((els) =>
        els.map((el) => ({ title: el.querySelector('h3')?.textContent ?? '', href: el.querySelector('.item__qr a')?.getAttribute('href') ?? '' })),
      );
    assert.ok(items.length >= 5, `a month in Frome has activities (found ${items.length})`);
    const decoded = await decodeQrCodes(page);
    assert.deepEqual(
      decoded,
      items.map((i) => i.href),
    );
    for (const [i, url] of decoded.entries()) {
      assert.match(url ?? '', /^http:\/\/localhost:\d+\/activities\/[0-9a-f-]{36}$/);
      await visit(page, new URL(url!).pathname);
      assert.equal(await page.locator('h1').innerText(), items[i]!.title);
    }
    await page.goto(packUrl);
    await page.emulateMedia({ media: 'print' });
    const pages = pdfPageCount(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    assert.ok(pages >= 1 && pages <= 2, `the pack prints on ${pages} A4 pages`);
    await ctx.close();
  });
});
