import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../../data/database.ts';
import type { Db } from '../../../data/database.ts';
import type { Role } from '../../../domain/user.ts';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeSession, makeUser, YARMOUTH } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

const MILE = 1609.344;

async function makeScheme(db: Db, name: string) {
  return (await one<{ id: string }>(db, `insert into schemes (name, area, created_at) values ($1, 'Test area', to_timestamp(1795255200)) returning id`, [name]))
    .id;
}

async function makeReferrerOrg(db: Db, schemeId: string) {
  const id = await makeOrganisation(db, { name: 'Test Social Prescribing Team', orgType: 'vcfse' });
  await db.query(`update organisations set kind = 'referrer', scheme_id = $2 where id = $1`, [id, schemeId]);
  return id;
}

async function makeStaff(db: Db, role: Role, schemeId: string | null, organisationId?: string) {
  const u = await makeUser(db, { role, ...(organisationId ? { organisationId } : {}) });
  await db.query('update users set scheme_id = $2 where id = $1', [u.id, schemeId]);
  return u;
}

type PersonOver = Partial<{ postcode: string | null; easting: number | null; northing: number | null; accessNeeds: string[] }>;

async function makeParticipant(db: Db, schemeId: string, organisationId: string, caseworkerId: string, over: PersonOver = {}) {
  const located = over.easting !== undefined ? over : { postcode: 'NR30 1AA', easting: YARMOUTH.easting, northing: YARMOUTH.northing };
  return (
    await one<{ id: string }>(
      db,
      `insert into participants (scheme_id, organisation_id, caseworker_id, preferred_name, contact_preference, postcode, easting, northing,
       needs, interests, barriers, access_needs, available_days, available_times, created_at, updated_at)
     values ($1, $2, $3, 'Pat Example', 'phone', $4, $5, $6, '{loneliness}', '{walk}', '{cost}', $7, '{2}', '{morning}', to_timestamp(1795255200), to_timestamp(1795255200)) returning id`,
      [schemeId, organisationId, caseworkerId, located.postcode ?? null, located.easting ?? null, located.northing ?? null, over.accessNeeds ?? ['step_free']],
    )
  ).id;
}

async function makeReferral(
  db: Db,
  over: { participantId: string; schemeId: string; activityId: string; providerOrgId: string; status: string; route: string; referrerId: string },
) {
  await db.query(
    `insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, referrer_id, status, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, to_timestamp(1795255200), to_timestamp(1795255200))`,
    [over.participantId, over.schemeId, over.activityId, over.providerOrgId, over.route, over.referrerId, over.status],
  );
}

