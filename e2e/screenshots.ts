/**
 * Screenshots for docs/screenshots: `npm run screenshots`. Starts the app on a fresh demo database,
 * then captures the main pages on desktop and mobile, with JavaScript on and off.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO, launchBrowser, newContext, signIn, startApp } from './harness.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();

async function firstActivityHref(page: Page): Promise<string> {
  await page.goto('/activities?where=NR30+1NE&q=memory');
  const href = await page.locator('.app-result h2 a, .app-result h3 a').first().getAttribute('href');
  if (!href) throw new Error('No search result to open');
  return href;
}

/** Waits for the map's markers and, when the app has them, the council outlines (decision 021). */
async function mapDrawn(page: Page): Promise<void> {
  await page.locator('.app-map .leaflet-marker-icon').first().waitFor();
  await page
    .locator('.app-map path.app-map__area')
    .first()
    .waitFor({ state: 'attached', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(500); // Leaflet's fade-in of markers and popups
}

/** The page area from one heading to the next, for a screenshot of one section. */
async function section(page: Page, from: string, to: string) {
  const top = await page.locator(from).boundingBox();
  const bottom = await page.locator(to).boundingBox();
  const scrollY = await page.evaluate(() => window.scrollY);
  if (!top || !bottom) throw new Error(`No section ${from} on ${page.url()}`);
  return { x: 0, y: top.y + scrollY - 16, width: page.viewportSize()?.width ?? 1280, height: bottom.y - top.y };
}

try {
  for (const variant of [
    { name: 'desktop', javaScript: true, mobile: false },
    { name: 'mobile', javaScript: true, mobile: true },
    { name: 'desktop-no-js', javaScript: false, mobile: false },
  ]) {
    const ctx = await newContext(browser, { javaScript: variant.javaScript, mobile: variant.mobile, baseUrl: app.baseUrl });
    const page = await ctx.newPage();
    await page.goto('/activities?where=NR30+1NE&radius=10');
    if (variant.javaScript) await mapDrawn(page);
    await page.screenshot({ path: path.join(OUT, `search-${variant.name}.png`), fullPage: true });
    if (variant.name === 'desktop') await page.locator('.app-map-slot').screenshot({ path: path.join(OUT, 'map-desktop.png') });
    const href = await firstActivityHref(page);
    await page.goto(href);
    if (variant.javaScript) await mapDrawn(page);
    await page.screenshot({ path: path.join(OUT, `activity-${variant.name}.png`), fullPage: true });
    if (variant.name === 'desktop')
      await section(page, '#place', '#organisation').then((clip) => page.screenshot({ path: path.join(OUT, 'activity-map.png'), clip, fullPage: true }));
    await ctx.close();
  }

  const ctx = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const page = await ctx.newPage();
  await page.goto('/');
  await page.screenshot({ path: path.join(OUT, 'home-desktop.png'), fullPage: true });
  await page.goto('/heritage-nearby?where=BA11+1BE');
  await mapDrawn(page);
  await page.screenshot({ path: path.join(OUT, 'heritage-nearby-desktop.png'), fullPage: true });
  await signIn(page, DEMO.coordinator);
  await page.screenshot({ path: path.join(OUT, 'coordinator-dashboard.png'), fullPage: true });
  const change = page.locator('a[href^="/coordinator/changes/"]').first();
  if (await change.count()) {
    await page.goto('/coordinator/listings');
    await page.goto((await change.getAttribute('href')) ?? '/coordinator');
    await page.screenshot({ path: path.join(OUT, 'coordinator-change-review.png'), fullPage: true });
  }
  await ctx.close();

  const prov = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const ppage = await prov.newPage();
  await signIn(ppage, DEMO.providerYarmouth);
  await ppage.screenshot({ path: path.join(OUT, 'provider-dashboard.png'), fullPage: true });
  await prov.close();
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
