/**
 * Screenshots of subject access and licensed wording for docs/screenshots:
 * `node --import tsx e2e/subject-access-screenshots.ts`. Starts the app on a fresh demo database, finds a
 * demo person as the administrator and captures the search, their document (on screen and as printed
 * on A4, with its page count) and the wording form.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO, launchBrowser, newContext, signIn, startApp } from './harness.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();
try {
  const ctx = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const page = await ctx.newPage();
  await signIn(page, DEMO.admin);
  await page.goto('/admin/privacy-request?q=maur');
  await page.screenshot({ path: path.join(OUT, 'subject-access-search.png'), fullPage: true });
  await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Maureen' }).first().click()]);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'See their data' }).click()]);
  await page.screenshot({ path: path.join(OUT, 'subject-access-document.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(OUT, 'subject-access-document-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  console.log(`Subject access document as printed: ${pages} A4 page(s), ${pdf.length} bytes`);
  await page.emulateMedia({ media: 'screen' });
  await page.goto('/admin/instruments/swemwbs');
  await page.screenshot({ path: path.join(OUT, 'instrument-wording-form.png'), fullPage: true });
  await ctx.close();
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
