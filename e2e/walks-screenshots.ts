/**
 * Screenshots of heritage walks for docs/screenshots: `node --import tsx e2e/walks-screenshots.ts`.
 * Starts the app on a fresh demo database; captures the walks list and Great Yarmouth's Rows on a
 * desktop and a phone, and its route card as one A4 sheet prints.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expectAccessible, launchBrowser, newContext, startApp } from './harness.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();
try {
  const desk = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const page = await desk.newPage();
  await page.goto('/walks');
  await expectAccessible(page);
  await page.screenshot({ path: path.join(OUT, 'walks-list.png'), fullPage: true });
  await page.getByRole('link', { name: 'Great Yarmouth’s Rows' }).click();
  await expectAccessible(page);
  const walkPath = new URL(page.url()).pathname;
  await page.screenshot({ path: path.join(OUT, 'walk-page.png'), fullPage: true });
  await desk.close();

  const phone = await newContext(browser, { javaScript: true, mobile: true, baseUrl: app.baseUrl });
  const reader = await phone.newPage();
  await reader.goto(walkPath);
  await reader.screenshot({ path: path.join(OUT, 'walk-page-mobile.png'), fullPage: true });
  await phone.close();

  // The route card as the first A4 sheet prints (794 × 1123 px at 96 dpi, print styles and the page
  // margins a screenshot lacks, no network), as e2e/pack-screenshots.ts does for the pack.
  const html = await (await fetch(new URL(`${walkPath}/route-card`, app.baseUrl))).text();
  const sheet = await browser.newContext({ viewport: { width: 794, height: 1123 }, offline: true, javaScriptEnabled: false });
  const a4 = await sheet.newPage();
  await a4.setContent(html.replace('</head>', '<style>@media print { body { padding: 10mm 12mm; } }</style></head>'));
  await a4.emulateMedia({ media: 'print' });
  await a4.screenshot({ path: path.join(OUT, 'walk-route-card-a4.png') });
  await sheet.close();
} finally {
  await browser.close();
  await app.stop();
}
