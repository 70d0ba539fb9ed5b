import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext, signIn, submit } from './harness.ts';

/**
 * Accompanied visits and lone working (issue 9 part B, decision 028): the volunteer lead sees every
 * buddy ranked with reasons and plans a visit against a real session; Alan accepts a proposal to go
 * with someone (decision 033); Alan, on a 390px phone, checks in, extends, asks for help, checks
 * out and says how it went; the lead acknowledges the alerts (the seeded missed check-out, and the
 * help call) and sees his emergency contact. Set BUDDY_SCREENSHOTS=1 to write docs/screenshots.
 */
const env = useAppAndBrowser();
const LEAD = 'volunteers.nottingham@waymark.example';
const ALAN = 'buddy.nottingham@waymark.example';
/** Seeded people Alan meets shortly (one per mode, as both modes share the app). */
const PERSON: Record<'true' | 'false', string> = { true: 'Arthur', false: 'Rosa' };
/** Seeded proposals waiting for Alan's answer (decision 033), one per mode. */
const PROPOSED: Record<'true' | 'false', string> = { true: 'Winifred', false: 'Ivy' };
const SHOTS = process.env.BUDDY_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : null;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

async function pageFor(javaScript: boolean, mobile = false): Promise<Page> {
  const ctx = await newContext(env.browser, { javaScript, mobile, baseUrl: env.app.baseUrl });
  ctx.setDefaultTimeout(10_000);
  return ctx.newPage();
}
const h1 = (page: Page) => page.locator('h1').innerText();
const banner = (page: Page) => page.locator('.nhsuk-notification-banner').innerText();

/** '10am', '2:30pm' → minutes after midnight. */
function minutesOf(label: string): number {
  const m = label.match(/(\d{1,2})(?::(\d{2}))?(am|pm)/);
  assert.ok(m, `a time in ${label}`);
  const hour = (Number(m[1]) % 12) + (m[3] === 'pm' ? 12 : 0);
  return hour * 60 + Number(m[2] ?? 0);
}
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

