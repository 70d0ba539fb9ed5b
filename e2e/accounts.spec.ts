import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { DEMO, demoTotpCode, emailedLinkPath, expectAccessible, JS_MODES, newContext, signIn, submit, visit } from './harness.ts';

const env = useAppAndBrowser();

for (const mode of JS_MODES) {
  describe(`home and accounts (${mode.label})`, () => {
    it('shows the home page, accessibility statement and privacy page accessibly', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await visit(page, '/');
      assert.match(await page.locator('h1').innerText(), /Find heritage wellbeing activities/);
      await visit(page, '/accessibility');
      await visit(page, '/privacy');
      await visit(page, '/no-such-page', 404);
      await ctx.close();
    });

    it('tells someone who mistypes their password, then signs them in', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await visit(page, '/sign-in');
      await page.getByLabel('Email address').fill(DEMO.coordinator);
      await page.getByLabel('Password', { exact: true }).fill('wrong password');
      await submit(page, 'Sign in');
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter a correct email address and password/);
      await expectAccessible(page);
      await signIn(page, DEMO.coordinator);
      assert.match(page.url(), /\/coordinator$/);
      await ctx.close();
    });

    it('signs the administrator in with a code from their authenticator app, onto the administration home', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await visit(page, '/sign-in');
      await page.getByLabel('Email address').fill(DEMO.admin);
      await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
      await submit(page, 'Sign in');
      assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');
      await expectAccessible(page);
      await page.getByLabel('Code', { exact: true }).fill(await demoTotpCode());
      await submit(page, 'Continue');
      assert.match(page.url(), /\/admin$/);
      await visit(page, '/account');
      assert.match(await page.locator('main').innerText(), /Two-factor sign-in\s+On, 0 recovery codes left/);
      await ctx.close();
    });

    it('sends a password reset link that opens a page to choose a new password', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await visit(page, '/sign-in');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await expectAccessible(page);
      await page.getByLabel('Email address').fill('provider.nottingham@waymark.example');
      await submit(page, 'Send the link');
      assert.equal(await page.locator('h1').innerText(), 'Check your email');
      await expectAccessible(page);
      await visit(page, await emailedLinkPath('provider.nottingham@waymark.example', '/reset-password'));
      assert.equal(await page.locator('h1').innerText(), 'Choose a new password');
      await ctx.close();
    });

    it('after repeated wrong passwords, keeps the form and the email and says when to try again', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      const email = `forgetful.${mode.javaScript ? 'js' : 'nojs'}@example.org`;
      await visit(page, '/sign-in');
      for (let i = 0; i < 6; i++) {
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('Password', { exact: true }).fill(`wrong password ${i}`);
        await submit(page, 'Sign in');
      }
      assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Too many attempts to sign in\. Try again after \d\d:\d\d/);
      assert.equal(await page.getByLabel('Email address').inputValue(), email);
      await expectAccessible(page);
      await ctx.close();
    });

    it('shows sign-up problems next to each field', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await visit(page, '/sign-up');
      await page.getByLabel('Work email address').fill('not an email');
      await submit(page, 'Create account');
      assert.equal(await page.locator('#displayName-error').count(), 1);
      assert.match(await page.locator('#email-error').innerText(), /correct format/);
      await expectAccessible(page);
      await ctx.close();
    });
  });
}
