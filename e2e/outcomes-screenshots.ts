/**
 * Screenshots of outcomes and evidence for docs/screenshots: `node --import tsx e2e/outcomes-screenshots.ts`.
 * Starts the app on a fresh demo database; the commissioner's report (desktop), the printable report, the
 * link worker's "Questionnaires due", and the questionnaire a participant opens from a one-time link on a
 * phone with JavaScript off. Each page is also checked with axe.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expectAccessible, launchBrowser, newContext, signIn, startApp, submit } from './harness.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();
try {
  const desk = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const page = await desk.newPage();
  await signIn(page, 'commissioner@waymark.example');
  await page.goto('/reports/outcomes');
  await expectAccessible(page);
  await page.screenshot({ path: path.join(OUT, 'outcomes-report-desktop.png'), fullPage: true });
  await page.goto('/reports/outcomes/print');
  await page.screenshot({ path: path.join(OUT, 'outcomes-report-print.png'), fullPage: true });
  await desk.close();

  const lwCtx = await newContext(browser, { javaScript: false, baseUrl: app.baseUrl });
  const lw = await lwCtx.newPage();
  await signIn(lw, 'linkworker.yarmouth@waymark.example');
  await lw.goto('/caseload/questionnaires');
  await expectAccessible(lw);
  await lw.screenshot({ path: path.join(OUT, 'questionnaires-due-desktop.png'), fullPage: true });
  await submit(lw, /^Send (a|a new) link/);
  const url = (await lw.locator('.nhsuk-inset-text p').first().textContent())?.trim();
  if (!url?.includes('/questionnaire/')) throw new Error('No questionnaire link on the page');
  await lwCtx.close();

  const phone = await newContext(browser, { javaScript: false, mobile: true, baseUrl: app.baseUrl });
  const p = await phone.newPage();
  await p.goto(new URL(url).pathname);
  await expectAccessible(p);
  await p.screenshot({ path: path.join(OUT, 'questionnaire-mobile-no-js.png'), fullPage: false });
  await p.screenshot({ path: path.join(OUT, 'questionnaire-mobile-no-js-full.png'), fullPage: true });
  await phone.close();
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
