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
/** A wording file (the alternative to typing each statement) with `count` fictional statements. */
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
      // Before any wording is loaded, the link worker is warned before sending a questionnaire link.
      const lwCtx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const lw = await lwCtx.newPage();
      await signIn(lw, 'linkworker.yarmouth@waymark.example');
      const due = new QuestionnairesDuePage(lw);
      await due.open();
      assert.match(await lw.locator('#wording-missing').innerText(), /SWEMWBS is licensed/);

      await signIn(page, 'admin@waymark.example');
      await visit(page, '/admin');
      await follow(page, page.getByRole('link', { name: 'Questionnaires and instruments' }));
      const swemwbs = page.locator('main dl').filter({ has: page.getByRole('link', { name: 'Load wording for SWEMWBS' }) });
      assert.match(await swemwbs.innerText(), /Not loaded: forms show statement numbers/);
      await follow(page, page.getByRole('link', { name: 'Load wording for SWEMWBS' }));
      assert.equal(await page.locator('h1').innerText(), 'Load SWEMWBS wording');

      // One box per statement. One left empty: the message is next to it, and what was typed is kept.
      const typed = (n: number) => statement(n, run);
      for (let n = 1; n <= 7; n++) await page.getByLabel(`Statement ${n}`, { exact: true }).fill(n === 4 ? '' : typed(n));
      await page.getByLabel('Licence reference (optional)').fill(`E2E test licence ${run}`);
      await submitExpecting(page, 'Load wording', 422);
      assert.equal((await page.locator('#statement4-error').innerText()).replace(/^Error:\s*/, ''), 'Enter statement 4');
      assert.equal(await page.locator('.nhsuk-error-summary a[href="#statement4"]').count(), 1);
      assert.equal(await page.getByLabel('Statement 7', { exact: true }).inputValue(), typed(7));

      // A chosen file (the alternative) with six statements for a seven-item scale: the error is next to the file field.
      // The file input itself (with JavaScript, NHS.UK's component adds a drop button in front of it).
      await page
        .locator('input[type=file][name=wordingFile]')
        .setInputFiles({ name: 'swemwbs-wording.json', mimeType: 'application/json', buffer: Buffer.from(fakeWording(6, run)) });
      await submitExpecting(page, 'Load wording', 422);
      assert.equal((await page.locator('#wordingFile-error').innerText()).replace(/^Error:\s*/, ''), 'SWEMWBS has 7 statements; the file has 6');
      assert.equal(await page.locator('.nhsuk-error-summary a[href="#wordingFile"]').count(), 1);

      // With every box filled (and no file chosen) it loads.
      await page.getByLabel('Statement 4', { exact: true }).fill(typed(4));
      await submitExpecting(page, 'Load wording', 200);
      assert.equal(new URL(page.url()).pathname, '/admin/instruments');
      assert.match(await page.locator('main').innerText(), /The wording has been loaded/);
      assert.match(await swemwbs.innerText(), new RegExp(`Loaded .*\\(E2E test licence ${run}\\)`));

      // A link worker's questionnaire now shows the loaded statements instead of numbers, and no warning.
      await due.open();
      assert.equal(await lw.locator('#wording-missing').count(), 0);
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

    it('an admin finds a person by name and reads everything held about them, to print or download', async () => {
      const ctx = await newContext(env.browser, { javaScript: mode.javaScript, baseUrl: env.app.baseUrl });
      const page = await ctx.newPage();
      await signIn(page, 'admin@waymark.example');
      await visit(page, '/admin');
      await page.getByLabel('Their name or reference').fill('maur');
      await submitExpecting(page, 'Find', 200);
      assert.match(await page.locator('main').innerText(), /\d+ records? found by name/);
      await follow(page, page.getByRole('link', { name: 'Maureen' }).first());
      assert.match(await page.locator('main').innerText(), /Maureen\. Reference:/);
      await follow(page, page.getByRole('button', { name: 'See their data' }));
      const doc = await page.locator('main').innerText();
      assert.match(doc, /Everything Waymark holds about Maureen/);
      assert.match(doc, /Their details[\s\S]*07700 900\d{3}[\s\S]*NR3\d \d[A-Z]{2}/, 'phone and postcode with their standard spacing');
      assert.match(doc, /Referrals \(\d+\)[\s\S]*Run by/);
      assert.match(
        (await page.getByRole('link', { name: /download the same data as a file \(JSON\)/ }).getAttribute('href')) ?? '',
        /\/privacy\/export\.json$/,
      );
      await ctx.close();
    });
  });
}
