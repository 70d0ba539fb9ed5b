/**
 * Screenshots of community heritage for docs/screenshots: `node --import tsx e2e/contribute-screenshots.ts`.
 * Starts the app on a fresh demo database; captures the "add to your local heritage" start page, a
 * designated place's page with two memories side by side (phone), a contributed place's page, the
 * form to add a place with its map picker (desktop), and the coordinator's review queue.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expectAccessible, launchBrowser, newContext, signIn, startApp } from './harness.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();
try {
  const phone = await newContext(browser, { javaScript: true, mobile: true, baseUrl: app.baseUrl });
  const reader = await phone.newPage();
  await reader.goto('/places/nhle-1006377'); // Caves at Drury Hill, Nottingham: two views of 1969
  await expectAccessible(reader);
  await reader.screenshot({ path: path.join(OUT, 'place-page-memories-mobile.png'), fullPage: true });
  await phone.close();

  const desk = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const page = await desk.newPage();
  await page.goto('/contribute');
  await expectAccessible(page);
  await page.screenshot({ path: path.join(OUT, 'contribute-start.png'), fullPage: true });
  await page.goto('/heritage-nearby?where=NR30+2RG&radius=1');
  await page.locator('a[href^="/places/"]:not([href^="/places/nhle-"]):not([href^="/places/museum-"])').first().click();
  await expectAccessible(page);
  await page.screenshot({ path: path.join(OUT, 'place-page-contributed.png'), fullPage: true });
  await signIn(page, 'contributor.yarmouth@waymark.example');
  await page.goto('/contribute/places/new');
  await page.getByRole('region', { name: 'Map: click or tap where the place is' }).waitFor();
  await expectAccessible(page);
  await page.screenshot({ path: path.join(OUT, 'contribute-place-form.png'), fullPage: true });
  await desk.close();

  const coord = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const queue = await coord.newPage();
  await signIn(queue, 'coordinator@waymark.example');
  await queue.goto('/contributions/review');
  await expectAccessible(queue);
  await queue.screenshot({ path: path.join(OUT, 'contributions-review-queue.png'), fullPage: true });
  await coord.close();
} finally {
  await browser.close();
  await app.stop();
}
