import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeBuddyWorld } from '../../test/fixtures/buddy-visit.fixtures.ts';
import { makeStaff } from '../../test/fixtures/referral.fixtures.ts';
import { makeWorld, type World } from '../../test/fixtures/notify.fixtures.ts';
import { testConfig } from '../config.ts';
import { one, type Db } from '../data/database.ts';
import { createAuditRepository } from '../data/repositories/audit.repository.ts';
import { fixedClock } from '../domain/clock.ts';
import { normalisePhone } from '../domain/contact-details.ts';
import type { User } from '../domain/user.ts';
import { createServices, type Services } from '../services.ts';
import { statusChangeForm } from '../web/features/referrals/status-change.form.ts';

/**
 * After erasure (or retention anonymisation) nothing anywhere says who the person was: every
 * column of every table, cast to text, and every file in the outbox folder are searched for their
 * name, email addresses (old and current), phone number, postal address and postcode.
 */
const AT = new Date('2026-11-16T14:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

/** A distinctive fictional person; `n` (0–3) keeps the journeys apart. */
const personFor = (n: number) => ({
  name: `Zephyrine Quillfeather${n}`,
  oldEmail: `zeph.quill${n}@old-mail.example`,
  email: `zephyrine.q${n}@new-mail.example`,
  phone: `07700 90098${n}`,
  address: `${n}7 Marramgrass Lane, Gorleston`,
  postcode: `NR31 6Z${'QXWV'[n]}`,
});
type Person = ReturnType<typeof personFor>;

/** Every way the values could be written down (phones and postcodes with and without spaces). */
const needles = (p: Person) => [
  p.name,
  p.oldEmail,
  p.email,
  p.phone,
  p.phone.replace(/\s/g, ''),
  normalisePhone(p.phone)!, // as stored (decision 023)
  p.address,
  'Marramgrass',
  p.postcode,
  p.postcode.replace(/\s/g, ''),
];

const likePattern = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every column of every table in the database that holds any of the values, as "table.column: value". */
async function scanDatabase(db: Db, values: string[]): Promise<string[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  const patterns = values.map(likePattern);
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await db.query<{ i: number }>(
      `select i from generate_subscripts($1::text[], 1) i where exists (select 1 from "${table}" where "${column}"::text ilike ($1::text[])[i])`,
      [patterns],
    );
    for (const { i } of rows) found.push(`${table}.${column}: ${values[Number(i) - 1]}`);
  }
  return found;
}

/** Every file under the outbox folder (name or contents) that holds any of the values. */
async function scanFiles(dir: string, values: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = `${file}\n${await readFile(file, 'utf8')}`.toLowerCase();
    for (const v of values) if (text.includes(v.toLowerCase())) found.push(`${entry.name}: ${v}`);
  }
  return found;
}

