/**
 * Screenshots of the Heritage Café pack for docs/screenshots: `node --import tsx e2e/pack-screenshots.ts`.
 * Starts the app on a fresh demo database; as Frome's coordinator, captures next month's Frome pack as
 * it prints on A4 (normal and large print, first sheet) and an A4 poster; checks every QR code decodes
 * and reports the pack's page count in Chromium's print-to-PDF.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext, signIn, startApp } from './harness.ts';
import { decodeQrCodes, pdfPageCount } from './pages/qr-codes.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

/** One A4 sheet at 96 dpi with the print styles and margins (a screenshot has no @page). */
async function asPrinted(browser: Browser, html: string, file: string) {
  const sheet = await browser.newContext({ viewport: { width: 794, height: 1123 }, offline: true, javaScriptEnabled: false });
  const a4 = await sheet.newPage();
  await a4.setContent(html.replace('</head>', '<style>@media print { body { padding: 10mm 12mm; } }</style></head>'));
  await a4.emulateMedia({ media: 'print' });
  await a4.screenshot({ path: path.join(OUT, file) });
  await sheet.close();
}

const app = await startApp();
const browser = await launchBrowser();
try {
  const ctx = await newContext(browser, { javaScript: false, baseUrl: app.baseUrl });
  const page = await ctx.newPage();
  await signIn(page, 'coordinator.frome@waymark.example');
  await page.goto('/pack');
  await expectAccessible(page);
  await page.getByLabel('Scheme area').selectOption({ label: 'Frome' });
  await page.getByRole('button', { name: 'Show the pack to print' }).click();
  await expectAccessible(page);
  const decoded = await decodeQrCodes(page);
  console.log(`pack: ${decoded.length} QR codes, ${decoded.filter(Boolean).length} decoded`);
  await page.emulateMedia({ media: 'print' });
  console.log(`pack: ${pdfPageCount(await page.pdf({ format: 'A4', preferCSSPageSize: true }))} A4 pages`);
  await page.emulateMedia({ media: 'screen' });
  await asPrinted(browser, await page.content(), 'pack-print.png');
  await page.goto(`${page.url().replace('style=normal', 'style=large')}`);
  await asPrinted(browser, await page.content(), 'pack-large-print.png');
  await page.goto(page.url().replace('style=large', 'style=easy'));
  await asPrinted(browser, await page.content(), 'pack-easy-read.png');
  const poster = await page.locator('svg.app-qr').count();
  if (!poster) throw new Error('No activities in the pack');
  const href = await page.locator('.item__qr a').first().getAttribute('href');
  await page.goto(`/pack/activities/${new URL(href!).pathname.split('/').at(-1)}/poster`);
  await expectAccessible(page);
  await asPrinted(browser, await page.content(), 'pack-poster.png');
  await ctx.close();
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