describe.each(ENGINES)('activity matches for a person ($name)', (engine) => {
  let t: TestApp;
  let schemeA: string;
  let teamOrg: string;
  let person: string;
  let noPostcode: string;
  const ids: Record<string, string> = {};
  const users: Record<string, { id: string; email: string; password: string }> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.db;
    schemeA = await makeScheme(db, 'Scheme A');
    const schemeB = await makeScheme(db, 'Scheme B');
    teamOrg = await makeReferrerOrg(db, schemeA);
    const provider = await makeOrganisation(db, { name: 'Minster Trust' });
    const pendingOrg = await makeOrganisation(db, { name: 'Waiting Trust', status: 'pending' });
    users.linkWorker = await makeStaff(db, 'link_worker', schemeA, teamOrg);
    users.colleague = await makeStaff(db, 'link_worker', schemeA, teamOrg);
    users.coordinator = await makeStaff(db, 'coordinator', schemeA);
    users.otherCoordinator = await makeStaff(db, 'coordinator', schemeB);
    users.connector = await makeStaff(db, 'connector', schemeA);
    users.provider = await makeStaff(db, 'provider', null, provider);
    users.admin = await makeStaff(db, 'admin', null);

    const here = await makePlace(db, provider);
    const oneMile = await makePlace(db, provider, { northing: YARMOUTH.northing + Math.round(MILE) });
    const sevenMiles = await makePlace(db, provider, { northing: YARMOUTH.northing + Math.round(7 * MILE) });
    const thirtyMiles = await makePlace(db, provider, { northing: YARMOUTH.northing + Math.round(30 * MILE) });
    const pendingPlace = await makePlace(db, pendingOrg);
    const walk = { access: ['step_free'], capacity: 10 };
    ids.best = await makeActivity(db, provider, here, { title: 'Minster walk', ...walk });
    await makeSession(db, ids.best, { weekday: 2, startTime: '10:00', endTime: '12:00' });
    ids.weaker = await makeActivity(db, provider, oneMile, {
      title: 'Memory cafe',
      access: ['step_free'],
      needs: ['dementia'],
      activityTypes: ['memory_cafe'],
      costType: 'paid',
      pricePence: 300,
    });
    await makeSession(db, ids.weaker, { weekday: 4, startTime: '14:00', endTime: '16:00' });
    ids.full = await makeActivity(db, provider, here, { title: 'Full dig', access: ['step_free'], capacity: 1 });
    ids.stairs = await makeActivity(db, provider, here, { title: 'Stair tour', access: [] });
    ids.selfOnly = await makeActivity(db, provider, here, { title: 'Self only group', access: ['step_free'], referralRoutes: ['self'] });
    ids.seven = await makeActivity(db, provider, sevenMiles, { title: 'Seven mile walk', ...walk });
    ids.far = await makeActivity(db, provider, thirtyMiles, { title: 'Far walk', ...walk });
    ids.stale = await makeActivity(db, provider, here, { title: 'Stale walk', ...walk, lastCheckedAt: new Date('2025-09-01T10:00:00Z') });
    ids.pending = await makeActivity(db, pendingOrg, pendingPlace, { title: 'Pending walk', ...walk });
    ids.january = await makeActivity(db, provider, here, { title: 'January talk', ...walk });
    await makeSession(db, ids.january, { frequency: 'once', weekday: null, startDate: '2027-01-12', startTime: '18:00', endTime: '20:00' });

    person = await makeParticipant(db, schemeA, teamOrg, users.linkWorker.id);
    noPostcode = await makeParticipant(db, schemeA, teamOrg, users.linkWorker.id, { postcode: null, easting: null, northing: null });
    const other = await makeParticipant(db, schemeA, teamOrg, users.colleague.id);
    await makeReferral(db, {
      participantId: other,
      schemeId: schemeA,
      activityId: ids.full,
      providerOrgId: provider,
      status: 'accepted',
      route: 'link_worker',
      referrerId: users.colleague.id,
    });
  });
  afterAll(async () => t.close());

  // Sign-in is rate limited: each person signs in once and keeps their visitor.
  const visitors = new Map<string, Visitor>();
  const visitor = async (who: string) => {
    const known = visitors.get(who);
    if (known) return known;
    const v = new Visitor(t.app);
    if (who !== 'signed out') await v.signIn(users[who]!.email, users[who]!.password);
    visitors.set(who, v);
    return v;
  };

  it('ranks suitable activities for their link worker, best first, each with a score, reasons and a referral link', async () => {
    const res = await (await visitor('linkWorker')).get(paths.caseload.matches(person));
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1>Activity matches</h1>');
    expect(html.indexOf('Minster walk')).toBeLessThan(html.indexOf('Memory cafe'));
    expect(html).toContain('Match score 100 out of 100');
    expect(html).toContain(`href="/caseload/${person}/refer?activity=${ids.best}"`);
    expect(html).toContain('Suits their need: loneliness and isolation.');
    expect(html).toContain('Tuesday mornings fits when they are free. Next session: Tuesday 24 November 2026.');
    expect(html).toContain('It costs £3, cost is a barrier for them, and there are no funded places.');
    expect(html).toContain('How we rank activities');
    for (const hidden of ['Far walk', 'Stale walk', 'Pending walk']) expect(html).not.toContain(hidden);
    expect(html).toContain('Show activities that are not suitable (2)');
    expect(html).not.toContain('Missing a must-have');
  });

  it('says a full activity likely has a waiting list', async () => {
    const html = (await (await visitor('linkWorker')).get(paths.caseload.matches(person))).body;
    expect(html).toContain('Full: 1 referred person holds its 1 place, so likely waiting list.');
    expect(html).toContain('Full: likely waiting list');
  });

  it('shows "Already referred" with its status and a link instead of "Refer" while a referral is open, and refuses a second one', async () => {
    const db = t.db;
    const maggie = await makeParticipant(db, schemeA, teamOrg, users.linkWorker!.id);
    await db.query(`insert into consents (participant_id, purpose, method, given_at) values ($1, 'referral', 'verbal', to_timestamp(1795255200))`, [maggie]);
    const providerOrg = (await db.query<{ organisation_id: string }>('select organisation_id from activities where id = $1', [ids.best]))[0]!.organisation_id;
    const base = { participantId: maggie, schemeId: schemeA, providerOrgId: providerOrg, route: 'link_worker', referrerId: users.linkWorker!.id };
    await makeReferral(db, { ...base, activityId: ids.best!, status: 'sent' });
    await makeReferral(db, { ...base, activityId: ids.weaker!, status: 'declined' });
    const [open] = await db.query<{ id: string }>(`select id from referrals where participant_id = $1 and status = 'sent'`, [maggie]);
    const lw = await visitor('linkWorker');
    const html = (await lw.get(paths.caseload.matches(maggie))).body;
    expect(html).toContain('Already referred');
    expect(html).toContain('Sent, waiting for a reply');
    expect(html).toContain(`href="${paths.referrals.referral(open!.id)}"`);
    expect(html).not.toContain(`refer?activity=${ids.best}`);
    // A declined referral is closed: they can be referred there again.
    expect(html).toContain(`refer?activity=${ids.weaker}`);

    const form = await lw.get(`${paths.caseload.refer(maggie)}?activity=${ids.best}`);
    expect(form.body).toContain('Already referred');
    expect(form.body).not.toContain('Send referral');
    const before = (await db.query<{ n: number }>('select count(*) as n from referrals where participant_id = $1', [maggie]))[0]!.n;
    const again = await lw.post(paths.caseload.refer(maggie), {
      activityId: ids.best,
      barriersChecked: 'yes',
      action: 'send',
      idempotencyKey: 'a-second-referral-key-0001',
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Pat Example already has an open referral to this activity (sent, waiting for a reply)');
    expect(again.body).toContain('href="#existingReferral"');
    expect(again.body).toContain(`href="${paths.referrals.referral(open!.id)}"`);
    expect((await db.query<{ n: number }>('select count(*) as n from referrals where participant_id = $1', [maggie]))[0]!.n).toBe(before);
  });

  it('lists activities that are not suitable with the reason, on request', async () => {
    const res = await (await visitor('linkWorker')).get(`${paths.caseload.matches(person)}?show=unsuitable`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Stair tour');
    expect(res.body).toContain('Missing a must-have: Step-free access.');
    expect(res.body).toContain('Does not take referrals from link workers. They could contact the organisation themselves.');
    expect(res.body).not.toContain(`refer?activity=${ids.stairs}`);
  });

  it('filters by distance and by a session in the next 2 weeks', async () => {
    const v = await visitor('linkWorker');
    expect((await v.get(paths.caseload.matches(person))).body).toContain('Seven mile walk');
    expect((await v.get(`${paths.caseload.matches(person)}?radius=5`)).body).not.toContain('Seven mile walk');
    const all = (await v.get(paths.caseload.matches(person))).body;
    expect(all).toContain('January talk');
    const soon = (await v.get(`${paths.caseload.matches(person)}?soon=1`)).body;
    expect(soon).not.toContain('January talk');
    expect(soon).toContain('Minster walk');
    expect((await v.get(`${paths.caseload.matches(person)}?radius=7000`)).statusCode).toBe(200);
  });

  it('includes every activity, distance not known, when the person has no postcode', async () => {
    const html = (await (await visitor('linkWorker')).get(paths.caseload.matches(noPostcode))).body;
    expect(html).toContain('their postcode is not recorded');
    expect(html).toContain('Far walk');
    expect(html).toContain('Distance not known');
  });

  it('records who viewed the matches in the audit trail, without personal data', async () => {
    const before = await t.db.query<{ n: number }>(`select count(*) as n from audit_events where action = 'participant.matches_viewed' and subject_id = $1`, [
      person,
    ]);
    await (await visitor('coordinator')).get(paths.caseload.matches(person));
    const rows = await t.db.query<{ actor_id: string; subject_type: string; detail: Record<string, unknown> }>(
      `select actor_id, subject_type, detail from audit_events where action = 'participant.matches_viewed' and subject_id = $1 order by id`,
      [person],
    );
    expect(rows.length).toBe(Number(before[0]!.n) + 1);
    const last = rows[rows.length - 1]!;
    expect(last).toMatchObject({ actor_id: users.coordinator!.id, subject_type: 'participant' });
    expect(JSON.stringify(last.detail)).not.toContain('Pat');
  });

  it('returns the ranking from the service, suitable by score and the rest apart', async () => {
    const me = {
      id: users.linkWorker!.id,
      email: users.linkWorker!.email,
      displayName: 'LW',
      role: 'link_worker' as const,
      organisationIds: [teamOrg],
      schemeId: schemeA,
    };
    const outcome = await t.services.matching.matchesFor(me, person, { radiusMiles: 25, soon: false });
    const scores = outcome.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(outcome.matches[0]!.activity.id).toBe(ids.best);
    expect(outcome.unsuitable.map((m) => m.activity.id).sort()).toEqual([ids.stairs, ids.selfOnly].sort());
    expect(outcome.matches.find((m) => m.activity.id === ids.full)?.factors.find((f) => f.key === 'capacity')?.outcome).toBe('poor');
  });

  describe('who may see the matches', () => {
    const cases: [string, number][] = [
      ['signed out', 302],
      ['provider', 403],
      ['admin', 403],
      ['colleague', 404],
      ['otherCoordinator', 404],
      ['connector', 404],
      ['coordinator', 200],
      ['linkWorker', 200],
    ];
    it.each(cases)('%s gets %i', async (who, status) => {
      const res = await (await visitor(who)).get(paths.caseload.matches(person));
      expect(res.statusCode).toBe(status);
      if (status === 302) expect(res.headers.location).toMatch(/^\/sign-in\?returnTo=/);
      if (status !== 200) expect(res.body).not.toContain('Pat Example');
    });

    it('answers 404 for an id that does not exist or is not an id', async () => {
      const v = await visitor('linkWorker');
      expect((await v.get(paths.caseload.matches('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
      expect((await v.get(paths.caseload.matches('not-an-id'))).statusCode).toBe(404);
    });

    it('lets a colleague see them when the team shares its caseload', async () => {
      await t.db.query('update organisations set share_caseload = true where id = $1', [teamOrg]);
      try {
        expect((await (await visitor('colleague')).get(paths.caseload.matches(person))).statusCode).toBe(200);
      } finally {
        await t.db.query('update organisations set share_caseload = false where id = $1', [teamOrg]);
      }
    });

    it('lets a connector who referred the person see them, checking the community connector route', async () => {
      const prov = await one<{ organisation_id: string }>(t.db, 'select organisation_id from activities where id = $1', [ids.best]);
      await makeReferral(t.db, {
        participantId: noPostcode,
        schemeId: schemeA,
        activityId: ids.best!,
        providerOrgId: prov.organisation_id,
        status: 'sent',
        route: 'connector',
        referrerId: users.connector!.id,
      });
      const res = await (await visitor('connector')).get(`${paths.caseload.matches(noPostcode)}?show=unsuitable`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Does not take referrals from community connectors.');
    });
  });
});
