import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../test/test-app.ts';
import { hashPassword } from '../domain/password.ts';
import { DEMO_PASSWORD } from '../data/seed/demo-accounts.ts';
import { paths } from '../web/paths.ts';

const LEAD = 'volunteers.nottingham@waymark.example';
const BUDDY = 'buddy.nottingham@waymark.example';

/** Issue 9 part A: profiles, pause and stop, light-touch recruitment, training and checks, reminders. */
describe.each(ENGINES)('volunteer recruitment, training and checks ($name)', (engine) => {
  let t: TestApp;
  let lead: Visitor;
  let buddy: Visitor;
  const idOf = async (knownAs: string) => (await t.db.query<{ id: string }>('select id from volunteers where known_as = $1', [knownAs]))[0]!.id;
  const date = (name: string, iso: string) => ({ [`${name}Day`]: iso.slice(8, 10), [`${name}Month`]: iso.slice(5, 7), [`${name}Year`]: iso.slice(0, 4) });
  const audits = async (action: string) => (await t.db.query<{ n: number }>('select count(*)::int as n from audit_events where action = $1', [action]))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    lead = new Visitor(t.app);
    await lead.signIn(LEAD);
    buddy = new Visitor(t.app);
    await buddy.signIn(BUDDY);
  });
  afterAll(async () => t.close());

  it('lets a volunteer edit their own profile, with messages next to the fields and nothing changed on bad input', async () => {
    const form = await buddy.get(paths.volunteering.profile);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('never shown to the people you go with');
    const bad = await buddy.post(paths.volunteering.profile, {
      knownAs: '',
      contactPreference: 'text',
      phone: '',
      travelMiles: '99',
      capacity: '0',
      drives: 'yes',
      languages: 'en',
      availability: ['mon_morning', 'someday_noon'],
      emergencyContactName: 'Pat Shaw',
      emergencyContactPhone: '123',
    });
    expect(bad.statusCode).toBe(422);
    for (const message of [
      'Enter the name you would like to be called',
      'Enter your phone number',
      'must be from 0 to 50',
      'must be from 1 to 10',
      'Choose times from the table',
      'Enter a UK phone number for your emergency contact',
    ])
      expect(bad.body).toContain(message);
    expect((await t.db.query<{ known_as: string }>('select known_as from volunteers where id = $1', [await idOf('Alan')]))[0]!.known_as).toBe('Alan');

    const ok = await buddy.post(paths.volunteering.profile, {
      knownAs: 'Al',
      contactPreference: 'text',
      phone: '07700 900431',
      postcode: '',
      travelMiles: '5',
      languages: ['en', 'pl'],
      availability: ['tue_morning', 'sat_afternoon'],
      interests: ['walk'],
      offers: ['first_visits'],
      drives: 'no',
      capacity: '2',
      gender: '',
      emergencyContactName: 'Pat Shaw',
      emergencyContactPhone: '07700 900432',
    });
    expect(ok.statusCode).toBe(303);
    const [row] = await t.db.query<{
      known_as: string;
      travel_miles: number;
      languages: string[];
      availability: string[];
      gender: string | null;
      postcode: string | null;
    }>('select known_as, travel_miles, languages, availability, gender, postcode from volunteers where user_id = (select id from users where email = $1)', [
      BUDDY,
    ]);
    expect(row).toEqual({
      known_as: 'Al',
      travel_miles: 5,
      languages: ['en', 'pl'],
      availability: ['tue_morning', 'sat_afternoon'],
      gender: null,
      postcode: null,
    });
    const [audit] = await t.db.query<{ detail: { changed: string[] } }>(`select detail from audit_events where action = 'volunteer.profile_updated'`);
    expect(audit!.detail.changed).toContain('knownAs');
    expect(JSON.stringify(audit!.detail)).not.toContain('07700');
  });

  it('lets a volunteer pause with a confirmation step and come back', async () => {
    const alan = await idOf('Al');
    expect((await buddy.get(paths.volunteering.pause)).body).toContain('Take a break from volunteering');
    expect((await buddy.post(paths.volunteering.pause)).headers.location).toBe(`${paths.volunteering.home}?done=paused`);
    const status = async () => (await t.db.query<{ status: string }>('select status from volunteers where id = $1', [alan]))[0]!.status;
    expect(await status()).toBe('paused');
    expect((await buddy.get(paths.volunteering.home)).body).toContain('Paused by the volunteer');
    const blockers = await t.services.volunteers.matchingBlockers([alan]);
    expect(blockers.get(alan)).toEqual(['Paused by the volunteer']);
    await buddy.post(paths.volunteering.resume);
    expect(await status()).toBe('ready');
    expect(await audits('volunteer.paused')).toBe(1);
    expect(await audits('volunteer.resumed')).toBe(1);
  });

  it('keeps volunteers within their organisations: a lead of another organisation gets 404, a buddy never sees another volunteer', async () => {
    const bev = await idOf('Bev');
    expect((await lead.get(paths.volunteers.volunteer(bev))).statusCode).toBe(200);
    const { id: frome } = (await t.db.query<{ id: string }>(`select id from organisations where name = 'Frome History Society'`))[0]!;
    const [other] = await t.db.query<{ id: string }>(
      `insert into users (email, display_name, password_hash, role, created_at) values ('lead.elsewhere@example.org', 'Other Lead', $1, 'volunteer_lead', $2) returning id`,
      [await hashPassword(DEMO_PASSWORD), t.clock.now()],
    );
    await t.db.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3)', [other!.id, frome, t.clock.now()]);
    const elsewhere = new Visitor(t.app);
    await elsewhere.signIn('lead.elsewhere@example.org');
    expect((await elsewhere.get(paths.volunteers.volunteer(bev))).statusCode).toBe(404);
    expect((await elsewhere.post(paths.volunteers.steps(bev), { step: 'conversation', ...date('doneOn', '2026-11-01') })).statusCode).toBe(404);
    const [dev] = await t.db.query<{ id: string }>(`select id from volunteer_interests where known_as = 'Dev'`);
    expect((await elsewhere.get(paths.volunteers.interest(dev!.id))).statusCode).toBe(404);
    expect((await elsewhere.get(paths.volunteers.list)).body).not.toContain('Bev');
    expect((await buddy.get(paths.volunteers.volunteer(bev))).statusCode).toBe(403);
    expect((await buddy.get(paths.volunteering.home)).body).not.toContain('Bev');
  });

  it('refuses a DBS check the role is not eligible for, with the reason next to the field, and records one it is', async () => {
    const bev = await idOf('Bev');
    const types = await t.services.volunteerRecruitment.checkTypes();
    const type = (code: string) => types.find((x) => x.code === code)!.id;
    const refused = await lead.post(paths.volunteers.checkNew(bev), { checkTypeId: type('dbs_enhanced_barred_adults'), ...date('doneOn', '2026-11-10') });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('The Heritage Companion role is eligible for a basic DBS check only');
    const before = await t.db.query('select id from volunteer_checks where volunteer_id = $1', [bev]);
    const ok = await lead.post(paths.volunteers.checkNew(bev), { checkTypeId: type('dbs_basic'), ...date('doneOn', '2026-11-10'), reference: 'B001' });
    expect(ok.statusCode).toBe(303);
    const after = await t.db.query<{ expires_on: string; reference: string }>(
      'select expires_on, reference from volunteer_checks where volunteer_id = $1 and check_type_id = $2',
      [bev, type('dbs_basic')],
    );
    expect(after).toEqual([{ expires_on: '2028-11-10', reference: 'B001' }]);
    expect(after.length).toBe(before.length + 1 - before.length);
    const future = await lead.post(paths.volunteers.checkNew(bev), { checkTypeId: type('lone_working'), ...date('doneOn', '2027-01-01') });
    expect(future.body).toContain('must be today or in the past');
  });

  it('marks a volunteer ready only when nothing blocks them', async () => {
    const bev = await idOf('Bev');
    const early = await lead.post(paths.volunteers.steps(bev), { step: 'ready', ...date('doneOn', '2026-11-20') });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('No safeguarding adults training recorded');
    const types = await t.services.volunteerRecruitment.checkTypes();
    for (const code of ['safeguarding_adults', 'lone_working']) {
      await lead.post(paths.volunteers.checkNew(bev), { checkTypeId: types.find((x) => x.code === code)!.id, ...date('doneOn', '2026-11-15') });
    }
    expect((await lead.post(paths.volunteers.steps(bev), { step: 'ready', ...date('doneOn', '2026-11-20') })).statusCode).toBe(303);
    expect((await t.services.volunteers.matchingBlockers([bev])).get(bev)).toEqual([]);
    const page = await lead.get(paths.volunteers.volunteer(bev));
    expect(page.body).toContain('nothing stops Bev being offered to people');
  });

  it('records a DBS Update Service status check with consent, due again after 12 months', async () => {
    const amina = await idOf('Amina');
    const bad = await lead.post(paths.volunteers.dbsStatus(amina), {
      ...date('checkedOn', '2026-11-01'),
      ...date('consentOn', '2026-11-05'),
      result: 'no_change',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('must agree to the status check before it is done');
    const ok = await lead.post(paths.volunteers.dbsStatus(amina), {
      ...date('checkedOn', '2026-11-05'),
      ...date('consentOn', '2026-11-01'),
      result: 'changed',
    });
    expect(ok.statusCode).toBe(303);
    expect((await t.services.volunteers.matchingBlockers([amina])).get(amina)).toEqual([
      'The DBS Update Service showed a change on 5 November 2026: a new basic DBS check is needed',
    ]);
  });

  it('takes an expression of interest without an account, and the lead talks, invites, and the link sets a password', async () => {
    const roles = await t.services.volunteerRecruitment.recruitingRoles();
    const museum = roles.find((r) => r.name === 'Museum Buddy')!;
    const visitor = new Visitor(t.app);
    const form = await visitor.get(paths.volunteerWithUs.form);
    expect(form.body).toContain('Museum Buddy at Nottingham Museums Collective');
    const missing = await visitor.post(paths.volunteerWithUs.form, {
      volunteerRoleId: museum.id,
      knownAs: 'Mo',
      contactPreference: 'email',
      email: 'mo@example.org',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Tick the box to agree to being contacted about volunteering');
    const sent = await visitor.post(paths.volunteerWithUs.form, {
      volunteerRoleId: museum.id,
      knownAs: 'Mo',
      contactPreference: 'email',
      email: 'Mo@Example.org',
      postcode: 'ng7',
      consent: 'yes',
    });
    expect(sent.headers.location).toBe(paths.volunteerWithUs.sent);
    const [interest] = await t.db.query<{ id: string; email: string; postcode: string }>(
      `select id, email, postcode from volunteer_interests where known_as = 'Mo'`,
    );
    expect(interest).toMatchObject({ email: 'mo@example.org', postcode: 'NG7' });

    expect((await lead.get(paths.volunteers.interests)).body).toContain('>Mo</a>');
    expect((await lead.post(paths.volunteers.interestConversation(interest!.id), date('conversationOn', '2026-11-20'))).statusCode).toBe(303);
    const taken = await lead.post(paths.volunteers.interestInvite(interest!.id), { email: BUDDY });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('already has a Waymark account');
    const invited = await lead.post(paths.volunteers.interestInvite(interest!.id), { email: 'mo@example.org' });
    expect(invited.statusCode).toBe(303);
    const [v] = await t.db.query<{ id: string; status: string; role: string; email: string }>(
      `select v.id, v.status, u.role, u.email from volunteers v join users u on u.id = v.user_id where v.known_as = 'Mo'`,
    );
    expect(v).toMatchObject({ status: 'in_recruitment', role: 'buddy', email: 'mo@example.org' });
    expect(invited.headers.location).toBe(`${paths.volunteers.volunteer(v!.id)}?done=invited`);
    expect(await t.db.query(`select 1 from volunteer_interests where id = $1`, [interest!.id])).toEqual([]);
    const steps = await t.db.query<{ step: string; done_on: string }>('select step, done_on from volunteer_recruitment_steps where volunteer_id = $1', [v!.id]);
    expect(steps).toEqual([{ step: 'conversation', done_on: '2026-11-20' }]);

    const [mail] = await t.db.query<{ body: string; subject: string }>(`select subject, body from notifications where recipient = 'mo@example.org'`);
    expect(mail!.subject).toBe('Nottingham Museums Collective has invited you to Waymark');
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mail!.body)![1]!;
    const mo = new Visitor(t.app);
    expect((await mo.get(paths.resetPassword(token))).statusCode).toBe(200);
    const set = await mo.post(paths.resetPassword(token), { newPassword: 'museum buddy on tuesdays', confirmPassword: 'museum buddy on tuesdays' });
    expect(set.statusCode).toBe(303);
    await mo.signIn('mo@example.org', 'museum buddy on tuesdays');
    expect((await mo.get(paths.volunteering.home)).body).toContain('Not marked ready by their volunteer lead yet');
  });

  it('closes an expression of interest at once, and the purge job deletes old ones', async () => {
    const [grace] = await t.db.query<{ id: string }>(`select id from volunteer_interests where known_as = 'Grace'`);
    expect((await lead.post(paths.volunteers.interestClose(grace!.id))).statusCode).toBe(303);
    expect(await t.db.query('select 1 from volunteer_interests where id = $1', [grace!.id])).toEqual([]);
    const recruitment = t.services.volunteerRecruitment;
    expect(await recruitment.purgeOldInterests(t.clock.now())).toBe(0);
    expect(await recruitment.purgeOldInterests(new Date(t.clock.now().getTime() + 91 * 86_400_000))).toBe(1); // Dev's, sent 3 days before
    expect(await t.db.query('select 1 from volunteer_interests')).toEqual([]);
  });

  it('sends each expiry reminder once to the volunteer and their lead, even from several processes at once', async () => {
    const recruitment = t.services.volunteerRecruitment;
    const count = async () =>
      (await t.db.query<{ n: number }>(`select count(*)::int as n from notifications where subject like '%expires in%' or subject like '%due again in%'`))[0]!
        .n;
    const now = t.clock.now();
    const sent = await Promise.all([recruitment.sendExpiryReminders(now), recruitment.sendExpiryReminders(now), recruitment.sendExpiryReminders(now)]);
    const total = sent.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(3);
    const messages = await count();
    // One email to the lead per reminder; the volunteer too, by email or text (Harjit asked for phone calls: none).
    const toLead = await t.db.query(`select 1 from notifications where recipient = $1 and subject like '%in % days'`, [LEAD]);
    expect(toLead).toHaveLength(total);
    expect(messages).toBeGreaterThan(total);
    expect(await recruitment.sendExpiryReminders(now)).toBe(0);
    expect(await count()).toBe(messages);
    const [alan] = await t.db.query<{ subject: string; body: string }>(
      `select subject, body from notifications where recipient = 'volunteers.nottingham@waymark.example' and subject like 'Al: basic DBS check expires in%'`,
    );
    expect(alan!.subject).toBe('Al: basic DBS check expires in 60 days');
    expect(alan!.body).toContain('expires on 31 December 2026');
    // Ten days later Alan's DBS check is 30 days away: the 30-day reminder goes, once.
    const later = new Date(now.getTime() + 10 * 86_400_000);
    await recruitment.sendExpiryReminders(later);
    const thirty = await t.db.query(`select 1 from notifications where subject = 'Al: basic DBS check expires in 30 days'`);
    expect(thirty).toHaveLength(1);
  });

  it('lets an administrator add a type of training and the roles that need it', async () => {
    const admin = new Visitor(t.app);
    await admin.signIn('admin@waymark.example');
    const [role] = await t.db.query<{ id: string }>(`select id from volunteer_roles where name = 'Museum Buddy'`);
    expect((await admin.post(paths.admin.volunteerChecks, { name: '', kind: 'training' })).body).toContain('Enter the name of the training or check');
    expect(
      (await admin.post(paths.admin.volunteerChecks, { name: 'First aid training', kind: 'training', validMonths: '36', roleIds: role!.id })).statusCode,
    ).toBe(303);
    expect((await admin.get(paths.admin.volunteerChecks)).body).toContain('First aid training');
    const alan = await idOf('Al');
    expect((await t.services.volunteers.matchingBlockers([alan])).get(alan)).toEqual(['No first aid training recorded']);
    expect((await admin.post(paths.admin.volunteerChecks, { name: 'First aid training', kind: 'training' })).body).toContain(
      'already a training or check with this name',
    );
  });

  it('lets a volunteer stop (with a confirmation step); a stopped volunteer cannot be matched or come back from the page', async () => {
    const alan = await idOf('Al');
    expect((await buddy.get(paths.volunteering.stop)).body).toContain('you cannot come back from this page');
    expect((await buddy.post(paths.volunteering.stop)).headers.location).toBe(`${paths.volunteering.home}?done=stopped`);
    expect((await t.services.volunteers.matchingBlockers([alan])).get(alan)).toEqual(['Stopped volunteering']);
    await buddy.post(paths.volunteering.resume);
    expect((await t.db.query<{ status: string }>('select status from volunteers where id = $1', [alan]))[0]!.status).toBe('stopped');
    expect((await buddy.get(paths.volunteering.pause)).statusCode).toBe(303);
    expect(await audits('volunteer.stopped')).toBe(1);
  });
});
