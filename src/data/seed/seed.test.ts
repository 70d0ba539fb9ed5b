import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { fixedClock } from '../../domain/clock.ts';
import { freshnessOf } from '../../domain/directory.ts';
import type { Db } from '../database.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';
import { SEED_PLACE_NAMES } from './geography.data.ts';
import { SEED_ACTIVITIES } from './seed-directory.ts';
import { seedDemoData } from './seed.ts';
import { loadSessions } from '../repositories/activity-index.repository.ts';
import { addDays, londonDate, londonInstant, nextOccurrences } from '../../domain/schedule.ts';
import { signpostingCounts } from '../../domain/signposting-counts.ts';
import { createSignpostingRepository } from '../repositories/signposting.repository.ts';
import { isWorkingDay, responseDueAt } from '../../domain/working-days.ts';
import { addDays as addDaysTo } from '../../domain/calendar-date.ts';
import { createVolunteerRepository } from '../repositories/volunteer.repository.ts';
import { createVolunteerRecruitmentRepository } from '../repositories/volunteer-recruitment.repository.ts';
import { createVolunteerReadiness } from '../../services/volunteer-readiness.service.ts';
import { createDuplicateRepository } from '../repositories/duplicate.repository.ts';
import { createFundingRepository } from '../repositories/funding.repository.ts';
import { findDuplicates, scoreOrganisations, scorePairs, scorePlaces } from '../../domain/duplicates.ts';

const NOW = new Date('2026-11-21T10:00:00Z');
const centreOf = (name: string) => {
  const found = SEED_PLACE_NAMES.find(([n]) => n === name);
  if (!found) throw new Error(name);
  return { easting: found[2], northing: found[3] };
};
const CENTRES = { yarmouth: centreOf('Great Yarmouth'), frome: centreOf('Frome'), nottingham: centreOf('Nottingham') };

