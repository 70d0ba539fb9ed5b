import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';
import { makeProvider, makeReferral, makeScheme, makeSchemeUser } from '../../../../test/fixtures/questionnaire.fixtures.ts';

const linkFrom = (html: string) => /\/questionnaire\/([A-Za-z0-9_-]{43})/.exec(html)?.[1];
const SWEMWBS_FORM = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`swemwbs-s${i + 1}`, '4'])); // raw 28 → 25.03

describe.each(ENGINES)('questionnaires ($name)', (engine) => {
  let t: TestApp;
  let worker: { email: string; password: string; id: string };
  let otherWorker: { email: string; password: string };
  let provider: { email: string; password: string };
  let attending: { referralId: string; participantId: string };
  let completed: { referralId: string; participantId: string };
  let noConsent: { referralId: string; participantId: string };
  let place: { schemeId: string; org: string; activity: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const scheme = await makeScheme(t.db);
    const p = await makeProvider(t.db, scheme);
    place = { schemeId: scheme, ...p };
    worker = await makeSchemeUser(t.db, 'link_worker', scheme);
    otherWorker = await makeSchemeUser(t.db, 'link_worker', scheme);
    provider = await makeSchemeUser(t.db, 'provider', null, p.org);
    attending = await makeReferral(t.db, { schemeId: scheme, ...p, caseworkerId: worker.id, name: 'Ada Attending', email: 'ada@example.org' });
    completed = await makeReferral(t.db, {
      schemeId: scheme,
      ...p,
      caseworkerId: worker.id,
      status: 'completed',
      closedAt: '2026-11-10T10:00:00Z',
      name: 'Cyril Completed',
    });
    noConsent = await makeReferral(t.db, { schemeId: scheme, ...p, caseworkerId: worker.id, consent: false, name: 'Nora Noconsent' });
  });
  afterAll(async () => t.close());

  async function as(login: { email: string; password: string }) {
    const v = new Visitor(t.app);
    await v.signIn(login.email, login.password);
    return v;
  }

  it('lists what is due and overdue for the link worker’s own caseload', async () => {
    const res = await (await as(worker)).get(paths.caseload.questionnaires);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ada Attending');
    expect(res.body).toContain('Overdue'); // baseline from 3 September, now 21 November
    expect(res.body).toContain('Cyril Completed');
    expect(res.body).toContain('No consent to questionnaires recorded');
    const other = await (await as(otherWorker)).get(paths.caseload.questionnaires);
    expect(other.body).not.toContain('Ada Attending');
  });

  it('keeps people, links and reports from other roles', async () => {
    expect((await new Visitor(t.app).get(paths.caseload.questionnaires)).headers.location).toMatch(/^\/sign-in/);
    expect((await (await as(provider)).get(paths.caseload.questionnaires)).statusCode).toBe(403);
    const other = await as(otherWorker);
    expect((await other.get(paths.caseload.questionnaire(attending.referralId, 'baseline'))).statusCode).toBe(404);
    expect((await other.post(paths.caseload.questionnaireLink(attending.referralId, 'baseline'))).statusCode).toBe(404);
  });

  it('re-shows the form with errors and saves nothing when an answer is out of range', async () => {
    const v = await as(worker);
    const res = await v.post(paths.caseload.questionnaire(completed.referralId, 'end'), {
      ...SWEMWBS_FORM,
      'swemwbs-s3': '9',
      'pilot-health_contacts': 'lots',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#swemwbs-s3"');
    expect(res.body).toContain('Enter a whole number from 0 to 99');
    expect(res.body).toMatch(/value="4" checked/);
    expect(await t.db.query('select 1 from questionnaire_responses where referral_id = $1', [completed.referralId])).toHaveLength(0);
  });

  it('records answers entered with the person, scored, and audited', async () => {
    const v = await as(worker);
    const form = await v.get(paths.caseload.questionnaire(completed.referralId, 'end'));
    expect(form.body).toContain('Statement 1 of 7'); // licensed wording not loaded
    const res = await v.post(paths.caseload.questionnaire(completed.referralId, 'end'), {
      ...SWEMWBS_FORM,
      'ucla3-companionship': '2',
      'pilot-medication': '1',
    });
    expect(res.statusCode).toBe(303);
    const rows = await t.db.query<{ instrument: string; scores: (number | null)[]; mode: string }>(
      'select instrument, scores, mode from questionnaire_responses where referral_id = $1 order by instrument',
      [completed.referralId],
    );
    expect(rows).toEqual([
      { instrument: 'pilot', scores: [null, 1, null, null], mode: 'with_link_worker' },
      { instrument: 'swemwbs', scores: [25.03], mode: 'with_link_worker' },
      { instrument: 'ucla3', scores: [null], mode: 'with_link_worker' },
    ]);
    const audit = await t.db.query<{ action: string }>(`select action from audit_events where subject_id = $1`, [completed.participantId]);
    expect(audit.map((a) => a.action)).toContain('questionnaire.recorded');
    expect((await v.post(paths.caseload.questionnaire(completed.referralId, 'end'), SWEMWBS_FORM)).statusCode).toBe(409);
  });

  it('refuses links and answers without consent to questionnaires', async () => {
    const v = await as(worker);
    expect((await v.post(paths.caseload.questionnaireLink(noConsent.referralId, 'baseline'))).statusCode).toBe(409);
    expect((await v.post(paths.caseload.questionnaire(noConsent.referralId, 'baseline'), SWEMWBS_FORM)).statusCode).toBe(409);
    expect(await t.db.query('select 1 from questionnaire_links where referral_id = $1', [noConsent.referralId])).toHaveLength(0);
  });

  it('sends a one-time link that works once, signed out, and is stored only as a hash', async () => {
    const worked = await (await as(worker)).post(paths.caseload.questionnaireLink(attending.referralId, 'baseline'));
    expect(worked.statusCode).toBe(200);
    const token = linkFrom(worked.body)!;
    expect(token).toBeDefined();
    expect(await t.db.query('select 1 from questionnaire_links where token_hash = $1', [token])).toHaveLength(0);
    const [message] = await t.db.query<{ recipient: string; body: string }>(`select recipient, body from notifications where referral_id = $1`, [
      attending.referralId,
    ]);
    expect(message?.recipient).toBe('ada@example.org');
    expect(message?.body).toContain(token);

    const participant = new Visitor(t.app);
    const form = await participant.get(paths.questionnaire.form(token));
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('Ada'); // a forwarded link shows nobody's name
    expect(form.body).not.toContain('<script>');
    expect((await participant.post(paths.questionnaire.form(token), {})).statusCode).toBe(422);
    const sent = await participant.post(paths.questionnaire.form(token), { ...SWEMWBS_FORM, 'ons4-anxiety': '3' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(paths.questionnaire.done);
    const rows = await t.db.query<{ instrument: string; mode: string }>(
      'select instrument, mode from questionnaire_responses where referral_id = $1 order by instrument',
      [attending.referralId],
    );
    expect(rows).toEqual([
      { instrument: 'ons4', mode: 'self' },
      { instrument: 'swemwbs', mode: 'self' },
    ]);

    expect((await participant.get(paths.questionnaire.form(token))).statusCode).toBe(410);
    expect((await participant.post(paths.questionnaire.form(token), SWEMWBS_FORM)).statusCode).toBe(410);
    expect((await participant.get(paths.questionnaire.form('x'.repeat(43)))).statusCode).toBe(404);
  });

  it('stops a link working when it expires, is replaced, or consent is withdrawn', async () => {
    const v = await as(worker);
    // The follow-up is not due until 12 weeks after the end.
    expect((await v.post(paths.caseload.questionnaireLink(completed.referralId, 'follow_up'))).statusCode).toBe(404);

    const late = await makeReferral(t.db, { ...place, caseworkerId: worker.id });
    const a = linkFrom((await v.post(paths.caseload.questionnaireLink(late.referralId, 'baseline'))).body)!;
    const b = linkFrom((await v.post(paths.caseload.questionnaireLink(late.referralId, 'baseline'))).body)!;
    const participant = new Visitor(t.app);
    expect((await participant.get(paths.questionnaire.form(a))).statusCode).toBe(410); // replaced by b
    expect((await participant.get(paths.questionnaire.form(b))).statusCode).toBe(200);

    await t.db.query(`update questionnaire_links set expires_at = '2026-11-20T00:00:00Z' where revoked_at is null and referral_id = $1`, [late.referralId]);
    const expired = await participant.get(paths.questionnaire.form(b));
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');

    const c = linkFrom((await v.post(paths.caseload.questionnaireLink(late.referralId, 'baseline'))).body)!;
    await participant.get(paths.questionnaire.form(c));
    await t.db.query(`update consents set withdrawn_at = to_timestamp(1795255200) where participant_id = $1`, [late.participantId]);
    expect((await participant.post(paths.questionnaire.form(c), SWEMWBS_FORM)).statusCode).toBe(409);
    expect(await t.db.query('select 1 from questionnaire_responses where referral_id = $1', [late.referralId])).toHaveLength(0);
  });
});
