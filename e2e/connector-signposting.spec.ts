import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext } from './harness.ts';
import { londonToday } from './pages/provider.dates.ts';
import { PathwayPage } from './pages/referral.pages.ts';

const env = useAppAndBrowser();

/** Frome's Heritage Connectors and coordinator (src/data/seed/signposting.seed.ts); one connector per mode. */
const CONNECTOR: Record<'true' | 'false', { email: string; name: string }> = {
  true: { email: 'connector2.frome@waymark.example', name: 'Ted Haskins' },
  false: { email: 'connector3.frome@waymark.example', name: 'Priya Lal' },
};
const COORDINATOR = 'coordinator.frome@waymark.example';

class SignpostingPages extends PathwayPage {
  override async signIn(email: string, landsOn: string): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill('waymark-demo-2026');
    await this.press('Sign in');
    assert.equal(this.path(), landsOn);
  }

  override async follow(name: string | RegExp): Promise<void> {
    const target = this.page.locator('main').getByRole('link', { name }).or(this.page.locator('main').getByRole('button', { name }));
    await Promise.all([this.page.waitForLoadState('load'), target.first().click()]);
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }

  override async press(button: string | RegExp): Promise<void> {
    await Promise.all([this.page.waitForLoadState('load'), this.page.getByRole('button', { name: button }).first().click()]);
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }
}

async function pagesFor(javaScript: boolean): Promise<{ page: Page; ui: SignpostingPages }> {
  const ctx = await newContext(env.browser, { javaScript, baseUrl: env.app.baseUrl });
  ctx.setDefaultTimeout(10_000);
  const page = await ctx.newPage();
  return { page, ui: new SignpostingPages(page) };
}