for (const mode of JS_MODES) {
  const person = PERSON[`${mode.javaScript}`];
  const asked = PROPOSED[`${mode.javaScript}`];

  describe(`accompanied visits and lone working (${mode.label})`, () => {
    it('the volunteer lead plans a visit against one of the activity’s sessions, with a buddy', async () => {
      const page = await pageFor(mode.javaScript);
      await signIn(page, LEAD);
      await page.goto('/volunteers');
      await expectAccessible(page);
      // Every buddy not yet asked is listed with a reason for each factor; an unsuitable one says why.
      await page.getByRole('link', { name: 'Ask a buddy for Ivy' }).click();
      assert.match(await h1(page), /Propose a (second )?buddy/);
      await expectAccessible(page);
      assert.match(await page.locator('main').innerText(), /Why each buddy fits or not[\s\S]*Distance[\s\S]*Languages[\s\S]*Checks and status/);
      if (SHOTS && mode.javaScript) await page.screenshot({ path: path.join(SHOTS, 'buddy-match-reasons.png'), fullPage: true });
      await page.goto('/volunteers');
      await page.getByRole('link', { name: 'Plan a visit for Dorothy' }).click();
      assert.equal(await h1(page), 'Plan an accompanied visit');
      await expectAccessible(page);

      // Nothing chosen: each problem next to its field, nothing planned.
      await submit(page, 'Plan the visit');
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Choose the session they will go to/);
      assert.match(await page.locator('#volunteerId-error, #volunteerId--error-message, .nhsuk-error-message').first().innerText(), /./);

      const session = page
        .getByRole('group', { name: /Which session/ })
        .getByRole('radio')
        .nth(1);
      const label = await page.locator(`label[for="${await session.getAttribute('id')}"]`).innerText();
      await session.check();
      await page.getByLabel('Meeting time').fill(hhmm(minutesOf(label) - 30));
      await page.getByLabel('Meeting point').fill('Castle gatehouse');
      await page.getByRole('group', { name: 'Buddy' }).getByLabel('Alan').check();
      await submit(page, 'Plan the visit');
      assert.match(await banner(page), /The visit is planned/);
      assert.match(await page.locator('main').innerText(), /Alan, at Castle gatehouse/);
      await page.context().close();
    });

    it('Alan accepts a proposal to go with someone on his phone', async () => {
      const page = await pageFor(mode.javaScript, true);
      await signIn(page, ALAN);
      await page.goto('/volunteering');
      await page.getByRole('link', { name: new RegExp(`^${asked}, `) }).click();
      assert.equal(await h1(page), `Will you go with ${asked}?`);
      assert.match(await page.locator('main').innerText(), /Uses a walking stick/);
      await expectAccessible(page);
      await submit(page, 'Decline');
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Choose why you cannot go with them/);
      await submit(page, `Accept: I will go with ${asked}`);
      assert.match(await banner(page), /The link worker and the person will be told/);
      await page.context().close();
    });

    it('Alan checks in and out on his phone, extends the visit and asks for help', async () => {
      const page = await pageFor(mode.javaScript, true);
      await signIn(page, ALAN);
      await page.goto('/volunteering');
      await expectAccessible(page);
      await page.getByRole('link', { name: new RegExp(`: ${person}, `) }).click();
      assert.equal(await h1(page), `Visit with ${person}`);
      await expectAccessible(page);
      assert.match(await page.locator('main').innerText(), /Uses a walking stick/);

      if (SHOTS && mode.javaScript) await page.screenshot({ path: path.join(SHOTS, 'buddy-phone-check-in.png'), fullPage: true });
      // A check-in without a length says what is missing.
      await submit(page, 'Check in');
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Choose how long the visit will take/);
      await page.getByLabel('How long will the visit take?').selectOption({ label: '1 hour' });
      await submit(page, 'Check in');
      assert.match(await banner(page), /You are checked in/);
      assert.match(await page.locator('.nhsuk-tag').first().innerText(), /Under way/);
      await expectAccessible(page);

      await page.getByLabel('How much longer?').selectOption({ label: '15 minutes' });
      await submit(page, 'Extend the visit');
      assert.match(await banner(page), /The visit is extended/);

      await submit(page, 'I need help now');
      assert.match(await banner(page), /Your volunteer lead has been alerted/);

      await submit(page, 'Check out: the visit has ended');
      assert.match(await banner(page), /You are checked out/);
      await page.getByRole('group', { name: 'Did the visit happen?' }).getByLabel('Yes').check();
      await page.getByLabel('Enjoyed it').check();
      await submit(page, 'Save');
      assert.match(await banner(page), /Your volunteer lead can see how it went/);
      assert.match(await page.locator('main').innerText(), /The visit happened/);

      // Expenses for the visit: a drive with its postcodes, and parking.
      await page.getByLabel('Miles you drove (optional)').fill('4.5');
      await page.getByLabel('Postcode where the drive started').fill('NG7 2RD');
      await submit(page, 'Claim expenses');
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter where the drive started and ended/);
      await page.getByLabel('Postcode where it ended').fill('NG1 6EL');
      await page.getByLabel('Parking (optional)').fill('2.50');
      await submit(page, 'Claim expenses');
      assert.match(await banner(page), /Your expenses claim has gone to your volunteer lead/);
      assert.match(await page.locator('main').innerText(), /You claimed £4\.53 \(4\.5 miles, NG7 2RD to NG1 6EL\)/);
      await expectAccessible(page);
      await page.context().close();
    });

    it('the lead sees the open alerts, acknowledges them, and then sees Alan’s emergency contact', async () => {
      const page = await pageFor(mode.javaScript);
      await signIn(page, LEAD);
      await page.goto('/volunteers');
      const alerts = page.locator('section[aria-labelledby="alerts-heading"]');
      assert.match(await alerts.innerText(), /Asked for help now/);
      // With JavaScript on, the seeded missed check-out (Alan's visit with Femi); off, this mode's help call.
      const which = mode.javaScript ? 'Missed check-out' : 'Asked for help now';
      await page.goto('/volunteers/alerts');
      await expectAccessible(page);
      await page.locator('tbody tr').filter({ hasText: which }).first().getByRole('link', { name: 'Alan' }).click();
      assert.match(await h1(page), /Alert: Alan’s visit/);
      assert.doesNotMatch(await page.locator('main').innerText(), /Pat|emergency contact<\/h2>/);
      await expectAccessible(page);
      if (SHOTS && mode.javaScript) await page.screenshot({ path: path.join(SHOTS, 'lead-lone-working-alert.png'), fullPage: true });
      await page.getByLabel('What you did (optional)').fill('Rang Alan: all well, his phone battery had died.');
      await submit(page, 'Acknowledge');
      assert.match(await banner(page), /Alert acknowledged/);
      const main = await page.locator('main').innerText();
      assert.match(main, /Alan’s emergency contact/);
      assert.match(main, /Alert raised[\s\S]*Volunteer lead told[\s\S]*Acknowledged: Rang Alan[\s\S]*Emergency contact shown/);
      await expectAccessible(page);
      await page.context().close();
    });

    it('the lead approves an expense claim and downloads the claims for finance', async () => {
      const page = await pageFor(mode.javaScript);
      await signIn(page, LEAD);
      await page.goto('/volunteers');
      await page.getByRole('link', { name: 'Expense claims' }).click();
      assert.equal(await h1(page), 'Expense claims');
      await expectAccessible(page);
      const waiting = page.locator('tbody tr').filter({ hasText: 'Waiting for approval' });
      const before = await waiting.count();
      assert.ok(before >= 1, 'a claim waiting for approval');
      await waiting
        .first()
        .getByRole('button', { name: /Approve/ })
        .click();
      await page.waitForLoadState();
      assert.match(await banner(page), /Claim approved/);
      assert.equal(await page.locator('tbody tr').filter({ hasText: 'Waiting for approval' }).count(), before - 1);
      const csv = await page.request.get('/volunteers/expenses.csv');
      assert.equal(csv.status(), 200);
      const text = await csv.text();
      assert.match(text.split('\r\n')[0]!, /^"Claim","Volunteer","Organisation","Travel date","Miles"/);
      assert.match(text, /"Alan","Nottingham Museums Collective",.*"approved"/);
      await page.context().close();
    });
  });
}
