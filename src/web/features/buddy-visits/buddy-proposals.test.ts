import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

const LEAD = 'volunteers.nottingham@waymark.example';
const ALAN = 'buddy.nottingham@waymark.example';

/** Proposing a buddy and answering buddy-scheme referrals, through the pages (seeded Nottingham demo data, decision 033). */
describe.each(ENGINES)('buddy proposals and the volunteer lead’s inbox, as pages ($name)', (engine) => {
  let t: TestApp;
  let lead: Visitor;
  let alan: Visitor;
  const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0]!;
  const buddyReferralOf = async (name: string) =>
    (
      await one<{ id: string }>(
        `select r.id from referrals r join participants p on p.id = r.participant_id where p.preferred_name = $1 and r.target = 'buddy_scheme'`,
        [name],
      )
    ).id;
  const proposalFor = async (name: string) =>
    (
      await one<{ id: string }>(
        `select bp.id from buddy_proposals bp join referrals r on r.id = bp.referral_id join participants p on p.id = r.participant_id
         where p.preferred_name = $1 and bp.status = 'proposed'`,
        [name],
      )
    ).id;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    lead = new Visitor(t.app);
    await lead.signIn(LEAD);
    alan = new Visitor(t.app);
    await alan.signIn(ALAN);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('shows the lead every buddy ranked with reasons, the declined buddy with the reason, and refuses an empty choice next to the field', async () => {
    const winifred = await buddyReferralOf('Winifred Hale');
    const page = await lead.get(paths.volunteers.proposeBuddy(winifred));
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Harjit[\s\S]*Declined[\s\S]*I am not free at those times/);
    expect(page.body).toMatch(/Alan[\s\S]*Waiting for their answer/);
    expect(page.body).toContain('Every buddy of the scheme has been asked.');
    // Ivy waits for Alan: Harjit is offered as the second buddy, with the reason for every factor.
    const ivy = await lead.get(paths.volunteers.proposeBuddy(await buddyReferralOf('Ivy Stone')));
    expect(ivy.body).toContain('Ask a second buddy for continuity (optional)');
    expect(ivy.body).toMatch(/Why each buddy fits or not[\s\S]*Harjit[\s\S]*Distance[\s\S]*Checks and status/);
    const before = await one<{ n: number }>('select count(*)::int as n from buddy_proposals');
    const empty = await lead.post(paths.volunteers.proposeBuddy(await buddyReferralOf('Ivy Stone')), {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toMatch(/id="volunteerId-error"[\s\S]*Choose the buddy to ask/);
    expect((await one<{ n: number }>('select count(*)::int as n from buddy_proposals')).n).toBe(before.n);
  });

  it('lets Alan see only what he needs, refuses a decline without a reason, and accepts once', async () => {
    const id = await proposalFor('Ivy Stone');
    const home = await alan.get(paths.volunteering.home);
    expect(home.body).toMatch(/Asked to go with someone[\s\S]*Ivy, Castle grounds and caves wellbeing tour/);
    const page = await alan.get(paths.volunteering.proposal(id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Will you go with Ivy?');
    expect(page.body).toContain('Uses a walking stick; nervous on buses');
    expect(page.body).toContain('Raleigh factory'); // what matters: Ivy consented to share it with the provider
    expect(page.body).not.toContain('Stone');
    expect(page.body).not.toContain('07700');
    const noReason = await alan.post(paths.volunteering.declineProposal(id), { note: 'Sorry' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toMatch(/id="reason-error"[\s\S]*Choose why you cannot go with them/);
    const accepted = await alan.post(paths.volunteering.acceptProposal(id));
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`${paths.volunteering.home}?done=proposal-accepted`);
    expect((await alan.post(paths.volunteering.acceptProposal(id))).statusCode).toBe(409);
    // The lead cannot answer for him (wrong role).
    expect((await lead.get(paths.volunteering.proposal(id))).statusCode).toBe(403);
    // The plan form now offers Alan for Ivy.
    const plan = await lead.get(paths.volunteers.planVisit(await buddyReferralOf('Ivy Stone')));
    expect(plan.body).toMatch(/Buddy \(who accepted to go\)[\s\S]*Alan/);
  });

  it('lets the volunteer lead answer referrals to their buddy scheme from the inbox, and only those', async () => {
    const ivy = await buddyReferralOf('Ivy Stone');
    await t.db.query(`update referrals set status = 'sent', responded_at = null where id = $1`, [ivy]);
    const inbox = await lead.get(paths.inbox.list);
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('Referrals to your buddy schemes');
    expect(inbox.body).toContain('Museum Buddies Nottingham (buddy scheme)');
    expect(inbox.body).not.toContain('Castle grounds and caves wellbeing tour</');
    expect((await lead.get(paths.inbox.referral(ivy))).statusCode).toBe(200);
    const accepted = await lead.post(paths.inbox.status(ivy), { from: 'sent', to: 'accepted' });
    expect(accepted.statusCode).toBe(303);
    expect((await one<{ status: string }>('select status from referrals where id = $1', [ivy])).status).toBe('accepted');
    // The activity referral of the same person is the provider's, not the lead's.
    const activityReferral = await one<{ id: string }>(
      `select r.id from referrals r join participants p on p.id = r.participant_id where p.preferred_name = 'Ivy Stone' and r.target = 'activity'`,
    );
    expect((await lead.get(paths.inbox.referral(activityReferral.id))).statusCode).toBe(404);
  });
});
