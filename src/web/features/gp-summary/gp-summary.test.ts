import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { makeReferral, makeWorld, type World } from '../../../../test/fixtures/notify.fixtures.ts';
import { paths } from '../../paths.ts';

type Actor = 'signed out' | 'provider' | 'link worker' | 'other link worker' | 'connector' | 'coordinator' | 'other coordinator' | 'admin';

/** The GP summary, overdue referrals and letters pages, against everyone who might try them. */
describe.each(ENGINES)('GP summary, overdue referrals and letters ($name)', (engine) => {
  let t: TestApp;
  let w: World;
  let other: World;
  let referralId: string;
  let letterId: string;
  const logins: Partial<Record<Actor, string>> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    w = await makeWorld(t.db);
    other = await makeWorld(t.db, { schemeName: 'Other scheme' });
    const r = await makeReferral(t.db, w, {
      status: 'declined',
      statusReason: 'full',
      sentAt: new Date('2026-11-02T10:00:00Z'),
      responseDueAt: new Date('2026-11-16T23:59:59.999Z'),
    });
    referralId = r.id;
    // Overdue and waiting.
    await makeReferral(t.db, w, { status: 'sent', sentAt: new Date('2026-11-02T10:00:00Z'), responseDueAt: new Date('2026-11-16T23:59:59.999Z') });
    // A self-referral accepted by the provider, for someone who asked for letters.
    const self = await makeReferral(t.db, w, { route: 'self', status: 'sent', contactPreference: 'letter' });
    await t.db.transaction(async (tx) => {
      await tx.query(`update referrals set status = 'accepted' where id = $1`, [self.id]);
      for (const o of t.services.notify.observers)
        await o(tx, { referralId: self.id, from: 'sent', to: 'accepted', actorId: w.provider.id, note: '', at: new Date() });
    });
    letterId = (await t.db.query<{ id: string }>(`select id from notifications where channel = 'letter' and referral_id = $1`, [self.id]))[0]!.id;
    logins.provider = w.provider.email;
    logins['link worker'] = w.linkWorker.email;
    logins['other link worker'] = other.linkWorker.email;
    logins.connector = w.connector.email;
    logins.coordinator = w.coordinator.email;
    logins['other coordinator'] = other.coordinator.email;
    const { makeUser } = await import('../../../../test/factories.ts');
    logins.admin = (await makeUser(t.db, { role: 'admin' })).email;
  });
  afterAll(async () => t.close());

  const visitor = async (actor: Actor) => {
    const v = new Visitor(t.app);
    if (actor !== 'signed out') await v.signIn(logins[actor]!, 'test-password-123');
    return v;
  };
  const outcome = (status: number, location?: string) =>
    status === 302 && location?.startsWith('/sign-in') ? 'sign in' : status === 200 ? 'allowed' : String(status);

  it.each<[Actor, string, string, string]>([
    // actor, GP summary, overdue list, letters
    ['signed out', 'sign in', 'sign in', 'sign in'],
    ['provider', '403', '403', '403'],
    ['connector', '403', '403', '403'],
    ['admin', '403', 'allowed', '403'],
    ['other link worker', '404', '403', '403'],
    ['other coordinator', '404', 'allowed', 'allowed'],
    ['link worker', 'allowed', '403', '403'],
    ['coordinator', 'allowed', 'allowed', 'allowed'],
  ])('%s: GP summary %s, overdue %s, letters %s', async (actor, gp, overdue, letters) => {
    const v = await visitor(actor);
    const results = [];
    for (const url of [paths.referrals.gpSummary(referralId), paths.coordinator.overdueReferrals, paths.coordinator.letters]) {
      const res = await v.get(url);
      results.push(outcome(res.statusCode, res.headers.location as string | undefined));
    }
    expect(results).toEqual([gp, overdue, letters]);
  });

  it('shows the GP summary as text to copy, and audits the view', async () => {
    const v = await visitor('link worker');
    const res = await v.get(paths.referrals.gpSummary(referralId));
    expect(res.body).toContain('<label class="nhsuk-label nhsuk-label--s" for="gp-summary">');
    expect(res.body).toContain('871731000000106 | Referral to social prescribing service');
    expect(res.body).toContain('Provider: Riverside Heritage Trust');
    expect(res.body).toContain('readonly');
    const audit = await t.db.query<{ actor_id: string }>(`select actor_id from audit_events where action = 'participant.gp_summary_viewed'`);
    expect(audit.map((a) => a.actor_id)).toContain(w.linkWorker.id);
  });

  it('lists overdue referrals of the coordinator’s own scheme, without names', async () => {
    const mine = await (await visitor('coordinator')).get(paths.coordinator.overdueReferrals);
    expect(mine.body).toContain('Riverside heritage walk');
    expect(mine.body).toContain('4 working days'); // due Monday 16th; now Saturday 21st → 17, 18, 19, 20
    expect(mine.body).not.toContain('Alex');
    const theirs = await (await visitor('other coordinator')).get(paths.coordinator.overdueReferrals);
    expect(theirs.body).toContain('No referrals are overdue.');
  });

  it('lets the scheme’s coordinator print letters and mark one posted, once', async () => {
    const v = await visitor('coordinator');
    const page = await v.get(paths.coordinator.letters);
    expect(page.body).toContain('1 Test Row, Testtown');
    expect(page.body).toContain('Hello Alex,');
    expect((await (await visitor('other coordinator')).post(paths.coordinator.letterPosted(letterId))).statusCode).toBe(404);
    const posted = await v.post(paths.coordinator.letterPosted(letterId));
    expect(posted.statusCode).toBe(303);
    expect((await v.get(paths.coordinator.letters)).body).toContain('There are no letters to post.');
    expect((await v.post(paths.coordinator.letterPosted(letterId))).statusCode).toBe(409);
    const row = (await t.db.query<{ status: string; posted_by: string }>('select status, posted_by from notifications where id = $1', [letterId]))[0]!;
    expect(row).toEqual({ status: 'sent', posted_by: w.coordinator.id });
  });
});
