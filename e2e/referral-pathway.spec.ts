import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext, visit } from './harness.ts';
import { InboxPages } from './pages/referral-inbox.pages.ts';
import { LinkWorkerPages, PATHWAY, type NewPerson } from './pages/referral.pages.ts';

const env = useAppAndBrowser();

const ACTIVITY = 'Herring Girls memory café';
const PROVIDER_ORG = 'Yarmouth Heritage Trust';
const SNOMED_REFERRAL = '871731000000106';

/** Both modes run against the same app, so each refers its own person, and declines a different seeded referral. */
const PEOPLE: Record<'true' | 'false', NewPerson & { sharesWhatMatters: boolean; seededToDecline: string }> = {
  true: {
    name: 'Edna Pryke',
    contact: 'Email',
    email: 'edna.pryke@example.org',
    postcode: 'NR30 1NE',
    whatMatters: 'Grew up by the quay. Misses the singing at chapel and her mother’s stories of the herring girls.',
    needs: ['Loneliness and isolation'],
    interests: ['Memory café or reminiscence', 'Music and song'],
    barriers: ['Transport'],
    accessNeeds: ['Step-free access'],
    days: ['Thursday'],
    times: ['Morning (before 12pm)'],
    sharesWhatMatters: true,
    seededToDecline: 'Derek',
  },
  false: {
    name: 'Ivy Grimmer',
    contact: 'Phone call',
    phone: '01632 960 123',
    postcode: 'NR30 1NE',
    whatMatters: 'Worked in the smokehouses as a girl; would like to talk about it with people who remember.',
    needs: ['Loneliness and isolation'],
    interests: ['Memory café or reminiscence'],
    barriers: ['Transport'],
    accessNeeds: ['Step-free access'],
    days: ['Thursday'],
    times: ['Morning (before 12pm)'],
    sharesWhatMatters: false,
    seededToDecline: 'Sheila',
  },
};

async function pageFor(javaScript: boolean): Promise<Page> {
  const ctx = await newContext(env.browser, { javaScript, baseUrl: env.app.baseUrl });
  ctx.setDefaultTimeout(10_000);
  return ctx.newPage();
}

