import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { expectAccessible, JS_MODES, newContext, signIn, visit } from './harness.ts';
import { follow, QuestionnaireForm, QuestionnairesDuePage, submitExpecting } from './pages/outcomes.pages.ts';

/**
 * Collecting wellbeing questionnaires: a participant answers on a phone through a one-time link, and a
 * link worker enters answers with a person. Each mode uses different people from the demo caseload of
 * linkworker.yarmouth@ (JavaScript on: Brenda and Janet; off: Colin, once consent is recorded, and Stanley).
 */
const env = useAppAndBrowser();
const LINK_WORKER = 'linkworker.yarmouth@waymark.example';
const PEOPLE = {
  true: { baseline: 'Brenda', withLinkWorker: { person: 'Janet', questionnaire: 'End of prescription' } },
  false: { baseline: 'Colin', withLinkWorker: { person: 'Stanley Brock (demo)', questionnaire: 'End of prescription' } },
} as const;

for (const mode of JS_MODES) {
  const people = PEOPLE[`${mode.javaScript}`];

  describe(`wellbeing questionnaires (${mode.label})`, () => {
    it('a participant fills in a wellbeing questionnaire on a phone without JavaScript', async () => {
      const desk = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await desk.newPage();
      await signIn(page, LINK_WORKER);
      const due = new QuestionnairesDuePage(page);
      await due.open();
      let row = (await due.rows()).find((r) => r.person === people.baseline && r.questionnaire === 'Baseline');
      assert.ok(row, `${people.baseline}'s baseline is due`);

      if (!row.consented) {
        // No questionnaire consent yet: the link worker asks and records it, then the link can be sent.
        await visit(page, '/caseload');
        await follow(page, page.getByRole('link', { name: people.baseline, exact: true }));
        await follow(
          page,
          page
            .getByRole('button', { name: 'Record consent' })
            .or(page.getByRole('link', { name: 'Record consent' }))
            .first(),
        );
        await page.getByLabel('Wellbeing questionnaires').check();
        await page.getByLabel('Verbally, in conversation').check();
        await submitExpecting(page, 'Record consent', 200);
        assert.match(await page.locator('main').innerText(), /Wellbeing questionnaires/);
        await due.open();
        row = (await due.rows()).find((r) => r.person === people.baseline && r.questionnaire === 'Baseline');
        assert.ok(row?.consented, 'with consent recorded, a link can be sent');
      }

      const linkPath = await due.sendLink(people.baseline, 'Baseline');
      await due.open();
      assert.ok(
        (await due.rows()).find((r) => r.person === people.baseline && r.questionnaire === 'Baseline')?.linkOpen,
        'the list says a link is waiting to be used',
      );

      // The participant, on their phone, not signed in.
      const phone = await newContext(env.browser, { javaScript: mode.javaScript, mobile: true, baseUrl: env.app.baseUrl });
      const p = await phone.newPage();
      await visit(p, linkPath);
      assert.equal(await p.locator('h1').innerText(), 'How have you been feeling?');
      assert.match(await p.locator('.nhsuk-caption-l').innerText(), /Baseline/i);
      const form = new QuestionnaireForm(p);
      const questions = await form.questions();
      for (let n = 1; n <= 7; n++) assert.ok(questions.includes(`Statement ${n} of 7`), `SWEMWBS statement ${n} is shown by its number`);
      const main = await p.locator('main').innerText();
      assert.match(main, /statements of this questionnaire are licensed/, 'explains why statements are numbers');
      assert.match(main, /SWEMWBS\) © NHS Health Scotland, University of Warwick/, 'shows the licence note');
      const scrollWidth = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= 390, `fits a phone screen without scrolling sideways (${scrollWidth}px)`);
      // Compact on a phone: a progress line for each part, and each 0–10 scale one row of eleven choices.
      assert.deepEqual(
        (await form.progressLines()).map((l) => l.replace(/ · .*/, '')),
        ['Part 1 of 4', 'Part 2 of 4', 'Part 3 of 4', 'Part 4 of 4'],
      );
      const scale = await form.choiceRows('ons4-life_satisfaction');
      assert.equal(scale.count, 11);
      assert.equal(scale.rows, 1, 'the eleven choices of a 0–10 scale sit in one row');
      assert.ok(scale.right <= 390 && scale.minWidth >= 24, `each choice fits and is at least 24px wide (${scale.minWidth}px)`);
      assert.equal((await form.choiceRows('swemwbs-s1')).rows, 1, 'the five answers of a statement sit in one row');

      // A count that is not a number: the error is shown next to the field, answers given are kept.
      const firstRadio = p.locator('input[type=radio][name="swemwbs-s1"]').nth(2);
      await firstRadio.check();
      await p.getByLabel(/how many times have you been in contact with health services/).fill('lots');
      await submitExpecting(p, 'Send answers', 422);
      assert.equal(await form.errorFor('pilot-health_contacts'), 'Enter a whole number from 0 to 99');
      assert.ok(await firstRadio.isChecked(), 'answers already given are kept');
      assert.equal(await p.getByLabel(/how many times have you been in contact with health services/).inputValue(), 'lots');

      const answered = await form.answerEverything('3');
      assert.ok(answered >= 14, `answers every question (${answered})`);
      await submitExpecting(p, 'Send answers', 200);
      assert.equal(new URL(p.url()).pathname, '/questionnaire/done');
      assert.equal(await p.locator('h1').innerText(), 'Thank you');

      // The link works once.
      await visit(p, linkPath, 410);
      assert.equal(await p.locator('h1').innerText(), 'This link has already been used');
      assert.match(await p.locator('main').innerText(), /ask your link worker for a new link/);
      await phone.close();

      await due.open();
      assert.equal((await due.rows()).filter((r) => r.person === people.baseline && r.questionnaire === 'Baseline').length, 0, 'the baseline is no longer due');
      await desk.close();
    });

    it('a link worker enters answers with the person', async () => {
      const { person, questionnaire } = people.withLinkWorker;
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await signIn(page, LINK_WORKER);
      const due = new QuestionnairesDuePage(page);
      await due.open();
      const before = await due.rows();
      assert.ok(before.find((r) => r.person === person && r.questionnaire === questionnaire)?.consented, `${person}'s ${questionnaire} is due`);

      await due.fillInWith(person, questionnaire);
      const formPath = new URL(page.url()).pathname;
      assert.match(await page.locator('main').innerText(), new RegExp(`With ${person.replace(/[()]/g, '\\$&')}`));
      const form = new QuestionnaireForm(page);
      assert.ok((await form.questions()).includes('Statement 1 of 7'));
      assert.ok(
        (await form.questions()).some((q) => /medication/.test(q)),
        'the end questionnaire asks about medication',
      );

      // Nothing answered: one error, next to the first question.
      await submitExpecting(page, 'Save answers', 422);
      assert.equal(await form.errorFor('swemwbs-s1'), 'Answer at least one question');

      await form.answerEverything('1');
      await submitExpecting(page, 'Save answers', 200);
      assert.equal(new URL(page.url()).pathname, '/caseload/questionnaires');
      await expectAccessible(page);
      const after = await due.rows();
      assert.equal(after.filter((r) => r.person === person && r.questionnaire === questionnaire).length, 0, 'the questionnaire is no longer due');
      assert.equal(after.length, before.length - 1, 'only that questionnaire left the list');

      // It cannot be entered twice.
      await visit(page, formPath, 409);
      assert.match(await page.locator('main').innerText(), /already been recorded/);
      await ctx.close();
    });
  });
}
