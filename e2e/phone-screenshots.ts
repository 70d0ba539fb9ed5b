/**
 * Screenshots of the phone-first pages for docs/screenshots: `node --import tsx e2e/phone-screenshots.ts`.
 * Starts the app on a fresh demo database, then captures: search results on a 390px phone (scrolled so
 * the search button is at the top: the first result must be on the same screen), the questionnaire a
 * participant opens on a phone (whole page), and the printed shortlist (print media, one A4 sheet, offline).
 * Each page is also checked with axe.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expectAccessible, launchBrowser, newContext, signIn, startApp, submit } from './harness.ts';
import { SearchPage } from './pages/search.page.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();
try {
  const phone = await newContext(browser, { javaScript: true, mobile: true, baseUrl: app.baseUrl });
  const page = await phone.newPage();
  await page.goto('/activities?where=NR30+1NE');
  await expectAccessible(page);
  const below = await new SearchPage(page).firstResultBelowSearchButton();
  await page.getByRole('button', { name: 'Search', exact: true }).evaluate((b) => window.scrollTo(0, b.getBoundingClientRect().top + window.scrollY - 8));
  await page.screenshot({ path: path.join(OUT, 'search-mobile.png') });
  console.log(`search-mobile.png: first result ${Math.round(below)}px below the search button`);

  // Five activities near Frome on the shortlist, then the handout as it prints.
  const desk = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const d = await desk.newPage();
  const search = new SearchPage(d);
  await d.goto('/activities?where=Frome');
  for (let i = 0; i < 5; i++) await search.addToShortlist(i);
  await d.goto('/shortlist?print=1');
  await expectAccessible(d);
  // One A4 sheet at 96 dpi, with the page margins the print styles ask for (a screenshot has no @page).
  const html = await d.content();
  const sheet = await browser.newContext({ viewport: { width: 794, height: 1123 }, offline: true, javaScriptEnabled: false });
  const a4 = await sheet.newPage();
  await a4.setContent(html.replace('</head>', '<style>@media print { body { padding: 11mm 12mm; } }</style></head>'));
  await a4.emulateMedia({ media: 'print' });
  await a4.screenshot({ path: path.join(OUT, 'shortlist-print.png') });
  await sheet.close();
  await desk.close();

  // A questionnaire link, opened on the phone without signing in.
  const lwCtx = await newContext(browser, { javaScript: false, baseUrl: app.baseUrl });
  const lw = await lwCtx.newPage();
  await signIn(lw, 'linkworker.yarmouth@waymark.example');
  await lw.goto('/caseload/questionnaires');
  await submit(lw, /^Send (a|a new) link/);
  const url = (await lw.locator('.nhsuk-inset-text p').first().textContent())?.trim();
  if (!url?.includes('/questionnaire/')) throw new Error('No questionnaire link on the page');
  await lwCtx.close();
  await page.goto(new URL(url).pathname);
  await expectAccessible(page);
  await page.screenshot({ path: path.join(OUT, 'questionnaire-mobile.png'), fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`questionnaire-mobile.png: the whole page is ${height}px tall at 390px wide`);
  await phone.close();
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
