import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useAppAndBrowser } from './app.fixture.ts';
import { emailedLinkPath, expectAccessible, JS_MODES, newContext, signIn, submit } from './harness.ts';

const env = useAppAndBrowser();
const LEAD = 'volunteers.nottingham@waymark.example';

/** Each mode brings a different person through the journey. */
const PEOPLE = {
  true: { name: 'Rosalind', email: 'rosalind.volunteers@example.org', password: 'castle caves on thursdays' },
  false: { name: 'Tomasz', email: 'tomasz.volunteers@example.org', password: 'lace market walks please' },
} as const;

/** Today in London as day, month and year (the app's dates are London dates). */
function today() {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { day: get('day'), month: get('month'), year: get('year') };
}

async function fillDate(page: Page, name: string) {
  const d = today();
  await page.locator(`[name="${name}Day"]`).fill(d.day);
  await page.locator(`[name="${name}Month"]`).fill(d.month);
  await page.locator(`[name="${name}Year"]`).fill(d.year);
}

const h1 = (page: Page) => page.locator('h1').first().innerText();
const main = (page: Page) => page.locator('main').innerText();

for (const mode of JS_MODES) {
  const me = PEOPLE[`${mode.javaScript}`];

  describe(`volunteer recruitment (${mode.label})`, () => {
    it('expression of interest → conversation → invitation → password → training and a DBS check → ready', async () => {
      // A member of the public offers to volunteer from the home page, without an account.
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      ctx.setDefaultTimeout(15_000);
      const page = await ctx.newPage();
      await page.goto('/');
      await page.getByRole('link', { name: 'Offer to volunteer' }).click();
      await page.waitForLoadState('load');
      assert.equal(await h1(page), 'Volunteer with us');
      await expectAccessible(page);
      await page.getByLabel('Museum Buddy at Nottingham Museums Collective').check();
      await page.getByLabel('What would you like to be called?').fill(me.name);
      await page.getByRole('group', { name: 'How would you like them to contact you?' }).getByLabel('Email').check();
      await page.getByLabel('Email address').fill(me.email);
      await submit(page, 'Send');
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Tick the box to agree to being contacted about volunteering/);
      assert.equal(await page.getByLabel('What would you like to be called?').inputValue(), me.name);
      await expectAccessible(page);
      await page.getByLabel(/I agree to the organisation I chose/).check();
      await submit(page, 'Send');
      assert.equal(await h1(page), 'Thank you for offering to volunteer');
      assert.match(await main(page), /deleted after 90 days/);
      await ctx.close();

      // The volunteer lead sees it, records the conversation and invites the person.
      const lctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      lctx.setDefaultTimeout(15_000);
      const lead = await lctx.newPage();
      await signIn(lead, LEAD);
      assert.equal(new URL(lead.url()).pathname, '/volunteers');
      await expectAccessible(lead);
      await lead.getByRole('link', { name: 'Expressions of interest' }).click();
      await lead.waitForLoadState('load');
      await expectAccessible(lead);
      await lead.getByRole('link', { name: me.name, exact: true }).click();
      await lead.waitForLoadState('load');
      assert.equal(await h1(lead), me.name);
      await expectAccessible(lead);
      await fillDate(lead, 'conversationOn');
      await submit(lead, 'Record the conversation');
      assert.match(await main(lead), /The conversation has been recorded/);
      assert.equal(await lead.getByLabel('Their email address').inputValue(), me.email);
      await submit(lead, 'Send the invitation');
      assert.match(await main(lead), /The invitation has been sent/);
      assert.equal(await h1(lead), me.name);
      const volunteerPage = new URL(lead.url()).pathname;
      assert.match(await main(lead), /Not marked ready by their volunteer lead yet/);
      assert.match(await main(lead), /No basic DBS check recorded/);

      // The invitation's one-time link lets them choose a password and sign in.
      const link = await emailedLinkPath(me.email, '/reset-password');
      const vctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      vctx.setDefaultTimeout(15_000);
      const volunteer = await vctx.newPage();
      await volunteer.goto(link);
      await volunteer.getByLabel('New password', { exact: true }).fill(me.password);
      await volunteer.getByLabel(/Confirm|again/i).fill(me.password);
      await submit(volunteer, 'Save password');
      assert.equal(new URL(volunteer.url()).pathname, '/sign-in');
      await volunteer.getByLabel('Email address').fill(me.email);
      await volunteer.getByLabel('Password', { exact: true }).fill(me.password);
      await submit(volunteer, 'Sign in');
      assert.equal(new URL(volunteer.url()).pathname, '/volunteering');
      assert.match(await main(volunteer), /Not marked ready by their volunteer lead yet/);
      await expectAccessible(volunteer);

      // The lead records training and checks; a DBS level the role is not eligible for is refused with the reason.
      const record = async (check: string, reference?: string) => {
        await lead.goto(volunteerPage);
        await lead.getByRole('link', { name: 'Record training or a check' }).click();
        await lead.waitForLoadState('load');
        await lead.getByLabel(check, { exact: true }).check();
        await fillDate(lead, 'doneOn');
        if (reference) await lead.getByLabel('Certificate or reference number (optional)').fill(reference);
        await submit(lead, 'Record it');
      };
      await record('Enhanced DBS check with the adults’ barred list');
      assert.match(await lead.locator('.nhsuk-error-message').first().innerText(), /Museum Buddy role is eligible for a basic DBS check only/);
      await expectAccessible(lead);
      await record('Basic DBS check', 'B00999000111');
      assert.match(await main(lead), /The training or check has been recorded/);
      await record('Heritage and wellbeing training');
      await record('Safeguarding adults training');
      await lead.getByRole('link', { name: 'Record a recruitment step' }).click();
      await lead.waitForLoadState('load');
      await expectAccessible(lead);
      await lead.getByLabel('Ready to volunteer', { exact: true }).check();
      await fillDate(lead, 'doneOn');
      await submit(lead, 'Record the step');
      assert.match(await main(lead), /The recruitment step has been recorded/);
      assert.match(await main(lead), new RegExp(`Yes: nothing stops ${me.name} being offered to people`));
      await expectAccessible(lead);
      await lctx.close();

      // The volunteer keeps their own profile up to date, then takes a break (with a confirmation step).
      await volunteer.goto('/volunteering');
      await volunteer.getByRole('link', { name: 'Change your profile' }).click();
      await volunteer.waitForLoadState('load');
      assert.match(await main(volunteer), /never shown to the people you go with/);
      await expectAccessible(volunteer);
      await volunteer.getByLabel('Postcode (optional)').fill('NG7 2RD');
      await volunteer.getByLabel('How far will you travel, in miles?').fill('4');
      await volunteer.getByLabel('Thursday afternoon').check();
      await volunteer.getByLabel('Museum object handling').check();
      await volunteer.getByLabel('Going with someone to their first visits').check();
      await volunteer.getByRole('group', { name: 'Do you drive a car you could use when volunteering?' }).getByLabel('No').check();
      await submit(volunteer, 'Save your profile');
      // The emergency contact is needed: the message is next to the field and what was typed is kept.
      assert.match(await volunteer.locator('.nhsuk-error-summary').innerText(), /Enter the name of someone we can contact in an emergency/);
      assert.equal(await volunteer.getByLabel('How far will you travel, in miles?').inputValue(), '4');
      assert.equal(await volunteer.getByLabel('Thursday afternoon').isChecked(), true);
      await expectAccessible(volunteer);
      await volunteer.getByLabel('Their name').fill('Sam Hart');
      await volunteer.getByLabel('Their phone number').fill('07700 900555');
      await submit(volunteer, 'Save your profile');
      assert.equal(new URL(volunteer.url()).pathname, '/volunteering');
      const saved = await main(volunteer);
      assert.match(saved, /Your profile has been saved/);
      assert.match(saved, /Thursday afternoon/);
      assert.match(saved, /Sam Hart/);
      assert.doesNotMatch(saved, /cannot offer your company/);

      await volunteer.getByRole('link', { name: 'Take a break' }).click();
      await volunteer.waitForLoadState('load');
      assert.equal(await h1(volunteer), 'Take a break from volunteering');
      await expectAccessible(volunteer);
      await submit(volunteer, 'Take a break');
      assert.match(await main(volunteer), /You are taking a break/);
      assert.match(await main(volunteer), /Paused by the volunteer/);
      await expectAccessible(volunteer);
      await submit(volunteer, 'Come back from your break');
      assert.match(await main(volunteer), /Welcome back/);
      await vctx.close();
    });
  });
}
