import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';
import { COORD_YARMOUTH, LW_FROME, LW_YARMOUTH, makeParticipant, teamOf } from '../../../../test/fixtures/caseload.fixtures.ts';

describe.each(ENGINES)('consent ($name)', (engine) => {
  let t: TestApp;
  let person: string;
  const visitors = new Map<string, Visitor>();
  const as = async (email: string) => {
    if (!visitors.has(email)) {
      const v = new Visitor(t.app);
      await v.signIn(email);
      visitors.set(email, v);
    }
    return visitors.get(email)!;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    visitors.clear();
    const y = await teamOf(t.db, LW_YARMOUTH);
    person = await makeParticipant(t.db, { schemeId: y.schemeId, caseworkerId: y.userId, organisationId: y.organisationId, preferredName: 'Consenting Cora' });
  });
  afterAll(async () => t.close());

  it('re-shows the form with messages when nothing is chosen, and records nothing', async () => {
    const v = await as(LW_YARMOUTH);
    expect((await v.get(paths.caseload.consentNew(person))).statusCode).toBe(200);
    const res = await v.post(paths.caseload.consentNew(person), { when: 'earlier', 'givenOn-day': '40', 'givenOn-month': '1', 'givenOn-year': '2026' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Select what they agreed to');
    expect(res.body).toContain('Choose how they gave consent');
    expect(res.body).toContain('Enter the date they gave consent');
    expect((await t.db.query('select 1 from consents where participant_id = $1', [person])).length).toBe(0);
  });

  it('refuses a consent date after today (by the service’s clock), next to the date, and records nothing', async () => {
    const v = await as(LW_YARMOUTH);
    const res = await v.post(paths.caseload.consentNew(person), {
      purposes: 'referral',
      method: 'written',
      when: 'earlier',
      'givenOn-day': '1',
      'givenOn-month': '1',
      'givenOn-year': '2027',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('The date they gave consent must be today or in the past');
    expect(res.body).toContain('href="#givenOn-day"');
    expect((await t.db.query('select 1 from consents where participant_id = $1', [person])).length).toBe(0);
  });

  it('records what was agreed, how, when and by whom; `has` answers for each purpose', async () => {
    const v = await as(LW_YARMOUTH);
    const res = await v.post(paths.caseload.consentNew(person), {
      purposes: ['referral', 'share_with_provider'],
      method: 'written',
      when: 'earlier',
      'givenOn-day': '2',
      'givenOn-month': '11',
      'givenOn-year': '2026',
    });
    expect(res.statusCode).toBe(303);
    const rows = await t.db.query<{ purpose: string; method: string; given_at: Date; recorded_by: string }>(
      'select purpose, method, given_at, recorded_by from consents where participant_id = $1 order by purpose',
      [person],
    );
    expect(rows.map((r) => [r.purpose, r.method, new Date(r.given_at).toISOString()])).toEqual([
      ['referral', 'written', '2026-11-02T12:00:00.000Z'],
      ['share_with_provider', 'written', '2026-11-02T12:00:00.000Z'],
    ]);
    expect(rows[0]!.recorded_by).toBe((await teamOf(t.db, LW_YARMOUTH)).userId);
    expect(await t.services.consent.has(person, 'referral')).toBe(true);
    expect(await t.services.consent.has(person, 'questionnaires')).toBe(false);
    const page = (await v.get(paths.caseload.participant(person))).body;
    expect(page).toContain('Agreed');
    expect(page).toContain('2 November 2026');
    const [event] = await t.db.query<{ detail: unknown }>(`select detail from audit_events where action = 'consent.recorded' and subject_id = $1`, [person]);
    expect(event!.detail).toEqual({ purposes: ['referral', 'share_with_provider'], method: 'written' });
  });

  it('says so when everything chosen is already agreed', async () => {
    const v = await as(LW_YARMOUTH);
    const res = await v.post(paths.caseload.consentNew(person), { purposes: 'referral', method: 'verbal', when: 'now' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('They have already agreed to everything you selected');
  });

  it('withdraws a consent, recording who and when, and it no longer counts', async () => {
    const v = await as(LW_YARMOUTH);
    const [c] = await t.db.query<{ id: string }>(`select id from consents where participant_id = $1 and purpose = 'referral'`, [person]);
    const confirm = await v.get(paths.caseload.consentWithdraw(person, c!.id));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Being referred to activities');
    expect((await v.post(paths.caseload.consentWithdraw(person, c!.id))).statusCode).toBe(303);
    const [row] = await t.db.query<{ withdrawn_at: Date; withdrawn_by: string }>('select withdrawn_at, withdrawn_by from consents where id = $1', [c!.id]);
    expect(new Date(row!.withdrawn_at).toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(row!.withdrawn_by).toBe((await teamOf(t.db, LW_YARMOUTH)).userId);
    expect(await t.services.consent.has(person, 'referral')).toBe(false);
    expect(await t.services.consent.has(person, 'share_with_provider')).toBe(true);
    expect((await v.get(paths.caseload.consentWithdraw(person, c!.id))).statusCode).toBe(404);
    // Agreeing again makes a new record; the history keeps both.
    expect((await v.post(paths.caseload.consentNew(person), { purposes: 'referral', method: 'verbal', when: 'now' })).statusCode).toBe(303);
    expect(await t.services.consent.has(person, 'referral')).toBe(true);
    expect((await t.db.query(`select 1 from consents where participant_id = $1 and purpose = 'referral'`, [person])).length).toBe(2);
  });

  it('lets only link workers who may change the person record consent', async () => {
    const coordinator = await as(COORD_YARMOUTH);
    expect((await coordinator.get(paths.caseload.consentNew(person))).statusCode).toBe(403);
    expect((await coordinator.post(paths.caseload.consentNew(person), { purposes: 'follow_up', method: 'verbal' })).statusCode).toBe(403);
    const otherTeam = await as(LW_FROME);
    expect((await otherTeam.get(paths.caseload.consentNew(person))).statusCode).toBe(404);
    expect((await otherTeam.post(paths.caseload.consentNew(person), { purposes: 'follow_up', method: 'verbal' })).statusCode).toBe(404);
    const anon = new Visitor(t.app);
    expect((await anon.get(paths.caseload.consentNew(person))).statusCode).toBe(302);
    expect(await t.services.consent.has(person, 'follow_up')).toBe(false);
  });
});