describe.each(ENGINES)('erasure leaves no trace of the person ($name)', (engine) => {
  let db: Awaited<ReturnType<typeof engine.open>>;
  let s: Services;
  let w: World;
  let outbox: string;
  let linkWorker: User;
  let provider: User;
  let coordinator: User;
  let admin: User;
  let connector: User;

  beforeAll(async () => {
    db = await engine.open();
    outbox = await mkdtemp(path.join(tmpdir(), 'waymark-erasure-outbox-'));
    s = createServices({ db, config: testConfig({ outboxDir: outbox, smtpUrl: undefined }), clock: fixedClock(AT) });
    w = await makeWorld(db);
    const user = (u: { id: string; email: string }, role: User['role'], organisationIds: string[], schemeId: string | null): User => ({
      id: u.id,
      email: u.email,
      displayName: 'Test Person',
      role,
      organisationIds,
      schemeId,
    });
    linkWorker = user(w.linkWorker, 'link_worker', [w.referrerOrg], w.schemeId);
    provider = user(w.provider, 'provider', [w.providerOrg], null);
    coordinator = user(w.coordinator, 'coordinator', [], w.schemeId);
    const a = await one<{ id: string }>(
      db,
      `insert into users (email, display_name, password_hash, role, created_at) values ('erasure-admin@example.org', 'Admin', 'x', 'admin', to_timestamp(1795255200)) returning id`,
    );
    admin = user({ id: a.id, email: 'erasure-admin@example.org' }, 'admin', [], null);
    const c = await one<{ id: string }>(
      db,
      `insert into users (email, display_name, password_hash, role, scheme_id, created_at) values ('erasure-connector@example.org', 'Connector', 'x', 'connector', $1, to_timestamp(1795255200)) returning id`,
      [w.schemeId],
    );
    connector = user({ id: c.id, email: 'erasure-connector@example.org' }, 'connector', [], w.schemeId);
  });
  afterAll(async () => {
    await db.drop();
    await rm(outbox, { recursive: true, force: true });
  });

  const setContact = (participantId: string, preference: string, email: string) =>
    db.query('update participants set contact_preference = $2, email = $3 where id = $1', [participantId, preference, email]);

  /**
   * The whole journey: a referral sent by email (to an address they later changed), a waiting list
   * and acceptance by text, a questionnaire link by text, a first visit by posted letter, attendance,
   * notes naming them, an audit entry quoting them, and every email and text written to the outbox folder.
   */
  async function journey(p: Person): Promise<{ participantId: string; referralId: string }> {
    // They rang the phone line and were handed to a link worker (decision 039): the request is taken
    // into the caseload, then the link worker adds what they learn when they call back.
    await db.query(`insert into scheme_outcodes (scheme_id, outcode) values ($1, 'NR31') on conflict do nothing`, [w.schemeId]);
    const requestId = await s.linkWorkerRequests.create(connector, {
      schemeId: w.schemeId,
      preferredName: p.name,
      contactPreference: 'phone',
      phone: normalisePhone(p.phone),
      email: null,
      postcode: p.postcode,
      needs: ['loneliness'],
      note: `Ring ${p.phone} after 10`,
    });
    const participantId = await s.linkWorkerRequests.take(linkWorker, requestId);
    await db.query(`update participants set contact_preference = 'email', email = $2, address = $3, what_matters = $4 where id = $1`, [
      participantId,
      p.oldEmail,
      p.address,
      `${p.name} misses the harbour`,
    ]);
    for (const purpose of ['referral', 'questionnaires']) {
      await db.query(`insert into consents (participant_id, purpose, method, given_at, note) values ($1, $2, 'verbal', $3, $4)`, [
        participantId,
        purpose,
        AT,
        `${p.name} agreed on the phone (${p.phone})`,
      ]);
    }
    // They referred themselves (messages go to the person only on that route); their link worker keeps their record.
    const { id: referralId } = await one<{ id: string }>(
      db,
      `insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, status, support_needs, message, sent_at, created_at, updated_at)
       values ($1, $2, $3, $4, 'self', 'sent', $5, $6, $7, $7, $7) returning id`,
      [participantId, w.schemeId, w.activity, w.providerOrg, `Ring ${p.phone} first`, `${p.name} lives at ${p.address}`, AT],
    );
    await db.transaction(async (tx) => {
      for (const observe of s.notify.observers) await observe(tx, { referralId, from: null, to: 'sent', actorId: null, note: '', at: AT });
    });
    const refer = s.referral.referrals;

    await setContact(participantId, 'text', p.email);
    await refer.change(provider, referralId, statusChangeForm.parse({ from: 'sent', to: 'waiting_list', note: `Told ${p.name}` }));
    await refer.change(provider, referralId, statusChangeForm.parse({ from: 'waiting_list', to: 'accepted', note: `Rang ${p.phone}` }));
    const link = await s.questionnaires.createLink(linkWorker, referralId, 'baseline');
    expect(link.sentBy).toBe('text');
    await setContact(participantId, 'letter', p.email);
    await refer.change(
      provider,
      referralId,
      statusChangeForm.parse({
        from: 'accepted',
        to: 'first_visit_planned',
        visitDateDay: '20',
        visitDateMonth: '11',
        visitDateYear: '2026',
        buddy: `${p.name}'s neighbour`,
        transport: `Taxi from ${p.address}`,
        // The activity has no sessions, so the day needs a reason (decision 022); it is kept as the note.
        visitReason: `Letter to ${p.postcode}`,
      }),
    );
    const [letter] = await s.notify.letters.pending(coordinator);
    expect(letter!.addressLines).toEqual([p.name, p.address, p.postcode]);
    await s.notify.letters.markPosted(coordinator, letter!.id);
    await refer.change(provider, referralId, statusChangeForm.parse({ from: 'first_visit_planned', to: 'attending', note: `${p.name} came` }));
    await db.query(`insert into attendance (referral_id, session_date, attended, recorded_by, recorded_at) values ($1, '2026-11-10', true, $2, $3)`, [
      referralId,
      w.provider.id,
      AT,
    ]);
    // An audit entry that quotes the person (older entries and free-text reasons can).
    await createAuditRepository(db, fixedClock(AT)).record({
      actorId: w.linkWorker.id,
      action: 'participant.updated',
      subjectType: 'participant',
      subjectId: participantId,
      detail: { note: `${p.name}, ${p.address}, ${p.postcode}` },
    });

    const delivered = await s.notify.outbox.deliverPending(50);
    expect(delivered.failed).toBe(0);
    // Before erasure the scans do find them: the test can fail.
    const stored = normalisePhone(p.phone)!;
    const inFiles = new Set((await scanFiles(outbox, [p.name, stored, p.oldEmail])).map((f) => f.split(': ')[1]));
    expect(inFiles).toEqual(new Set([p.name, stored, p.oldEmail]));
    expect((await scanDatabase(db, [p.address])).length).toBeGreaterThan(0);
    return { participantId, referralId };
  }

  it('erasing a person removes them from every table and every outbox file, and their questionnaire link stops working', async () => {
    const p = personFor(0);
    const { participantId, referralId } = await journey(p);
    const link = await s.questionnaires.createLink(linkWorker, referralId, 'baseline');

    await s.privacy.erase(admin, participantId);

    expect({ database: await scanDatabase(db, needles(p)), files: await scanFiles(outbox, needles(p)) }).toEqual({ database: [], files: [] });
    const token = link.url.split('/').pop()!;
    await expect(s.questionnaires.openLink(token)).rejects.toThrow();
    expect(await db.query('select 1 from questionnaire_links where referral_id = $1 and revoked_at is null and used_at is null', [referralId])).toEqual([]);
  });

  it('anonymising a person whose referrals closed long ago removes them everywhere too', async () => {
    const p = personFor(1);
    const { participantId, referralId } = await journey(p);
    await s.referral.referrals.change(
      provider,
      referralId,
      statusChangeForm.parse({ from: 'attending', to: 'completed', nextSteps: 'carry_on', note: `${p.name} finished` }),
    );

    const later = new Date(AT.getTime() + (testConfig().anonymiseAfterDays + 1) * DAY);
    expect((await s.privacy.anonymiseClosedReferrals(later)).participants).toBe(1);

    expect({ database: await scanDatabase(db, needles(p)), files: await scanFiles(outbox, needles(p)) }).toEqual({ database: [], files: [] });
    expect(
      (await db.query<{ anonymised_at: Date | null }>('select anonymised_at from participants where id = $1', [participantId]))[0]!.anonymised_at,
    ).not.toBeNull();
  });

  it('erasing a contributor’s account removes them from every table and every outbox file written for them', async () => {
    const p = personFor(2);
    await s.accounts.signUpContributor({ displayName: p.name, email: p.email, password: 'harbour lights over the quay 42' });
    const { id } = await one<{ id: string }>(db, 'select id from users where email = $1', [p.email]);
    await db.query('update users set email_verified_at = $2 where id = $1', [id, AT]);
    const contributor: User = { id, email: p.email, displayName: p.name, role: 'contributor', organisationIds: [], schemeId: null };
    // A memory of an activity credited with their name, sent for review; the provider publishes it and they are told.
    const memoryId = await s.contributions.addMemory(
      contributor,
      { activityId: w.activity },
      {
        title: `${p.name} remembers the quay`,
        placeKind: null,
        body: `I lived at ${p.address} and walked here every day.`,
        approximateDate: '1970s',
        oneOfSeveralViews: false,
        postcode: null,
        whereDescription: null,
        latitude: null,
        longitude: null,
        creditKind: 'full_name',
        creditName: p.name,
        licence: 'cc_by_sa_4',
        tellerConsent: false,
        privateToGroup: false,
        send: true,
      },
    );
    await s.contributions.decide(provider, memoryId, { to: 'changes_requested', message: `Thank you ${p.name}, could you add the year?` });
    expect((await s.notify.outbox.deliverPending(50)).failed).toBe(0);
    // Before erasure the outbox folder holds emails to them: the scan can fail.
    expect(await scanFiles(outbox, [p.email])).not.toEqual([]);

    await s.contributions.eraseYourself(contributor, 'remove');

    expect({ database: await scanDatabase(db, needles(p)), files: await scanFiles(outbox, needles(p)) }).toEqual({ database: [], files: [] });
  });

  it('erasing a volunteer removes them from every table and every outbox file written to them or about them', async () => {
    const p = personFor(3);
    const b = await makeBuddyWorld(db);
    const account = await makeStaff(db, 'buddy', b.scheme);
    await db.query('update users set display_name = $2, email = $3 where id = $1', [account.id, p.name, p.email]);
    const { id: volunteerId } = await one<{ id: string }>(
      db,
      `insert into volunteers (user_id, organisation_id, scheme_id, volunteer_role_id, buddy_scheme_id, known_as, contact_preference, email, phone, postcode,
         status, status_changed_at, created_at, updated_at)
       select $1, $2, $3, volunteer_role_id, $4, $5, 'email', $6, $7, $8, 'ready', $9, $9, $9 from volunteers where id = $10 returning id`,
      [account.id, b.community.organisationId, b.scheme, b.buddySchemeId, p.name, p.email, normalisePhone(p.phone), p.postcode, AT, b.alan.volunteerId],
    );
    // A check that expires in 30 days: reminders go to them and, naming them, to their lead.
    await db.query(
      `insert into volunteer_checks (volunteer_id, check_type_id, done_on, expires_on, created_at)
       select $1, id, '2023-12-16', '2026-12-16', $2 from volunteer_check_types where code = 'dbs_basic'`,
      [volunteerId, AT],
    );
    expect(await s.volunteerRecruitment.sendExpiryReminders(AT)).toBe(1);
    // A missed check-out on a visit with them: the alert to the scheme's safeguarding contact names them.
    const { buddyReferral } = await b.makePerson();
    await db.query(
      `insert into buddy_visits (referral_id, volunteer_id, session_date, meets_at, meeting_point, status, expected_end_at, created_at, updated_at)
       values ($1, $2, '2026-11-10', $3, 'The door', 'planned', $3, $3, $3)`,
      [buddyReferral, volunteerId, AT],
    );
    await db.query(
      `insert into notifications (channel, recipient, subject, body, referral_id, created_at) values ('email', 'safeguarding@example.org', 'Missed check-out', $1, $2, $3)`,
      [`${p.name} has not checked out.`, buddyReferral, AT],
    );
    expect((await s.notify.outbox.deliverPending(50)).failed).toBe(0);
    // Before erasure the outbox folder holds what was written to them and about them: the scan can fail.
    const written = await scanFiles(outbox, [p.name, p.email]);
    expect(written.filter((f) => f.endsWith(p.name)).length).toBeGreaterThanOrEqual(3);
    expect(written.some((f) => f.endsWith(p.email))).toBe(true);

    await s.volunteerPrivacy.erase(admin, volunteerId);

    expect({ database: await scanDatabase(db, needles(p)), files: await scanFiles(outbox, needles(p)) }).toEqual({ database: [], files: [] });
  });
});
