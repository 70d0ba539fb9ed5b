import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { DEMO, expectAccessible, JS_MODES, newContext, submit, visit } from './harness.ts';
import { ProviderPages } from './pages/provider.pages.ts';
import { londonToday, ukLongDate } from './pages/provider.dates.ts';

const env = useAppAndBrowser();

/** Each mode edits a different live listing of the Yarmouth Heritage Trust, as both run against the same app. */
const LIVE_LISTING = { true: 'Walking the Rows', false: 'Tolhouse object handling' } as const;

for (const mode of JS_MODES) {
  const suffix = mode.javaScript ? 'js' : 'nojs';

  describe(`provider listings (${mode.label})`, () => {
    it('a new heritage provider lists an activity', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const pp = new ProviderPages(page);

      await pp.signUp('Dee Hollis', `dee.hollis.${suffix}@caister-heritage.example`);
      assert.equal(await pp.h1(), 'Add your organisation');
      const orgName = `Caister Heritage Circle ${suffix}`;
      await pp.createOrganisation({ name: orgName, type: 'Club or society', email: `hello.${suffix}@caister-heritage.example` });
      assert.match(await pp.flash(), /sent to a coordinator for approval/);
      assert.match(await page.locator('main').innerText(), new RegExp(`${orgName}\\s+Waiting for approval`));
      await expectAccessible(page);

      // A postcode we do not know is refused next to the field; a known one places it.
      await pp.openNewPlace();
      const place = { name: 'Caister Lifeboat Shed', town: 'Caister-on-Sea', postcode: 'ZZ9 9ZZ' };
      await pp.fillPlace(place);
      await pp.savePlace();
      assert.match(await pp.fieldError('postcode'), /We could not find this postcode/);
      assert.match(await pp.errorSummary(), /We could not find this postcode/);
      assert.equal(await page.getByLabel('Name of the place').inputValue(), place.name);
      await expectAccessible(page);
      await page.getByLabel('Postcode').fill('nr30 5aa');
      await pp.savePlace();
      assert.equal(pp.path(), '/provider/places');
      assert.match(await pp.flash(), /The place has been saved/);
      assert.match(await page.locator('main').innerText(), /Caister Lifeboat Shed\s+Caister-on-Sea, NR30 5AA/);
      await expectAccessible(page);

      // An activity with a missing title and a price that is not a price is refused, keeping what was typed.
      await pp.openNewActivity();
      const summary = 'Hear and record stories of the Caister lifeboat crews over a cup of tea.';
      await pp.fillActivity({ place: 'Caister Lifeboat Shed, Caister-on-Sea', summary, type: 'Oral history', cost: 'Paid', price: 'three' });
      await submit(page, 'Send for approval');
      assert.equal(pp.path(), '/provider/activities/new');
      assert.match(await pp.fieldError('title'), /Enter a title/);
      assert.match(await pp.fieldError('pricePounds'), /Enter a price, like 3\.50/);
      const errors = await pp.errorSummary();
      assert.match(errors, /There is a problem/);
      assert.match(errors, /Enter a title/);
      assert.match(errors, /Enter a price, like 3\.50/);
      assert.equal(await page.locator('.nhsuk-error-summary a[href="#title"]').count(), 1);
      assert.equal(await page.getByLabel('Summary', { exact: true }).inputValue(), summary);
      assert.equal(await page.getByLabel('Oral history', { exact: true }).isChecked(), true);
      await expectAccessible(page);

      const title = `Lifeboat stories at Caister ${suffix}`;
      await pp.fillActivity({ title, price: '3.50' });
      const activityId = await pp.sendActivity();
      assert.equal(await pp.h1(), title);
      assert.match(await pp.flash(), /sent to a coordinator for approval/);
      assert.match(await page.locator('main .nhsuk-tag').first().innerText(), /Pending approval/);
      assert.match(await page.locator('main').innerText(), /No sessions yet/);
      await expectAccessible(page);

      // A weekly session and a "first Tuesday of the month" one, described in words with their next dates.
      const today = londonToday();
      await pp.addSession({ frequency: 'Every week', weekday: 'Tuesday', start: today, startTime: '10:00', endTime: '12:00' });
      assert.match(await pp.flash(), /The session has been added/);
      await pp.addSession({
        frequency: 'Once a month, on the same weekday',
        weekday: 'Tuesday',
        week: 'First',
        start: today,
        startTime: '14:00',
        endTime: '15:30',
      });
      await expectAccessible(page);
      const sessions = await pp.sessions();
      assert.deepEqual(sessions.map((s) => s.pattern).sort(), ['Every Tuesday, 10am to 12pm', 'First Tuesday of each month, 2pm to 3:30pm']);
      const weekly = sessions.find((s) => s.pattern.startsWith('Every Tuesday'))!;
      const monthly = sessions.find((s) => s.pattern.startsWith('First Tuesday'))!;
      const datesOf = (next: string) => next.replace(/^Next:\s*/, '').split('; ');
      const weeklyDates = datesOf(weekly.next);
      assert.equal(weeklyDates.length, 3, weekly.next);
      for (const d of weeklyDates) assert.match(d, /^Tue \d{1,2} [A-Z][a-z]{2}, 10am$/);
      const monthlyDates = datesOf(monthly.next);
      assert.equal(monthlyDates.length, 3, monthly.next);
      for (const d of monthlyDates) {
        const m = /^Tue (\d{1,2}) ([A-Z][a-z]{2}), 2pm$/.exec(d);
        assert.ok(m && Number(m[1]) <= 7, `${d} is not the first Tuesday of a month`);
      }
      assert.equal(new Set(monthlyDates.map((d) => d.split(' ')[2])).size, 3, 'one date a month');

      // Each series says whether it runs on bank holidays: by default not on Christmas Day, Boxing Day or New Year’s Day.
      assert.match(await page.locator('main').innerText(), /Bank holidays: Runs on bank holidays, except Christmas Day, Boxing Day and New Year’s Day/);
      await page.getByRole('link', { name: 'Change bank holidays for Every Tuesday, 10am to 12pm' }).click();
      await page.waitForLoadState('load');
      assert.equal(await pp.h1(), 'Bank holidays');
      await expectAccessible(page);
      await page.getByLabel('Does not run on bank holidays', { exact: true }).check();
      await submit(page, 'Save');
      assert.match(await pp.flash(), /The next dates follow your answer about bank holidays/);
      assert.match(await page.locator('main').innerText(), /Bank holidays: Does not run on bank holidays/);

      // The dashboard shows the new listing waiting for approval.
      await visit(page, '/provider');
      assert.equal(await pp.dashboardState(title), 'Pending approval');
      assert.ok(
        await page
          .getByRole('link', { name: title, exact: true })
          .getAttribute('href')
          .then((h) => h?.endsWith(activityId)),
      );
      await ctx.close();
    });

    it('a provider changes a live listing, which stays as it was until approved, and confirms it is still correct', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const pp = new ProviderPages(page);
      await pp.signInAsDemo(DEMO.providerYarmouth);
      await expectAccessible(page);

      const oldTitle = LIVE_LISTING[`${mode.javaScript}`];
      const newTitle = `${oldTitle} with Jo`;
      const id = await pp.openListing(oldTitle);
      await expectAccessible(page);
      await pp.proposeTitle(newTitle);
      assert.match(await pp.flash(), /Your changes have been sent for approval/);
      assert.equal(await page.locator('main .nhsuk-tag').first().innerText(), 'Changes waiting for approval');
      assert.equal(await pp.h1(), oldTitle);
      await expectAccessible(page);
      assert.equal(await pp.dashboardState(oldTitle), 'Changes waiting for approval');

      await visit(page, `/activities/${id}`);
      assert.equal(await pp.h1(), oldTitle);
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(newTitle));

      await visit(page, `/provider/activities/${id}`);
      await submit(page, 'Confirm this listing is still correct');
      assert.match(await pp.flash(), /The listing is marked as checked today/);
      assert.match(await page.locator('main').innerText(), new RegExp(`Last checked ${ukLongDate()}\\.`));
      await expectAccessible(page);
      await ctx.close();
    });
  });
}
