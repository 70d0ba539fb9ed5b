import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeBuddyWorld, type BuddyWorld } from '../../test/fixtures/buddy-visit.fixtures.ts';
import { movableClock } from '../../test/movable-clock.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import { testConfig } from '../config.ts';
import type { Db } from '../data/database.ts';
import { Conflict, NotFound, type ValidationFailed } from '../domain/errors.ts';
import { createServices, type Services } from '../services.ts';

const rejection = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
const fieldErrors = (e: unknown) => (e as ValidationFailed).errors.map((x) => [x.field, x.message]);

describe.each(ENGINES)('proposing a buddy, who accepts or declines ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let w: BuddyWorld;
  let s: Services;

  beforeAll(async () => {
    db = await engine.open();
    s = createServices({ db, config: testConfig({ smtpUrl: undefined }), clock: movableClock(TEST_NOW).clock });
    w = await makeBuddyWorld(db);
    // Each test asks the same buddies for a new person; room for several, so an earlier "yes" does not fill them up.
    await db.query('update volunteers set capacity = 10');
  });
  afterAll(async () => {
    await db.drop();
  });

  const messagesFor = (referralId: string) =>
    db.query<{ recipient: string; channel: string; subject: string; body: string }>(
      'select recipient, channel, subject, body from notifications where referral_id = $1 order by created_at, recipient',
      [referralId],
    );
  /** A person who agreed to follow-up and asked for emails, referred to the buddy scheme. */
  async function person() {
    const p = await w.makePerson(['referral', 'share_with_provider', 'follow_up']);
    await db.query(`update participants set contact_preference = 'email' where id = $1`, [p.person]);
    return p;
  }

  it('proposes a first buddy and a second for continuity from the ranked list, refusing an unsuitable buddy with why', async () => {
    const p = await person();
    const page = await s.buddyProposals.forReferral(w.lead, p.buddyReferral);
    expect(page.candidates.map((c) => [c.buddy.knownAs, c.suitable])).toEqual([
      ['Alan', true],
      ['Harjit', true],
      ['Shirin', false],
    ]);
    expect(page.place).toBe('first');
    const paused = await rejection(s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.paused.volunteerId }));
    expect(fieldErrors(paused)).toEqual([['volunteerId', 'Shirin cannot be proposed: Paused by the volunteer']]);
    await s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.alan.volunteerId });
    await s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.harjit.volunteerId });
    const after = await s.buddyProposals.forReferral(w.lead, p.buddyReferral);
    expect(after.proposals.map((x) => [x.volunteerKnownAs, x.continuity, x.status])).toEqual([
      ['Alan', false, 'proposed'],
      ['Harjit', true, 'proposed'],
    ]);
    expect(after.candidates.map((c) => c.buddy.knownAs)).toEqual(['Shirin']);
    expect(after.place).toBeNull();
    const again = await rejection(s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.alan.volunteerId }));
    expect(fieldErrors(again)).toEqual([['volunteerId', 'Alan has already been proposed. Choose another buddy']]);
    // Another organisation's lead, and the link worker, cannot see or propose: the referral is not theirs.
    expect(await rejection(s.buddyProposals.forReferral(w.otherLead, p.buddyReferral))).toBeInstanceOf(NotFound);
    expect(await rejection(s.buddyProposals.propose(w.linkWorker, p.buddyReferral, { volunteerId: w.alan.volunteerId }))).toBeInstanceOf(NotFound);
  });

  it('shows the buddy only what they need, and only their own proposal', async () => {
    const p = await person();
    const id = await s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.alan.volunteerId });
    expect((await s.buddyProposals.yourProposals(w.alan.user)).map((x) => x.id)).toContain(id);
    expect((await s.buddyProposals.yourProposals(w.harjit.user)).map((x) => x.id)).not.toContain(id);
    const seen = await s.buddyProposals.yourProposal(w.alan.user, id);
    expect(seen).toMatchObject({ personFirstName: 'Maggie', supportNeeds: 'Uses a walking stick', whatMatters: 'Loves the sea and old photographs' });
    expect(await rejection(s.buddyProposals.yourProposal(w.harjit.user, id))).toBeInstanceOf(NotFound);
    expect(await rejection(s.buddyProposals.answer(w.harjit.user, id, { kind: 'accept' }))).toBeInstanceOf(NotFound);
    expect(await rejection(s.buddyProposals.yourProposal(w.lead, id))).toBeInstanceOf(NotFound);
    // Without consent to share with the provider, what matters to them is not shown.
    await db.query(`update consents set withdrawn_at = $2 where participant_id = $1 and purpose = 'share_with_provider'`, [p.person, TEST_NOW]);
    expect((await s.buddyProposals.yourProposal(w.alan.user, id)).whatMatters).toBeNull();
  });

  it('accepts once even when two posts arrive at once, and tells the link worker and the person who is coming', async () => {
    const p = await person();
    const id = await s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.harjit.volunteerId });
    const answers = await Promise.allSettled([
      s.buddyProposals.answer(w.harjit.user, id, { kind: 'accept' }),
      s.buddyProposals.answer(w.harjit.user, id, { kind: 'accept' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((answers.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
    expect(await rejection(s.buddyProposals.answer(w.harjit.user, id, { kind: 'decline', reason: 'not_free', note: null }))).toBeInstanceOf(Conflict);
    const messages = await messagesFor(p.buddyReferral);
    expect(messages.map((m) => [m.recipient, m.subject])).toEqual(
      expect.arrayContaining([
        [w.linkWorker.email, 'A buddy is going with them: Test Companions (buddy scheme)'],
        ['maggie@example.org', 'Your buddy: Harjit'],
      ]),
    );
    expect(messages).toHaveLength(2);
    // Staff messages never name the person.
    expect(messages.find((m) => m.recipient === w.linkWorker.email)!.body).not.toContain('Maggie');
    const timeline = await db.query<{ note: string }>('select note from referral_events where referral_id = $1', [p.buddyReferral]);
    expect(timeline.map((e) => e.note)).toContain('Buddy found: Harjit has agreed to go with them.');
    const audit = await db.query<{ action: string }>(`select action from audit_events where subject_id = $1 and action like 'buddy_proposal.%' order by at`, [
      p.buddyReferral,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['buddy_proposal.made', 'buddy_proposal.accepted']);
    // Planning a visit now offers Harjit.
    expect((await s.buddyProposals.acceptedFor(p.buddyReferral)).map((x) => x.volunteerKnownAs)).toEqual(['Harjit']);
  });

  it('on a decline tells the lead, shows the reason, and lets the lead propose another buddy in that place', async () => {
    const p = await person();
    const id = await s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.alan.volunteerId });
    await s.buddyProposals.answer(w.alan.user, id, { kind: 'decline', reason: 'too_far', note: 'My car is in the garage' });
    const messages = await messagesFor(p.buddyReferral);
    expect(messages.map((m) => [m.recipient, m.subject])).toEqual([[w.lead.email, 'Alan cannot be a buddy this time']]);
    expect(messages[0]!.body).toContain('Reason: It is too far for me to travel.');
    expect(messages[0]!.body).not.toContain('garage');
    const page = await s.buddyProposals.forReferral(w.lead, p.buddyReferral);
    expect(page.proposals.map((x) => [x.volunteerKnownAs, x.status, x.declineReason])).toEqual([['Alan', 'declined', 'too_far']]);
    expect(page.candidates.map((c) => c.buddy.knownAs)).not.toContain('Alan');
    expect(page.place).toBe('first');
    const again = await rejection(s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.alan.volunteerId }));
    expect(fieldErrors(again)[0]![1]).toBe('Alan has declined to go with them (It is too far for me to travel). Choose another buddy');
    await s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.harjit.volunteerId });
    expect((await s.buddyProposals.forReferral(w.lead, p.buddyReferral)).proposals.map((x) => [x.volunteerKnownAs, x.continuity])).toEqual([
      ['Alan', false],
      ['Harjit', false],
    ]);
  });
  it('emails the buddy that they have been asked, naming nobody, and counts the people they agreed to go with in their load', async () => {
    const p = await person();
    await db.query(`update volunteers set email = 'alan.buddy@example.org' where id = $1`, [w.alan.volunteerId]);
    const loadOfAlan = async (referralId: string) =>
      (await s.buddyProposals.forReferral(w.lead, referralId)).candidates.find((c) => c.buddy.id === w.alan.volunteerId)!.buddy.load;
    const before = await loadOfAlan(p.buddyReferral);
    const id = await s.buddyProposals.propose(w.lead, p.buddyReferral, { volunteerId: w.alan.volunteerId });
    const [asked] = await db.query<{ subject: string; body: string; referral_id: string | null }>(
      `select subject, body, referral_id from notifications where recipient = 'alan.buddy@example.org' order by created_at desc limit 1`,
    );
    expect(asked).toMatchObject({ subject: 'Could you go with someone?', referral_id: null });
    expect(asked!.body).toContain(id);
    expect(asked!.body).not.toContain('Maggie');
    const q = await person();
    expect(await loadOfAlan(q.buddyReferral)).toBe(before);
    await s.buddyProposals.answer(w.alan.user, id, { kind: 'accept' });
    expect(await loadOfAlan(q.buddyReferral)).toBe(before + 1);
  });
});
