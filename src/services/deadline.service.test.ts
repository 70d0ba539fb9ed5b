import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { testConfig } from '../config.ts';
import type { Db } from '../data/database.ts';
import { fixedClock } from '../domain/clock.ts';
import type { ReferralStatus } from '../domain/referral.ts';
import { createServices, type Services } from '../services.ts';
import { makeReferral, makeWorld, type World } from '../../test/fixtures/notify.fixtures.ts';
import { reminderFrom, workingDaysOverdue } from './deadline.service.ts';

// Sent Monday 16 November 2026 at 2pm: 10 working days → due at the end of Monday 30 November.
const SENT = new Date('2026-11-16T14:00:00Z');
const DUE = '2026-11-30T23:59:59.999Z';

async function change(s: Services, db: Db, referralId: string, from: ReferralStatus | null, to: ReferralStatus, actorId: string | null, at: Date) {
  await db.transaction(async (tx) => {
    await tx.query('update referrals set status = $2 where id = $1', [referralId, to]);
    for (const observe of s.notify.observers) await observe(tx, { referralId, from, to, actorId, note: '', at });
  });
}

const row = async (db: Db, id: string) =>
  (
    await db.query<{ response_due_at: Date; reminded_at: Date | null; escalated_at: Date | null; responded_at: Date | null }>(
      'select response_due_at, reminded_at, escalated_at, responded_at from referrals where id = $1',
      [id],
    )
  )[0]!;
const events = (db: Db, id: string) =>
  db.query<{ kind: string; note: string }>(`select kind, note from referral_events where referral_id = $1 and kind in ('reminder', 'escalation') order by id`, [
    id,
  ]);
const mail = (db: Db, id: string) =>
  db.query<{ channel: string; recipient: string; subject: string; body: string }>(
    'select channel, recipient, subject, body from notifications where referral_id = $1 order by created_at, id',
    [id],
  );

