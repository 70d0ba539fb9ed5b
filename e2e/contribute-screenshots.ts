/**
 * Screenshots of community heritage for docs/screenshots: `node --import tsx e2e/contribute-screenshots.ts`.
 * Starts the app on a fresh demo database; captures a designated place's page with two memories side
 * by side (phone), the form to add a place (desktop), and the coordinator's review queue.
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
  await signIn(page, 'contributor.yarmouth@waymark.example');
  await page.goto('/contribute/places/new');
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
