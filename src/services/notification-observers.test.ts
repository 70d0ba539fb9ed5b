import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { testConfig } from '../config.ts';
import type { Db } from '../data/database.ts';
import { fixedClock } from '../domain/clock.ts';
import type { ReferralStatus } from '../domain/referral.ts';
import { createServices, type Services } from '../services.ts';
import { makeReferral, makeWorld, type World } from '../../test/fixtures/notify.fixtures.ts';
import { submit } from '../../test/forms.ts';
import { statusChangeForm } from '../web/features/referrals/status-change.form.ts';

const AT = new Date('2026-11-16T14:00:00Z');

async function change(s: Services, db: Db, referralId: string, from: ReferralStatus | null, to: ReferralStatus, actorId: string | null, fields = '') {
  await db.transaction(async (tx) => {
    await tx.query(`update referrals set status = $2 ${fields} where id = $1`, [referralId, to]);
    for (const observe of s.notify.observers) await observe(tx, { referralId, from, to, actorId, note: '', at: AT });
  });
}
const mail = (db: Db, id: string) =>
  db.query<{ channel: string; recipient: string; subject: string; body: string; status: string }>(
    'select channel, recipient, subject, body, status from notifications where referral_id = $1 order by created_at, id',
    [id],
  );

describe.each(ENGINES)('closing the loop ($name)', (engine) => {
  let db: Awaited<ReturnType<typeof engine.open>>;
  let s: Services;
  let w: World;

  beforeAll(async () => {
    db = await engine.open();
    s = createServices({ db, config: testConfig({ outboxDir: '/nonexistent/never-used' }), clock: fixedClock(AT) });
    w = await makeWorld(db);
  });
  afterAll(async () => db.drop());

  it('tells the referring link worker what the provider decided, by whom, and what to do next', async () => {
    const r = await makeReferral(db, w, { status: 'sent' });
    await change(s, db, r.id, 'sent', 'declined', w.provider.id, `, status_reason = 'full'`);
    const [m, ...rest] = await mail(db, r.id);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ channel: 'email', recipient: w.linkWorker.email, subject: 'Referral declined: Riverside heritage walk', status: 'pending' });
    expect(m!.body).toContain('Riverside Heritage Trust');
    expect(m!.body).toContain('Reason: The activity is full.');
    expect(m!.body).toContain('What to do next: talk with the person about another activity');
    expect(m!.body).toMatch(/See the referral: http:\/\/localhost:3000\/referrals\//);
    expect(m!.body).not.toContain('Alex');
    expect((await db.query<{ responded_at: Date | null }>('select responded_at from referrals where id = $1', [r.id]))[0]!.responded_at).not.toBeNull();
  });

  it('never quotes a free-text reason', async () => {
    const r = await makeReferral(db, w, { status: 'attending' });
    await change(s, db, r.id, 'attending', 'stopped', w.provider.id, `, status_reason = 'other'`);
    const [m] = await mail(db, r.id);
    expect(m!.body).not.toContain('Reason:');
  });

  it('tells the provider, not the referrer, when the referrer withdraws', async () => {
    const r = await makeReferral(db, w, { status: 'sent' });
    await change(s, db, r.id, 'sent', 'withdrawn', w.linkWorker.id);
    const messages = await mail(db, r.id);
    expect(messages.map((m) => [m.recipient, m.subject])).toEqual([[w.provider.email, 'Referral withdrawn: Riverside heritage walk']]);
  });

  it('writes to a self-referrer by their contact preference when they agreed to follow-up', async () => {
    const byEmail = await makeReferral(db, w, { route: 'self', status: 'sent', contactPreference: 'email' });
    const byText = await makeReferral(db, w, { route: 'self', status: 'sent', contactPreference: 'text' });
    const byLetter = await makeReferral(db, w, { route: 'self', status: 'sent', contactPreference: 'letter' });
    const byPhone = await makeReferral(db, w, { route: 'self', status: 'sent', contactPreference: 'phone' });
    const noConsent = await makeReferral(db, w, { route: 'self', status: 'sent', contactPreference: 'email', followUp: false });
    for (const r of [byEmail, byText, byLetter, byPhone, noConsent]) await change(s, db, r.id, 'sent', 'accepted', w.provider.id);

    const [email] = await mail(db, byEmail.id);
    expect(email).toMatchObject({ channel: 'email', recipient: 'alex@example.net', subject: 'Good news: Riverside heritage walk' });
    expect(email!.body).toMatch(/^Hello Alex,/);
    const [text] = await mail(db, byText.id);
    expect(text).toMatchObject({ channel: 'text', recipient: '07700 900123' });
    expect(text!.body.length).toBeLessThan(200);
    const [letter] = await mail(db, byLetter.id);
    expect(letter).toMatchObject({ channel: 'letter', recipient: 'Alex\n1 Test Row, Testtown\nTT1 1AA' });
    expect(await mail(db, byPhone.id)).toEqual([]);
    expect(await mail(db, noConsent.id)).toEqual([]);
  });

  it('confirms a self-referral to the person and tells the provider', async () => {
    const r = await makeReferral(db, w, { route: 'self' });
    await change(s, db, r.id, null, 'sent', null);
    const messages = await mail(db, r.id);
    expect(messages.map((m) => m.recipient).sort()).toEqual(['alex@example.net', w.provider.email].sort());
    const toPerson = messages.find((m) => m.recipient === 'alex@example.net')!;
    expect(toPerson.body).toContain('They will reply by Monday 30 November 2026');
    const toProvider = messages.find((m) => m.recipient === w.provider.email)!;
    expect(toProvider.body).toContain('Someone has sent a referral');
  });

  it('tells a connector by email about their referral', async () => {
    const r = await makeReferral(db, w, { route: 'connector', status: 'sent' });
    await change(s, db, r.id, 'sent', 'waiting_list', w.provider.id);
    const messages = await mail(db, r.id);
    expect(messages.map((m) => [m.recipient, m.subject])).toEqual([[w.connector.email, 'Referral on the waiting list: Riverside heritage walk']]);
  });

  it('runs inside the referral pathway: sending sets the due date, the provider’s acceptance tells the link worker', async () => {
    const r = await makeReferral(db, w);
    const user = (u: { id: string; email: string }, role: 'link_worker' | 'provider', organisationIds: string[]) => ({
      id: u.id,
      email: u.email,
      displayName: 'Test',
      role,
      organisationIds,
      schemeId: role === 'provider' ? null : w.schemeId,
    });
    await submit(statusChangeForm, { from: 'draft', to: 'sent', barriersChecked: 'yes' }, (f) =>
      s.referral.referrals.change(user(w.linkWorker, 'link_worker', [w.referrerOrg]), r.id, f),
    );
    const due = await db.query<{ response_due_at: Date }>('select response_due_at from referrals where id = $1', [r.id]);
    expect(due[0]!.response_due_at.toISOString()).toBe('2026-11-30T23:59:59.999Z');
    await submit(statusChangeForm, { from: 'sent', to: 'accepted' }, (f) =>
      s.referral.referrals.change(user(w.provider, 'provider', [w.providerOrg]), r.id, f),
    );
    // Both at the same pinned time, so in no particular order.
    expect((await mail(db, r.id)).map((m) => `${m.recipient} ${m.subject}`).sort()).toEqual(
      [`${w.linkWorker.email} Referral accepted: Riverside heritage walk`, `${w.provider.email} New referral: Riverside heritage walk`].sort(),
    );
  });
});
