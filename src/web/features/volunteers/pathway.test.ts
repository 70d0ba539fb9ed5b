import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeBuddyWorld, type BuddyWorld } from '../../../../test/fixtures/buddy-visit.fixtures.ts';
import { makeStaff } from '../../../../test/fixtures/referral.fixtures.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

/**
 * Sustainability (decision 034): a prescription that ended with "become a heritage buddy" lets the
 * link worker send the person the volunteer form, pre-filled; the expression of interest records
 * where it came from, and the coordinator's report counts how many went on to volunteer.
 */
describe.each(ENGINES)('from prescription to volunteering ($name)', (engine) => {
  let t: TestApp;
  let w: BuddyWorld;
  let completed: string;
  let accepted: string;
  const signedIn = async (user: { email: string }) => {
    const v = new Visitor(t.app);
    await v.signIn(user.email, 'test-password-123');
    return v;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    w = await makeBuddyWorld(t.db);
    const a = await w.makePerson();
    completed = a.activityReferral;
    await t.db.query(`update participants set contact_preference = 'email' where id = $1`, [a.person]);
    await t.db.query(`update referrals set status = 'completed', next_steps = '{carry_on,become_buddy}', closed_at = sent_at where id = $1`, [completed]);
    accepted = (await w.makePerson()).activityReferral;
  });
  afterAll(async () => t.close());

  it('offers the form only on a completed prescription with volunteering as a next step, to the person’s link worker', async () => {
    const lw = await signedIn(w.linkWorker);
    expect((await lw.get(paths.referrals.referral(completed))).body).toContain(`href="${paths.referrals.volunteerForm(completed)}"`);
    expect((await lw.get(paths.referrals.referral(accepted))).body).not.toContain(paths.referrals.volunteerForm(accepted));
    expect((await lw.get(paths.referrals.volunteerForm(accepted))).statusCode).toBe(404);
    const other = await signedIn(await makeStaff(t.db, 'link_worker', w.scheme));
    expect((await other.get(paths.referrals.volunteerForm(completed))).statusCode).toBe(404);
  });

  it('needs the person’s agreement, then emails them a signed link and shows it once', async () => {
    const lw = await signedIn(w.linkWorker);
    const refused = await lw.post(paths.referrals.volunteerForm(completed), {});
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Tick the box to confirm they agreed to be sent the volunteer form');
    expect((await t.db.query('select 1 from volunteer_pathways')).length).toBe(0);

    const sent = await lw.post(paths.referrals.volunteerForm(completed), { agreed: 'yes' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('We have sent the volunteer form to Maggie by email.');
    const [message] = await t.db.query<{ recipient: string; body: string }>(
      `select recipient, body from notifications where subject = 'Volunteering with heritage'`,
    );
    expect(message!.recipient).toBe('maggie@example.org');
    const url = /(\/volunteer\?invite=[^\s]+)/.exec(message!.body)![1]!;
    expect(sent.body).toContain(url.replace(/&/g, '&amp;'));
    const audit = await t.db.query(`select 1 from audit_events where action = 'participant.volunteer_form_sent'`);
    expect(audit.length).toBe(1);
  });

  it('pre-fills the public form from the link, ignores a tampered one, and records where the offer came from', async () => {
    const [message] = await t.db.query<{ body: string }>(`select body from notifications where subject = 'Volunteering with heritage'`);
    const url = /(\/volunteer\?invite=[^\s]+)/.exec(message!.body)![1]!;
    const invite = decodeURIComponent(url.split('invite=')[1]!);
    const visitor = new Visitor(t.app);
    const form = await visitor.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Maggie"');
    expect(form.body).toContain('value="maggie@example.org"');
    expect(form.body).toContain('Your link worker filled in your name');
    const tampered = await new Visitor(t.app).get(`${paths.volunteerWithUs.form}?invite=${encodeURIComponent(`${invite.slice(0, -2)}AA`)}`);
    expect(tampered.statusCode).toBe(200);
    expect(tampered.body).not.toContain('Maggie');

    const [role] = await t.db.query<{ id: string }>(`select id from volunteer_roles where organisation_id = $1`, [w.community.organisationId]);
    const res = await visitor.post(paths.volunteerWithUs.form, {
      volunteerRoleId: role!.id,
      knownAs: 'Mags',
      contactPreference: 'email',
      email: 'maggie@example.org',
      consent: 'yes',
      invite,
    });
    expect(res.statusCode).toBe(303);
    const [interest] = await t.db.query<{ known_as: string; pathway_id: string | null }>('select known_as, pathway_id from volunteer_interests');
    expect(interest!.known_as).toBe('Mags');
    expect(interest!.pathway_id).not.toBeNull();
    const [pathway] = await t.db.query<{ interest_at: Date | null; organisation_id: string }>('select interest_at, organisation_id from volunteer_pathways');
    expect(pathway!.interest_at).not.toBeNull();
    expect(pathway!.organisation_id).toBe(w.community.organisationId);
  });

  it('counts the person as a volunteer when the lead invites them, and the report withholds a count of one', async () => {
    const lead = await signedIn(w.lead);
    const [interest] = await t.db.query<{ id: string }>('select id from volunteer_interests');
    const invited = await lead.post(paths.volunteers.interestInvite(interest!.id), { email: 'mags@example.org' });
    expect(invited.statusCode).toBe(303);
    const [pathway] = await t.db.query<{ volunteer_at: Date | null; referral_id: string | null }>('select volunteer_at, referral_id from volunteer_pathways');
    expect(pathway!.volunteer_at).not.toBeNull();
    const coordinator = await signedIn(await makeStaff(t.db, 'coordinator', w.scheme));
    const report = await coordinator.get(paths.reports.volunteering);
    expect(report.body).toContain('From prescription to volunteering');
    expect(report.body).toMatch(/Volunteer forms sent[\s\S]*?not shown[\s\S]*?not shown[\s\S]*?not shown/);
  });
});
