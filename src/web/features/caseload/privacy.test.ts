import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';
import { ADMIN, COORD_YARMOUTH, LW_NOTTINGHAM, LW_YARMOUTH, makeParticipant, makeReferral, teamOf } from '../../../../test/fixtures/caseload.fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(ENGINES)('subject access, erasure and retention ($name)', (engine) => {
  let t: TestApp;
  let y: Awaited<ReturnType<typeof teamOf>>;
  const visitors = new Map<string, Visitor>();
  const as = async (email: string) => {
    if (!visitors.has(email)) {
      const v = new Visitor(t.app);
      await v.signIn(email);
      visitors.set(email, v);
    }
    return visitors.get(email)!;
  };
  const person = (name: string, extra: { phone?: string; email?: string } = {}) =>
    makeParticipant(t.db, { schemeId: y.schemeId, caseworkerId: y.userId, organisationId: y.organisationId, preferredName: name, ...extra });

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
    visitors.clear();
    y = await teamOf(t.db, LW_YARMOUTH);
  });
  afterAll(async () => t.close());

  it('answers a subject access request in words: a printable document and the same data as JSON, with names, messages and nothing of others', async () => {
    const alice = await person('Alice Export', { email: 'alice@example.org', phone: '+447700900321' });
    const bob = await person('Bob Other', { email: 'bob@example.org' });
    await t.db.query(
      `insert into consents (participant_id, purpose, method, given_at) values ($1, 'referral', 'verbal', to_timestamp(1795255200)), ($2, 'referral', 'verbal', to_timestamp(1795255200))`,
      [alice, bob],
    );
    const ref = await makeReferral(t.db, {
      participantId: alice,
      schemeId: y.schemeId,
      referrerId: y.userId,
      status: 'attending',
      message: 'Alice likes boats',
    });
    await makeReferral(t.db, { participantId: bob, schemeId: y.schemeId, referrerId: y.userId, message: 'Bob likes trains' });
    await t.db.query(`insert into attendance (referral_id, session_date, attended, recorded_at) values ($1, '2026-11-10', true, to_timestamp(1795255200))`, [
      ref,
    ]);
    const provider = await t.db.query<{ name: string; email: string }>(
      'select o.name, o.email from organisations o join referrals r on r.provider_organisation_id = o.id where r.id = $1',
      [ref],
    );
    await t.db.query(
      `insert into notifications (channel, recipient, subject, body, referral_id, user_id, status, created_at) values
         ('text', '+447700900321', 'Your referral', 'Waymark: Good news, you have a place.', $1, null, 'sent', to_timestamp(1795255200)),
         ('email', $2, 'New referral', 'To the organisation', $1, null, 'sent', to_timestamp(1795255200)),
         ('email', 'staff@example.org', 'New referral', 'To a staff member', $1, $3, 'sent', to_timestamp(1795255200))`,
      [ref, provider[0]!.email, y.userId],
    );

    const v = await as(LW_YARMOUTH);
    const page = await v.get(paths.caseload.participantExport(alice));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    for (const text of [
      'Everything Waymark holds about Alice Export',
      'Phone call', // how they want to be contacted, as a label
      '07700 900321', // their phone, formatted
      'NR30 1NE',
      'Being referred to activities',
      'Verbally, in conversation',
      provider[0]!.name, // organisation names, not ids
      'Attending',
      'Alice likes boats',
      '10 November 2026', // attendance date in words
      'Good news, you have a place.', // the message sent to them
      'Text message to 07700 900321',
      'laid out for A4',
    ])
      expect(page.body, text).toContain(text);
    expect(page.body).not.toContain('To the organisation');
    expect(page.body).not.toContain('To a staff member');
    expect(page.body).not.toContain('Bob');
    expect(page.body).not.toMatch(/"participant_id"|scheme_id/);

    const res = await v.get(paths.caseload.participantExportJson(alice));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="waymark-subject-access-${alice}.json"`);
    const doc = JSON.parse(res.body) as {
      reference: string;
      person: { lines: { label: string; value: string }[] };
      consents: unknown[];
      referrals: { lines: { label: string; value: string }[]; timeline: unknown[]; attendance: { date: string; attended: string }[] }[];
      messages: { how: string; body: string }[];
      otherRecords: Record<string, unknown>;
    };
    expect(doc.reference).toBe(alice);
    expect(doc.person.lines).toContainEqual({ label: 'Name they want to be called', value: 'Alice Export' });
    expect(doc.consents).toHaveLength(1);
    expect(doc.referrals).toHaveLength(1);
    expect(doc.referrals[0]!.lines).toContainEqual({ label: 'Run by', value: provider[0]!.name });
    expect(doc.referrals[0]!.attendance).toEqual([{ date: '2026-11-10', attended: 'Came' }]);
    expect(doc.referrals[0]!.timeline).toHaveLength(1);
    expect(doc.messages.map((m) => [m.how, m.body])).toEqual([['Text message', 'Waymark: Good news, you have a place.']]);
    expect(doc.otherRecords).toEqual({});
    expect(res.body).not.toContain('Bob');
    expect(res.body).not.toContain('bob@example.org');
    const events = await t.db.query<{ actor_id: string; detail: { format: string } }>(
      `select actor_id, detail from audit_events where action = 'participant.exported' and subject_id = $1 order by at`,
      [alice],
    );
    expect(events.map((e) => [e.actor_id, e.detail.format])).toEqual([
      [y.userId, 'page'],
      [y.userId, 'json'],
    ]);
    expect(JSON.stringify(events)).not.toContain('Alice');
  });

  it('lets the scheme’s coordinator and administrators export, and nobody else', async () => {
    const carol = await person('Carol Access');
    expect((await (await as(COORD_YARMOUTH)).get(paths.caseload.participantExport(carol))).statusCode).toBe(200);
    expect((await (await as(ADMIN)).get(paths.caseload.participantExportJson(carol))).statusCode).toBe(200);
    expect((await (await as(ADMIN)).get(paths.caseload.participantPrivacy(carol))).body).toContain('Carol Access');
    expect(await t.db.query(`select 1 from audit_events where action = 'participant.privacy_viewed' and subject_id = $1`, [carol])).toHaveLength(1);
    expect((await (await as(LW_NOTTINGHAM)).get(paths.caseload.participantExport(carol))).statusCode).toBe(404);
    expect((await (await as('provider.yarmouth@waymark.example')).get(paths.caseload.participantExport(carol))).statusCode).toBe(403);
    expect((await (await as('connector.yarmouth@waymark.example')).get(paths.caseload.participantExportJson(carol))).statusCode).toBe(403);
    const anon = await new Visitor(t.app).get(paths.caseload.participantExport(carol));
    expect(anon.statusCode).toBe(302);
  });

  it('lets an administrator find a person by name or reference, recording each search but not what was typed', async () => {
    const erin = await person('Erin Findable');
    const ref = await makeReferral(t.db, { participantId: erin, schemeId: y.schemeId, referrerId: y.userId });
    const admin = await as(ADMIN);
    const byName = await admin.get(`${paths.admin.privacyRequest}?q=findable`);
    expect(byName.statusCode).toBe(200);
    expect(byName.body).toContain('Erin Findable');
    expect(byName.body).toContain(paths.caseload.participantPrivacy(erin));
    expect(byName.body).toContain('1 record found by name');
    const byPrefix = await admin.get(`${paths.admin.privacyRequest}?q=${erin.slice(0, 8).toUpperCase()}`);
    expect(byPrefix.body).toContain('Erin Findable');
    const byReferral = await admin.get(`${paths.admin.privacyRequest}?q=${ref}`);
    expect(byReferral.body).toContain('Erin Findable');
    const exact = await admin.get(`${paths.admin.privacyRequest}?q=${erin}`);
    expect(exact.statusCode).toBe(303);
    expect(exact.headers.location).toBe(paths.caseload.participantPrivacy(erin));
    const tooShort = await admin.get(`${paths.admin.privacyRequest}?q=e`);
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.body).toContain('Enter at least 2 letters of their name, or their reference');
    const searches = await t.db.query<{ detail: unknown }>(`select detail from audit_events where action = 'participant.searched' order by at`);
    expect(searches.map((s) => s.detail)).toEqual(
      expect.arrayContaining([
        { by: 'name', results: 1 },
        { by: 'reference', results: 1 },
      ]),
    );
    expect(JSON.stringify(searches)).not.toMatch(/findable/i);
    expect((await (await as(LW_YARMOUTH)).get(`${paths.admin.privacyRequest}?q=findable`)).statusCode).toBe(403);
  });

  it('erases a person after confirmation, leaving their referrals only as anonymous counts', async () => {
    const dora = await person('Dora Erase', { phone: '07700900555' });
    const r1 = await makeReferral(t.db, { participantId: dora, schemeId: y.schemeId, referrerId: y.userId, status: 'sent', message: 'Dora message' });
    const r2 = await makeReferral(t.db, {
      participantId: dora,
      schemeId: y.schemeId,
      referrerId: y.userId,
      status: 'completed',
      closedAt: new Date('2026-10-01'),
    });
    await t.db.query(`insert into consents (participant_id, purpose, method, given_at) values ($1, 'referral', 'verbal', to_timestamp(1795255200))`, [dora]);
    await t.db.query(
      `insert into notifications (channel, recipient, subject, body, referral_id, user_id, status, created_at) values
         ('text', '07700900555', 'Your referral', 'Hello Dora', $1, null, 'written_to_file', to_timestamp(1795255200)),
         ('letter', E'Dora Erase\n2 Old Road', 'Your referral', 'Dear Dora', $1, null, 'sent', to_timestamp(1795255200)),
         ('email', 'staff@example.org', 'New referral for Dora', 'Dora Erase was referred', $1, $2, 'sent', to_timestamp(1795255200))`,
      [r1, y.userId],
    );
    const v = await as(LW_YARMOUTH);
    const confirm = await v.get(paths.caseload.participantErase(dora));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('This cannot be undone');
    const res = await v.post(paths.caseload.participantErase(dora));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${paths.caseload.list}?done=erased`);

    expect(await t.db.query('select 1 from participants where id = $1', [dora])).toHaveLength(0);
    expect(await t.db.query('select 1 from consents where participant_id = $1', [dora])).toHaveLength(0);
    const referrals = await t.db.query<{ status: string; participant_id: string | null; anonymised_at: Date | null; message: string; support_needs: string }>(
      'select status, participant_id, anonymised_at, message, support_needs from referrals where id = any($1::uuid[]) order by status',
      [[r1, r2]],
    );
    expect(referrals.map((r) => [r.status, r.participant_id, r.message, r.support_needs])).toEqual([
      ['completed', null, '', ''],
      ['sent', null, '', ''],
    ]);
    expect(referrals.every((r) => r.anonymised_at !== null)).toBe(true);
    const notes = await t.db.query<{ note: string }>('select note from referral_events where referral_id = $1', [r1]);
    expect(notes.map((n) => n.note)).toEqual(['']);
    const messages = await t.db.query<{ recipient: string; body: string }>('select recipient, body from notifications where referral_id = $1', [r1]);
    // The person's text and posted letter go; the staff member's email stays as a record, without its words.
    expect(messages).toEqual([{ recipient: 'staff@example.org', body: '(removed: personal data anonymised)' }]);
    const [event] = await t.db.query<{ detail: unknown }>(`select detail from audit_events where action = 'participant.erased' and subject_id = $1`, [dora]);
    expect(event!.detail).toEqual({ referrals: 2 });
    // The record's old pages say it was erased, and when, to those who could see it; to others it does not exist.
    for (const url of [paths.caseload.participant(dora), paths.caseload.participantPrivacy(dora), paths.caseload.participantExport(dora)]) {
      const gone = await v.get(url);
      expect(gone.statusCode).toBe(410);
      expect(gone.body).toContain('This person’s record was erased');
      expect(gone.body).toContain('21 November 2026');
      expect(gone.body).not.toContain('Dora');
    }
    expect((await (await as(LW_NOTTINGHAM)).get(paths.caseload.participant(dora))).statusCode).toBe(404);
    const found = await (await as(ADMIN)).get(`${paths.admin.privacyRequest}?q=${dora.slice(0, 8)}`);
    expect(found.body).toContain('Erased record');
    expect(found.body).toContain('erased 21 November 2026');
    expect(await t.db.query('select participant_id, erased_by from erased_participants where participant_id = $1', [dora])).toEqual([
      { participant_id: dora, erased_by: y.userId },
    ]);
  });

  it('anonymises people whose referrals all closed longer ago than the period, and no one else', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const old = new Date(now.getTime() - 200 * DAY);
    const recent = new Date(now.getTime() - 100 * DAY);
    const gone = await person('Gone Gwen', { email: 'gwen@example.org' });
    await t.db.query(`update participants set postcode = 'NR30 1NE', easting = 652388, northing = 307989 where id = $1`, [gone]);
    const goneRef = await makeReferral(t.db, {
      participantId: gone,
      schemeId: y.schemeId,
      referrerId: y.userId,
      status: 'completed',
      closedAt: old,
      message: 'Gwen private',
    });
    const recentPerson = await person('Recent Rita');
    const recentRef = await makeReferral(t.db, {
      participantId: recentPerson,
      schemeId: y.schemeId,
      referrerId: y.userId,
      status: 'stopped',
      closedAt: recent,
    });
    const mixed = await person('Mixed Mo');
    const mixedOld = await makeReferral(t.db, { participantId: mixed, schemeId: y.schemeId, referrerId: y.userId, status: 'declined', closedAt: old });
    await makeReferral(t.db, { participantId: mixed, schemeId: y.schemeId, referrerId: y.userId, status: 'attending' });

    const result = await t.services.privacy.anonymiseClosedReferrals(now);
    expect(result.participants).toBe(1);
    const [g] = await t.db.query<Record<string, unknown>>('select * from participants where id = $1', [gone]);
    expect(g).toMatchObject({
      preferred_name: 'Anonymised',
      email: null,
      phone: null,
      address: null,
      postcode: 'NR30',
      what_matters: '',
      tags: [],
      easting: 652421,
    });
    expect(g!.anonymised_at).not.toBeNull();
    const refs = await t.db.query<{ id: string; anonymised_at: Date | null; message: string; participant_id: string | null }>(
      'select id, anonymised_at, message, participant_id from referrals where id = any($1::uuid[])',
      [[goneRef, recentRef, mixedOld]],
    );
    const byId = new Map(refs.map((r) => [r.id, r]));
    expect(byId.get(goneRef)).toMatchObject({ message: '', participant_id: gone });
    expect(byId.get(goneRef)!.anonymised_at).not.toBeNull();
    expect(byId.get(mixedOld)!.anonymised_at).not.toBeNull();
    expect(byId.get(recentRef)!.anonymised_at).toBeNull();
    for (const [id, name] of [
      [recentPerson, 'Recent Rita'],
      [mixed, 'Mixed Mo'],
    ]) {
      expect((await t.db.query<{ preferred_name: string }>('select preferred_name from participants where id = $1', [id]))[0]!.preferred_name).toBe(name);
    }
    expect(await t.db.query(`select 1 from audit_events where action = 'participant.anonymised' and subject_id = $1`, [gone])).toHaveLength(1);
    // Anonymised people leave the caseload list; running again changes nothing.
    expect((await (await as(LW_YARMOUTH)).get(paths.caseload.list)).body).not.toContain('Anonymised');
    expect(await t.services.privacy.anonymiseClosedReferrals(now)).toEqual({ referrals: 0, participants: 0 });
    // After the period has passed for the recent one too, it goes.
    expect((await t.services.privacy.anonymiseClosedReferrals(new Date(recent.getTime() + 184 * DAY))).participants).toBe(1);
  });
});
