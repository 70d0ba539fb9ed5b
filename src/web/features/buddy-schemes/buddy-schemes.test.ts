import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeOrganisation } from '../../../../test/factories.ts';
import { makeScheme, makeStaff } from '../../../../test/fixtures/referral.fixtures.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import type { User } from '../../../domain/user.ts';
import { paths } from '../../paths.ts';

const form = (organisationId: string, over: Record<string, string | string[]> = {}) => ({
  name: 'Gorleston Heritage Buddies',
  organisationId,
  description: 'Trained, DBS-checked volunteers who meet a person at home first and go with them to their first few sessions.',
  areas: 'Gorleston and Bradwell',
  support: ['home_visit_first', 'first_visits'],
  languages: ['en', 'pl'],
  ...over,
});

describe.each(ENGINES)('buddy schemes kept by coordinators ($name)', (engine) => {
  let t: TestApp;
  let coordinator: Visitor;
  let coordinatorUser: User;
  let trust: string;
  let otherSchemeOrg: string;
  let pendingOrg: string;
  let otherScheme: string;

  const signedIn = async (user: { email: string }) => {
    const v = new Visitor(t.app);
    await v.signIn(user.email, 'test-password-123');
    return v;
  };
  const rows = () =>
    t.db.query<{ id: string; name: string; organisation_id: string; areas: string; support: string[]; languages: string[]; active: boolean }>(
      'select id, name, organisation_id, areas, support, languages, active from buddy_schemes order by name',
    );
  const auditFor = (id: string) =>
    t.db.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_events where subject_type = 'buddy_scheme' and subject_id = $1 order by id`,
      [id],
    );

  beforeAll(async () => {
    t = await createTestApp(engine);
    const scheme = await makeScheme(t.db, 'Test Yarmouth scheme');
    otherScheme = await makeScheme(t.db, 'Test Frome scheme');
    const inScheme = async (name: string, schemeId: string, status: 'approved' | 'pending' = 'approved') => {
      const id = await makeOrganisation(t.db, { name, status });
      await t.db.query('update organisations set scheme_id = $2 where id = $1', [id, schemeId]);
      return id;
    };
    trust = await inScheme('Test Heritage Trust', scheme);
    pendingOrg = await inScheme('Pending Heritage Society', scheme, 'pending');
    otherSchemeOrg = await inScheme('Frome Test Society', otherScheme);
    coordinatorUser = await makeStaff(t.db, 'coordinator', scheme);
    coordinator = await signedIn(coordinatorUser);
  });
  afterAll(async () => t.close());

  it('shows an empty list and a form offering the approved organisations of the scheme only', async () => {
    const list = await coordinator.get(paths.buddySchemes.list);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Your scheme has no buddy schemes yet.');
    const page = await coordinator.get(paths.buddySchemes.new);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Test Heritage Trust');
    expect(page.body).not.toContain('Pending Heritage Society');
    expect(page.body).not.toContain('Frome Test Society');
    expect(page.body).toContain('Meets them at home first');
    expect(page.body).toMatch(/value="en" checked/);
  });

  it('refuses an empty form with a message next to every field and saves nothing', async () => {
    const res = await coordinator.post(paths.buddySchemes.new, { name: '', description: '', areas: '  ', languages: 'klingon' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    for (const message of [
      'Enter the buddy scheme’s name',
      'Choose the organisation that runs it',
      'Describe what the buddies do, so a link worker can explain it',
      'Say where the buddies can meet people',
      'Choose at least one thing the buddies offer',
      'Choose languages from the list',
    ])
      expect(res.body, message).toContain(message);
    for (const field of ['name', 'organisationId', 'description', 'areas', 'support', 'languages']) expect(res.body).toContain(`href="#${field}"`);
    expect(await rows()).toEqual([]);
  });

  it('keeps what was typed when one field is wrong', async () => {
    const res = await coordinator.post(paths.buddySchemes.new, form(trust, { areas: '', support: ['travel_together'] }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="Gorleston Heritage Buddies"');
    expect(res.body).toContain('Trained, DBS-checked volunteers');
    expect(res.body).toMatch(new RegExp(`value="${trust}" checked`));
    expect(res.body).toMatch(/value="travel_together" checked/);
    expect(res.body).toMatch(/value="pl" checked/);
    expect(res.body).toContain('Say where the buddies can meet people');
    expect(await rows()).toEqual([]);
  });

  it('refuses an organisation that is not approved or works with another scheme', async () => {
    for (const organisationId of [pendingOrg, otherSchemeOrg]) {
      const res = await coordinator.post(paths.buddySchemes.new, form(organisationId));
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Choose an organisation that works with your scheme');
    }
    expect(await rows()).toEqual([]);
  });

  it('adds a buddy scheme, lists it as active and records who added it', async () => {
    const res = await coordinator.post(paths.buddySchemes.new, form(trust));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${paths.buddySchemes.list}?done=added`);
    const [saved] = await rows();
    expect(saved).toMatchObject({ name: 'Gorleston Heritage Buddies', organisation_id: trust, areas: 'Gorleston and Bradwell', active: true });
    expect(saved!.support).toEqual(['home_visit_first', 'first_visits']);
    expect(saved!.languages).toEqual(['en', 'pl']);
    expect(await auditFor(saved!.id)).toEqual([{ action: 'buddy_scheme.created', actor_id: coordinatorUser.id }]);

    const list = await coordinator.get(res.headers.location as string);
    expect(list.body).toContain('The buddy scheme has been added.');
    expect(list.body).toContain('Gorleston Heritage Buddies');
    expect(list.body).toContain('Test Heritage Trust');
    expect(list.body).toContain('Gorleston and Bradwell');
    expect(list.body).toContain('Meets them at home first, Goes with them to their first visits');
    expect(list.body).toContain('English, Polish');
    expect(list.body).toMatch(/nhsuk-tag--green">\s*Active/);
    expect(list.body).toContain(`action="${paths.buddySchemes.active(saved!.id)}"`);
  });

  it('edits a buddy scheme, assuming English when no language is ticked', async () => {
    const [b] = await rows();
    const page = await coordinator.get(paths.buddySchemes.edit(b!.id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Gorleston Heritage Buddies"');
    expect(page.body).toMatch(/value="home_visit_first" checked/);

    const bad = await coordinator.post(paths.buddySchemes.edit(b!.id), form(trust, { name: '', support: [] }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the buddy scheme’s name');
    expect(bad.body).toContain('Choose at least one thing the buddies offer');
    expect((await rows())[0]!.name).toBe('Gorleston Heritage Buddies');

    const ok = await coordinator.post(paths.buddySchemes.edit(b!.id), form(trust, { name: 'Gorleston Buddies', support: ['phone_check_in'], languages: [] }));
    expect(ok.statusCode).toBe(303);
    expect(await rows()).toMatchObject([{ name: 'Gorleston Buddies', support: ['phone_check_in'], languages: ['en'] }]);
    expect((await auditFor(b!.id)).map((a) => a.action)).toEqual(['buddy_scheme.created', 'buddy_scheme.updated']);
  });

  it('pauses and resumes a buddy scheme, so link workers can only refer to it while active', async () => {
    const [b] = await rows();
    const paused = await coordinator.post(paths.buddySchemes.active(b!.id), { active: 'no' });
    expect(paused.statusCode).toBe(303);
    expect(paused.headers.location).toBe(`${paths.buddySchemes.list}?done=paused`);
    expect((await rows())[0]!.active).toBe(false);
    expect(await t.services.buddySchemes.activeIn(coordinatorUser.schemeId!)).toEqual([]);
    const list = await coordinator.get(paused.headers.location as string);
    expect(list.body).toMatch(/nhsuk-tag--grey">\s*Paused/);
    expect(list.body).toContain('name="active" value="yes"');

    expect((await coordinator.post(paths.buddySchemes.active(b!.id), { active: 'perhaps' })).statusCode).toBe(422);
    expect((await rows())[0]!.active).toBe(false);

    const resumed = await coordinator.post(paths.buddySchemes.active(b!.id), { active: 'yes' });
    expect(resumed.headers.location).toBe(`${paths.buddySchemes.list}?done=resumed`);
    expect((await rows())[0]!.active).toBe(true);
    expect((await auditFor(b!.id)).map((a) => a.action)).toEqual([
      'buddy_scheme.created',
      'buddy_scheme.updated',
      'buddy_scheme.paused',
      'buddy_scheme.resumed',
    ]);
  });

  it("shows another scheme's coordinator neither the buddy scheme nor a way to change it", async () => {
    const [b] = await rows();
    const other = await signedIn(await makeStaff(t.db, 'coordinator', otherScheme));
    expect((await other.get(paths.buddySchemes.list)).body).not.toContain('Gorleston Buddies');
    expect((await other.get(paths.buddySchemes.edit(b!.id))).statusCode).toBe(404);
    expect((await other.post(paths.buddySchemes.edit(b!.id), form(otherSchemeOrg, { name: 'Taken over' }))).statusCode).toBe(404);
    expect((await other.post(paths.buddySchemes.active(b!.id), { active: 'no' })).statusCode).toBe(404);
    expect((await coordinator.get(paths.buddySchemes.edit('not-an-id'))).statusCode).toBe(404);
    expect(await rows()).toMatchObject([{ name: 'Gorleston Buddies', active: true }]);
  });

  it('is for coordinators of a scheme only', async () => {
    const [b] = await rows();
    const linkWorker = await makeStaff(t.db, 'link_worker', coordinatorUser.schemeId);
    const provider = await makeStaff(t.db, 'provider', null, trust);
    const admin = await makeStaff(t.db, 'admin', null);
    for (const user of [linkWorker, provider, admin]) {
      const v = await signedIn(user);
      expect((await v.get(paths.buddySchemes.list)).statusCode, user.role).toBe(403);
      expect((await v.get(paths.buddySchemes.new)).statusCode, user.role).toBe(403);
      expect((await v.post(paths.buddySchemes.new, form(trust, { name: 'Not allowed' }))).statusCode, user.role).toBe(403);
      expect((await v.post(paths.buddySchemes.active(b!.id), { active: 'no' })).statusCode, user.role).toBe(403);
    }
    const withoutScheme = await signedIn(await makeStaff(t.db, 'coordinator', null));
    expect((await withoutScheme.get(paths.buddySchemes.list)).statusCode).toBe(403);
    const anon = await new Visitor(t.app).get(paths.buddySchemes.list);
    expect(anon.statusCode).toBe(302);
    expect(await rows()).toMatchObject([{ name: 'Gorleston Buddies', active: true }]);
  });

  it('links to buddy schemes from the coordinator dashboard', async () => {
    expect((await coordinator.get(paths.coordinator.dashboard)).body).toContain(`href="${paths.buddySchemes.list}"`);
  });
});