for (const mode of JS_MODES) {
  const person = PEOPLE[`${mode.javaScript}`];
  const state = {} as { referralId: string };

  describe(`referral pathway (${mode.label})`, () => {
    it('a link worker finds a match and refers', async () => {
      const page = await pageFor(mode.javaScript);
      const lw = new LinkWorkerPages(page);
      await lw.signIn(PATHWAY.linkWorker, '/caseload');

      // Adding a person: a preference for email with no email address is refused next to the field, nothing saved.
      await lw.openNewPerson();
      await lw.fillPerson({ name: person.name, contact: 'Email' });
      await lw.press('Save');
      assert.equal(lw.path(), '/caseload/new');
      assert.match(await lw.errorSummary(), /Enter an email address, as they prefer email/);
      assert.match(await lw.fieldError('email'), /Enter an email address, as they prefer email/);
      assert.equal(await page.getByLabel('Name they would like to be called').inputValue(), person.name);

      // The conversation prompts help the "what matters" conversation.
      const prompts = await lw.conversationPrompts();
      assert.match(prompts, /Start with what heritage means to them/);
      assert.match(prompts, /Places that matter/);
      await lw.fillPerson({ ...person, email: person.email ?? '' });
      await lw.press('Save');
      assert.match(lw.path(), /^\/caseload\/[0-9a-f-]{36}$/);
      const personId = lw.idFromPath();
      assert.match(await lw.flash(), /added to your caseload\. Record their consent before referring them/);
      assert.equal(await lw.h1(), person.name);
      assert.equal(await lw.row('Barriers'), 'Transport');
      assert.equal(await lw.row('Access must-haves'), 'Step-free access');
      assert.match(await lw.main(), new RegExp(person.whatMatters.slice(0, 30)));
      assert.equal((await lw.consent())['Being referred to activities'], 'Not agreed');

      const purposes = ['Being referred to activities', ...(person.sharesWhatMatters ? ['Sharing what matters to them with the provider'] : [])];
      await lw.recordConsent(purposes);
      const consent = await lw.consent();
      assert.equal(consent['Being referred to activities'], 'Agreed');
      assert.equal(consent['Sharing what matters to them with the provider'], person.sharesWhatMatters ? 'Agreed' : 'Not agreed');

      // Matches: ranked, each explained factor by factor; the explanation adds up to the score.
      await lw.follow('Find activities for them');
      assert.equal(await lw.h1(), 'Activity matches');
      const ranked = await lw.matches();
      assert.ok(ranked.length >= 3, `several matches: ${ranked.map((m) => m.title).join(', ')}`);
      for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1]!.score >= ranked[i]!.score, 'best match first');
      assert.equal(ranked[0]!.title, ACTIVITY);
      const why = await lw.explanation(ACTIVITY);
      assert.deepEqual(
        [...why.keys()],
        ['Distance', 'Needs and interests', 'Access must-haves', 'Session times', 'Cost', 'Support offered', 'Language', 'Referral route', 'Places'],
      );
      assert.match(why.get('Distance')![1], /miles away.*transport is a barrier/);
      assert.equal(why.get('Access must-haves')![0], 'Good');
      assert.match(why.get('Needs and interests')![1], /memory café or reminiscence/i);
      const points = [...why.values()].reduce((sum, [, , p]) => sum + Number(/^([\d.]+) of/.exec(p)![1]), 0);
      assert.equal(Math.round(points), ranked[0]!.score, 'the factor points add up to the match score');
      await expectAccessible(page);

      // Activities ruled out are listed apart, with the reason.
      await lw.follow(/Show activities that are not suitable \(\d+\)/);
      const rows = lw.match('Walking the Rows');
      assert.match(await rows.innerText(), /Not suitable[\s\S]*Missing a must-have: Step-free access\./);
      assert.equal(await rows.getByRole('link', { name: /Refer to this activity/ }).count(), 0, 'no way to refer to an unsuitable activity');

      // Refer: the barriers must be checked with them first.
      await lw.follow(/Refer to this activity/, lw.match(ACTIVITY));
      assert.equal(await lw.h1(), 'Refer to an activity');
      assert.match(await lw.main(), new RegExp(`Refer ${person.name}[\\s\\S]*${ACTIVITY}[\\s\\S]*They told you about:\\s+Transport`));
      const support = 'Hard of hearing; likes a seat near the front.';
      const message = `${person.name.split(' ')[0]} would love to share memories of the herring season.`;
      await page.getByLabel('Support they need (optional)').fill(support);
      await page.getByLabel('Message to the provider (optional)').fill(message);
      await lw.press('Send referral');
      assert.match(await lw.fieldError('barriersChecked'), /Confirm you have checked travel, cost and access with them before sending/);
      assert.equal(await page.getByLabel('Message to the provider (optional)').inputValue(), message);
      await page.getByLabel('I have checked travel, cost and access with them').check();
      await lw.press('Send referral');

      assert.match(lw.path(), /^\/referrals\/[0-9a-f-]{36}$/);
      state.referralId = lw.idFromPath();
      assert.match(await lw.flash(), /Referral sent\. The provider has been told\./);
      assert.equal(await lw.h1(), `Referral to ${ACTIVITY}`);
      assert.equal(await lw.tag(), 'Sent, waiting for a reply');
      assert.equal(await lw.row('Support needs'), support);
      assert.equal(await lw.row('Message to the provider'), message);
      const timeline = await lw.timeline();
      assert.equal(timeline.length, 2, timeline.join(' | '));
      assert.match(timeline[0]!, /^Draft started .*, Rosie Clarke \(Link worker\)$/);
      assert.match(timeline[1]!, /^Sent, waiting for a reply .*, Rosie Clarke \(Link worker\)$/);

      // Back on the matches, the activity says it is already referred, with a link instead of "Refer".
      await visit(page, `/caseload/${personId}/matches`);
      const referred = lw.match(ACTIVITY);
      assert.match(await referred.innerText(), /Already referred\s+Sent, waiting for a reply/);
      assert.equal(await referred.getByRole('link', { name: /Refer to this activity/ }).count(), 0);
      await referred.getByRole('link', { name: /Open the referral/ }).click();
      await page.waitForLoadState('load');
      assert.equal(lw.idFromPath(), state.referralId);
      await page.context().close();
    });

    it('a provider accepts and keeps a register', async () => {
      assert.ok(state.referralId, 'the referral from the journey before');
      const page = await pageFor(mode.javaScript);
      const inbox = new InboxPages(page);
      await inbox.signIn(PATHWAY.provider, '/provider');
      await inbox.openInbox();
      const [, activity, , replyBy, status] = await inbox.inboxRow(person.name);
      assert.equal(activity, ACTIVITY);
      assert.match(replyBy!, /^\d{1,2} [A-Z][a-z]+ \d{4}$/, 'the reply-by date');
      assert.equal(status, 'Sent, waiting for a reply');
      // The seeded overdue referral is marked, and the inbox filters to overdue replies.
      await page.getByLabel('Reply by').selectOption('overdue');
      await inbox.press('Filter');
      assert.match(await inbox.main(), /Overdue/);
      assert.doesNotMatch(await inbox.main(), new RegExp(person.name));
      await expectAccessible(page);
      await inbox.openInbox();

      assert.equal(await inbox.openReferral(person.name), state.referralId);
      const text = await inbox.main();
      // Only what they need: what matters only with consent, and no link to the person's record or GP summary.
      if (person.sharesWhatMatters) {
        assert.equal(await inbox.row('What matters to them'), person.whatMatters);
      } else {
        assert.doesNotMatch(text, new RegExp(person.whatMatters.slice(0, 20)));
        assert.match(text, /They have not agreed to share what matters to them, so only their name, contact and support needs are shown/);
      }
      assert.equal(await page.getByRole('link', { name: 'Their record' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Summary for the GP record' }).count(), 0);
      assert.match(await inbox.row('Support needs'), /Hard of hearing/);

      // Declining needs a reason; then they accept instead.
      await inbox.decline();
      assert.match(await inbox.errorSummary(), /Choose why you cannot accept this referral/);
      assert.match(await inbox.fieldError('declineReason'), /Choose why you cannot accept this referral/);
      await inbox.press(/^Accept$/);
      assert.match(await inbox.flash(), /Accepted\. The referrer has been told\./);
      assert.equal(await inbox.tag(), 'Accepted');

      // The first visit is one of the activity's next sessions, or another day only with a reason.
      const session = await inbox.planFirstVisit(0, 'Margaret', 'Community minibus from home at 9:45am');
      assert.match(await inbox.flash(), /First visit plan saved/);
      assert.equal(await inbox.tag(), 'First visit planned');
      assert.equal(await inbox.row('Buddy'), 'Margaret');
      assert.equal(await inbox.row('Date'), session.split(',')[0]);
      await inbox.press('Mark as attending');
      assert.match(await inbox.flash(), /Marked as attending/);
      assert.equal(await inbox.tag(), 'Attending');

      // The register for the latest session: someone accepted earlier came; today's new place is not on a past register.
      await inbox.openRegister(ACTIVITY, 0);
      assert.equal(await inbox.registerLine(person.name).count(), 0, 'not on a register from before they were accepted');
      await inbox.registerLine(PATHWAY.seededOnRegister).getByLabel('Came', { exact: true }).check();
      await inbox.press('Save register');
      assert.match(await inbox.flash(), /Register saved/);
      assert.equal(await inbox.registerLine(PATHWAY.seededOnRegister).getByLabel('Came', { exact: true }).isChecked(), true);

      // Another referral, declined with a reason.
      await inbox.openInbox();
      await inbox.openReferral(person.seededToDecline);
      await inbox.decline('The activity is full');
      assert.match(await inbox.flash(), /Declined\. The referrer has been told\./);
      assert.equal(await inbox.tag(), 'Declined');
      await page.context().close();

      // A provider from another organisation cannot open the referral.
      const other = new InboxPages(await pageFor(mode.javaScript));
      await other.signIn(PATHWAY.providerFrome, '/provider');
      await visit(other.page, `/inbox/${state.referralId}`, 404);
      await other.openInbox();
      assert.doesNotMatch(await other.main(), new RegExp(person.name));
      await other.page.context().close();
    });

    it('the referrer sees the loop closed', async () => {
      const page = await pageFor(mode.javaScript);
      const lw = new LinkWorkerPages(page);
      await lw.signIn(PATHWAY.linkWorker, '/caseload');
      await lw.menu('Referrals');
      assert.equal(await lw.h1(), 'Your referrals');
      const attending = page.locator('table').filter({ has: page.locator('caption', { hasText: /^Attending$/ }) });
      assert.equal(await attending.getByRole('link', { name: person.name }).count(), 1, 'listed under Attending');
      await lw.follow(person.name, attending);

      assert.equal(await lw.tag(), 'Attending');
      const timeline = await lw.timeline();
      assert.deepEqual(
        timeline.map((t) => t.split(/ \w{3} \d/)[0]),
        ['Draft started', 'Sent, waiting for a reply', 'Accepted', 'First visit planned', 'Attending'],
      );
      assert.match(timeline[2]!, /Jo Barker \(Provider staff\)$/);

      // The summary for the GP record is coded and does not name the person.
      await lw.follow('Summary for the GP record');
      assert.equal(await lw.h1(), 'Summary for the GP record');
      const summary = await page.getByLabel('Summary to copy').inputValue();
      assert.match(summary, new RegExp(`SNOMED CT: ${SNOMED_REFERRAL} \\| Referral to social prescribing service`));
      assert.match(summary, new RegExp(`Activity: ${ACTIVITY}`));
      assert.match(summary, new RegExp(`Provider: ${PROVIDER_ORG}`));
      assert.doesNotMatch(summary, new RegExp(person.name));
      await lw.follow('Back to the referral', page.locator('main'));

      // Completing needs a next step.
      await lw.press(/^Complete$/);
      assert.match(await lw.fieldError('nextSteps'), /Choose at least one next step/);
      await lw.option('What next for them?', 'Carry on going independently').check();
      await lw.option('What next for them?', 'Volunteer with the organisation').check();
      await page.locator('#completeNote').fill('Loves it; will join the volunteers in spring.');
      await lw.press(/^Complete$/);
      assert.match(await lw.flash(), /Referral completed/);
      assert.equal(await lw.tag(), 'Completed');
      assert.equal(await lw.row('Next steps'), 'Carry on going independently, Volunteer with the organisation');
      const closed = await lw.timeline();
      assert.match(closed.at(-1)!, /^Completed .*Rosie Clarke \(Link worker\) Loves it; will join the volunteers in spring\.$/);
      await page.context().close();

      // A link worker in another scheme cannot open it.
      const other = new LinkWorkerPages(await pageFor(mode.javaScript));
      await other.signIn(PATHWAY.linkWorkerFrome, '/caseload');
      await visit(other.page, `/referrals/${state.referralId}`, 404);
      await other.page.context().close();
    });
  });
}
