/**
 * Screenshots of the referral pathway for docs/screenshots: `node --import tsx e2e/referral-screenshots.ts`.
 * Starts the app on a fresh demo database and captures the link worker's and provider's main pages.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newContext, signIn, startApp } from './harness.ts';
import { PATHWAY } from './pages/referral.pages.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();

const shot = (page: Page, name: string, opts: { fullPage?: boolean; clipTo?: string } = {}) => {
  const file = path.join(OUT, name);
  if (!opts.clipTo) return page.screenshot({ path: file, fullPage: opts.fullPage ?? true });
  // Long pages: from the top down to the end of one element.
  return page
    .locator(opts.clipTo)
    .first()
    .evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY)
    .then((bottom) => page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: page.viewportSize()!.width, height: Math.ceil(bottom + 24) } }));
};

async function openLink(page: Page, name: string | RegExp): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name }).first().click()]);
  await page.waitForLoadState('load');
}

try {
  const ctx = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const page = await ctx.newPage();
  await signIn(page, PATHWAY.linkWorker);
  await page.goto('/caseload');
  await shot(page, 'caseload.png');

  // Matches for a seeded person, with the first match's factor-by-factor explanation open.
  await openLink(page, 'Maureen');
  await openLink(page, 'Find activities for them');
  const first = page.locator('ol.app-results > li.app-result').first();
  await first.locator('summary', { hasText: 'factor by factor' }).click();
  await first.locator('table').waitFor({ state: 'visible' });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await shot(page, 'match-explanation.png', { clipTo: 'ol.app-results > li.app-result' });

  // A referral well along the pathway, and its summary for the GP record.
  await page.goto('/referrals');
  await openLink(page, 'Colin');
  await shot(page, 'referral-timeline.png');
  await openLink(page, 'Summary for the GP record');
  await shot(page, 'gp-summary.png');

  // Referring a seeded person to a buddy scheme: the choice of schemes in their area.
  await page.goto('/caseload');
  await openLink(page, 'Maureen');
  await openLink(page, 'Refer them to a buddy scheme');
  await shot(page, 'refer-buddy-scheme.png');
  await ctx.close();

  const coord = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const cpage = await coord.newPage();
  await signIn(cpage, 'coordinator@waymark.example');
  await cpage.goto('/coordinator/buddy-schemes');
  await shot(cpage, 'coordinator-buddy-schemes.png');
  await coord.close();

  const mobile = await newContext(browser, { javaScript: true, mobile: true, baseUrl: app.baseUrl });
  const mpage = await mobile.newPage();
  await signIn(mpage, PATHWAY.linkWorker);
  await mpage.goto('/caseload');
  await shot(mpage, 'caseload-mobile.png');
  await mobile.close();

  const prov = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const ppage = await prov.newPage();
  await signIn(ppage, PATHWAY.provider);
  await ppage.goto('/inbox');
  await shot(ppage, 'provider-inbox.png');
  await prov.close();
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
