import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext } from './harness.ts';
import { londonToday } from './pages/provider.dates.ts';
import { InboxPages } from './pages/referral-inbox.pages.ts';
import { LinkWorkerPages, PATHWAY } from './pages/referral.pages.ts';

const env = useAppAndBrowser();

/**
 * Seeded Yarmouth people with referral consent, an open activity referral and no open buddy-scheme
 * referral (a second would be refused, decision 022); one per mode, as both modes share the app.
 */
const PERSON: Record<'true' | 'false', string> = { true: 'Colin', false: 'Keith' };

async function pageFor(javaScript: boolean): Promise<Page> {
  const ctx = await newContext(env.browser, { javaScript, baseUrl: env.app.baseUrl });
  ctx.setDefaultTimeout(10_000);
  return ctx.newPage();
}

for (const mode of JS_MODES) {
  const person = PERSON[`${mode.javaScript}`];
  const state = {} as { referralId: string; buddyScheme: string; activity: string };

  describe(`referral to a buddy scheme (${mode.label})`, () => {
    it('a link worker refers someone to a buddy scheme to go with them to an activity', async () => {
      const page = await pageFor(mode.javaScript);
      const lw = new LinkWorkerPages(page);
      await lw.signIn(PATHWAY.linkWorker, '/caseload');
      await lw.follow(new RegExp(`^${person}$`), page.locator('main'));
      assert.equal(await lw.h1(), person);
      await lw.follow('Refer them to a buddy scheme');
      assert.equal(await lw.h1(), 'Refer to a buddy scheme');

      // Nothing chosen: the message is next to the field, the message typed is kept, nothing is sent.
      const message = `${person} would like someone to walk in with him the first time.`;
      await page.getByLabel('Message to the buddy scheme (optional)').fill(message);
      await lw.press('Send referral');
      assert.match(await lw.errorSummary(), /Choose a buddy scheme/);
      assert.match(await lw.fieldError('buddySchemeId'), /Choose a buddy scheme/);
      assert.equal(await page.getByLabel('Message to the buddy scheme (optional)').inputValue(), message);

      const choice = page.getByRole('group', { name: 'Buddy scheme' }).getByRole('radio').first();
      state.buddyScheme = (await page.locator(`label[for="${await choice.getAttribute('id')}"]`).innerText()).trim();
      await choice.check();
      const activities = page.getByLabel('Activity they would like company to go to');
      const options = (await activities.locator('option').allInnerTexts()).map((t) => t.trim());
      assert.equal(options[0], 'Not decided yet');
      assert.ok(options.length >= 2, `an activity they were referred to: ${options.join(', ')}`);
      state.activity = options[1]!;
      await activities.selectOption({ label: state.activity });
      await page.getByLabel('Support they need (optional)').fill('Walks with a stick; would like to meet at home first.');
      await lw.press('Send referral');

      assert.match(lw.path(), /^\/referrals\/[0-9a-f-]{36}$/);
      state.referralId = lw.idFromPath();
      assert.equal(await lw.h1(), `Referral to ${state.buddyScheme}`);
      assert.equal(await lw.tag(), 'Sent, waiting for a reply');
      assert.match(await lw.row('Referred to'), new RegExp(`${state.buddyScheme}, a buddy scheme run by `));
      assert.equal(await lw.row('Company to go to'), state.activity);
      assert.equal(await lw.row('Message to the buddy scheme'), message);
      await page.context().close();
    });

    it('the organisation running it accepts and plans the first visit with a named buddy', async () => {
      assert.ok(state.referralId, 'the referral from the journey before');
      const page = await pageFor(mode.javaScript);
      const inbox = new InboxPages(page);
      await inbox.signIn(PATHWAY.provider, '/provider');
      await inbox.openInbox();
      const rows = page.locator('tbody tr').filter({ hasText: `${state.buddyScheme} (buddy scheme)` });
      assert.ok((await rows.count()) >= 1, 'the buddy referral is in the inbox');
      await page.goto(`/inbox/${state.referralId}`);
      await expectAccessible(page);
      assert.equal(await inbox.h1(), `Referral to ${state.buddyScheme}`);
      await inbox.press(/^Accept$/);
      assert.equal(await inbox.tag(), 'Accepted');
      const nextWeek = londonToday(new Date(Date.now() + 7 * 86_400_000));
      await inbox.planFirstVisitOnDate(nextWeek, 'Pat, a volunteer buddy', 'Pat calls for him at home and they walk there together');
      assert.equal(await inbox.tag(), 'First visit planned');
      assert.equal(await inbox.row(/^\s*Buddy\s*$/), 'Pat, a volunteer buddy');
      await page.context().close();
    });

    it('the link worker sees who will go with them', async () => {
      const page = await pageFor(mode.javaScript);
      const lw = new LinkWorkerPages(page);
      await lw.signIn(PATHWAY.linkWorker, '/caseload');
      await page.goto(`/referrals/${state.referralId}`);
      await expectAccessible(page);
      assert.equal(await lw.tag(), 'First visit planned');
      assert.equal(await lw.row(/^\s*Buddy\s*$/), 'Pat, a volunteer buddy');
      const timeline = await lw.timeline();
      assert.match(timeline.at(-1)!, /^First visit planned .*\(Provider staff\)/);
      await page.context().close();
    });
  });
}
