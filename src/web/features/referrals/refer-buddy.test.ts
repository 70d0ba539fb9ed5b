import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { createBuddySchemeRepository } from '../../../data/repositories/buddy-scheme.repository.ts';
import { paths } from '../../paths.ts';

const key = () => `k${Math.random().toString(36).slice(2)}${Date.now()}`;

describe.each(ENGINES)('the buddy-scheme referral page ($name)', (engine) => {
  let t: TestApp;
  let personId: string;
  let buddySchemeId: string;
  const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0]!;
  const referrals = async () => (await one<{ n: number }>('select count(*) as n from referrals')).n;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    personId = (
      await one<{ id: string }>(
        `select p.id from participants p join users u on u.id = p.caseworker_id
       where u.email = 'linkworker.yarmouth@waymark.example' and p.anonymised_at is null order by p.created_at limit 1`,
      )
    ).id;
    const org = await one<{ id: string; scheme_id: string }>(
      `select o.id, o.scheme_id from organisations o join memberships m on m.organisation_id = o.id join users u on u.id = m.user_id
       where u.email = 'provider.yarmouth@waymark.example'`,
    );
    buddySchemeId = await createBuddySchemeRepository(t.db).insert(
      org.scheme_id,
      {
        name: 'Harbour Walk Buddies',
        organisationId: org.id,
        description: 'Volunteers who go along to the first three sessions.',
        areas: 'Great Yarmouth and Gorleston',
        support: ['first_visits'],
        languages: ['en', 'pl'],
      },
      t.clock.now(),
    );
  }, 120_000);
  afterAll(async () => t.close());

  it('shows the buddy schemes to choose from, linked from the person’s record', async () => {
    const v = new Visitor(t.app);
    await v.signIn('linkworker.yarmouth@waymark.example');
    expect((await v.get(paths.caseload.participant(personId))).body).toContain(paths.caseload.referBuddy(personId));
    const page = await v.get(paths.caseload.referBuddy(personId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Harbour Walk Buddies');
    expect(page.body).toContain('Great Yarmouth and Gorleston');
    expect(page.body).toContain('English, Polish');
  });

  it('says what is wrong next to the field and saves nothing, then sends and shows the referral', async () => {
    const v = new Visitor(t.app);
    await v.signIn('linkworker.yarmouth@waymark.example');
    const before = await referrals();
    const bad = await v.post(paths.caseload.referBuddy(personId), { action: 'send', idempotencyKey: key(), message: 'Please call first' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('nhsuk-error-summary');
    expect(bad.body).toMatch(/id="buddySchemeId-error"[\s\S]*Choose a buddy scheme/);
    expect(bad.body).toContain('Please call first');
    expect(await referrals()).toBe(before);

    const sent = await v.post(paths.caseload.referBuddy(personId), { buddySchemeId, action: 'send', idempotencyKey: key(), supportNeeds: 'Uses a stick' });
    expect(sent.statusCode).toBe(303);
    const page = await v.get(String(sent.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Referral to Harbour Walk Buddies');
    expect(page.body).toContain('a buddy scheme run by');
    expect(await referrals()).toBe(before + 1);

    // A second open referral to the same scheme is refused, pointing to the first (decision 022).
    const again = await v.post(paths.caseload.referBuddy(personId), { buddySchemeId, action: 'send', idempotencyKey: key() });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('already has an open referral to this buddy scheme');
    expect(again.body).toMatch(/id="existingReferral"[\s\S]*Harbour Walk Buddies<\/a> \(sent, waiting for a reply\)/);
    expect(await referrals()).toBe(before + 1);

    const staff = new Visitor(t.app);
    await staff.signIn('provider.yarmouth@waymark.example');
    expect((await staff.get(paths.inbox.list)).body).toContain('Harbour Walk Buddies (buddy scheme)');
  });

  it('offers an optional buddy preference, refuses anything else next to the field, and shows it to the buddy scheme and in the export', async () => {
    const v = new Visitor(t.app);
    await v.signIn('linkworker.yarmouth@waymark.example');
    const form = await v.get(paths.caseload.referBuddy(personId));
    expect(form.body).toMatch(/Would they prefer their buddy to be…[\s\S]*No preference[\s\S]*A woman[\s\S]*A man/);
    await t.db.query(`update referrals set status = 'withdrawn', closed_at = $2 where participant_id = $1 and buddy_scheme_id = $3`, [
      personId,
      t.clock.now(),
      buddySchemeId,
    ]);
    const before = await referrals();
    const bad = await v.post(paths.caseload.referBuddy(personId), { buddySchemeId, buddyPreference: 'anyone', action: 'send', idempotencyKey: key() });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id="buddyPreference-error"[\s\S]*Choose no preference, a woman or a man/);
    expect(await referrals()).toBe(before);
    const sent = await v.post(paths.caseload.referBuddy(personId), { buddySchemeId, buddyPreference: 'woman', action: 'send', idempotencyKey: key() });
    expect(sent.statusCode).toBe(303);
    const id = String(sent.headers.location).split('/')[2]!.split('?')[0]!;
    expect((await one<{ buddy_preference: string }>('select buddy_preference from referrals where id = $1', [id])).buddy_preference).toBe('woman');
    const staff = new Visitor(t.app);
    await staff.signIn('provider.yarmouth@waymark.example');
    expect((await staff.get(paths.inbox.referral(id))).body).toMatch(/Buddy they would prefer[\s\S]*A woman/);
    const exported = await v.get(paths.caseload.participantExportJson(personId));
    expect(exported.body).toContain('Buddy they would prefer');
  });

  it('gives a buddy-scheme referral no wellbeing questionnaires: the person’s activity referral has them', async () => {
    const buddyReferral = await one<{ id: string }>(
      `select r.id from referrals r join users u on u.id = r.referrer_id
       where r.target = 'buddy_scheme' and r.status = 'first_visit_planned' and u.email = 'linkworker.yarmouth@waymark.example' limit 1`,
    );
    const v = new Visitor(t.app);
    await v.signIn('linkworker.yarmouth@waymark.example');
    const due = await v.get(paths.caseload.questionnaires);
    expect(due.statusCode).toBe(200);
    expect(due.body).not.toContain(buddyReferral.id);
    expect((await v.get(paths.caseload.questionnaire(buddyReferral.id, 'baseline'))).statusCode).toBe(404);
  });

  it('is only for the person’s own link worker', async () => {
    for (const email of ['linkworker.frome@waymark.example', 'provider.yarmouth@waymark.example', 'coordinator@waymark.example']) {
      const v = new Visitor(t.app);
      await v.signIn(email);
      const res = await v.get(paths.caseload.referBuddy(personId));
      expect([403, 404]).toContain(res.statusCode);
    }
    expect((await new Visitor(t.app).get(paths.caseload.referBuddy(personId))).headers.location).toMatch(/sign-in/);
  });
});
