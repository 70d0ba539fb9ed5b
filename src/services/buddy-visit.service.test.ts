import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_URL, ENGINES } from '../../test/engines.ts';
import { makeBuddyWorld, type BuddyWorld } from '../../test/fixtures/buddy-visit.fixtures.ts';
import { movableClock } from '../../test/movable-clock.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import { testConfig } from '../config.ts';
import { openPostgres, type Db } from '../data/database.ts';
import { createNotificationRepository } from '../data/repositories/notification.repository.ts';
import { Conflict, NotFound, ValidationFailed } from '../domain/errors.ts';
import { createServices, type Services } from '../services.ts';
import { createVisitExpenseRepository } from '../data/repositories/visit-expense.repository.ts';
import { createAuditRepository } from '../data/repositories/audit.repository.ts';
import { createAttendanceRepository } from '../data/repositories/attendance.repository.ts';
import { createVolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import { createActivitySessionRepository } from '../data/repositories/activity-session.repository.ts';
import { createReferralListRepository } from '../data/repositories/referral-list.repository.ts';
import { createReferralRepository } from '../data/repositories/referral.repository.ts';
import { createBuddyVisitRepository } from '../data/repositories/buddy-visit.repository.ts';
import { createBuddyProposalRepository } from '../data/repositories/buddy-proposal.repository.ts';
import { createBuddyMatchRepository } from '../data/repositories/buddy-match.repository.ts';
import { createVisitAlertRepository } from '../data/repositories/visit-alert.repository.ts';
import { createBuddyVisitService } from './buddy-visit.service.ts';

/** Tuesday 24 November 2026, 10:00–12:00 (GMT): the activity's next session after TEST_NOW (Saturday 21st, 10:00). */
const SESSION_DATE = '2026-11-24';
const MINUTES_TO_MEETING = 3 * 24 * 60 - 30; // Tuesday 09:30

const rejection = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe.each(ENGINES)('accompanied visits and lone working ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let w: BuddyWorld;
  let time: ReturnType<typeof movableClock>;
  let s: Services;

  beforeAll(async () => {
    db = await engine.open();
    time = movableClock(TEST_NOW);
    s = createServices({ db, config: testConfig({ smtpUrl: undefined }), clock: time.clock });
    w = await makeBuddyWorld(db);
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A fresh clock at TEST_NOW and a planned visit with Alan for the next session. */
  async function plannedVisit(consents?: string[]) {
    time = movableClock(TEST_NOW);
    s = createServices({ db, config: testConfig({ smtpUrl: undefined }), clock: time.clock });
    const p = await w.makePerson(consents);
    await w.acceptBuddy(p.buddyReferral, w.alan.volunteerId);
    const { sessions } = await s.buddyVisits.planningFor(w.lead, p.buddyReferral);
    const session = sessions.find((c) => c.date === SESSION_DATE)!;
    const id = await s.buddyVisits.plan(w.lead, p.buddyReferral, {
      session: session.key,
      meetTime: '09:30',
      meetingPoint: 'The Centre’s front door',
      volunteerId: w.alan.volunteerId,
    });
    return { ...p, id };
  }
  const alertsFor = (visitId: string) =>
    db.query<{ id: string; reason: string; escalated_at: Date | null }>('select * from visit_alerts where visit_id = $1', [visitId]);
  const messagesFor = (referralId: string) =>
    db.query<{ recipient: string; channel: string; subject: string }>(
      'select recipient, channel, subject from notifications where referral_id = $1 order by created_at, recipient',
      [referralId],
    );

  it('plans a visit against one of the activity’s real sessions, and shows the buddy only what they need', async () => {
    const v = await plannedVisit();
    const list = await s.buddyVisits.yourVisits(w.alan.user);
    const mine = list.find((x) => x.id === v.id)!;
    expect(mine).toMatchObject({
      sessionDate: SESSION_DATE,
      meetingPoint: 'The Centre’s front door',
      personFirstName: 'Maggie',
      supportNeeds: 'Uses a walking stick',
    });
    expect(mine.whatMatters).toBe('Loves the sea and old photographs');
    // Without consent to share with the provider, what matters to them is not shown.
    const noShare = await plannedVisit(['referral']);
    expect((await s.buddyVisits.yourVisit(w.alan.user, noShare.id)).whatMatters).toBeNull();
    const timeline = await db.query<{ note: string }>('select note from referral_events where referral_id = $1', [v.buddyReferral]);
    expect(timeline.map((e) => e.note).join()).toContain('Accompanied visit planned: Alan will meet them at The Centre’s front door, 09:30');
  });

  it('ranks the scheme’s buddies for a referral with a reason for every factor, showing the paused one with why', async () => {
    const p = await w.makePerson();
    const ranked = await s.buddyVisits.matchBuddies(w.lead, p.buddyReferral);
    // Alan already goes with the people of the visits planned above: at his limit of one, he is shown, not hidden.
    expect(ranked.map((r) => [r.buddy.knownAs, r.suitable])).toEqual([
      ['Harjit', true],
      ['Alan', false],
      ['Shirin', false],
    ]);
    expect(ranked[1]!.factors.find((f) => f.key === 'load')).toMatchObject({ outcome: 'fails' });
    expect(ranked.at(-1)!.factors.find((f) => f.key === 'checks')).toMatchObject({ outcome: 'fails', explanation: 'Paused by the volunteer' });
    expect(ranked[0]!.factors).toHaveLength(7);
    await db.query(`update referrals set buddy_preference = 'woman' where id = $1`, [p.buddyReferral]);
    expect((await s.buddyVisits.matchBuddies(w.lead, p.buddyReferral)).every((r) => !r.suitable)).toBe(true);
    expect(await rejection(s.buddyVisits.matchBuddies(w.otherLead, p.buddyReferral))).toBeInstanceOf(NotFound);
  });

  it('refuses a typed date, a meeting after the session starts, a paused buddy, a buddy who has not accepted and another organisation’s lead', async () => {
    const p = await w.makePerson();
    await w.acceptBuddy(p.buddyReferral, w.alan.volunteerId);
    const fields = async (input: Record<string, string>) => {
      const err = await rejection(
        s.buddyVisits.plan(w.lead, p.buddyReferral, { session: '', meetTime: '09:30', meetingPoint: 'Door', volunteerId: w.alan.volunteerId, ...input }),
      );
      expect(err).toBeInstanceOf(ValidationFailed);
      return (err as ValidationFailed).errors.map((e) => e.field);
    };
    const { sessions } = await s.buddyVisits.planningFor(w.lead, p.buddyReferral);
    expect(await fields({ session: `2026-11-25_${sessions[0]!.sessionId}` })).toEqual(['session']);
    expect(await fields({ session: sessions[0]!.key, meetTime: '10:30' })).toEqual(['meetTime']);
    expect(await fields({ session: sessions[0]!.key, volunteerId: w.paused.volunteerId })).toEqual(['volunteerId']);
    // Harjit is ready but was never proposed (or has not accepted): only a buddy who accepted can be planned onto a visit.
    expect(await fields({ session: sessions[0]!.key, volunteerId: w.harjit.volunteerId })).toEqual(['volunteerId']);
    expect(await rejection(s.buddyVisits.planningFor(w.otherLead, p.buddyReferral))).toBeInstanceOf(NotFound);
    expect(await rejection(s.buddyVisits.planningFor(w.linkWorker, p.buddyReferral))).toBeInstanceOf(NotFound);
  });

  it('checks in once and out once, only by the buddy, even when the same post arrives twice at once', async () => {
    const v = await plannedVisit();
    expect(await rejection(s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_out' }))).toBeInstanceOf(Conflict);
    time.advanceMinutes(MINUTES_TO_MEETING);
    const checkIns = await Promise.allSettled([
      s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_in', expectedMinutes: 150 }),
      s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_in', expectedMinutes: 150 }),
    ]);
    expect(checkIns.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((checkIns.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
    // Another buddy cannot see or check out Alan's visit: it does not exist for them.
    expect(await rejection(s.buddyVisits.change(w.harjit.user, v.id, { kind: 'check_out' }))).toBeInstanceOf(NotFound);
    expect(await rejection(s.buddyVisits.yourVisit(w.harjit.user, v.id))).toBeInstanceOf(NotFound);
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'extend', extraMinutes: 30 });
    time.advanceMinutes(120);
    const checkOuts = await Promise.allSettled([
      s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_out' }),
      s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_out' }),
    ]);
    expect(checkOuts.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const [row] = await db.query<{ status: string; expected_end_at: Date }>('select status, expected_end_at from buddy_visits where id = $1', [v.id]);
    expect(row!.status).toBe('checked_out');
    expect(new Date(row!.expected_end_at).toISOString()).toBe('2026-11-24T12:30:00.000Z');
  });

  it('raises one alert for a missed check-out after the grace period, escalates it, and shows the emergency contact to whoever acknowledges', async () => {
    const v = await plannedVisit();
    time.advanceMinutes(MINUTES_TO_MEETING);
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_in', expectedMinutes: 60 }); // expected end 10:30
    time.advanceMinutes(60 + 29); // 10:59: inside the 30-minute grace
    expect((await s.buddyVisits.processLoneWorking()).raised).toBe(0);
    time.advanceMinutes(1); // 11:00
    await s.buddyVisits.processLoneWorking();
    await s.buddyVisits.processLoneWorking();
    expect(await alertsFor(v.id)).toHaveLength(1);
    expect((await messagesFor(v.buddyReferral)).map((m) => m.recipient)).toEqual([w.lead.email]);
    const [open] = (await s.buddyVisits.openAlerts(w.lead)).filter((a) => a.visitId === v.id);
    expect(open).toBeDefined();
    expect((await s.buddyVisits.openAlerts(w.otherLead)).some((a) => a.visitId === v.id)).toBe(false);
    expect(await rejection(s.buddyVisits.alert(w.otherLead, open!.id))).toBeInstanceOf(NotFound);
    // After a further 30 minutes without acknowledgement, the safeguarding contact is told (once).
    time.advanceMinutes(30);
    await s.buddyVisits.processLoneWorking();
    await s.buddyVisits.processLoneWorking();
    const messages = await messagesFor(v.buddyReferral);
    const toSafeguarding = await db.query<{ channel: string; body: string }>(
      `select channel, body from notifications where recipient in ('safeguarding@example.org', '+447700900555')`,
    );
    expect(toSafeguarding.map((m) => m.channel).sort()).toEqual(['email', 'text']);
    expect(toSafeguarding.map((m) => m.body).join()).not.toContain('Maggie');
    expect(messages.filter((m) => m.subject.startsWith('Still not acknowledged'))).toHaveLength(1);
    // Checking out late does not drop the alert: it stays until a person acknowledges it.
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_out' });
    expect((await s.buddyVisits.openAlerts(w.lead)).some((a) => a.visitId === v.id)).toBe(true);
    expect((await s.buddyVisits.alert(w.lead, open!.id)).emergencyContact).toBeNull();
    time.advanceMinutes(2);
    await s.buddyVisits.acknowledge(w.lead, open!.id, 'Rang Alan: all well, phone battery died');
    expect(await rejection(s.buddyVisits.acknowledge(w.lead, open!.id, 'again'))).toBeInstanceOf(Conflict);
    const seen = await s.buddyVisits.alert(w.lead, open!.id);
    expect(seen.emergencyContact).toEqual({ name: 'Pat (partner)', phone: '+447700900777' });
    expect(seen.alert.events.map((e) => [e.step, e.at.toISOString()])).toEqual([
      ['raised', '2026-11-24T11:00:00.000Z'],
      ['lead_told', '2026-11-24T11:00:00.000Z'],
      ['safeguarding_told', '2026-11-24T11:30:00.000Z'],
      ['checked_out', '2026-11-24T11:30:00.000Z'],
      ['acknowledged', '2026-11-24T11:32:00.000Z'],
      ['emergency_contact_shown', '2026-11-24T11:32:00.000Z'],
    ]);
    expect((await s.buddyVisits.openAlerts(w.lead)).some((a) => a.visitId === v.id)).toBe(false);
  });

  it('raises an alert at once when the buddy asks for help now', async () => {
    const v = await plannedVisit();
    time.advanceMinutes(MINUTES_TO_MEETING);
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_in', expectedMinutes: 120 });
    await s.buddyVisits.askForHelp(w.alan.user, v.id);
    await s.buddyVisits.askForHelp(w.alan.user, v.id);
    expect((await alertsFor(v.id)).map((a) => a.reason)).toEqual(['help_requested']);
    expect((await messagesFor(v.buddyReferral)).map((m) => m.subject)).toEqual(['Alan asked for help now on a visit']);
    expect(await rejection(s.buddyVisits.askForHelp(w.harjit.user, v.id))).toBeInstanceOf(NotFound);
  });

  it('loses no alert when the process stops between detecting it and writing its messages', async () => {
    const v = await plannedVisit();
    time.advanceMinutes(MINUTES_TO_MEETING);
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_in', expectedMinutes: 60 });
    time.advanceMinutes(95);
    // A process whose outbox write fails after the alert row was inserted: the transaction rolls back whole.
    const notifications = createNotificationRepository(db);
    const restarted = createServices({ db, config: testConfig({ smtpUrl: undefined }), clock: time.clock });
    const failing = { ...notifications, insert: async () => Promise.reject(new Error('process stopped')) };
    const stopping = createBuddyVisitService({
      db,
      visits: createBuddyVisitRepository(db),
      alerts: createVisitAlertRepository(db, createBuddyVisitRepository(db).find),
      matching: createBuddyMatchRepository(db),
      proposals: createBuddyProposalRepository(db),
      referrals: createReferralRepository(db),
      lists: createReferralListRepository(db),
      sessions: createActivitySessionRepository(db),
      volunteers: createVolunteerRepository(db),
      attendance: createAttendanceRepository(db),
      notifications: failing,
      audit: createAuditRepository(db, time.clock),
      clock: time.clock,
      links: { alert: (id) => `/volunteers/alerts/${id}`, visit: (id) => `/volunteering/visits/${id}` },
      expenses: createVisitExpenseRepository(db),
    });
    await expect(stopping.processLoneWorking()).rejects.toThrow('process stopped');
    expect(await alertsFor(v.id)).toHaveLength(0);
    // The next run (after a restart) finds the missed check-out again and raises it once, with its message queued in the outbox.
    await restarted.buddyVisits.processLoneWorking();
    expect(await alertsFor(v.id)).toHaveLength(1);
    const [queued] = await db.query<{ status: string }>(`select status from notifications where referral_id = $1`, [v.buddyReferral]);
    expect(queued!.status).toBe('pending');
  });

  it('records how the visit went in a few taps, and marks the person on the provider’s register', async () => {
    const v = await plannedVisit();
    time.advanceMinutes(MINUTES_TO_MEETING);
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_in', expectedMinutes: 150 });
    expect(
      await rejection(s.buddyVisits.recordAfter(w.alan.user, v.id, { happened: true, durationMinutes: null, personSeemed: null, noteForLead: null })),
    ).toBeInstanceOf(Conflict);
    time.advanceMinutes(140);
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_out' });
    await s.buddyVisits.recordAfter(w.alan.user, v.id, { happened: true, durationMinutes: null, personSeemed: 'enjoyed', noteForLead: 'Wants to go again' });
    expect(
      await rejection(s.buddyVisits.recordAfter(w.alan.user, v.id, { happened: true, durationMinutes: null, personSeemed: null, noteForLead: null })),
    ).toBeInstanceOf(Conflict);
    const [visit] = await db.query<{ duration_minutes: number; person_seemed: string }>(
      'select duration_minutes, person_seemed from buddy_visits where id = $1',
      [v.id],
    );
    expect(visit).toMatchObject({ duration_minutes: 140, person_seemed: 'enjoyed' });
    const hours = await s.buddyVisits.hoursByMonth(w.lead);
    expect(hours).toContainEqual({
      month: '2026-11',
      volunteer: 'Alan',
      organisation: 'Test Women’s Centre',
      visits: expect.any(Number),
      minutes: expect.any(Number),
    });
    expect(hours.find((h) => h.volunteer === 'Alan')!.minutes).toBeGreaterThanOrEqual(140);
    expect(await s.buddyVisits.hoursByMonth(w.otherLead)).toEqual([]);
    const register = await db.query<{ attended: boolean }>(`select attended from attendance where referral_id = $1 and session_date = $2`, [
      v.activityReferral,
      SESSION_DATE,
    ]);
    expect(register).toEqual([{ attended: true }]);
  });

  it('takes one expense claim per visit, even posted twice at once, at HMRC rates, and lets only the lead approve it', async () => {
    const v = await plannedVisit();
    time.advanceMinutes(MINUTES_TO_MEETING);
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_in', expectedMinutes: 120 });
    const claim = { miles: 6.5, startPostcode: 'NG7 2RD', endPostcode: 'NG1 6EL', publicTransportPence: 0, parkingPence: 350 };
    expect(await rejection(s.buddyVisits.claimExpenses(w.alan.user, v.id, claim))).toBeInstanceOf(Conflict);
    time.advanceMinutes(100);
    await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_out' });
    expect(await rejection(s.buddyVisits.claimExpenses(w.harjit.user, v.id, claim))).toBeInstanceOf(NotFound);
    const both = await Promise.allSettled([s.buddyVisits.claimExpenses(w.alan.user, v.id, claim), s.buddyVisits.claimExpenses(w.alan.user, v.id, claim)]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const [row] = await db.query<{ id: string; mileage_pence: number; total_pence: number }>(
      'select id, mileage_pence, total_pence from visit_expenses where visit_id = $1',
      [v.id],
    );
    expect(row).toMatchObject({ mileage_pence: 293, total_pence: 643 });
    expect(await rejection(s.buddyVisits.decideExpense(w.otherLead, row!.id, 'approved'))).toBeInstanceOf(NotFound);
    await s.buddyVisits.decideExpense(w.lead, row!.id, 'approved');
    expect(await rejection(s.buddyVisits.decideExpense(w.lead, row!.id, 'approved'))).toBeInstanceOf(Conflict);
    expect((await s.buddyVisits.expenseClaims(w.lead)).find((c) => c.id === row!.id)?.status).toBe('approved');
  });

  it.runIf(engine.name === 'postgres')('raises exactly one alert per missed check-out with two app processes running the job at once', async () => {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${(await db.query<{ name: string }>('select current_database() as name'))[0]!.name}`;
    const second = await openPostgres(url.toString(), 4);
    try {
      const visitsMade = [await plannedVisit(), await plannedVisit(), await plannedVisit()];
      time.advanceMinutes(MINUTES_TO_MEETING);
      for (const v of visitsMade) await s.buddyVisits.change(w.alan.user, v.id, { kind: 'check_in', expectedMinutes: 60 });
      time.advanceMinutes(120);
      const one = createServices({ db, config: testConfig({ smtpUrl: undefined }), clock: time.clock });
      const two = createServices({ db: second, config: testConfig({ smtpUrl: undefined }), clock: time.clock });
      await Promise.all([
        one.buddyVisits.processLoneWorking(),
        two.buddyVisits.processLoneWorking(),
        one.buddyVisits.processLoneWorking(),
        two.buddyVisits.processLoneWorking(),
      ]);
      for (const v of visitsMade) {
        expect(await alertsFor(v.id)).toHaveLength(1);
        expect((await messagesFor(v.buddyReferral)).filter((m) => m.recipient === w.lead.email)).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });
});
