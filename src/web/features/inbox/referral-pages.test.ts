import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../../domain/contact-details.ts';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

type Actor =
  | 'signed out'
  | 'provider.yarmouth'
  | 'provider.frome'
  | 'linkworker.yarmouth'
  | 'linkworker.frome'
  | 'connector.yarmouth'
  | 'coordinator'
  | 'admin';
type Route = { method: 'GET' | 'POST'; url: string; allowed: Actor[]; hidden: Actor[] };
const email = (a: Actor) => `${a}@waymark.example`;
const key = () => `k${Math.random().toString(36).slice(2)}${Date.now()}`;

describe.each(ENGINES)('referral pages ($name)', (engine) => {
  let t: TestApp;
  let sentId: string;
  let personId: string;
  let activityId: string;
  let selfActivityId: string;
  let otherActivityId: string;
  const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0]!;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    const sent = await one<{ id: string; participant_id: string; activity_id: string }>(
      `select r.id, r.participant_id, r.activity_id from referrals r join users u on u.id = r.referrer_id
       where u.email = 'linkworker.yarmouth@waymark.example' and r.status = 'sent' order by r.sent_at desc limit 1`,
    );
    sentId = sent.id;
    personId = sent.participant_id;
    activityId = sent.activity_id;
    selfActivityId = (
      await one<{ id: string }>(
        `select id from activities where 'self' = any(referral_routes) and organisation_id =
      (select organisation_id from activities where id = $1) and status = 'live' limit 1`,
        [activityId],
      )
    ).id;
    // The person already has an open referral to activityId: a new one goes to another activity (decision 022).
    otherActivityId = (
      await one<{ id: string }>(
        `select a.id from activities a join organisations o on o.id = a.organisation_id
         where a.status = 'live' and o.status = 'approved' and 'link_worker' = any(a.referral_routes)
           and a.organisation_id = (select organisation_id from activities where id = $2)
           and not exists (select 1 from referrals r where r.participant_id = $1 and r.activity_id = a.id)
         order by a.title limit 1`,
        [personId, activityId],
      )
    ).id;
  }, 120_000);
  afterAll(async () => t.close());

  it('seeds referrals in every state, an overdue one, attendance, a self-referral and a connector referral in each area', async () => {
    const rows = await t.db.query<{ scheme_id: string; n: number }>(
      `select scheme_id, count(distinct status) as n from referrals where created_at > $1 group by scheme_id`,
      [new Date(t.clock.now().getTime() - 100 * 86_400_000)],
    );
    expect(rows.map((r) => r.n)).toEqual([10, 10, 10]);
    const [overdue] = await t.db.query<{ n: number }>(`select count(*) as n from referrals where status = 'sent' and response_due_at < $1`, [t.clock.now()]);
    expect(overdue!.n).toBeGreaterThanOrEqual(3);
    const [routes] = await t.db.query<{ self: number; connector: number; attended: number }>(
      `select (select count(*) from referrals where route = 'self') as self, (select count(*) from referrals where route = 'connector') as connector,
              (select count(distinct referral_id) from attendance) as attended`,
    );
    expect(routes!.self).toBeGreaterThanOrEqual(3);
    expect(routes!.connector).toBeGreaterThanOrEqual(3);
    expect(routes!.attended).toBeGreaterThan(0);
  });

  it('lets in only the right people: others are sent to sign in, refused, or told it does not exist', async () => {
    const lw: Actor = 'linkworker.yarmouth';
    const routes: Route[] = [
      { method: 'GET', url: `${paths.caseload.refer(personId)}?activity=${activityId}`, allowed: [lw], hidden: ['linkworker.frome'] },
      { method: 'POST', url: paths.caseload.refer(personId), allowed: [lw], hidden: ['linkworker.frome'] },
      { method: 'GET', url: paths.referrals.list, allowed: [lw, 'linkworker.frome', 'coordinator'], hidden: [] },
      { method: 'GET', url: paths.referrals.referral(sentId), allowed: [lw, 'coordinator'], hidden: ['linkworker.frome', 'connector.yarmouth'] },
      { method: 'POST', url: paths.referrals.status(sentId), allowed: [lw, 'coordinator'], hidden: ['linkworker.frome', 'connector.yarmouth'] },
      { method: 'GET', url: paths.inbox.list, allowed: ['provider.yarmouth', 'provider.frome'], hidden: [] },
      { method: 'GET', url: paths.inbox.registers, allowed: ['provider.yarmouth', 'provider.frome'], hidden: [] },
      { method: 'GET', url: paths.inbox.referral(sentId), allowed: ['provider.yarmouth'], hidden: ['provider.frome'] },
      { method: 'POST', url: paths.inbox.status(sentId), allowed: ['provider.yarmouth'], hidden: ['provider.frome'] },
      { method: 'GET', url: paths.inbox.register(activityId), allowed: ['provider.yarmouth'], hidden: ['provider.frome'] },
      { method: 'POST', url: paths.inbox.register(activityId), allowed: ['provider.yarmouth'], hidden: ['provider.frome'] },
      { method: 'GET', url: paths.connector.home, allowed: ['connector.yarmouth'], hidden: [] },
      { method: 'GET', url: paths.connector.refer, allowed: ['connector.yarmouth'], hidden: [] },
      { method: 'POST', url: paths.connector.refer, allowed: ['connector.yarmouth'], hidden: [] },
    ];
    const actors: Actor[] = [
      'signed out',
      'provider.yarmouth',
      'provider.frome',
      'linkworker.yarmouth',
      'linkworker.frome',
      'connector.yarmouth',
      'coordinator',
      'admin',
    ];
    const wrong: string[] = [];
    for (const actor of actors) {
      const v = new Visitor(t.app);
      if (actor !== 'signed out') await v.signIn(email(actor));
      for (const r of routes) {
        const res = r.method === 'GET' ? await v.get(r.url) : await v.post(r.url, {});
        const location = String(res.headers.location ?? '');
        const got =
          res.statusCode === 302 && location.startsWith(paths.signIn)
            ? 'sign in'
            : [403, 404].includes(res.statusCode)
              ? String(res.statusCode)
              : res.statusCode < 500
                ? 'allowed'
                : `error ${res.statusCode}`;
        const want = actor === 'signed out' ? 'sign in' : r.allowed.includes(actor) ? 'allowed' : r.hidden.includes(actor) ? '404' : '403';
        if (got !== want) wrong.push(`${actor} ${r.method} ${r.url}: expected ${want}, got ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refers from the caseload: barriers must be checked, a double submission makes one referral, then the provider accepts', async () => {
    const lw = new Visitor(t.app);
    await lw.signIn(email('linkworker.yarmouth'));
    const form = await lw.get(`${paths.caseload.refer(personId)}?activity=${otherActivityId}`);
    expect(form.body).toContain('I have checked travel, cost and access with them');
    const before = (await one<{ n: number }>('select count(*) as n from referrals')).n;
    const fields = { activityId: otherActivityId, supportNeeds: 'Needs a seat', message: 'Looking forward to it', action: 'send', idempotencyKey: key() };
    const invalid = await lw.post(paths.caseload.refer(personId), fields);
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Confirm you have checked travel, cost and access');
    expect((await one<{ n: number }>('select count(*) as n from referrals')).n).toBe(before);
    const first = await lw.post(paths.caseload.refer(personId), { ...fields, barriersChecked: 'yes' });
    const again = await lw.post(paths.caseload.refer(personId), { ...fields, barriersChecked: 'yes' });
    expect(first.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect((await one<{ n: number }>('select count(*) as n from referrals')).n).toBe(before + 1);
    const id = String(first.headers.location).split('/')[2]!.split('?')[0]!;
    const page = await lw.get(String(first.headers.location));
    expect(page.body).toContain('Referral sent');
    expect(page.body).toContain(paths.referrals.gpSummary(id));

    const provider = new Visitor(t.app);
    await provider.signIn(email('provider.yarmouth'));
    const inbox = (await provider.get(paths.inbox.list)).body;
    expect(inbox).toContain(paths.inbox.referral(id));
    // Each waiting referral shows its reply-by date; the seeded overdue one is marked, and the filter shows only overdue replies.
    expect(inbox).toContain('Reply by');
    expect(inbox).toContain('Replies overdue');
    const overdueOnly = (await provider.get(`${paths.inbox.list}?reply=overdue`)).body;
    expect(overdueOnly).toMatch(/nhsuk-tag--red">\s*Overdue/);
    expect(overdueOnly).not.toContain(paths.inbox.referral(id));
    const seen = await provider.get(paths.inbox.referral(id));
    const person = await one<{ preferred_name: string; phone: string; email: string; contact_preference: string }>('select * from participants where id = $1', [
      personId,
    ]);
    expect(seen.body).toContain(person.preferred_name);
    expect(seen.body).toContain(person.contact_preference === 'email' ? person.email : formatPhone(person.phone));
    expect((await provider.post(paths.inbox.status(id), { from: 'sent', to: 'accepted' })).statusCode).toBe(303);
    const stale = await provider.post(paths.inbox.status(id), { from: 'sent', to: 'accepted' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('changed by someone else');
    const declined = await provider.post(paths.inbox.status(id), { from: 'accepted', to: 'stopped' });
    expect(declined.statusCode).toBe(422);
    expect(declined.body).toContain('Choose why they stopped');
  });

  it('takes a self-referral from the public activity page without signing in', async () => {
    const visitor = new Visitor(t.app);
    expect((await visitor.get(paths.activity(selfActivityId))).body).toContain(paths.selfReferral.form(selfActivityId));
    const form = await visitor.get(paths.selfReferral.form(selfActivityId));
    const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    const fields = { preferredName: 'Viv', contactPreference: 'text', phone: '07700 900999', consentReferral: 'yes', idempotencyKey };
    const invalid = await visitor.post(paths.selfReferral.form(selfActivityId), { ...fields, consentReferral: undefined, phone: '', postcode: 'NR30' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('value="Viv"');
    // Errors speak to the person filling the form in; an outcode is enough, as on the link worker's form.
    expect(invalid.body).toContain('Enter a mobile number, as you would like a text');
    expect(invalid.body).not.toContain('as they would');
    expect(invalid.body).not.toContain('Enter a real postcode');
    const ok = await visitor.post(paths.selfReferral.form(selfActivityId), fields);
    expect(ok.headers.location).toBe(paths.selfReferral.sent(selfActivityId));
    expect((await visitor.get(paths.selfReferral.sent(selfActivityId))).body).toContain('What happens next');
    expect((await one<{ n: number }>(`select count(*) as n from participants where preferred_name = 'Viv' and source = 'self'`)).n).toBe(1);
  });

  it('lets a connector refer someone and keeps a register', async () => {
    const c = new Visitor(t.app);
    await c.signIn(email('connector.yarmouth'));
    const form = await c.get(paths.connector.refer);
    const option = /<option value="([0-9a-f-]{36})"/.exec(form.body)![1]!;
    const res = await c.post(paths.connector.refer, {
      activityId: option,
      preferredName: 'Norm',
      contactPreference: 'phone',
      phone: '07700 900998',
      postcode: 'nr30',
      consentVerbal: 'yes',
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(303);
    expect((await c.get(paths.connector.home)).body).toContain('Norm');
    expect(await one(`select phone, postcode from participants where preferred_name = 'Norm'`)).toEqual({ phone: '+447700900998', postcode: 'NR30' });
    expect(form.body).not.toContain('consentShare'); // no "what matters" field, so no consent to share it

    const provider = new Visitor(t.app);
    await provider.signIn(email('provider.yarmouth'));
    const holding = await one<{ id: string; activity_id: string }>(
      `select r.id, r.activity_id from referrals r join activity_sessions s on s.activity_id = r.activity_id
       where r.status = 'attending' and r.provider_organisation_id = (select organisation_id from activities where id = $1) limit 1`,
      [activityId],
    );
    const page = await provider.get(paths.inbox.register(holding.activity_id));
    expect(page.statusCode).toBe(200);
    const date = /<option value="(\d{4}-\d{2}-\d{2})" selected/.exec(page.body)![1]!;
    const nobody = await provider.post(paths.inbox.register(holding.activity_id), { date });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.body).toContain('Mark whether each person came or did not come');
    expect(nobody.body).not.toContain('Register saved');
    const saved = await provider.post(paths.inbox.register(holding.activity_id), { date, [`attended-${holding.id}`]: 'no' });
    expect(saved.statusCode).toBe(303);
    const [mark] = await t.db.query<{ attended: boolean }>('select attended from attendance where referral_id = $1 and session_date = $2', [holding.id, date]);
    expect(mark?.attended).toBe(false);
  });
});
