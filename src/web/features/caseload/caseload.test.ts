import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';
import {
  COORD_YARMOUTH,
  LW_FROME,
  LW_NOTTINGHAM,
  LW_YARMOUTH,
  makeParticipant,
  makeReferral,
  makeStaff,
  teamOf,
} from '../../../../test/fixtures/caseload.fixtures.ts';

const valid = {
  preferredName: 'Maggie Thrower',
  contactPreference: 'text',
  phone: '07700 900982',
  email: '',
  address: '',
  postcode: 'NR30 1NE',
  ageBand: '75-84',
  whatMatters: 'Her late husband’s herring drifter',
  tags: 'boats, singing',
  needs: ['loneliness'],
  interests: ['oral_history'],
  barriers: ['transport'],
  accessNeeds: ['seating'],
  languages: ['en'],
  availableDays: ['2', '4'],
  availableTimes: ['morning'],
};

describe.each(ENGINES)('caseload ($name)', (engine) => {
  let t: TestApp;
  const count = async () => (await t.db.query<{ n: number }>('select count(*) as n from participants'))[0]!.n;
  // Sign-in is rate limited (10 a minute): each account signs in once and its visitor is reused.
  const visitors = new Map<string, Visitor>();
  const as = async (email: string, password?: string) => {
    let v = visitors.get(email);
    if (!v) {
      v = new Visitor(t.app);
      await v.signIn(email, password);
      visitors.set(email, v);
    }
    return v;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    visitors.clear();
  });
  afterAll(async () => t.close());

  it('re-shows an invalid form with every message next to its field, and saves nothing', async () => {
    const v = await as(LW_YARMOUTH);
    expect((await v.get(paths.caseload.participantNew)).statusCode).toBe(200);
    const before = await count();
    const res = await v.post(paths.caseload.participantNew, { ...valid, preferredName: '', phone: '01493 846346', email: 'nope', postcode: 'ZZ9 9ZZ' });
    expect(res.statusCode).toBe(422);
    for (const text of [
      'Enter the name they would like to be called',
      'Enter a mobile number for text messages',
      'Enter an email address in the correct format',
      'We could not find this postcode',
    ])
      expect(res.body).toContain(text);
    expect(res.body).toContain('href="#postcode"');
    expect(res.body).toContain('value="01493 846346"');
    expect(res.body).toContain('Her late husband’s herring drifter');
    expect(await count()).toBe(before);
  });

  it('adds a person with the least data, placed on the grid from their postcode, in the link worker’s scheme and team', async () => {
    const v = await as(LW_YARMOUTH);
    const team = await teamOf(t.db, LW_YARMOUTH);
    const res = await v.post(paths.caseload.participantNew, valid);
    expect(res.statusCode).toBe(303);
    const id = res.headers.location!.split('/')[2]!.split('?')[0]!;
    const [row] = await t.db.query<Record<string, unknown>>('select * from participants where id = $1', [id]);
    expect(row).toMatchObject({
      scheme_id: team.schemeId,
      organisation_id: team.organisationId,
      caseworker_id: team.userId,
      phone: '+447700900982', // stored normalised, shown formatted (decision 023)
      postcode: 'NR301NE',
      easting: 652388,
      northing: 307989,
      tags: ['boats', 'singing'],
      available_days: [2, 4],
      contact_preference: 'text',
    });
    const page = await v.get(res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Maggie Thrower');
    expect(page.body).toContain('Not agreed');
    expect(page.body).toContain('07700 900982');
    expect(page.body).toContain('NR30 1NE');
  });

  it('shows conversation prompts beside "what matters" in a details component', async () => {
    const v = await as(LW_YARMOUTH);
    const html = (await v.get(paths.caseload.participantNew)).body;
    expect(html).toContain('nhsuk-details');
    expect(html).toContain('Prompts for talking about heritage');
    expect(html).toContain('Places that matter');
  });

  it('changes a person’s details and records which fields changed, never their values', async () => {
    const v = await as(LW_YARMOUTH);
    const res = await v.post(paths.caseload.participantNew, { ...valid, preferredName: 'Arthur Blyth', phone: '07700 900111' });
    const id = res.headers.location!.split('/')[2]!.split('?')[0]!;
    const edit = await v.get(paths.caseload.participantEdit(id));
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="Arthur Blyth"');
    const bad = await v.post(paths.caseload.participantEdit(id), { ...valid, preferredName: 'Art', contactPreference: 'letter', address: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a postal address, as they prefer letters');
    expect((await t.db.query<{ preferred_name: string }>('select preferred_name from participants where id = $1', [id]))[0]!.preferred_name).toBe(
      'Arthur Blyth',
    );
    const ok = await v.post(paths.caseload.participantEdit(id), { ...valid, preferredName: 'Art', phone: '07700 900111', postcode: 'NR30' });
    expect(ok.statusCode).toBe(303);
    const events = await t.db.query<{ action: string; detail: unknown }>(
      `select action, detail from audit_events where subject_type = 'participant' and subject_id = $1 order by id`,
      [id],
    );
    expect(events.map((e) => e.action)).toEqual(['participant.created', 'participant.viewed', 'participant.updated']);
    const updated = events[2]!.detail as { fields: string[] };
    expect(updated.fields.sort()).toEqual(['postcode', 'preferredName']);
    const all = JSON.stringify(events);
    for (const value of ['Arthur', 'Art"', '07700', 'NR30', 'herring', 'boats']) expect(all).not.toContain(value);
  });

  it('records every view of a person’s page in the audit trail', async () => {
    const team = await teamOf(t.db, LW_YARMOUTH);
    const id = await makeParticipant(t.db, {
      schemeId: team.schemeId,
      caseworkerId: team.userId,
      organisationId: team.organisationId,
      preferredName: 'Viewed Vera',
    });
    const v = await as(LW_YARMOUTH);
    await v.get(paths.caseload.participant(id));
    const coordinator = await as(COORD_YARMOUTH);
    await coordinator.get(paths.caseload.participant(id));
    const rows = await t.db.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_events where subject_type = 'participant' and subject_id = $1 order by id`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['participant.viewed', 'participant.viewed']);
    expect(rows[0]!.actor_id).toBe(team.userId);
  });

  describe('who sees whom', () => {
    let own: string;
    let colleagues: string;
    let fromeColleagues: string;
    let otherScheme: string;
    let yarmouthMate: { email: string; password: string };
    let fromeMate: { email: string; password: string };

    beforeAll(async () => {
      const y = await teamOf(t.db, LW_YARMOUTH);
      const f = await teamOf(t.db, LW_FROME);
      const n = await teamOf(t.db, LW_NOTTINGHAM);
      yarmouthMate = await makeStaff(t.db, { email: 'mate.yarmouth@example.org', role: 'link_worker', schemeId: y.schemeId, organisationId: y.organisationId });
      fromeMate = await makeStaff(t.db, { email: 'mate.frome@example.org', role: 'link_worker', schemeId: f.schemeId, organisationId: f.organisationId });
      own = await makeParticipant(t.db, { schemeId: y.schemeId, caseworkerId: y.userId, organisationId: y.organisationId, preferredName: 'Own Olive' });
      colleagues = await makeParticipant(t.db, {
        schemeId: y.schemeId,
        caseworkerId: (await teamOf(t.db, yarmouthMate.email)).userId,
        organisationId: y.organisationId,
        preferredName: 'Team Tom',
      });
      await makeReferral(t.db, { participantId: own, schemeId: y.schemeId, referrerId: y.userId, status: 'sent' });
      await makeReferral(t.db, { participantId: own, schemeId: y.schemeId, referrerId: y.userId, status: 'completed', closedAt: new Date('2026-10-01') });
      fromeColleagues = await makeParticipant(t.db, {
        schemeId: f.schemeId,
        caseworkerId: (await teamOf(t.db, fromeMate.email)).userId,
        organisationId: f.organisationId,
        preferredName: 'Frome Fred',
      });
      otherScheme = await makeParticipant(t.db, {
        schemeId: n.schemeId,
        caseworkerId: n.userId,
        organisationId: n.organisationId,
        preferredName: 'Notts Nora',
      });
    });

    it('shows a link worker their own people and, when the team shares, the team’s, with referral counts', async () => {
      const html = (await (await as(LW_YARMOUTH)).get(paths.caseload.list)).body;
      expect(html).toContain('Showing your team&#39;s caseload');
      expect(html).toContain('Own Olive');
      expect(html).toContain('Team Tom');
      expect(html).toContain('1 open: Sent, waiting for a reply. 1 closed');
      expect(html).not.toContain('Frome Fred');
      expect(html).not.toContain('Notts Nora');
      expect((await (await as(yarmouthMate.email, yarmouthMate.password)).get(paths.caseload.participant(own))).statusCode).toBe(200);
      expect((await (await as(LW_YARMOUTH)).get(paths.caseload.participant(colleagues))).statusCode).toBe(200);
    });

    it('keeps a team that does not share to each link worker’s own people', async () => {
      const v = await as(LW_FROME);
      const html = (await v.get(paths.caseload.list)).body;
      expect(html).not.toContain('Showing your team');
      expect(html).not.toContain('Frome Fred');
      expect((await v.get(paths.caseload.participant(fromeColleagues))).statusCode).toBe(404);
      expect((await (await as(fromeMate.email, fromeMate.password)).get(paths.caseload.participant(fromeColleagues))).statusCode).toBe(200);
    });

    it('answers "not found" for people in another scheme, whoever asks', async () => {
      for (const email of [LW_YARMOUTH, COORD_YARMOUTH]) {
        const v = await as(email);
        expect((await v.get(paths.caseload.participant(otherScheme))).statusCode).toBe(404);
        expect((await v.get(paths.caseload.participantPrivacy(otherScheme))).statusCode).toBe(404);
      }
      const v = await as(LW_YARMOUTH);
      expect((await v.get(paths.caseload.participantEdit(otherScheme))).statusCode).toBe(404);
      expect((await v.post(paths.caseload.participantEdit(otherScheme), valid)).statusCode).toBe(404);
      expect((await v.get(paths.caseload.participant('not-a-uuid'))).statusCode).toBe(404);
    });

    it('lets the scheme’s coordinator read but not change', async () => {
      const v = await as(COORD_YARMOUTH);
      const list = (await v.get(paths.caseload.list)).body;
      expect(list).toContain('Own Olive');
      expect(list).toContain('Team Tom');
      expect(list).not.toContain('Frome Fred');
      const page = await v.get(paths.caseload.participant(own));
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(paths.caseload.participantEdit(own));
      expect((await v.get(paths.caseload.participantEdit(own))).statusCode).toBe(403);
      expect((await v.get(paths.caseload.participantNew)).statusCode).toBe(403);
    });

    it('turns away providers, connectors and administrators, and sends signed-out visitors to sign in', async () => {
      for (const email of ['provider.yarmouth@waymark.example', 'connector.yarmouth@waymark.example', 'admin@waymark.example']) {
        const v = await as(email);
        expect((await v.get(paths.caseload.list)).statusCode).toBe(403);
        expect((await v.get(paths.caseload.participant(own))).statusCode).toBe(403);
        expect((await v.post(paths.caseload.participantNew, valid)).statusCode).toBe(403);
      }
      const anon = new Visitor(t.app);
      for (const url of [paths.caseload.list, paths.caseload.participant(own), paths.caseload.participantNew, paths.caseload.participantEdit(own)]) {
        const res = await anon.get(url);
        expect(res.statusCode).toBe(302);
        expect(res.headers.location).toContain('/sign-in');
      }
    });
  });
});
