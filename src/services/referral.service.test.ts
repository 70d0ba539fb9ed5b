import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeSession } from '../../test/factories.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import type { Db } from '../data/database.ts';
import { createAuditRepository } from '../data/repositories/audit.repository.ts';
import { fixedClock } from '../domain/clock.ts';
import { AlreadyReferred, Conflict, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { canTransition, REFERRAL_STATUSES, type ReferralStatus, type Side } from '../domain/referral.ts';
import type { User } from '../domain/user.ts';
import { PLACE_TAKEN, STALE } from './referral-lifecycle.service.ts';
import type { ReferralChange } from './referral-observers.ts';
import { createReferralServices, type ReferralServices } from './referral-services.ts';
import { makeParticipant, makeProvider, makeScheme, makeStaff, referralForm } from '../../test/fixtures/referral.fixtures.ts';
import { submit } from '../../test/forms.ts';
import type { InboxFilter } from './referral-inbox.service.ts';
import { registerForm } from '../web/features/inbox/register.form.ts';
import { referForm } from '../web/features/referrals/refer.form.ts';
import { statusChangeForm } from '../web/features/referrals/status-change.form.ts';

const STATUSES = REFERRAL_STATUSES.map((s) => s.code as ReferralStatus);

/** What each target status needs in the form, so only the side rules decide. */
const formFor = (from: ReferralStatus, to: ReferralStatus) => ({
  from,
  to,
  declineReason: 'full',
  stopReason: 'health',
  visitDateDay: '3',
  visitDateMonth: '12',
  visitDateYear: '2026',
  visitReason: 'They would like a quiet look round first',
  nextSteps: 'carry_on',
  barriersChecked: 'yes',
});

describe.each(ENGINES)('referral lifecycle ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let s: ReferralServices;
  let scheme: string;
  let linkWorker: User;
  let provider: Awaited<ReturnType<typeof makeProvider>>;
  let other: Awaited<ReturnType<typeof makeProvider>>;
  const changes: ReferralChange[] = [];
  const count = async (table: string) => (await db.query<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n;

  beforeAll(async () => {
    db = await engine.open();
    s = createReferralServices({
      db,
      audit: createAuditRepository(db, fixedClock(TEST_NOW)),
      clock: fixedClock(TEST_NOW),
      observers: [
        async (tx, c) => {
          await tx.query('select 1');
          changes.push(c);
        },
      ],
    });
    scheme = await makeScheme(db);
    linkWorker = await makeStaff(db, 'link_worker', scheme);
    provider = await makeProvider(db, scheme);
    other = await makeProvider(db, scheme, { name: 'Another Trust' });
  });
  afterAll(async () => db.drop());

  const refer = async (over: Record<string, unknown> = {}, target = provider.activityId, consents?: string[]) => {
    const person = await makeParticipant(db, scheme, linkWorker.id, consents ? { consents } : {});
    return submit(referForm, referralForm(target, over), (f) => s.referrals.create(linkWorker, person, f));
  };
  const change = (user: User, id: string, from: ReferralStatus, to: ReferralStatus, extra: Record<string, unknown> = {}) =>
    submit(statusChangeForm, { ...formFor(from, to), ...extra }, (f) => s.referrals.change(user, id, f));
  const statusOf = async (id: string) => (await db.query<{ status: string }>('select status from referrals where id = $1', [id]))[0]!.status;

  it('goes from draft to completed, writing the timeline, the audit trail and telling every observer', async () => {
    const id = await refer({ action: 'draft' });
    expect(await statusOf(id)).toBe('draft');
    await change(linkWorker, id, 'draft', 'sent');
    await change(provider.staff, id, 'sent', 'accepted');
    // TEST_NOW is 21 November 2026: a first visit the day before is refused by the service, next to the date.
    const past = await change(linkWorker, id, 'accepted', 'first_visit_planned', { visitDateDay: '20', visitDateMonth: '11', visitDateYear: '2026' }).catch(
      (e: unknown) => e,
    );
    expect((past as ValidationFailed).errors).toEqual([{ field: 'visitDate', message: 'Date of the first visit must be today or in the future' }]);
    expect(await statusOf(id)).toBe('accepted');
    await change(linkWorker, id, 'accepted', 'first_visit_planned', { buddy: 'Ken', transport: 'Minibus' });
    await change(provider.staff, id, 'first_visit_planned', 'attending');
    await change(linkWorker, id, 'attending', 'completed', { nextSteps: ['volunteer', 'carry_on'] });
    const v = await s.referrals.view(linkWorker, id);
    expect(v.referral).toMatchObject({ status: 'completed', firstVisitDate: '2026-12-03', firstVisitBuddy: 'Ken', nextSteps: ['volunteer', 'carry_on'] });
    expect(v.events.map((e) => e.to)).toEqual(['draft', 'sent', 'accepted', 'first_visit_planned', 'attending', 'completed']);
    expect(changes.filter((c) => c.referralId === id).map((c) => `${c.from}>${c.to}`)).toEqual([
      'null>draft',
      'draft>sent',
      'sent>accepted',
      'accepted>first_visit_planned',
      'first_visit_planned>attending',
      'attending>completed',
    ]);
    const audit = await db.query<{ action: string }>(`select action from audit_events where subject_id = $1 and action = 'referral.status_changed'`, [id]);
    expect(audit).toHaveLength(5);
  });

  it('allows exactly the transitions the lifecycle gives each side, and refuses the rest', async () => {
    const id = await refer({ action: 'draft' });
    const wrong: string[] = [];
    for (const from of STATUSES)
      for (const to of STATUSES)
        for (const side of ['referrer', 'provider'] as Side[]) {
          await db.query(`update referrals set status = $2, sent_at = coalesce(sent_at, to_timestamp(1795255200)) where id = $1`, [id, from]);
          const user = side === 'referrer' ? linkWorker : provider.staff;
          const ok = await change(user, id, from, to).then(
            () => true,
            (e) => {
              if (!(e instanceof Conflict || e instanceof Forbidden)) throw e;
              return false;
            },
          );
          if (ok !== canTransition(from, to, side)) wrong.push(`${side} ${from} → ${to}: ${ok ? 'allowed' : 'refused'}`);
        }
    expect(wrong).toEqual([]);
  });

  it('sends only with consent to being referred, and saves nothing when refused', async () => {
    const before = await count('referrals');
    await expect(refer({}, provider.activityId, [])).rejects.toBeInstanceOf(ValidationFailed);
    expect(await count('referrals')).toBe(before);
    const person = await makeParticipant(db, scheme, linkWorker.id, { consents: [] });
    const id = await submit(referForm, referralForm(provider.activityId, { action: 'draft' }), (f) => s.referrals.create(linkWorker, person, f));
    await expect(change(linkWorker, id, 'draft', 'sent')).rejects.toBeInstanceOf(ValidationFailed);
    await db.query(
      `insert into consents (participant_id, purpose, method, withdrawn_at, given_at) values ($1, 'referral', 'verbal', to_timestamp(1795255200), to_timestamp(1795255200))`,
      [person],
    );
    await expect(change(linkWorker, id, 'draft', 'sent')).rejects.toBeInstanceOf(ValidationFailed);
    await db.query(`insert into consents (participant_id, purpose, method, given_at) values ($1, 'referral', 'verbal', to_timestamp(1795255200))`, [person]);
    await change(linkWorker, id, 'draft', 'sent');
    expect(await statusOf(id)).toBe('sent');
  });

  it('needs a reason to decline or stop, and words for "another reason"', async () => {
    const id = await refer();
    await expect(change(provider.staff, id, 'sent', 'declined', { declineReason: '' })).rejects.toBeInstanceOf(ValidationFailed);
    await expect(change(provider.staff, id, 'sent', 'declined', { declineReason: 'other', note: '' })).rejects.toBeInstanceOf(ValidationFailed);
    await change(provider.staff, id, 'sent', 'declined', { declineReason: 'other', note: 'We are closed for building works until March' });
    const v = await s.referrals.view(linkWorker, id);
    expect(v.referral.statusReason).toBe('other');
    expect(v.events.at(-1)?.note).toBe('We are closed for building works until March');
  });

  it('answers a stale form or a double submission with a conflict, not a second change', async () => {
    const id = await refer();
    await change(provider.staff, id, 'sent', 'accepted');
    await expect(change(provider.staff, id, 'sent', 'accepted')).rejects.toThrow(STALE);
    await expect(change(provider.staff, id, 'sent', 'waiting_list')).rejects.toThrow(STALE);
    expect((await s.referrals.view(linkWorker, id)).events.filter((e) => e.to === 'accepted')).toHaveLength(1);
  });

  it('makes one referral from a form submitted twice, even at the same moment', async () => {
    const person = await makeParticipant(db, scheme, linkWorker.id);
    const form = referralForm(provider.activityId);
    const [a, b] = await Promise.all([
      submit(referForm, form, (f) => s.referrals.create(linkWorker, person, f)),
      submit(referForm, form, (f) => s.referrals.create(linkWorker, person, f)),
    ]);
    const c = await submit(referForm, form, (f) => s.referrals.create(linkWorker, person, f));
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(await db.query('select id from referrals where participant_id = $1', [person])).toHaveLength(1);
  });

  it('plans a first visit on one of the activity’s next sessions, or on another day only with a reason', async () => {
    const weekly = await makeProvider(db, scheme, { name: 'Tuesday Museum' });
    await makeSession(db, weekly.activityId, { weekday: 2 });
    const id = await refer({}, weekly.activityId);
    await change(weekly.staff, id, 'sent', 'accepted');
    const v = await s.referrals.view(linkWorker, id);
    // TEST_NOW is Saturday 21 November 2026: the next Tuesdays.
    expect(v.firstVisitSessions.map((o) => o.date).slice(0, 3)).toEqual(['2026-11-24', '2026-12-01', '2026-12-08']);
    const plan = (extra: Record<string, unknown>) =>
      change(linkWorker, id, 'accepted', 'first_visit_planned', { visitDateDay: '', visitDateMonth: '', visitDateYear: '', visitReason: '', ...extra });
    const thursday = { visitSession: 'other', visitDateDay: '3', visitDateMonth: '12', visitDateYear: '2026' };
    const refused = await plan(thursday).catch((e: unknown) => e);
    expect((refused as ValidationFailed).errors.map((e) => e.field)).toEqual(['visitReason']);
    await expect(plan({ visitSession: '2026-11-26' })).rejects.toBeInstanceOf(ValidationFailed);
    await expect(plan({})).rejects.toBeInstanceOf(ValidationFailed);
    expect(await statusOf(id)).toBe('accepted');
    await plan({ visitSession: '2026-12-01' });
    expect((await s.referrals.view(linkWorker, id)).referral.firstVisitDate).toBe('2026-12-01');
    // A typed date the activity runs on needs no reason; another day does.
    await change(linkWorker, id, 'first_visit_planned', 'first_visit_planned', { ...thursday, visitDateDay: '8', visitReason: '' });
    await change(linkWorker, id, 'first_visit_planned', 'first_visit_planned', { ...thursday, visitReason: 'Jo shows them round on a quiet day' });
    const after = await s.referrals.view(linkWorker, id);
    expect(after.referral.firstVisitDate).toBe('2026-12-03');
    expect(after.events.at(-1)?.note).toBe('Jo shows them round on a quiet day');
  });

  it('refuses a second open referral of a person to the same activity, even sent at the same moment, and allows one once the first has closed', async () => {
    const person = await makeParticipant(db, scheme, linkWorker.id);
    const create = (over: Record<string, unknown> = {}, target = provider.activityId) =>
      submit(referForm, referralForm(target, over), (f) => s.referrals.create(linkWorker, person, f));
    const results = await Promise.allSettled([create(), create({ action: 'draft' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const first = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<string>).value;
    const refused = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(AlreadyReferred);
    expect((refused as AlreadyReferred).existing.id).toBe(first);
    expect((refused as AlreadyReferred).errors[0]?.field).toBe('existingReferral');
    expect((await s.referrals.referForm(linkWorker, person, provider.activityId)).openReferral?.id).toBe(first);
    // Another activity is a different referral.
    await create({}, other.activityId);
    const status = await statusOf(first);
    if (status === 'draft') await change(linkWorker, first, 'draft', 'withdrawn');
    else await change(linkWorker, first, 'sent', 'withdrawn');
    const again = await create();
    expect(again).not.toBe(first);
    expect((await s.referrals.referForm(linkWorker, person, provider.activityId)).openReferral?.id).toBe(again);
  });

  it('gives the last place to one of two staff accepting at once; the other is told to use the waiting list', async () => {
    const small = await makeProvider(db, scheme, { capacity: 2, name: 'Small Museum' });
    const first = await refer({}, small.activityId);
    await change(small.staff, first, 'sent', 'accepted');
    const [x, y] = [await refer({}, small.activityId), await refer({}, small.activityId)];
    // A slow observer keeps each transaction open after its update, so without the lock both would count one place taken.
    const slow = createReferralServices({
      db,
      audit: createAuditRepository(db, fixedClock(TEST_NOW)),
      clock: fixedClock(TEST_NOW),
      observers: [() => new Promise((r) => setTimeout(r, 150))],
    });
    const accept = (id: string) => slow.referrals.change(small.staff, id, statusChangeForm.parse(formFor('sent', 'accepted')));
    const results = await Promise.allSettled([accept(x), accept(y)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Conflict);
    expect(refused.reason.message).toBe(PLACE_TAKEN);
    const loser = (await statusOf(x)) === 'accepted' ? y : x;
    await change(small.staff, loser, 'sent', 'waiting_list');
    await expect(change(small.staff, loser, 'waiting_list', 'accepted')).rejects.toThrow(PLACE_TAKEN);
    await change(linkWorker, first, 'accepted', 'stopped', { stopReason: 'person_chose' });
    await change(small.staff, loser, 'waiting_list', 'accepted');
    expect(await statusOf(loser)).toBe('accepted');
  });

  it('shows providers only their own referrals, never drafts, and what matters only with consent to share', async () => {
    const sent = await refer();
    const draft = await refer({ action: 'draft' });
    await expect(s.referrals.view(other.staff, sent)).rejects.toBeInstanceOf(NotFound);
    await expect(s.referrals.view(provider.staff, draft)).rejects.toBeInstanceOf(NotFound);
    const v = await s.referrals.view(provider.staff, sent);
    expect(v.view).toBe('provider');
    expect(v.person).toMatchObject({ preferredName: 'Maggie', phone: '07700 900111', whatMatters: null });
    const shared = await refer({}, provider.activityId, ['referral', 'share_with_provider']);
    expect((await s.referrals.view(provider.staff, shared)).person?.whatMatters).toBe('Loves the sea and old photographs');
    const inbox = await s.inbox.inbox(provider.staff, undefined);
    expect(inbox.items.map((i) => i.id)).toContain(sent);
    expect(inbox.items.map((i) => i.id)).not.toContain(draft);
    expect((await s.inbox.inbox(other.staff, undefined)).items.map((i) => i.id)).not.toContain(sent);
    const stranger = await makeStaff(db, 'link_worker', scheme);
    await expect(s.referrals.view(stranger, sent)).rejects.toBeInstanceOf(NotFound);
    const coordinator = await makeStaff(db, 'coordinator', scheme);
    expect((await s.referrals.view(coordinator, sent)).side).toBeNull();
    await expect(change(coordinator, sent, 'sent', 'withdrawn')).rejects.toBeInstanceOf(Forbidden);
  });

  it('shows providers their open referrals first, and closed ones on request', async () => {
    const open = await refer();
    const closed = await refer();
    await change(provider.staff, closed, 'sent', 'declined', { declineReason: 'full' });
    const ids = async (filter?: InboxFilter) => (await s.inbox.inbox(provider.staff, filter)).items.map((i) => i.id);
    expect(await ids(undefined)).toContain(open);
    expect(await ids(undefined)).not.toContain(closed);
    expect(await ids('all')).toEqual(expect.arrayContaining([open, closed]));
    expect(await ids('declined')).toContain(closed);
    expect(await ids('declined')).not.toContain(open);
  });

  it('says where each reply stands, and filters the inbox to overdue or soon-due replies, soonest first', async () => {
    const due = async (iso: string) => {
      const id = await refer();
      await db.query('update referrals set response_due_at = $2 where id = $1', [id, iso]);
      return id;
    };
    // TEST_NOW is Saturday 21 November 2026, 10am.
    const overdue = await due('2026-11-20T23:59:59.999Z');
    const soon = await due('2026-11-23T23:59:59.999Z'); // Monday: reminded from Friday, so due soon
    const later = await due('2026-12-04T23:59:59.999Z');
    const replies = Object.fromEntries((await s.inbox.inbox(provider.staff)).items.map((i) => [i.id, i.reply]));
    expect([replies[overdue], replies[soon], replies[later]]).toEqual(['overdue', 'due_soon', 'waiting']);
    const ids = async (reply: 'overdue' | 'due_soon') => (await s.inbox.inbox(provider.staff, 'open', reply)).items.map((i) => i.id);
    expect(await ids('overdue')).toContain(overdue);
    expect(await ids('overdue')).not.toContain(soon);
    const soonFirst = await ids('due_soon');
    expect(soonFirst.indexOf(overdue)).toBeLessThan(soonFirst.indexOf(soon));
    expect(soonFirst).not.toContain(later);
  });

  it('keeps registers per session date and shows each person their attendance', async () => {
    await makeSession(db, provider.activityId, { weekday: 2 });
    const id = await refer();
    await change(provider.staff, id, 'sent', 'accepted');
    // Accepted today (Saturday 21 November): not on the register of a session before that.
    expect((await s.inbox.register(provider.staff, provider.activityId)).lines.map((l) => l.referralId)).not.toContain(id);
    await db.query(`update referrals set responded_at = '2026-11-12T10:00:00Z' where id = $1`, [id]);
    const reg = await s.inbox.register(provider.staff, provider.activityId);
    expect(reg.date).toBe('2026-11-17');
    expect(reg.lines.map((l) => l.referralId)).toContain(id);
    await submit(registerForm, { date: '2026-11-17', [`attended-${id}`]: 'yes' }, (f) => s.inbox.saveRegister(provider.staff, provider.activityId, f));
    // Accepted on the 12th, so the 10th's register cannot record them.
    await submit(registerForm, { date: '2026-11-10', [`attended-${id}`]: 'no' }, (f) => s.inbox.saveRegister(provider.staff, provider.activityId, f));
    expect((await s.referrals.view(provider.staff, id)).attendance).toEqual([{ sessionDate: '2026-11-17', attended: true }]);
    await expect(submit(registerForm, { date: '2026-11-18' }, (f) => s.inbox.saveRegister(provider.staff, provider.activityId, f))).rejects.toBeInstanceOf(
      ValidationFailed,
    );
    await expect(s.inbox.register(other.staff, provider.activityId)).rejects.toBeInstanceOf(NotFound);
  });
});
