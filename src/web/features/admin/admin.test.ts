import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';
import { ADMIN, idOf, LW_YARMOUTH, makeParticipant, teamOf } from '../../../../test/fixtures/caseload.fixtures.ts';

describe.each(ENGINES)('administration ($name)', (engine) => {
  let t: TestApp;
  let admin: Visitor;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    admin = new Visitor(t.app);
    await admin.signIn(ADMIN);
  });
  afterAll(async () => t.close());

  it('lists accounts with their role, scheme and organisations', async () => {
    const res = await admin.get(paths.admin.users);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('linkworker.yarmouth@waymark.example');
    expect(res.body).toContain('East Coast Social Prescribing Team');
    expect(res.body).toContain('Heritage for Wellbeing (demo)');
    expect((await admin.get(paths.admin.home)).statusCode).toBe(200);
  });

  it('creates a link worker in a scheme and team with a temporary password, who can then sign in', async () => {
    const y = await teamOf(t.db, LW_YARMOUTH);
    const bad = await admin.post(paths.admin.userNew, {
      displayName: '',
      email: 'x',
      role: 'link_worker',
      schemeId: '',
      organisationId: '',
      temporaryPassword: 'short',
    });
    expect(bad.statusCode).toBe(422);
    for (const text of ['Enter their name', 'Enter an email address in the correct format', 'Temporary password must be at least 12 characters'])
      expect(bad.body).toContain(text);
    const noTeam = await admin.post(paths.admin.userNew, {
      displayName: 'Nell',
      email: 'nell@example.org',
      role: 'link_worker',
      schemeId: '',
      organisationId: '',
      temporaryPassword: 'temporary-pass-1',
    });
    expect(noTeam.statusCode).toBe(422);
    expect(noTeam.body).toContain('Choose the scheme they work in');
    expect(noTeam.body).toContain('Choose the referrer team they work in');
    expect(noTeam.body).not.toContain('temporary-pass-1');
    expect(await t.db.query(`select 1 from users where email = 'nell@example.org'`)).toHaveLength(0);

    const ok = await admin.post(paths.admin.userNew, {
      displayName: 'Nell Link',
      email: 'Nell@Example.org',
      role: 'link_worker',
      schemeId: y.schemeId,
      organisationId: y.organisationId!,
      temporaryPassword: 'temporary-pass-1',
    });
    expect(ok.statusCode).toBe(303);
    const nell = await teamOf(t.db, 'nell@example.org');
    expect(nell).toMatchObject({ schemeId: y.schemeId, organisationId: y.organisationId });
    const v = new Visitor(t.app);
    const first = await v.post(paths.signIn, { email: 'nell@example.org', password: 'temporary-pass-1' });
    expect(first.headers.location).toBe(paths.signInNewPassword);
    expect((await v.get(paths.caseload.list)).statusCode).toBe(302);
    const changed = await v.post(paths.signInNewPassword, { newPassword: 'nell keeps bees in suffolk', confirmPassword: 'nell keeps bees in suffolk' });
    expect(changed.headers.location).toBe(paths.caseload.list);
    expect((await v.get(paths.caseload.list)).statusCode).toBe(200);
    const dup = await admin.post(paths.admin.userNew, { displayName: 'Nell', email: 'nell@example.org', role: 'admin', temporaryPassword: 'temporary-pass-1' });
    expect(dup.body).toContain('An account with this email address already exists');
  });

  it('disables an account and signs it out', async () => {
    const v = new Visitor(t.app);
    await v.signIn('nell@example.org', 'nell keeps bees in suffolk');
    const id = await idOf(t.db, 'nell@example.org');
    expect((await admin.get(paths.admin.userDisable(id))).statusCode).toBe(200);
    expect((await admin.post(paths.admin.userDisable(id))).statusCode).toBe(303);
    expect((await v.get(paths.caseload.list)).statusCode).toBe(302);
    expect((await t.db.query<{ disabled_at: Date | null }>('select disabled_at from users where id = $1', [id]))[0]!.disabled_at).not.toBeNull();
    expect(await t.services.accounts.beginSignIn('nell@example.org', 'nell keeps bees in suffolk', '')).toBeUndefined();
    expect((await admin.post(paths.admin.userDisable(await idOf(t.db, ADMIN)))).statusCode).toBe(422);
  });

  it('reads the audit trail filtered by subject, user and dates, a page at a time', async () => {
    const y = await teamOf(t.db, LW_YARMOUTH);
    const person = await makeParticipant(t.db, {
      schemeId: y.schemeId,
      caseworkerId: y.userId,
      organisationId: y.organisationId,
      preferredName: 'Audited Ada',
    });
    const lw = new Visitor(t.app);
    await lw.signIn(LW_YARMOUTH);
    await lw.get(paths.caseload.participant(person));
    const res = await admin.get(`${paths.admin.audit}?subject=${person}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Person’s record viewed');
    expect(res.body).toContain('participant.viewed');
    expect(res.body).toContain('Rosie Clarke');
    expect(res.body).not.toContain('Audited Ada');
    expect(res.body).toContain('1 event.');
    expect((await admin.get(`${paths.admin.audit}?subject=${person}&from=2026-11-22`)).body).toContain('0 events.');
    expect((await admin.get(`${paths.admin.audit}?subject=${person}&from=2026-11-21&to=2026-11-21`)).body).toContain('1 event.');
    expect((await admin.get(`${paths.admin.audit}?actor=${await idOf(t.db, ADMIN)}&subject=${person}`)).body).toContain('0 events.');
    for (let i = 0; i < 55; i++)
      await t.db.query(`insert into audit_events (action, subject_type, subject_id, at) values ('test.event', 'test', 'many', to_timestamp(1795255200))`);
    const first = await admin.get(`${paths.admin.audit}?subject=many`);
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('page=2');
    expect((await admin.get(`${paths.admin.audit}?subject=many&page=2`)).body).toContain('Page 2 of 2');
  });

  it('is for administrators only', async () => {
    const lw = new Visitor(t.app);
    await lw.signIn(LW_YARMOUTH);
    for (const url of [paths.admin.home, paths.admin.audit, paths.admin.users, paths.admin.userNew]) {
      expect((await lw.get(url)).statusCode).toBe(403);
      expect((await new Visitor(t.app).get(url)).statusCode).toBe(302);
    }
    for (const email of ['coordinator@waymark.example', 'provider.yarmouth@waymark.example', 'connector.yarmouth@waymark.example']) {
      const v = new Visitor(t.app);
      await v.signIn(email);
      expect((await v.get(paths.admin.users)).statusCode).toBe(403);
      expect(
        (await v.post(paths.admin.userNew, { displayName: 'Evil', email: 'evil@example.org', role: 'admin', temporaryPassword: 'temporary-pass-1' }))
          .statusCode,
      ).toBe(403);
    }
    expect(await t.db.query(`select 1 from users where email = 'evil@example.org'`)).toHaveLength(0);
  });

  it('opens a person’s privacy page from their reference', async () => {
    const y = await teamOf(t.db, LW_YARMOUTH);
    const person = await makeParticipant(t.db, { schemeId: y.schemeId, caseworkerId: y.userId, organisationId: y.organisationId });
    const res = await admin.get(`${paths.admin.privacyRequest}?reference=${person}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(paths.caseload.participantPrivacy(person));
    const nothing = await admin.get(`${paths.admin.privacyRequest}?q=nonsense`);
    expect(nothing.statusCode).toBe(200);
    expect(nothing.body).toContain('0 records found by name');
    expect((await admin.get(`${paths.admin.privacyRequest}?q=`)).statusCode).toBe(422);
  });
});
