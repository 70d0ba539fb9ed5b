/**
 * Screenshots of volunteers' pages for docs/screenshots: `node --import tsx e2e/volunteer-screenshots.ts`.
 * Starts the app on a fresh demo database, then captures a buddy's profile form on a 390px phone
 * (whole page) and the volunteer lead's page of a volunteer who cannot be matched, with the reason.
 * Each page is also checked with axe.
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
  const page = await phone.newPage();
  await signIn(page, 'buddy.nottingham@waymark.example');
  await page.goto('/volunteering/profile');
  await expectAccessible(page);
  await page.screenshot({ path: path.join(OUT, 'volunteer-profile-mobile.png'), fullPage: true });

  const desk = await newContext(browser, { javaScript: true, baseUrl: app.baseUrl });
  const lead = await desk.newPage();
  await signIn(lead, 'volunteers.nottingham@waymark.example');
  await lead.getByRole('link', { name: 'Yusuf', exact: true }).click();
  await lead.waitForLoadState('load');
  await expectAccessible(lead);
  await lead.screenshot({ path: path.join(OUT, 'volunteer-lead-checks.png'), fullPage: true });
  console.log('volunteer-profile-mobile.png, volunteer-lead-checks.png');

  // Not a screenshot: the pages every-page.spec.ts opens as the administrator and signed out, checked here too.
  const admin = await (await newContext(browser, { javaScript: false, baseUrl: app.baseUrl })).newPage();
  await signIn(admin, 'admin@waymark.example');
  await admin.goto('/admin/volunteer-checks');
  await expectAccessible(admin);
  await admin.goto('/volunteer/thank-you');
  await expectAccessible(admin);
} finally {
  await browser.close();
  await app.stop();
}
