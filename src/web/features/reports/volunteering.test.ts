import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../../data/database.ts';
import { ENGINES } from '../../../../test/engines.ts';
import { makeBuddyWorld, type BuddyWorld } from '../../../../test/fixtures/buddy-visit.fixtures.ts';
import { makeStaff } from '../../../../test/fixtures/referral.fixtures.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

/**
 * The volunteering section of a coordinator's reports (decision 034): 14 volunteers at one
 * organisation, all ready and trained, two with an expired DBS check; twelve 90-minute visits in
 * October 2026 (ten with a check-out alert acknowledged after 5 to 14 minutes) and one in September.
 */
describe.each(ENGINES)('volunteering in numbers for a coordinator ($name)', (engine) => {
  let t: TestApp;
  let w: BuddyWorld;
  let coordinator: Visitor;
  const signedIn = async (user: { email: string }) => {
    const v = new Visitor(t.app);
    await v.signIn(user.email, 'test-password-123');
    return v;
  };
  const row = (body: string, label: string) => {
    const m = new RegExp(`${label}</th>([\\s\\S]*?)</tr>`).exec(body);
    return [...(m?.[1] ?? '').matchAll(/<\/span>([^<]*)<\/td>/g)].map((x) => x[1]!.trim());
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    w = await makeBuddyWorld(t.db);
    await t.db.query(`update volunteers set status = 'stopped' where id = $1`, [w.paused.volunteerId]);
    const role = await one<{ id: string }>(t.db, 'select volunteer_role_id as id from volunteers where id = $1', [w.alan.volunteerId]);
    const ids = [w.alan.volunteerId, w.harjit.volunteerId];
    for (let i = 0; i < 12; i++) {
      const v = await one<{ id: string }>(
        t.db,
        `insert into volunteers (organisation_id, scheme_id, volunteer_role_id, known_as, contact_preference, email, status, status_changed_at, created_at, updated_at)
         values ($1, $2, $3, $4, 'email', $5, 'ready', $6, $6, $6) returning id`,
        [w.community.organisationId, w.scheme, role.id, `Volunteer ${i}`, `v${i}@example.org`, new Date('2026-06-01T10:00:00Z')],
      );
      ids.push(v.id);
    }
    for (const [i, id] of ids.entries()) {
      await t.db.query(
        `insert into volunteer_checks (volunteer_id, check_type_id, done_on, expires_on, created_at)
         select $1, id, '2026-05-01', null, $2 from volunteer_check_types where code = 'heritage_wellbeing'`,
        [id, new Date('2026-05-01T10:00:00Z')],
      );
      if (i < 2)
        await t.db.query(
          `insert into volunteer_checks (volunteer_id, check_type_id, done_on, expires_on, created_at)
           select $1, id, '2024-05-01', '2026-05-01', $2 from volunteer_check_types where code = 'dbs_basic'`,
          [id, new Date('2024-05-01T10:00:00Z')],
        );
    }
    const { buddyReferral } = await w.makePerson();
    const visit = async (day: string, alertAfter: number | null) => {
      const meets = new Date(`${day}T10:00:00Z`);
      const end = new Date(meets.getTime() + 90 * 60_000);
      const v = await one<{ id: string }>(
        t.db,
        `insert into buddy_visits (referral_id, volunteer_id, session_date, meets_at, meeting_point, status, checked_in_at, expected_end_at, checked_out_at,
           happened, duration_minutes, created_at, updated_at)
         values ($1, $2, $3, $4, 'The door', 'checked_out', $4, $5, $5, true, 90, $4, $4) returning id`,
        [buddyReferral, w.alan.volunteerId, day, meets, end],
      );
      if (alertAfter !== null)
        await t.db.query(`insert into visit_alerts (visit_id, reason, raised_at, acknowledged_at) values ($1, 'missed_check_out', $2, $3)`, [
          v.id,
          end,
          new Date(end.getTime() + alertAfter * 60_000),
        ]);
    };
    for (let i = 0; i < 12; i++) await visit(`2026-10-${String(i + 5).padStart(2, '0')}`, i < 10 ? 5 + i : null);
    await visit('2026-09-15', null);
    coordinator = await signedIn(await makeStaff(t.db, 'coordinator', w.scheme));
  });
  afterAll(async () => t.close());

  it('counts volunteers today, rounded, and withholds the two expired checks', async () => {
    const res = await coordinator.get(`${paths.reports.volunteering}?from=2026-10&to=2026-11`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Volunteers today');
    // Volunteers, ready, trained, due within 30 days, expired.
    expect(row(res.body, 'All organisations').slice(0, 5)).toEqual(['15', '15', '15', '0', 'not shown']);
  });

  it('shows visits, hours, alerts and the median minutes to acknowledge for a period with enough of them', async () => {
    const res = await coordinator.get(`${paths.reports.volunteering}?from=2026-10&to=2026-11`);
    const body = res.body.slice(res.body.indexOf('October 2026 to November 2026'));
    expect(row(body, 'All organisations')).toEqual(['10', '20', '10', '10']);
    expect(row(body, 'Test Women’s Centre')).toEqual(['10', '20', '10', '10']);
    expect(row(body, 'October 2026')).toEqual(['10', '20', '10', '10']);
    expect(row(body, 'November 2026')).toEqual(['0', '0', '0', 'not shown']);
  });

  it('withholds a total that one more month would change by a single visit', async () => {
    const res = await coordinator.get(`${paths.reports.volunteering}?from=2026-09&to=2026-11`);
    const body = res.body.slice(res.body.indexOf('September 2026 to November 2026'));
    expect(row(body, 'All organisations').slice(0, 2)).toEqual(['not shown', 'not shown']);
    expect(row(body, 'September 2026').slice(0, 2)).toEqual(['not shown', 'not shown']);
  });

  it('downloads the same figures as CSV, and refuses a day instead of a month', async () => {
    const csv = await coordinator.get(`${paths.reports.volunteeringCsv}?from=2026-10&to=2026-11`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"Visits, hours and alerts by month (2026-10 to 2026-11)",October 2026,Visits,10');
    expect(csv.body).toContain('Volunteers today,All organisations,A check expired,not shown');
    const bad = await coordinator.get(`${paths.reports.volunteering}?from=2026-10-01`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Reports cover whole months');
  });

  it('is for coordinators only, and counts only their scheme', async () => {
    expect((await (await signedIn(w.linkWorker)).get(paths.reports.volunteering)).statusCode).toBe(403);
    expect((await (await signedIn(w.lead)).get(paths.reports.volunteeringCsv)).statusCode).toBe(403);
    const elsewhere = await signedIn(
      await makeStaff(
        t.db,
        'coordinator',
        (
          await one<{ id: string }>(t.db, `insert into schemes (name, area, created_at) values ('Elsewhere', 'X', $1) returning id`, [
            new Date('2026-01-01T00:00:00Z'),
          ])
        ).id,
      ),
    );
    const res = await elsewhere.get(`${paths.reports.volunteering}?from=2026-10&to=2026-11`);
    expect(row(res.body, 'All organisations').slice(0, 5)).toEqual(['0', '0', '0', '0', '0']);
    expect(res.body).not.toContain('Test Women’s Centre');
  });
});
