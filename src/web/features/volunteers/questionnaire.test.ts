import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../../data/database.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { ENGINES } from '../../../../test/engines.ts';
import { makeBuddyWorld, type BuddyWorld } from '../../../../test/fixtures/buddy-visit.fixtures.ts';
import { makeStaff } from '../../../../test/fixtures/referral.fixtures.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { testConfig } from '../../../config.ts';
import { createServices } from '../../../services.ts';
import { paths } from '../../paths.ts';

const answers = (v: number) => ({
  'volunteer_training-knows_link': String(v),
  'volunteer_training-knows_examples': String(v),
  'volunteer_training-confident_explain': String(v),
  'volunteer_training-confident_suggest': String(v),
  'volunteer_training-confident_listen': String(v),
});

/**
 * The volunteer questionnaire (decision 034): due at training from the invitation, again 3 months
 * after it was answered; answered once; the coordinator's report pairs the two for 10 or more.
 */
describe.each(ENGINES)('the volunteer questionnaire at training and 3 months later ($name)', (engine) => {
  let t: TestApp;
  let w: BuddyWorld;
  const signedIn = async (app: TestApp, user: { email: string }) => {
    const v = new Visitor(app.app);
    await v.signIn(user.email, 'test-password-123');
    return v;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    w = await makeBuddyWorld(t.db);
  });
  afterAll(async () => t.close());

  it('offers the training questionnaire on the volunteer’s page, and nothing at 3 months yet', async () => {
    const alan = await signedIn(t, w.alan.user);
    const page = await alan.get(paths.volunteering.home);
    expect(page.body).toContain(`href="${paths.volunteering.questionnaire('training')}"`);
    expect(page.body).not.toContain(paths.volunteering.questionnaire('three_months'));
    expect((await alan.get(paths.volunteering.questionnaire('three_months'))).statusCode).toBe(404);
    expect((await alan.get(paths.volunteering.questionnaire('whenever'))).statusCode).toBe(404);
    const form = await alan.get(paths.volunteering.questionnaire('training'));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('I feel confident explaining to someone how a heritage activity might help them.');
    expect(form.body).toContain('Strongly agree');
  });

  it('refuses an answer outside the scale next to the statement, and an empty form, saving nothing', async () => {
    const alan = await signedIn(t, w.alan.user);
    const bad = await alan.post(paths.volunteering.questionnaire('training'), { ...answers(3), 'volunteer_training-knows_link': '9' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#volunteer_training-knows_link"');
    expect(bad.body).toContain('Choose one of the answers');
    const empty = await alan.post(paths.volunteering.questionnaire('training'), {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Answer at least one question');
    expect((await t.db.query('select 1 from volunteer_questionnaire_responses')).length).toBe(0);
  });

  it('saves the answers once with their scores, audited; a second post is refused and the page stops offering it', async () => {
    const alan = await signedIn(t, w.alan.user);
    const res = await alan.post(paths.volunteering.questionnaire('training'), { ...answers(2), 'volunteer_training-confident_listen': '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${paths.volunteering.home}?done=questionnaire`);
    const saved = await t.db.query<{ time_point: string; scores: number[] }>(
      'select time_point, scores from volunteer_questionnaire_responses where volunteer_id = $1',
      [w.alan.volunteerId],
    );
    expect(saved).toEqual([{ time_point: 'training', scores: [2, 2] }]);
    expect((await alan.post(paths.volunteering.questionnaire('training'), answers(4))).statusCode).toBe(404);
    expect((await alan.get(paths.volunteering.home)).body).not.toContain(paths.volunteering.questionnaire('training'));
    const audit = await t.db.query(`select 1 from audit_events where action = 'volunteer.questionnaire_answered' and subject_id = $1`, [w.alan.volunteerId]);
    expect(audit.length).toBe(1);
  });

  it('is due again 3 months after training, and the report pairs 10 volunteers’ answers', async () => {
    // Ten more volunteers answered at training in July 2026 (Alan answered today).
    const role = await one<{ id: string }>(t.db, 'select volunteer_role_id as id from volunteers where id = $1', [w.alan.volunteerId]);
    const july = new Date('2026-07-10T10:00:00Z');
    for (let i = 0; i < 10; i++) {
      const user = await makeStaff(t.db, 'buddy', w.scheme);
      const v = await one<{ id: string }>(
        t.db,
        `insert into volunteers (user_id, organisation_id, scheme_id, volunteer_role_id, known_as, contact_preference, email, status, status_changed_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, 'email', $6, 'ready', $7, $7, $7) returning id`,
        [user.id, w.community.organisationId, w.scheme, role.id, `Volunteer ${i}`, user.email, july],
      );
      await t.db.query(
        `insert into volunteer_questionnaire_responses (volunteer_id, scheme_id, organisation_id, time_point, instrument, answers, scores, completed_at)
         values ($1, $2, $3, 'training', 'volunteer_training', '{}', $4, $5)`,
        [v.id, w.scheme, w.community.organisationId, [2, 3], july],
      );
      const later = await signedIn(t, user);
      expect((await later.get(paths.volunteering.home)).body).toContain(paths.volunteering.questionnaire('three_months'));
      expect((await later.post(paths.volunteering.questionnaire('three_months'), answers(4))).statusCode).toBe(303);
    }
    // Alan's 3-month questionnaire comes 3 months after he answered.
    const on = (iso: string) => createServices({ db: t.db, config: testConfig(), clock: fixedClock(iso) }).volunteerQuestionnaire.due(w.alan.user);
    expect(await on('2027-02-20T10:00:00Z')).toEqual([]);
    expect(await on('2027-02-21T10:00:00Z')).toEqual([{ timePoint: 'three_months', dueOn: '2027-02-21' }]);
    const coordinator = await signedIn(t, await makeStaff(t.db, 'coordinator', w.scheme));
    const report = await coordinator.get(`${paths.reports.volunteering}?from=2026-07&to=2026-07`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Volunteer questionnaire: Knowledge of the link between heritage and wellbeing (1–5)');
    // 10 volunteers: knowledge 2.0 → 4.0, confidence 3.0 → 4.0.
    expect(report.body).toMatch(/All organisations<\/th>[\s\S]*?10<\/td>[\s\S]*?2\.0<\/td>[\s\S]*?4\.0<\/td>[\s\S]*?\+2\.0<\/td>/);
    expect(report.body).toMatch(/\+1\.0<\/td>/);
  });
});