describe('the reminder and escalation timetable', () => {
  it('reminds from the start of the working day before the due day', () => {
    expect(reminderFrom(new Date(DUE)).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    // Due Tuesday 12 January 2027: the working day before is Monday 11 January.
    expect(reminderFrom(new Date('2027-01-12T23:59:59.999Z')).toISOString()).toBe('2027-01-11T00:00:00.000Z');
    // Due Tuesday 29 December 2026: skips the substitute Boxing Day and Christmas → Thursday 24th.
    expect(reminderFrom(new Date('2026-12-29T23:59:59.999Z')).toISOString()).toBe('2026-12-24T00:00:00.000Z');
  });

  it('counts working days overdue', () => {
    expect(workingDaysOverdue(new Date(DUE), new Date('2026-11-30T12:00:00Z'))).toBe(0);
    expect(workingDaysOverdue(new Date(DUE), new Date('2026-12-01T09:00:00Z'))).toBe(1);
    expect(workingDaysOverdue(new Date(DUE), new Date('2026-12-07T09:00:00Z'))).toBe(5);
  });
});

describe.each(ENGINES)('response deadlines ($name)', (engine) => {
  let db: Awaited<ReturnType<typeof engine.open>>;
  let s: Services;
  let w: World;
  let dir: string;

  beforeAll(async () => {
    db = await engine.open();
    dir = await mkdtemp(path.join(tmpdir(), 'waymark-outbox-'));
    s = createServices({ db, config: testConfig({ outboxDir: dir }), clock: fixedClock(SENT) });
    w = await makeWorld(db);
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sets the reply due date when a referral is sent and tells the provider’s staff', async () => {
    const r = await makeReferral(db, w);
    await change(s, db, r.id, 'draft', 'sent', w.linkWorker.id, SENT);
    expect((await row(db, r.id)).response_due_at.toISOString()).toBe(DUE);
    const sent = await mail(db, r.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'email', recipient: w.provider.email, subject: 'New referral: Riverside heritage walk' });
    expect(sent[0]!.body).toContain('Please reply by Monday 30 November 2026');
    expect(sent[0]!.body).not.toContain('Alex');
  });

  it('uses the scheme’s own response time', async () => {
    const quick = await makeWorld(db, { schemeName: 'Quick scheme', responseDays: 2 });
    const r = await makeReferral(db, quick);
    await change(s, db, r.id, 'draft', 'sent', quick.linkWorker.id, SENT);
    expect((await row(db, r.id)).response_due_at.toISOString()).toBe('2026-11-18T23:59:59.999Z');
  });

  it('reminds once two working days before, escalates once when overdue, and never after a reply', async () => {
    const r = await makeReferral(db, w);
    const replied = await makeReferral(db, w);
    await change(s, db, r.id, 'draft', 'sent', w.linkWorker.id, SENT);
    await change(s, db, replied.id, 'draft', 'sent', w.linkWorker.id, SENT);
    await change(s, db, replied.id, 'sent', 'waiting_list', w.provider.id, new Date('2026-11-18T10:00:00Z'));
    const run = (at: string) => s.notify.deadlines.processResponseDeadlines(new Date(at));

    await run('2026-11-26T23:00:00Z'); // Thursday night: three working days left
    expect((await row(db, r.id)).reminded_at).toBeNull();

    await run('2026-11-27T08:00:00Z');
    await run('2026-11-27T09:00:00Z');
    await run('2026-11-30T16:00:00Z');
    expect((await row(db, r.id)).reminded_at?.toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect((await events(db, r.id)).map((e) => e.kind)).toEqual(['reminder']);

    await run('2026-12-01T00:30:00Z');
    await run('2026-12-01T01:30:00Z');
    expect((await row(db, r.id)).escalated_at?.toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect((await events(db, r.id)).map((e) => e.kind)).toEqual(['reminder', 'escalation']);

    const messages = await mail(db, r.id);
    expect(messages.map((m) => m.recipient)).toEqual([w.provider.email, w.provider.email, w.coordinator.email]);
    expect(messages[1]!.subject).toBe('Reminder: please reply to a referral to Riverside heritage walk');
    expect(messages[2]!.subject).toContain('Overdue referral');

    expect(await events(db, replied.id)).toEqual([]);
    expect((await row(db, replied.id)).responded_at?.toISOString()).toBe('2026-11-18T10:00:00.000Z');
  });

  it('escalates without a late reminder when the job first runs after the due date', async () => {
    const r = await makeReferral(db, w);
    await change(s, db, r.id, 'draft', 'sent', w.linkWorker.id, SENT);
    const result = await s.notify.deadlines.processResponseDeadlines(new Date('2026-12-02T10:00:00Z'));
    expect(result.escalated).toBeGreaterThanOrEqual(1);
    expect((await row(db, r.id)).reminded_at).toBeNull();
    expect((await events(db, r.id)).map((e) => e.kind)).toEqual(['escalation']);
  });

  it('lists overdue referrals for the scheme’s coordinators only', async () => {
    const other = await makeWorld(db, { schemeName: 'Other scheme' });
    const theirs = await makeReferral(db, other);
    await change(s, db, theirs.id, 'draft', 'sent', other.linkWorker.id, SENT);
    const coordinator = {
      id: w.coordinator.id,
      email: w.coordinator.email,
      displayName: 'C',
      role: 'coordinator' as const,
      organisationIds: [],
      schemeId: w.schemeId,
    };
    const overdue = await createServices({ db, config: testConfig({ outboxDir: dir }), clock: fixedClock('2026-12-02T10:00:00Z') }).notify.deadlines.overdue(
      coordinator,
    );
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.every((o) => o.schemeId === w.schemeId)).toBe(true);
    expect(overdue[0]).toMatchObject({ activityTitle: 'Riverside heritage walk', workingDaysOverdue: 2 });
  });
});
