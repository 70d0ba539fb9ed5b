import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeSession } from '../../test/factories.ts';
import { makeReferral, makeWorld, type World } from '../../test/fixtures/notify.fixtures.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import { testConfig } from '../config.ts';
import type { Db } from '../data/database.ts';
import { fixedClock } from '../domain/clock.ts';
import type { User } from '../domain/user.ts';
import { createServices, type Services } from '../services.ts';

// TEST_NOW is Saturday 21 November 2026; the session runs on Tuesdays, so the next is the 24th.
const CANCELLED = '2026-12-01';

describe.each(ENGINES)('cancelling a session tells the people with a place and their referrers ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let s: Services;
  let w: World;
  let dir: string;
  let provider: User;
  let sessionId: string;

  beforeAll(async () => {
    db = await engine.open();
    dir = await mkdtemp(path.join(tmpdir(), 'waymark-outbox-'));
    s = createServices({ db, config: testConfig({ outboxDir: dir, smtpUrl: undefined }), clock: fixedClock(TEST_NOW) });
    w = await makeWorld(db);
    sessionId = await makeSession(db, w.activity, { weekday: 2 });
    provider = { id: w.provider.id, email: w.provider.email, displayName: 'Provider', role: 'provider', organisationIds: [w.providerOrg], schemeId: null };
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const messages = (referralId: string) =>
    db.query<{ channel: string; recipient: string; subject: string; body: string }>(
      'select channel, recipient, subject, body from notifications where referral_id = $1 order by channel, recipient',
      [referralId],
    );

  it('emails or texts each person holding a place by their preference, emails each referrer, and leaves others alone', async () => {
    const byEmail = await makeReferral(db, w, { status: 'attending', contactPreference: 'email' });
    const byText = await makeReferral(db, w, { status: 'accepted', contactPreference: 'text', route: 'connector' });
    const byPhone = await makeReferral(db, w, { status: 'first_visit_planned', contactPreference: 'phone' });
    await db.query('update referrals set first_visit_date = $2 where id = $1', [byPhone.id, CANCELLED]);
    const noConsent = await makeReferral(db, w, { status: 'attending', contactPreference: 'email', followUp: false });
    const waiting = await makeReferral(db, w, { status: 'waiting_list', contactPreference: 'email' });
    const finished = await makeReferral(db, w, { status: 'completed', contactPreference: 'email' });

    expect(await s.listings.sessions.cancel(provider, w.activity, sessionId, { date: CANCELLED, reason: 'Leader unwell' })).toBe(4);

    const email = await messages(byEmail.id);
    expect(email.map((m) => [m.channel, m.recipient])).toEqual([
      ['email', 'alex@example.net'],
      ['email', w.linkWorker.email],
    ]);
    expect(email[0]?.body).toContain('Riverside heritage walk on Tuesday 1 December 2026 at 10am is cancelled (Leader unwell).');
    expect(email[1]?.subject).toBe('Session cancelled: Riverside heritage walk, Tuesday 1 December 2026');
    expect((await messages(byText.id)).map((m) => [m.channel, m.recipient])).toEqual([
      ['email', w.connector.email],
      ['text', '07700 900123'],
    ]);
    // A phone call is for people to make: the referrer is asked to, and told it was the first visit.
    const phone = await messages(byPhone.id);
    expect(phone.map((m) => m.recipient)).toEqual([w.linkWorker.email]);
    expect(phone[0]?.body).toContain('It was the day of the first visit of the person you referred.');
    expect(phone[0]?.body).toContain('What to do next: agree a new date for the first visit with the provider.');
    expect(phone[0]?.body).toContain('They asked to be contacted by phone');
    expect((await messages(noConsent.id)).map((m) => m.recipient)).toEqual([w.linkWorker.email]);
    expect(await messages(waiting.id)).toEqual([]);
    expect(await messages(finished.id)).toEqual([]);
    const timeline = await db.query<{ kind: string; note: string }>(`select kind, note from referral_events where referral_id = $1 and kind = 'message'`, [
      byEmail.id,
    ]);
    expect(timeline).toEqual([{ kind: 'message', note: 'Session on Tuesday 1 December 2026 cancelled: told the person and the referrer.' }]);

    // The outbox writes them to files, as it does every email and text (no SMTP here).
    await s.notify.outbox.deliverPending(50);
    const files = await readdir(dir);
    const bodies = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
    expect(bodies.some((b) => b.includes('is cancelled (Leader unwell)') && b.includes('alex@example.net'))).toBe(true);
  });

  it('deleting a session tells the people holding a place and their referrers that it no longer runs', async () => {
    const other = await makeSession(db, w.activity, { weekday: 4 });
    const byEmail = await makeReferral(db, w, { status: 'first_visit_planned', contactPreference: 'email' });
    await db.query('update referrals set first_visit_date = $2 where id = $1', [byEmail.id, '2026-12-03']);
    const waiting = await makeReferral(db, w, { status: 'waiting_list', contactPreference: 'email' });
    const before = await db.query<{ n: number }>('select count(*)::int as n from notifications');

    expect(await s.listings.sessions.remove(provider, w.activity, other)).toBeGreaterThanOrEqual(1);

    const told = await messages(byEmail.id);
    expect(told.map((m) => [m.channel, m.recipient])).toEqual([
      ['email', 'alex@example.net'],
      ['email', w.linkWorker.email],
    ]);
    expect(told[0]?.body).toContain('Riverside heritage walk no longer runs every Thursday, 10am');
    expect(told[0]?.body).toContain('will be in touch to arrange your first visit on another day.');
    expect(told[1]?.subject).toBe('Session no longer runs: Riverside heritage walk');
    expect(told[1]?.body).toContain('The first visit of the person you referred was planned for Thursday 3 December 2026, one of its dates.');
    expect(await messages(waiting.id)).toEqual([]);
    const timeline = await db.query<{ note: string }>(`select note from referral_events where referral_id = $1 and kind = 'message'`, [byEmail.id]);
    expect(timeline.map((e) => e.note)).toEqual([expect.stringMatching(/^Session stopped \(Every Thursday, 10am.*\): told the person and the referrer\.$/)]);
    const after = await db.query<{ n: number }>('select count(*)::int as n from notifications');
    expect(after[0]!.n).toBeGreaterThan(before[0]!.n);
  });
});
