import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeBuddyWorld, type BuddyWorld } from '../../../../test/fixtures/buddy-visit.fixtures.ts';
import { makeScheme, makeStaff } from '../../../../test/fixtures/referral.fixtures.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

const good = {
  checkoutGraceMinutes: '20',
  escalateAfterMinutes: '45',
  safeguardingName: 'Ruth Okafor',
  safeguardingPhone: '07700 900123',
  safeguardingEmail: 'ruth@example.org',
};

describe.each(ENGINES)('lone-working settings of a buddy scheme ($name)', (engine) => {
  let t: TestApp;
  let w: BuddyWorld;
  const signedIn = async (user: { email: string }) => {
    const v = new Visitor(t.app);
    await v.signIn(user.email, 'test-password-123');
    return v;
  };
  const settings = async () =>
    (
      await t.db.query<Record<string, unknown>>(
        `select checkout_grace_minutes, escalate_after_minutes, safeguarding_name, safeguarding_phone, safeguarding_email from buddy_schemes where id = $1`,
        [w.buddySchemeId],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp(engine);
    w = await makeBuddyWorld(t.db);
  });
  afterAll(async () => t.close());

  it('shows the volunteer lead the current settings, linked from their volunteers page', async () => {
    const lead = await signedIn(w.lead);
    const list = await lead.get(paths.volunteers.list);
    expect(list.body).toContain(`href="${paths.buddySchemes.leadLoneWorking(w.buddySchemeId)}"`);
    const page = await lead.get(paths.buddySchemes.leadLoneWorking(w.buddySchemeId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Test Companions');
    expect(page.body).toContain('value="30"');
    expect(page.body).toContain('value="Sam Guard"');
    expect(page.body).toContain('value="07700 900555"');
  });

  it('refuses bad minutes and a contact nobody can reach, with messages next to the fields, and changes nothing', async () => {
    const lead = await signedIn(w.lead);
    const before = await settings();
    const res = await lead.post(paths.buddySchemes.leadLoneWorking(w.buddySchemeId), {
      checkoutGraceMinutes: '2',
      escalateAfterMinutes: 'soon',
      safeguardingName: 'Ruth Okafor',
      safeguardingPhone: '',
      safeguardingEmail: '',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Minutes after the expected end must be 5 or more');
    expect(res.body).toContain('Minutes before it goes to the safeguarding contact must be a whole number');
    expect(res.body).toContain('href="#checkoutGraceMinutes"');
    expect(res.body).toContain('href="#escalateAfterMinutes"');
    expect(res.body).toContain('value="soon"');
    const reach = await lead.post(paths.buddySchemes.leadLoneWorking(w.buddySchemeId), { ...good, safeguardingPhone: '', safeguardingEmail: '' });
    expect(reach.statusCode).toBe(422);
    expect(reach.body).toContain('Enter an email address or a phone number, so alerts can reach the safeguarding contact');
    const tooLong = await lead.post(paths.buddySchemes.leadLoneWorking(w.buddySchemeId), { ...good, escalateAfterMinutes: '241' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('must be 240 or fewer');
    expect(await settings()).toEqual(before);
  });

  it('saves the lead’s settings and audits the change', async () => {
    const lead = await signedIn(w.lead);
    const res = await lead.post(paths.buddySchemes.leadLoneWorking(w.buddySchemeId), good);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${paths.volunteers.list}?done=loneWorking`);
    expect(await settings()).toEqual({
      checkout_grace_minutes: 20,
      escalate_after_minutes: 45,
      safeguarding_name: 'Ruth Okafor',
      safeguarding_phone: '+447700900123',
      safeguarding_email: 'ruth@example.org',
    });
    const audit = await t.db.query<{ actor_id: string }>(
      `select actor_id from audit_events where action = 'buddy_scheme.lone_working_changed' and subject_id = $1`,
      [w.buddySchemeId],
    );
    expect(audit).toEqual([{ actor_id: w.lead.id }]);
    expect((await lead.get(res.headers.location as string)).body).toContain('The lone-working settings have been saved.');
  });

  it('lets the scheme’s coordinator change them, and nobody else', async () => {
    const coordinator = await signedIn(await makeStaff(t.db, 'coordinator', w.scheme));
    const page = await coordinator.get(paths.buddySchemes.loneWorking(w.buddySchemeId));
    expect(page.statusCode).toBe(200);
    const res = await coordinator.post(paths.buddySchemes.loneWorking(w.buddySchemeId), {
      ...good,
      safeguardingName: '',
      safeguardingPhone: '',
      safeguardingEmail: '',
    });
    expect(res.statusCode).toBe(303);
    expect(await settings()).toMatchObject({ safeguarding_name: null, safeguarding_email: null });

    const otherCoordinator = await signedIn(await makeStaff(t.db, 'coordinator', await makeScheme(t.db, 'Another scheme')));
    expect((await otherCoordinator.get(paths.buddySchemes.loneWorking(w.buddySchemeId))).statusCode).toBe(404);
    const otherLead = await signedIn(w.otherLead);
    expect((await otherLead.get(paths.buddySchemes.leadLoneWorking(w.buddySchemeId))).statusCode).toBe(404);
    expect((await otherLead.post(paths.buddySchemes.leadLoneWorking(w.buddySchemeId), good)).statusCode).toBe(404);
    const buddy = await signedIn(w.alan.user);
    expect((await buddy.get(paths.buddySchemes.leadLoneWorking(w.buddySchemeId))).statusCode).toBe(403);
  });
});
