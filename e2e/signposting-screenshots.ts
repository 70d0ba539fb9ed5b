/**
 * Screenshots of Heritage Connectors' signposting for docs/screenshots: `node --import tsx e2e/signposting-screenshots.ts`.
 * Starts the app on a fresh demo database (Frome connectors, decision 029) and captures the connector's
 * log and form (on a phone), the coordinator's counts and who is on duty.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newContext, signIn, startApp } from './harness.ts';

const OUT = path.resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp();
const browser = await launchBrowser();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUT, name), fullPage: true });

try {
  const phone = await newContext(browser, { javaScript: true, mobile: true, baseUrl: app.baseUrl });
  const page = await phone.newPage();
  await signIn(page, 'connector.frome@waymark.example');
  await page.goto('/signposting/conversations');
  await shot(page, 'connector-signposting-log-mobile.png');
  await page.goto('/signposting/conversations/new');
  await shot(page, 'connector-signposting-form-mobile.png');
  await phone.close();

  const desk = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const cpage = await desk.newPage();
  await signIn(cpage, 'coordinator.frome@waymark.example');
  await cpage.goto('/signposting/counts');
  await shot(cpage, 'signposting-counts.png');
  await cpage.goto('/signposting/shifts');
  await shot(cpage, 'connector-shifts-on-duty.png');
  await desk.close();
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