describe.each(ENGINES)('demo data ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let seeded: boolean;

  // How long seeding takes is a measurement, not a test: see docs/benchmarks.md.
  beforeAll(async () => {
    db = await engine.open();
    seeded = await seedDemoData(db, fixedClock(NOW));
  });
  afterAll(() => db.drop());

  it('seeds organisations, activities and every kind of listing state', async () => {
    expect(seeded).toBe(true);
    const [counts] = await db.query<{ orgs: number; approved: number; pending_orgs: number; activities: number; pending: number; changes: number }>(
      `select (select count(*) from organisations) as orgs, (select count(*) from organisations where status = 'approved') as approved,
              (select count(*) from organisations where status = 'pending') as pending_orgs, (select count(*) from activities) as activities,
              (select count(*) from activities where status = 'pending') as pending,
              (select count(*) from activity_changes where status = 'pending') as changes`,
    );
    expect(counts).toMatchObject({ pending_orgs: 2, pending: 2, changes: 2 });
    expect(counts!.orgs).toBeGreaterThanOrEqual(10);
    expect(counts!.activities).toBeGreaterThanOrEqual(40);
    const live = await db.query<{ last_checked_at: Date }>("select last_checked_at from activities where status = 'live'");
    const freshness = live.map((r) => freshnessOf(new Date(r.last_checked_at), NOW));
    expect(freshness.filter((f) => f === 'due')).toHaveLength(2);
    expect(freshness.filter((f) => f === 'expired')).toHaveLength(1);
  });

  it('shows a coordinator a likely duplicate organisation and place on first start, and funding closing soon, open and rolling', async () => {
    const repo = createDuplicateRepository(db);
    const [scheme] = await db.query<{ id: string }>("select scheme_id as id from users where email = 'coordinator@waymark.example'");
    const area = { everywhere: false as const, schemeId: scheme!.id, outcodes: [] };
    const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
    const orgs = await repo.organisations(area);
    const orgPairs = scorePairs('organisation', byId(orgs), await repo.organisationPairs(area), scoreOrganisations);
    const name = (id: string) => orgs.find((o) => o.id === id)?.name;
    expect(orgPairs.map((p) => [name(p.firstId), name(p.secondId)].sort())).toContainEqual(['Elizabethan House Friends', 'Friends of the Elizabethan House']);
    const places = await repo.places(area);
    const placePairs = scorePairs('place', byId(places), await repo.placePairs(area), scorePlaces);
    const sameOrganisation = placePairs.filter((p) => byId(places).get(p.firstId)?.organisationId === byId(places).get(p.secondId)?.organisationId);
    expect(sameOrganisation.map((p) => [byId(places).get(p.firstId)?.name, byId(places).get(p.secondId)?.name].sort())).toContainEqual([
      'Tolhouse',
      'Tolhouse Gaol',
    ]);
    // The blocks find what comparing every pair finds on the demo data.
    const keys = (pairs: { firstId: string; secondId: string }[]) => pairs.map((p) => `${p.firstId}:${p.secondId}`).sort();
    expect(keys(placePairs)).toEqual(keys(findDuplicates('place', places, scorePlaces)));
    const today = londonDate(NOW);
    const funding = await createFundingRepository(db).list({ fromDate: today, includeRolling: true });
    expect(funding.map((f) => f.deadline)).toEqual(expect.arrayContaining([addDaysTo(today, 10), addDaysTo(today, 45), null]));
  });

  it('puts every activity within 30 km of the centre of its area', async () => {
    const rows = await db.query<{ title: string; easting: number; northing: number }>(
      'select a.title, p.easting, p.northing from activities a join places p on p.id = a.place_id',
    );
    for (const a of SEED_ACTIVITIES) {
      const row = rows.find((r) => r.title === a.title);
      const centre = CENTRES[a.area];
      expect(row, a.title).toBeDefined();
      expect(Math.hypot(row!.easting - centre.easting, row!.northing - centre.northing), a.title).toBeLessThan(30_000);
    }
  });

  it('knows the position of every place postcode', async () => {
    const missing = await db.query<{ postcode: string }>(
      "select p.postcode from places p where not exists (select 1 from postcodes c where c.postcode = upper(replace(p.postcode, ' ', '')))",
    );
    expect(missing).toEqual([]);
    const [outcode] = await db.query<{ n: number }>("select count(*) as n from outcodes where outcode in ('NR30', 'BA11', 'NG1')");
    expect(outcode!.n).toBe(3);
    const [yarmouth] = await db.query<{ name: string }>("select name from place_names where name_key = 'great yarmouth'");
    expect(yarmouth?.name).toBe('Great Yarmouth');
    const [assets] = await db.query<{ n: number }>('select count(*) as n from heritage_assets');
    expect(assets!.n).toBeGreaterThanOrEqual(20);
  });

  it('gives every live activity a next session, a search text and a first version', async () => {
    const rows = await db.query<{ title: string; summary: string; next_session_at: Date | null; search_text: string; search_labels: string; versions: number }>(
      `select a.title, a.summary, a.next_session_at, a.search_text, a.search_labels, (select count(*) from activity_versions v where v.activity_id = a.id) as versions
       from activities a where a.status = 'live'`,
    );
    for (const r of rows) {
      expect(r.next_session_at, r.title).not.toBeNull();
      expect(new Date(r.next_session_at!).getTime(), r.title).toBeGreaterThanOrEqual(NOW.getTime()); // may be under way now
      expect(r.search_text, r.title).toContain(r.summary);
      expect(r.search_labels, r.title).not.toBe('');
      expect(r.versions, r.title).toBe(1);
    }
  });

  it('makes each provider demo account a member of its organisation', async () => {
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role === 'provider' && a.organisationKey)) {
      const rows = await db.query<{ name: string }>(
        'select o.name from memberships m join users u on u.id = m.user_id join organisations o on o.id = m.organisation_id where u.email = $1',
        [account.email],
      );
      expect(rows, account.email).toHaveLength(1);
      expect(rows[0]!.name.toLowerCase().replace(/[^a-z]+/g, '-'), account.email).toContain(account.organisationKey!.split('-')[0]);
    }
  });

  it('puts link workers in their referrer team and every referrer and coordinator in a pilot scheme', async () => {
    for (const account of DEMO_ACCOUNTS.filter((a) => a.schemeKey)) {
      const [row] = await db.query<{ area: string; team: string | null; kind: string | null }>(
        `select s.area, o.name as team, o.kind from users u join schemes s on s.id = u.scheme_id
         left join memberships m on m.user_id = u.id left join organisations o on o.id = m.organisation_id where u.email = $1`,
        [account.email],
      );
      expect(row, account.email).toBeDefined();
      if (account.role === 'link_worker') expect(row!.kind, account.email).toBe('referrer');
    }
    const areas = await db.query<{ area: string }>('select area from schemes order by area');
    expect(areas.map((a) => a.area)).toEqual(['Frome', 'Great Yarmouth and Waveney', 'Nottingham']);
  });

  it('gives every pilot scheme an active buddy scheme run by one of its heritage or community organisations, and pauses one', async () => {
    const rows = await db.query<{ area: string; name: string; active: boolean; same_scheme: boolean; kind: string }>(
      `select s.area, b.name, b.active, o.scheme_id = b.scheme_id as same_scheme, o.kind
       from buddy_schemes b join schemes s on s.id = b.scheme_id join organisations o on o.id = b.organisation_id order by s.area, b.name`,
    );
    expect([...new Set(rows.filter((r) => r.active).map((r) => r.area))]).toEqual(['Frome', 'Great Yarmouth and Waveney', 'Nottingham']);
    expect(rows.filter((r) => !r.active)).toHaveLength(1);
    for (const r of rows) {
      expect({ name: r.name, sameScheme: r.same_scheme }).toEqual({ name: r.name, sameScheme: true });
      expect(['provider', 'community'], r.name).toContain(r.kind);
    }
  });

  it('gives Nottingham buddies of both strands, one with a login, and a volunteer lead for their organisations', async () => {
    const rows = await db.query<{ known_as: string; strand: string; status: string; email: string | null; scheme_area: string }>(
      `select v.known_as, r.strand, v.status, u.email, s.area as scheme_area
       from volunteers v join volunteer_roles r on r.id = v.volunteer_role_id join schemes s on s.id = v.scheme_id
       left join users u on u.id = v.user_id order by v.known_as`,
    );
    expect(new Set(rows.map((r) => r.scheme_area))).toEqual(new Set(['Nottingham']));
    expect(new Set(rows.map((r) => r.strand))).toEqual(new Set(['site_specific', 'heritage_informed']));
    expect(rows.filter((r) => r.email).map((r) => r.email)).toEqual(['buddy.nottingham@waymark.example']);
    const led = await db.query<{ n: number }>(
      `select count(distinct v.organisation_id)::int as n from volunteers v
       join memberships m on m.organisation_id = v.organisation_id join users u on u.id = m.user_id
       where u.email = 'volunteers.nottingham@waymark.example'`,
    );
    expect(led[0]!.n).toBe(3);
  });

  it('gives the Nottingham volunteers training and checks, some expiring within 60 days and one expired, and two expressions of interest', async () => {
    const readiness = createVolunteerReadiness({
      volunteers: createVolunteerRepository(db),
      recruitment: createVolunteerRecruitmentRepository(db),
      clock: fixedClock(NOW),
    });
    const volunteers = await db.query<{ id: string; known_as: string }>('select id, known_as from volunteers order by known_as');
    const blockers = await readiness.matchingBlockers(volunteers.map((v) => v.id));
    const byName = Object.fromEntries(volunteers.map((v) => [v.known_as, blockers.get(v.id)]));
    expect(byName.Alan).toEqual([]);
    expect(byName.Harjit).toEqual([]);
    expect(byName.Amina).toEqual([]);
    expect(byName.Shirin).toEqual(['Paused by the volunteer']);
    expect(byName.Yusuf).toEqual([expect.stringMatching(/^Driving licence expired on \d+ \w+ 2026$/)]);
    expect(byName.Bev).toContain('Not marked ready by their volunteer lead yet');
    expect(byName.Bev).toContain('No basic DBS check recorded');
    const today = londonDate(NOW);
    const soon = await createVolunteerRecruitmentRepository(db).expiringBetween(today, addDaysTo(today, 60));
    expect(soon.length).toBeGreaterThanOrEqual(3);
    const interests = await db.query<{ known_as: string; conversation_on: string | null }>(
      'select known_as, conversation_on from volunteer_interests order by known_as',
    );
    expect(interests.map((i) => [i.known_as, i.conversation_on !== null])).toEqual([
      ['Dev', false],
      ['Grace', true],
    ]);
  });

  it('follows the rules it demonstrates: reply-by dates from working days, sent in working hours, first visits on session days, statuses that match their timelines', async () => {
    const sent = await db.query<{ id: string; sent_at: Date; response_due_at: Date; days: number }>(
      `select r.id, r.sent_at, r.response_due_at, s.response_working_days as days from referrals r join schemes s on s.id = r.scheme_id where r.sent_at is not null`,
    );
    expect(sent.length).toBeGreaterThan(30);
    for (const r of sent) {
      const at = new Date(r.sent_at);
      expect(isWorkingDay(at), `sent ${at.toISOString()}`).toBe(true);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(at));
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(17);
      expect(new Date(r.response_due_at).toISOString()).toBe(responseDueAt(at, Number(r.days)).toISOString());
    }
    const visits = await db.query<{ id: string; status: string; activity_id: string; first_visit_date: string; attending_at: Date | null }>(
      `select r.id, r.status, coalesce(r.activity_id, r.accompany_activity_id) as activity_id, r.first_visit_date,
         (select e.at from referral_events e where e.referral_id = r.id and e.to_status = 'attending' limit 1) as attending_at
       from referrals r where r.first_visit_date is not null`,
    );
    expect(visits.length).toBeGreaterThan(10);
    for (const v of visits) {
      const sessions = await loadSessions(db, [v.activity_id]);
      const [{ months }] = (await db.query<{ months: number[] }>('select months from activities where id = $1', [v.activity_id])) as [{ months: number[] }];
      const runs = nextOccurrences(sessions, londonInstant(v.first_visit_date, '00:00'), { limit: 1, months })[0]?.date;
      expect(runs, `first visit ${v.first_visit_date} of ${v.id}`).toBe(v.first_visit_date);
      if (v.status === 'first_visit_planned') expect(v.first_visit_date > londonDate(NOW)).toBe(true);
      if (v.attending_at) expect(londonDate(new Date(v.attending_at)) > v.first_visit_date).toBe(true);
    }
  });

  it('gives listed places seeded with a National Heritage List number no "valued by the community" label instead', async () => {
    const rows = await db.query<{ n: number }>('select count(*) as n from places where nhle_list_entry is not null and community_valued');
    expect(rows[0]!.n).toBe(0);
  });

  it('gives Frome’s connectors five weeks of anonymous signposting, the phone line’s and the Heritage Café’s shifts, and counts that show and withhold', async () => {
    const today = londonDate(NOW);
    const [frome] = await db.query<{ scheme: string }>(`select scheme_id as scheme from users where email = 'coordinator.frome@waymark.example'`);
    const perConnector = await db.query<{ email: string; n: number; first: string; last: string }>(
      `select u.email, count(*)::int as n, to_char(min(c.held_on), 'YYYY-MM-DD') as first, to_char(max(c.held_on), 'YYYY-MM-DD') as last
         from signposting_conversations c join users u on u.id = c.connector_id where c.scheme_id = $1 group by u.email order by u.email`,
      [frome!.scheme],
    );
    expect(perConnector.map((r) => r.email)).toEqual([
      'connector.frome@waymark.example',
      'connector2.frome@waymark.example',
      'connector3.frome@waymark.example',
    ]);
    for (const r of perConnector) {
      expect(r.n).toBeGreaterThan(10);
      expect(r.last <= today && r.first >= addDays(today, -35)).toBe(true);
    }
    const points = await db.query<{ p: string }>('select distinct info_point as p from signposting_conversations where scheme_id = $1 order by 1', [
      frome!.scheme,
    ]);
    expect(points.map((r) => r.p)).toContain('heritage_cafe');
    const shifts = await db.query<{ p: string; open: boolean; n: number }>(
      `select info_point as p, connector_id is null as open, count(*)::int as n from connector_shifts where scheme_id = $1 group by 1, 2 order by 1, 2`,
      [frome!.scheme],
    );
    expect(shifts.filter((s) => s.p === 'heritage_cafe').reduce((n, s) => n + s.n, 0)).toBeGreaterThanOrEqual(3);
    expect(shifts.some((s) => s.p === 'phone_line' && s.open)).toBe(true);
    expect(shifts.some((s) => s.p === 'phone_line' && !s.open)).toBe(true);
    const month = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
    const facts = (await createSignpostingRepository(db).facts(frome!.scheme, null)).map((f) => ({ ...f, month: month(f.heldOn) }));
    const counts = signpostingCounts(facts, { months: [month(addDays(today, -35)), month(today)], connectors: [], monthLabel: String });
    expect(counts.total).toBeGreaterThan(0);
    expect(counts.byInfoPoint.some((r) => r.count === null)).toBe(true);
    // Nothing about the people met: no free text anywhere in the table.
    const textColumns = await db.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_name = 'signposting_conversations' and data_type = 'text' order by 1`,
    );
    expect(textColumns.map((c) => c.column_name)).toEqual(['idempotency_key', 'info_point', 'referral_followed']); // a random form key and two codes
  });

  it('does nothing when seeded a second time', async () => {
    const before = await db.query<{ n: number }>('select count(*) as n from activities');
    expect(await seedDemoData(db, fixedClock(NOW))).toBe(false);
    expect(await db.query<{ n: number }>('select count(*) as n from activities')).toEqual(before);
  });
});
