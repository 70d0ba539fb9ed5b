import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { JS_MODES, newContext, signIn, visit } from './harness.ts';
import { follow, QuestionnaireForm, QuestionnairesDuePage, submitExpecting } from './pages/outcomes.pages.ts';

/**
 * Licensed wording: Waymark ships no SWEMWBS statements; an administrator loads their organisation's
 * licensed copy. Its own app, because loading wording changes every questionnaire. The statements here
 * are obviously fictional test text, never the real licensed wording.
 */
const env = useAppAndBrowser();
/** Placeholder statements a little longer than the longest licensed one, so the phone layout is measured at its worst. */
const statement = (n: number, run: string) => `Test statement ${n} (${run}), about as long as a real one`;
const fakeWording = (count: number, run: string) =>
  JSON.stringify({ instrument: 'swemwbs', licence: `E2E test licence ${run}`, items: Array.from({ length: count }, (_, i) => statement(i + 1, run)) }, null, 2);
/** The three scales most questionnaires use must fit in this height on a 390px-wide phone (issue 8). */
const PHONE_PARTS_MAX = 3000;

for (const mode of JS_MODES) {
  const run = mode.javaScript ? 'js-on run' : 'js-off run';

  describe(`licensed questionnaire wording (${mode.label})`, () => {
    it('an admin loads licensed wording', async (t) => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await signIn(page, 'admin@waymark.example');
      await visit(page, '/admin');
      await follow(page, page.getByRole('link', { name: 'Questionnaires and instruments' }));
      const swemwbs = page.locator('main dl').filter({ has: page.getByRole('link', { name: 'Load wording for SWEMWBS' }) });
      assert.match(await swemwbs.innerText(), /Not loaded: forms show statement numbers/);
      await follow(page, page.getByRole('link', { name: 'Load wording for SWEMWBS' }));
      assert.equal(await page.locator('h1').innerText(), 'Load SWEMWBS wording');

      // The file input itself (with JavaScript, NHS.UK's component adds a drop button in front of it).
      // A chosen file with six statements for a seven-item scale: the error is next to the file field.
      const six = fakeWording(6, run);
      await page
        .locator('input[type=file][name=wordingFile]')
        .setInputFiles({ name: 'swemwbs-wording.json', mimeType: 'application/json', buffer: Buffer.from(six) });
      await submitExpecting(page, 'Load wording', 422);
      assert.equal((await page.locator('#wordingFile-error').innerText()).replace(/^Error:\s*/, ''), 'SWEMWBS has 7 statements; the file has 6');
      assert.equal(await page.locator('.nhsuk-error-summary a[href="#wordingFile"]').count(), 1);

      // Pasted text with six statements: the error is next to the box, and the text is kept.
      await page.getByLabel('Or paste the file’s contents').fill(six);
      await submitExpecting(page, 'Load wording', 422);
      assert.equal((await page.locator('#wording-error').innerText()).replace(/^Error:\s*/, ''), 'SWEMWBS has 7 statements; the file has 6');
      assert.equal(await page.getByLabel('Or paste the file’s contents').inputValue(), six);

      // The right file loads.
      await page.getByLabel('Or paste the file’s contents').fill('');
      await page
        .locator('input[type=file][name=wordingFile]')
        .setInputFiles({ name: 'swemwbs-wording.json', mimeType: 'application/json', buffer: Buffer.from(fakeWording(7, run)) });
      await submitExpecting(page, 'Load wording', 200);
      assert.equal(new URL(page.url()).pathname, '/admin/instruments');
      assert.match(await page.locator('main').innerText(), /The wording has been loaded/);
      assert.match(await swemwbs.innerText(), new RegExp(`Loaded .*\\(E2E test licence ${run}\\)`));

      // A link worker's questionnaire now shows the loaded statements instead of numbers.
      const lwCtx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const lw = await lwCtx.newPage();
      await signIn(lw, 'linkworker.yarmouth@waymark.example');
      const due = new QuestionnairesDuePage(lw);
      await due.open();
      const row = (await due.rows()).find((r) => r.consented);
      assert.ok(row, 'someone has a questionnaire due');
      await due.fillInWith(row.person, row.questionnaire);
      const questions = await new QuestionnaireForm(lw).questions();
      for (let n = 1; n <= 7; n++) assert.ok(questions.includes(statement(n, run)), `statement ${n} shows its loaded wording`);
      assert.ok(!questions.some((q) => /^Statement \d of 7$/.test(q)), 'no statement is shown by its number');
      assert.doesNotMatch(await lw.locator('main').innerText(), /has not loaded its copy yet/);

      // On a phone, SWEMWBS, ONS4 and UCLA 3-item together are compact (a layout measure, not a timing).
      await lw.setViewportSize({ width: 390, height: 844 });
      const height = await new QuestionnaireForm(lw).partsHeight(['swemwbs', 'ons4', 'ucla3']);
      t.diagnostic(`SWEMWBS + ONS4 + UCLA3 at 390px wide (${mode.label}): ${height}px`);
      assert.ok(height < PHONE_PARTS_MAX, `SWEMWBS + ONS4 + UCLA3 are ${height}px tall at 390px wide (at most ${PHONE_PARTS_MAX})`);

      // Removing it goes back to numbered statements (so each run starts from nothing loaded).
      await visit(page, '/admin/instruments/swemwbs');
      await submitExpecting(page, 'Remove the loaded wording', 200);
      assert.match(await page.locator('main').innerText(), /The wording has been removed/);
      await visit(lw, new URL(lw.url()).pathname);
      assert.ok((await new QuestionnaireForm(lw).questions()).includes('Statement 1 of 7'));
      await lwCtx.close();
      await ctx.close();
    });
  });
}
