import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';
import { makeProvider, makeReferral, makeScheme, makeSchemeUser } from '../../../../test/fixtures/questionnaire.fixtures.ts';

/** Placeholder statements: the real licensed wording must never be committed. */
const wording = (n: number) =>
  JSON.stringify({ instrument: 'swemwbs', licence: 'Test licence 42', items: Array.from({ length: n }, (_, i) => `Placeholder statement ${i + 1}`) });

describe.each(ENGINES)('licensed instrument wording ($name)', (engine) => {
  let t: TestApp;
  let admin: { email: string; password: string };
  let worker: { email: string; password: string; id: string };
  let referralId = '';

  beforeAll(async () => {
    t = await createTestApp(engine);
    const scheme = await makeScheme(t.db);
    admin = await makeSchemeUser(t.db, 'admin', null);
    worker = await makeSchemeUser(t.db, 'link_worker', scheme);
    referralId = (await makeReferral(t.db, { schemeId: scheme, ...(await makeProvider(t.db, scheme)), caseworkerId: worker.id })).referralId;
  });
  afterAll(async () => t.close());

  const as = async (login: { email: string; password: string }) => {
    const v = new Visitor(t.app);
    await v.signIn(login.email, login.password);
    return v;
  };

  /** One field per statement, as the form sends them. */
  const statements = (n: number, over: Record<string, string> = {}) => ({
    licence: 'Test licence 42',
    ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`statement${i + 1}`, `Placeholder statement ${i + 1}`])),
    ...over,
  });

  it('has one field per statement, and refuses a missing one next to its field, keeping what was typed', async () => {
    const v = await as(admin);
    const form = await v.get(paths.admin.instrument('swemwbs'));
    for (let n = 1; n <= 7; n++) expect(form.body).toContain(`name="statement${n}"`);
    expect(form.body).not.toContain('name="statement8"');
    const res = await v.post(paths.admin.instrument('swemwbs'), statements(7, { statement4: '  ' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#statement4"');
    expect(res.body).toMatch(/id="statement4-error"[\s\S]*Enter statement 4/);
    expect(res.body).toContain('Placeholder statement 6');
    expect(await t.db.query('select 1 from instrument_wordings')).toHaveLength(0);
  });

  it('warns a link worker about sending a link while the wording is not loaded', async () => {
    const lw = await as(worker);
    const due = await lw.get(paths.caseload.questionnaires);
    expect(due.body).toContain('Questionnaire wording not loaded');
    expect(due.body).toContain('SWEMWBS is licensed');
    const sent = await lw.post(paths.caseload.questionnaireLink(referralId, 'baseline'));
    expect(sent.body).toContain('Some statements will show only as numbers');
    const v = await as(admin);
    expect((await v.post(paths.admin.instrument('swemwbs'), statements(7))).statusCode).toBe(303);
    expect((await lw.get(paths.caseload.questionnaires)).body).not.toContain('Questionnaire wording not loaded');
    expect((await v.post(paths.admin.instrument('swemwbs'), { action: 'remove' })).statusCode).toBe(303);
  });

  it('loads the wording, which questionnaires then show instead of statement numbers, and shows it again to check', async () => {
    const lw = await as(worker);
    expect((await lw.get(paths.caseload.questionnaire(referralId, 'baseline'))).body).toContain('Statement 3 of 7');
    const v = await as(admin);
    expect((await v.post(paths.admin.instrument('swemwbs'), statements(7))).statusCode).toBe(303);
    expect((await v.get(paths.admin.instruments)).body).toContain('Test licence 42');
    expect((await v.get(paths.admin.instrument('swemwbs'))).body).toContain('Placeholder statement 7</textarea>');
    const form = await lw.get(paths.caseload.questionnaire(referralId, 'baseline'));
    expect(form.body).toContain('Placeholder statement 3');
    expect(form.body).not.toContain('Statement 3 of 7');
    expect((await v.post(paths.admin.instrument('swemwbs'), { action: 'remove' })).statusCode).toBe(303);
    expect((await lw.get(paths.caseload.questionnaire(referralId, 'baseline'))).body).toContain('Statement 3 of 7');
  });

  it('loads the wording from a chosen file, and says what is wrong with a bad one next to the file field', async () => {
    const v = await as(admin);
    const upload = (content: string | Buffer, fields: Record<string, string> = {}) =>
      v.postMultipart(paths.admin.instrument('swemwbs'), fields, { wordingFile: { name: 'swemwbs-wording.json', type: 'application/json', content } });

    const wrong = await upload(wording(5));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toMatch(/id="wordingFile-error"[\s\S]*SWEMWBS has 7 statements; the file has 5/);
    const huge = await upload(Buffer.alloc(300 * 1024, 'x'));
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('The file must be smaller than 256 KB');
    const noToken = await v.postMultipart(
      paths.admin.instrument('swemwbs'),
      {},
      { wordingFile: { name: 'w.json', type: 'application/json', content: wording(7) } },
      { csrf: false },
    );
    expect(noToken.statusCode).toBe(403);
    expect(await t.db.query('select 1 from instrument_wordings')).toHaveLength(0);

    // An empty file field (nothing chosen) falls back to the statements typed in.
    expect((await upload('', statements(7))).statusCode).toBe(303);
    expect((await v.post(paths.admin.instrument('swemwbs'), { action: 'remove' })).statusCode).toBe(303);
    const loaded = await upload(wording(7));
    expect(loaded.statusCode).toBe(303);
    expect(await t.db.query('select 1 from instrument_wordings')).toHaveLength(1);
    expect((await v.post(paths.admin.instrument('swemwbs'), { action: 'remove' })).statusCode).toBe(303);
  });

  it('is for administrators only, and only for licensed instruments', async () => {
    expect((await (await as(worker)).get(paths.admin.instruments)).statusCode).toBe(403);
    expect((await (await as(worker)).post(paths.admin.instrument('swemwbs'), statements(7))).statusCode).toBe(403);
    expect((await new Visitor(t.app).get(paths.admin.instruments)).headers.location).toMatch(/^\/sign-in/);
    expect((await (await as(admin)).get(paths.admin.instrument('ons4'))).statusCode).toBe(404);
  });
});
