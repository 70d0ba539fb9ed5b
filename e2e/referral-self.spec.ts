import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { JS_MODES, newContext } from './harness.ts';
import { InboxPages, SelfReferralPages } from './pages/referral-inbox.pages.ts';
import { PATHWAY } from './pages/referral.pages.ts';

const env = useAppAndBrowser();

/** Both modes run against the same app: each refers a different person to a different Yarmouth Heritage Trust activity. */
const SELF = {
  true: {
    activity: 'Walking the Rows',
    name: 'Vera Crisp',
    contact: 'Phone call',
    phone: '07700 900 461',
    postcode: 'NR30 2RG',
    hopes: 'Get out of the house and meet people who knew the Rows.',
    support: 'A bench to rest on halfway.',
    followUp: true,
  },
  false: {
    activity: 'Tolhouse object handling',
    name: 'Arthur Bunn',
    contact: 'Email',
    email: 'arthur.bunn@example.org',
    postcode: 'NR30 1NE',
    hopes: 'Learn about the old gaol my grandfather worked in.',
    support: 'I am a little deaf.',
    followUp: false,
  },
} as const;

for (const mode of JS_MODES) {
  const me = SELF[`${mode.javaScript}`];

  describe(`self-referral (${mode.label})`, () => {
    it('a member of the public refers themselves, and the provider sees it in their inbox', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      ctx.setDefaultTimeout(10_000);
      const self = new SelfReferralPages(await ctx.newPage());
      const page = self.page;

      await self.openActivity(me.activity);
      await self.follow('Refer yourself');
      assert.equal(await self.h1(), `Refer yourself to ${me.activity}`);
      assert.match(await self.main(), /you do not need an account/);

      // Without agreeing to be referred, nothing is sent and what they typed is kept.
      await self.fill(me);
      if (me.followUp) await self.option('Keeping you updated (optional)', 'Send me a message when they reply, and later to ask how it went').check();
      await self.send();
      assert.match(self.path(), /\/refer-yourself$/);
      assert.match(await self.errorSummary(), /Tick the box to agree to being referred, so the provider can contact you/);
      assert.match(await self.fieldError('consentReferral'), /Tick the box to agree to being referred/);
      assert.equal(await page.getByLabel('What would you like to be called?').inputValue(), me.name);
      assert.equal(await page.getByLabel('What would you like to get from going? (optional)').inputValue(), me.hopes);

      await self.option('Your agreement', 'I agree to Yarmouth Heritage Trust receiving these details and contacting me about this activity').check();
      await self.send();
      assert.match(self.path(), /\/refer-yourself\/sent$/);
      assert.equal(await self.h1(), 'Your referral has been sent');
      const next = await self.main();
      assert.match(next, /What happens next/);
      assert.match(next, new RegExp(`Yarmouth Heritage Trust will read your referral for ${me.activity}`));
      assert.match(next, /They will contact you the way you asked/);
      await ctx.close();

      // The provider finds it in their inbox, from the person, with only what they agreed to share.
      const pctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      pctx.setDefaultTimeout(10_000);
      const inbox = new InboxPages(await pctx.newPage());
      await inbox.signIn(PATHWAY.provider, '/provider');
      await inbox.openInbox();
      const [, activity, , replyBy, status] = await inbox.inboxRow(me.name);
      assert.equal(activity, me.activity);
      assert.match(replyBy!, /^\d{1,2} [A-Z][a-z]+ \d{4}$/, 'the reply-by date');
      assert.equal(status, 'Sent, waiting for a reply');
      await inbox.openReferral(me.name);
      assert.equal(await inbox.row('How they were referred'), 'Self-referral');
      assert.equal(await inbox.row('Support needs'), me.support);
      assert.equal(await inbox.row('Contact by'), me.contact);
      // What they wrote on the form is addressed to the provider; no link worker's notes exist to share.
      assert.equal(await inbox.row('What would help, in their words'), me.hopes);
      const timeline = await inbox.timeline();
      assert.equal(timeline.length, 1, timeline.join(' | '));
      assert.match(timeline[0]!, /^Referral sent .*The person, through the website$/);
      await pctx.close();
    });
  });
}
