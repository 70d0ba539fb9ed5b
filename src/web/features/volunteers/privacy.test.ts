import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, one } from '../../../data/database.ts';
import { normalisePhone } from '../../../domain/contact-details.ts';
import { ENGINES } from '../../../../test/engines.ts';
import { makeBuddyWorld, type BuddyWorld } from '../../../../test/fixtures/buddy-visit.fixtures.ts';
import { makeStaff } from '../../../../test/fixtures/referral.fixtures.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

/**
 * A volunteer's subject access and erasure (decision 034), in the style of src/services/erasure-scan.test.ts:
 * after erasure no column of any table holds their name, contact details, postcode, emergency contact,
 * check reference, visit note or expense postcodes; their visits still count (anonymously).
 */
const V = {
  name: 'Zephyrine Quillfeather',
  email: 'zephyrine.q@volunteer.example',
  phone: '07700 900987',
  postcode: 'NG7 2ZQ',
  startPostcode: 'NG5 1ZX',
  emergencyName: 'Ottoline Brackenbury',
  emergencyPhone: '07700 900654',
  reference: 'DBS-ZQ-0099123',
  note: 'Zephyrine lost her bus pass again',
};
const needles = [
  V.name,
  'Quillfeather',
  V.email,
  normalisePhone(V.phone)!,
  V.postcode.replace(' ', ''),
  V.startPostcode.replace(' ', ''),
  V.emergencyName,
  normalisePhone(V.emergencyPhone)!,
  V.reference,
  V.note,
];
const likePattern = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function scanDatabase(db: Db, values: string[]): Promise<string[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`,
  );
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

describe.each(ENGINES)('a volunteer’s subject access and erasure ($name)', (engine) => {
  let t: TestApp;
  let w: BuddyWorld;
  let volunteerId: string;
  const signedIn = async (user: { email: string }) => {
    const v = new Visitor(t.app);
    await v.signIn(user.email, 'test-password-123');
    return v;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    w = await makeBuddyWorld(t.db);
    const user = await makeStaff(t.db, 'buddy', w.scheme);
    await t.db.query(`update users set display_name = $2, email = $3 where id = $1`, [user.id, V.name, V.email]);
    const role = await one<{ id: string }>(t.db, 'select volunteer_role_id as id from volunteers where id = $1', [w.alan.volunteerId]);
    const at = new Date('2026-10-01T10:00:00Z');
    volunteerId = (
      await one<{ id: string }>(
        t.db,
        `insert into volunteers (user_id, organisation_id, scheme_id, volunteer_role_id, buddy_scheme_id, known_as, contact_preference, email, phone, postcode,
           emergency_contact_name, emergency_contact_phone, status, status_changed_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, 'email', $7, $8, $9, $10, $11, 'ready', $12, $12, $12) returning id`,
        [
          user.id,
          w.community.organisationId,
          w.scheme,
          role.id,
          w.buddySchemeId,
          V.name,
          V.email,
          normalisePhone(V.phone),
          V.postcode.replace(' ', ''),
          V.emergencyName,
          normalisePhone(V.emergencyPhone),
          at,
        ],
      )
    ).id;
    await t.db.query(
      `insert into volunteer_checks (volunteer_id, check_type_id, done_on, expires_on, reference, created_at)
       select $1, id, '2026-09-01', '2028-09-01', $2, $3 from volunteer_check_types where code = 'dbs_basic'`,
      [volunteerId, V.reference, at],
    );
    await t.db.query(
      `insert into volunteer_interests (organisation_id, volunteer_role_id, known_as, contact_preference, email, about, consented_at, created_at)
       values ($1, $2, $3, 'email', $4, 'Museums', $5, $5)`,
      [w.community.organisationId, role.id, V.name, V.email, at],
    );
    await t.db.query(
      `insert into volunteer_questionnaire_responses (volunteer_id, scheme_id, organisation_id, time_point, instrument, answers, scores, completed_at)
       values ($1, $2, $3, 'training', 'volunteer_training', '{"knows_link": 4}', '{4,null}', $4)`,
      [volunteerId, w.scheme, w.community.organisationId, at],
    );
    const { buddyReferral } = await w.makePerson();
    const visit = await one<{ id: string }>(
      t.db,
      `insert into buddy_visits (referral_id, volunteer_id, session_date, meets_at, meeting_point, status, checked_in_at, expected_end_at, checked_out_at,
         happened, duration_minutes, note_for_lead, created_at, updated_at)
       values ($1, $2, '2026-10-06', $3, 'The door', 'checked_out', $3, $3, $3, true, 120, $4, $3, $3) returning id`,
      [buddyReferral, volunteerId, at, V.note],
    );
    await t.db.query(
      `insert into visit_expenses (visit_id, volunteer_id, travel_date, miles, mileage_pence, start_postcode, end_postcode, total_pence, claimed_at)
       values ($1, $2, '2026-10-06', 3, 135, $3, $4, 135, $5)`,
      [visit.id, volunteerId, V.startPostcode.replace(' ', ''), V.postcode.replace(' ', ''), at],
    );
    await t.db.query(`insert into notifications (channel, recipient, subject, body, created_at) values ('email', $1, 'Your check', 'Hello', $2)`, [
      V.email,
      at,
    ]);
    await t.db.query(
      `insert into notifications (channel, recipient, subject, body, referral_id, created_at) values ('email', 'lead@example.org', 'Missed check-out', $1, $2, $3)`,
      [`${V.name} has not checked out.`, buddyReferral, at],
    );
  });
  afterAll(async () => t.close());

  it('is for the volunteer’s lead and administrators: another organisation’s lead and the volunteer’s buddies get nothing', async () => {
    expect((await (await signedIn(w.otherLead)).get(paths.volunteers.privacy(volunteerId))).statusCode).toBe(404);
    expect((await (await signedIn(w.alan.user)).get(paths.volunteers.privacyExport(volunteerId))).statusCode).toBe(403);
    expect((await (await signedIn(w.lead)).get(paths.volunteers.privacy(volunteerId))).statusCode).toBe(200);
  });

  it('exports their profile, emergency contact, checks, expression of interest, questionnaire, visit notes and expenses, audited', async () => {
    const res = await (await signedIn(w.lead)).get(paths.volunteers.privacyExport(volunteerId));
    expect(res.statusCode).toBe(200);
    for (const v of [V.name, V.email, V.emergencyName, V.reference, V.note, V.startPostcode.replace(' ', ''), 'knows_link']) expect(res.body).toContain(v);
    const audit = await t.db.query(`select 1 from audit_events where action = 'volunteer.exported' and subject_id = $1`, [volunteerId]);
    expect(audit.length).toBe(1);
  });

  it('needs a tick to erase, then leaves no trace of them while their visit still counts', async () => {
    const admin = await signedIn(await makeStaff(t.db, 'admin', null));
    expect((await admin.post(paths.volunteers.privacyErase(volunteerId), {})).statusCode).toBe(422);
    expect(await scanDatabase(t.db, needles)).not.toEqual([]);
    const res = await admin.post(paths.volunteers.privacyErase(volunteerId), { confirm: 'yes' });
    expect(res.statusCode).toBe(303);
    expect(await scanDatabase(t.db, needles)).toEqual([]);
    const [visit] = await t.db.query<{ duration_minutes: number; status: string }>(
      'select duration_minutes, status from buddy_visits where volunteer_id = $1',
      [volunteerId],
    );
    expect(visit).toEqual({ duration_minutes: 120, status: 'checked_out' });
    const audit = await t.db.query(`select 1 from audit_events where action = 'volunteer.erased' and subject_id = $1`, [volunteerId]);
    expect(audit.length).toBe(1);
    // Their account is closed: they cannot sign in.
    const gone = new Visitor(t.app);
    const signIn = await gone.post(paths.signIn, { email: V.email, password: 'test-password-123' });
    expect(signIn.statusCode).not.toBe(303);
  });
});