for (const mode of JS_MODES) {
  const connector = CONNECTOR[`${mode.javaScript}`];

  describe(`Heritage Connectors’ signposting (${mode.label})`, () => {
    it('a connector logs a conversation in a few clicks, with nothing about the person', async () => {
      const { page, ui } = await pagesFor(mode.javaScript);
      await ui.signIn(connector.email, '/connector');
      await ui.follow('Record a signposting conversation');
      assert.equal(await ui.h1(), 'Record a conversation');
      const today = londonToday();
      assert.equal(await page.locator('#heldOn').inputValue(), String(Number(today.day)), 'today’s date is filled in');
      assert.equal(await page.locator('textarea').count(), 0, 'no free text about the person');

      // Nothing chosen: the messages are next to the fields, nothing is saved.
      await ui.press('Save conversation');
      assert.match(await ui.errorSummary(), /Choose where the conversation happened/);
      assert.match(await ui.fieldError('infoPoint'), /Choose where the conversation happened/);
      assert.match(await ui.errorSummary(), /Choose at least one thing you signposted them to/);

      await ui.option('Where did it happen?', 'Library').check();
      await ui.option(/What were they looking for/, 'Loneliness and isolation').check();
      // The activity search is a button in the same form: what was ticked stays ticked.
      await page.getByLabel('Find an activity').fill('walk');
      await ui.press('Search activities');
      assert.equal(await ui.option('Where did it happen?', 'Library').isChecked(), true);
      await ui.option('Activities', 'Frome heritage walk').check();
      await ui.option('Did a referral follow?', 'No').check();
      await ui.press('Save conversation');

      assert.equal(ui.path(), '/signposting/conversations');
      assert.match(await ui.flash(), /Conversation recorded/);
      const first = page.locator('tbody tr').first();
      assert.match(await first.innerText(), /Library[\s\S]*Loneliness and isolation[\s\S]*Frome heritage walk/);

      // Correct it: the recent activity is offered without searching.
      await ui.follow(/^Correct/);
      assert.equal(await ui.option('Activities', 'Frome heritage walk').isChecked(), true);
      await ui.option('Where did it happen?', 'GP surgery').check();
      await ui.press('Save conversation');
      assert.match(await ui.flash(), /Conversation corrected/);
      assert.match(await page.locator('tbody tr').first().innerText(), /GP surgery/);
      await page.context().close();
    });

    it('a connector takes a call on the phone line: finds an activity by its code, sends it by text, logs the call in a few clicks', async () => {
      const { page, ui } = await pagesFor(mode.javaScript);
      await ui.signIn(connector.email, '/connector');
      // The code the caller reads from a leaflet (found here from the listing itself).
      await page.goto('/phone?q=Frome+heritage+walk');
      await ui.follow('Frome heritage walk');
      const code = /code ([A-Z0-9-]+)/.exec(await page.locator('.nhsuk-caption-l').innerText())![1]!;
      await page.goto('/phone');
      await expectAccessible(page);
      await page.getByLabel('Postcode, place or listing code').fill(code.toLowerCase());
      await ui.press('Find');
      assert.equal(await ui.h1(), 'Frome heritage walk');
      assert.match(await ui.main(), /Read this to the caller/);
      await page.getByLabel('Text message').check();
      await page.getByLabel('Mobile number (for a text)').fill('07700 900123');
      await ui.press('Send');
      assert.match(await ui.main(), /Sent\. The caller’s number or address has not been kept/);
      await ui.follow('Log this call');
      assert.equal(await ui.h1(), 'Record a conversation');
      assert.equal(await ui.option('Where did it happen?', 'Phone line').isChecked(), true);
      assert.equal(await ui.option('Activities', 'Frome heritage walk').isChecked(), true);
      await ui.option('Did a referral follow?', 'Not known').check();
      await ui.press('Save conversation');
      assert.equal(ui.path(), '/phone');
      assert.match(await ui.main(), /Call logged/);
      await page.context().close();
    });

    it('a coordinator reads the counts, with small numbers not shown', async () => {
      const { page, ui } = await pagesFor(mode.javaScript);
      await ui.signIn(COORDINATOR, '/coordinator');
      await ui.follow('Signposting in numbers');
      assert.equal(await ui.h1(), 'Signposting in numbers');
      const byPoint = await page.getByRole('table', { name: 'By information point' }).innerText();
      assert.match(byPoint, /Heritage Café/);
      assert.match(await ui.main(), /not shown/);
      assert.match(await ui.main(), /rounded to the nearest 5/);
      const byConnector = await page.getByRole('table', { name: 'By connector' }).innerText();
      assert.match(byConnector, /Mary Keats[\s\S]*Priya Lal[\s\S]*Ted Haskins/);

      // A day is not a whole month: refused next to the field.
      await page.getByLabel('From month').fill('2026-11-03');
      await ui.press('Show counts');
      assert.match(await ui.fieldError('from'), /whole months/);
      const csv = await page.request.get(`/signposting/counts.csv?from=${today()}`);
      assert.equal(csv.status(), 200);
      assert.match(await csv.text(), /^table,row,conversations\r\n/);
      await page.context().close();
    });

    it('a coordinator schedules a shift and a connector sees who is on duty and signs up to an open one', async () => {
      const { page, ui } = await pagesFor(mode.javaScript);
      await ui.signIn(COORDINATOR, '/coordinator');
      await ui.follow('Who is on duty');
      await ui.follow('Schedule a shift');
      const tomorrow = londonToday(new Date(Date.now() + 86_400_000));
      await ui.option('Information point', 'Library').check();
      const place = `Frome Library (${mode.label})`;
      await page.getByLabel('Place (optional)').fill(place);
      await page.getByLabel('Day').fill(tomorrow.day);
      await page.getByLabel('Month').fill(tomorrow.month);
      await page.getByLabel('Year').fill(tomorrow.year);
      await page.getByLabel('Start time').fill('2pm');
      await page.getByLabel('End time').fill('1pm');
      await ui.press('Schedule shift');
      assert.match(await ui.fieldError('endTime'), /The end time must be after the start time/);
      await page.getByLabel('End time').fill('4pm');
      await ui.press('Schedule shift');
      assert.equal(ui.path(), '/signposting/shifts');
      assert.match(await ui.flash(), /Shift scheduled/);
      const row = page.locator('tbody tr', { hasText: place });
      assert.match(await row.innerText(), /2pm to 4pm[\s\S]*Open/);
      await page.context().close();

      const c = await pagesFor(mode.javaScript);
      await c.ui.signIn(connector.email, '/connector');
      await c.ui.follow('who is on duty');
      const open = c.page.locator('tbody tr', { hasText: place });
      await Promise.all([c.page.waitForLoadState('load'), open.getByRole('button', { name: /Sign up/ }).click()]);
      await c.page.waitForLoadState('load');
      await expectAccessible(c.page);
      assert.match(await c.ui.flash(), /You are on this shift/);
      assert.match(await c.page.locator('tbody tr', { hasText: place }).innerText(), new RegExp(`${connector.name} \\(you\\)`));
      await c.page.context().close();
    });
  });
}

function today(): string {
  const t = londonToday();
  return `${t.year}-${t.month.padStart(2, '0')}`;
}
