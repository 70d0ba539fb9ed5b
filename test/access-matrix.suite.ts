import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../src/domain/password.ts';
import type { Role } from '../src/domain/user.ts';
import { DEMO_PASSWORD } from '../src/data/seed/demo-accounts.ts';
import type { Engine } from './engines.ts';
import { createTestApp, Visitor, type TestApp } from './test-app.ts';
import { ACCESS_TABLE, type Expect, type Fixture, type RouteAccess, type Scope } from './access-matrix.table.ts';
import { addVolunteerLeadElsewhere, findFixtures, type Fixtures } from './access-matrix.fixtures.ts';
import { ACTORS, type Actor } from './access-matrix.actors.ts';
import { isPublicFile } from '../src/web/middleware/no-store.ts';

/**
 * Issue "Access": every route × every actor. The table (access-matrix.table.ts) must list exactly the
 * routes the app serves; then each actor is tried on each route with the seeded Yarmouth records.
 */
type Outcome = { kind: 'ok'; expect: Expect } | { kind: 'sign-in' } | { kind: 'denied'; status: number };

function outcomeFor(key: string, entry: RouteAccess, actor: Actor): Outcome {
  if (entry.who === 'public') return { kind: 'ok', expect: (!actor.role && entry.okSignedOut) || entry.ok || { status: 200 } };
  if (!actor.role) return { kind: 'sign-in' };
  if (!entry.who.includes(actor.role)) return { kind: 'denied', status: 403 };
  const scope: Scope | undefined = typeof entry.scope === 'string' ? entry.scope : entry.scope?.[actor.role];
  if (entry.scope && !scope) throw new Error(`${key}: the table allows ${actor.role} but gives no scope for that role`);
  if (scope && scope !== 'any' && scope !== 'token' && !actor.reaches.includes(scope)) return { kind: 'denied', status: entry.crossStatus ?? 404 };
  return { kind: 'ok', expect: entry.ok ?? { status: 200 } };
}

const location = (res: LightMyRequestResponse) => String(res.headers.location ?? '');
const isCsrfPage = (res: LightMyRequestResponse) => res.body.includes('Your form has expired');

/** Whether the answer matches; a description of what went wrong otherwise. */
function mismatch(outcome: Outcome, res: LightMyRequestResponse): string | null {
  const got = `${res.statusCode}${location(res) ? ` → ${location(res)}` : ''}`;
  switch (outcome.kind) {
    case 'sign-in':
      return [302, 303].includes(res.statusCode) && location(res).startsWith('/sign-in') ? null : `expected redirect to /sign-in, got ${got}`;
    case 'denied':
      if (res.statusCode === 403 && isCsrfPage(res)) return 'refused by CSRF, not by access rules';
      return res.statusCode === outcome.status ? null : `expected ${outcome.status}, got ${got}`;
    case 'ok': {
      const e = outcome.expect;
      if (res.statusCode !== e.status) return `expected ${e.status}${e.location ? ` → ${e.location}` : ''}, got ${got}`;
      if (res.statusCode >= 300 && res.statusCode < 400) {
        if (location(res).startsWith('/sign-in')) return `allowed but sent to sign in (${got})`;
        if (e.location && !location(res).startsWith(e.location)) return `expected → ${e.location}, got ${got}`;
      }
      return null;
    }
  }
}

/** Data a refused form must not change (sessions and the audit trail may record the attempt). */
const WATCHED_TABLES = [
  'walks',
  'walk_stops',
  'link_worker_requests',
  'organisations',
  'memberships',
  'places',
  'activities',
  'activity_changes',
  'activity_versions',
  'activity_sessions',
  'session_cancellations',
  'users',
  'schemes',
  'participants',
  'consents',
  'referrals',
  'referral_events',
  'attendance',
  'notifications',
  'conversation_prompts',
  'buddy_schemes',
  'instrument_wordings',
  'questionnaire_links',
  'questionnaire_responses',
  'phone_line_sends',
  'volunteers',
  'volunteer_interests',
  'volunteer_checks',
  'volunteer_dbs_status_checks',
  'volunteer_recruitment_steps',
  'volunteer_check_types',
  'volunteer_role_requirements',
  'signposting_conversations',
  'connector_shifts',
  'buddy_visits',
  'buddy_proposals',
  'visit_alerts',
  'visit_alert_events',
  'visit_expenses',
  'contributions',
  'contribution_photos',
  'api_tokens',
  'inbound_referrals',
];
async function checksum(t: TestApp): Promise<Record<string, string>> {
  const sql = WATCHED_TABLES.map(
    (name) => `select '${name}' as name, count(*)::int as n, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as h from ${name} t`,
  ).join(' union all ');
  const rows = await t.db.query<{ name: string; n: number; h: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.h}`]));
}

async function one<T>(t: TestApp, sql: string, params: unknown[] = []): Promise<T> {
  const [row] = await t.db.query<T>(sql, params);
  if (!row) throw new Error(`No seeded record for: ${sql}`);
  return row;
}

/** A second link worker in linkworker.yarmouth's team, whose organisation shares caseloads. */
async function addTeammate(t: TestApp, email: string) {
  const { org, scheme } = await one<{ org: string; scheme: string }>(
    t,
    `select m.organisation_id as org, u.scheme_id as scheme from users u join memberships m on m.user_id = u.id
      where u.email = 'linkworker.yarmouth@waymark.example'`,
  );
  const { id } = await one<{ id: string }>(
    t,
    `insert into users (email, display_name, password_hash, role, scheme_id, created_at) values ($1, 'Matrix Teammate', $2, 'link_worker', $3, to_timestamp(1795255200)) returning id`,
    [email, await hashPassword(DEMO_PASSWORD), scheme],
  );
  await t.db.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, to_timestamp(1795255200))', [id, org]);
  await t.db.query('update organisations set share_caseload = true where id = $1', [org]);
}

/** Another buddy of Alan's scheme (Harjit, given an account), or a volunteer lead of an organisation with no Nottingham volunteers. */
async function addVolunteerActor(t: TestApp, role: Role, email: string) {
  const { id } = await one<{ id: string }>(
    t,
    `insert into users (email, display_name, password_hash, role, created_at) values ($1, 'Matrix Volunteer', $2, $3, to_timestamp(1795255200)) returning id`,
    [email, await hashPassword(DEMO_PASSWORD), role],
  );
  if (role === 'buddy') await t.db.query(`update volunteers set user_id = $1 where known_as = 'Harjit'`, [id]);
  else {
    await t.db.query(
      `insert into memberships (user_id, organisation_id, created_at) select $1, id, to_timestamp(1795255200) from organisations where name = 'Yarmouth Heritage Trust'`,
      [id],
    );
  }
}

function urlFor(key: string, entry: RouteAccess, fixtures: Fixtures): string {
  const pattern = key.slice(key.indexOf(' ') + 1);
  const url = pattern.replace(/:(\w+)|\*/g, (match, name: string | undefined) => {
    const fixture = entry.params?.[name ?? '*'];
    if (!fixture) throw new Error(`${key}: the table does not say which record fills ${match}`);
    return encodeURIComponent(fixtures[fixture]);
  });
  const query = entry.query?.replace(/:(\w+)/g, (_m, name: string) => fixtures[name as Fixture] ?? '');
  return query ? `${url}?${query}` : url;
}

/**
 * The matrix for one engine. Each engine runs from its own test file (access-matrix.pglite.test.ts,
 * access-matrix.postgres.test.ts) so that the two, the longest in the suite, run side by side.
 */
export function accessMatrix(engine: Engine) {
  describe(`Access matrix: every route for every role (${engine.name})`, () => {
    let t: TestApp;
    let fixtures: Fixtures;
    const visitors = new Map<string, Visitor>();
    const sessionCookies = new Map<string, string>();

    beforeAll(async () => {
      t = await createTestApp(engine, { seed: true });
      for (const actor of ACTORS) {
        if (actor.createAs && actor.role === 'volunteer_lead') await addVolunteerLeadElsewhere(t.db, actor.createAs, await hashPassword(DEMO_PASSWORD));
        else if (actor.createAs && actor.role === 'buddy') await addVolunteerActor(t, 'buddy', actor.createAs);
        else if (actor.createAs) await addTeammate(t, actor.createAs);
        const v = new Visitor(t.app);
        if (actor.email) {
          const res = await v.signIn(actor.email);
          const session = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'wm_session');
          if (session) sessionCookies.set(actor.key, `wm_session=${session.value}`);
        } else await v.get('/');
        visitors.set(actor.key, v);
      }
      const linkWorker = visitors.get('linkWorker')!;
      fixtures = await findFixtures(t.db, {
        linkWorkerGet: async (url) => (await linkWorker.get(url)).body,
        linkWorkerPost: async (url) => {
          const res = await linkWorker.post(url);
          return { status: res.statusCode, body: res.body };
        },
        getJson: async (url) => JSON.parse((await t.app.inject({ method: 'GET', url })).body) as unknown,
      });
    });
    afterAll(async () => t?.close());

    it('lists exactly the routes the app serves', () => {
      const served = new Set((t.app as unknown as { routeTable: { method: string; url: string }[] }).routeTable.map((r) => `${r.method} ${r.url}`));
      const listed = new Set(Object.keys(ACCESS_TABLE));
      const unlisted = [...served].filter((r) => !listed.has(r)).sort();
      const stale = [...listed].filter((r) => !served.has(r)).sort();
      expect(unlisted, `Routes served but missing from test/access-matrix.table.ts — add who may use them:\n${unlisted.join('\n')}`).toEqual([]);
      expect(stale, `Entries in test/access-matrix.table.ts for routes the app no longer serves:\n${stale.join('\n')}`).toEqual([]);
    });

    it.each(Object.keys(ACCESS_TABLE))('%s', async (key) => {
      const entry = ACCESS_TABLE[key]!;
      const method = key.slice(0, key.indexOf(' '));
      const url = urlFor(key, entry, fixtures);
      const problems: string[] = [];

      if (method === 'GET') {
        for (const actor of ACTORS) {
          const res = await visitors.get(actor.key)!.get(url);
          const wrong = mismatch(outcomeFor(key, entry, actor), res);
          if (wrong) problems.push(`${actor.label}: ${wrong}`);
          // Issue "Trust": no browser or proxy keeps a copy of any page or download but static files and open data.
          if (!isPublicFile(url) && res.headers['cache-control'] !== 'no-store') problems.push(`${actor.label}: not marked Cache-Control: no-store`);
        }
      } else if (method === 'POST') {
        // Only those who may NOT use the form post it: the answer is a refusal and nothing changes.
        const before = await checksum(t);
        for (const actor of ACTORS) {
          const outcome = outcomeFor(key, entry, actor);
          if (outcome.kind === 'ok' && !entry.ok) continue;
          const res = await visitors.get(actor.key)!.post(url, entry.form ?? {});
          const refused =
            outcome.kind === 'denied'
              ? { kind: 'denied' as const, status: res.statusCode === 404 || res.statusCode === 403 ? res.statusCode : outcome.status }
              : outcome;
          const wrong = mismatch(refused, res);
          if (wrong) problems.push(`${actor.label}: ${wrong}`);
        }
        const after = await checksum(t);
        const changed = WATCHED_TABLES.filter((name) => before[name] !== after[name]);
        if (changed.length) problems.push(`refused posts changed: ${changed.join(', ')}`);
      } else {
        // Other methods exist only on the open-data API, which never reads the session.
        for (const actor of ACTORS) {
          const cookie = sessionCookies.get(actor.key);
          const res = await t.app.inject({
            method: method as 'PUT',
            url,
            headers: cookie
              ? { cookie, origin: 'https://example.org', 'access-control-request-method': 'GET' }
              : { origin: 'https://example.org', 'access-control-request-method': 'GET' },
          });
          const wrong = mismatch(outcomeFor(key, entry, actor), res);
          if (wrong) problems.push(`${actor.label}: ${wrong}`);
        }
      }
      expect(problems, `${key} (${url})`).toEqual([]);
    });

    // What the matrix's single set of Yarmouth records cannot show.

    it('lets a connector see the person they referred and that referral, and nobody else in the scheme', async () => {
      const r = await one<{ id: string; participant_id: string }>(
        t,
        `select r.id, r.participant_id from referrals r join users u on u.id = r.referrer_id
        where u.email = 'connector.yarmouth@waymark.example' and r.route = 'connector' limit 1`,
      );
      const connector = visitors.get('connector')!;
      expect((await connector.get(`/referrals/${r.id}`)).statusCode).toBe(200);
      expect((await connector.get(`/caseload/${r.participant_id}/matches`)).statusCode).toBe(200);
      expect((await visitors.get('linkWorker')!.get(`/caseload/${r.participant_id}`)).statusCode).toBe(404);
      expect((await visitors.get('coordinator')!.get(`/referrals/${r.id}`)).statusCode).toBe(200);
      expect((await visitors.get('coordinatorOther')!.get(`/referrals/${r.id}`)).statusCode).toBe(404);
    });

    it("shows a link worker their team's caseload only when their organisation shares caseloads", async () => {
      const lw = await one<{ id: string; org: string; scheme: string }>(
        t,
        `select u.id, m.organisation_id as org, u.scheme_id as scheme from users u join memberships m on m.user_id = u.id where u.email = 'linkworker.frome@waymark.example'`,
      );
      const { id: participant } = await one<{ id: string }>(t, 'select id from participants where caseworker_id = $1 and anonymised_at is null limit 1', [
        lw.id,
      ]);
      const { id: colleague } = await one<{ id: string }>(
        t,
        `insert into users (email, display_name, password_hash, role, scheme_id, created_at) values ('matrix.frome@waymark.example', 'Matrix Colleague', $1, 'link_worker', $2, to_timestamp(1795255200)) returning id`,
        [await hashPassword(DEMO_PASSWORD), lw.scheme],
      );
      await t.db.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, to_timestamp(1795255200))', [colleague, lw.org]);
      const v = new Visitor(t.app);
      await v.signIn('matrix.frome@waymark.example');

      await t.db.query('update organisations set share_caseload = false where id = $1', [lw.org]);
      expect((await visitors.get('linkWorkerOther')!.get(`/caseload/${participant}`)).statusCode).toBe(200);
      expect((await v.get(`/caseload/${participant}`)).statusCode).toBe(404);
      expect((await v.get(`/caseload/${participant}/matches`)).statusCode).toBe(404);

      await t.db.query('update organisations set share_caseload = true where id = $1', [lw.org]);
      expect((await v.get(`/caseload/${participant}`)).statusCode).toBe(200);
      await t.db.query('update organisations set share_caseload = false where id = $1', [lw.org]);
    });

    it("keeps outcome reports within the user's scheme or organisation", async () => {
      const { id: scheme } = await one<{ id: string }>(t, `select scheme_id as id from users where email = 'coordinator@waymark.example'`);
      const { id: yht } = await one<{ id: string }>(t, `select id from organisations where name = 'Yarmouth Heritage Trust'`);
      expect((await visitors.get('coordinator')!.get(`/reports/outcomes?scheme=${scheme}`)).statusCode).toBe(200);
      expect((await visitors.get('coordinatorOther')!.get(`/reports/outcomes?scheme=${scheme}`)).statusCode).toBe(404);
      expect((await visitors.get('provider')!.get(`/reports/outcomes?provider=${yht}`)).statusCode).toBe(200);
      expect((await visitors.get('providerOther')!.get(`/reports/outcomes?provider=${yht}`)).statusCode).toBe(404);
      expect((await visitors.get('providerOther')!.get(`/reports/outcomes.csv?provider=${yht}`)).statusCode).toBe(404);
      // A parent body's report covers the body and its sites; a site's own staff do not see the body or sister sites.
      expect((await visitors.get('provider')!.get(`/provider/sites/outcomes?provider=${yht}`)).statusCode).toBe(200);
      expect((await visitors.get('providerOther')!.get(`/provider/sites/outcomes?provider=${yht}`)).statusCode).toBe(404);
      const { id: frome } = await one<{ id: string }>(
        t,
        `select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'provider.frome@waymark.example'`,
      );
      await t.db.query('update organisations set parent_id = $1 where id = $2', [yht, frome]);
      try {
        expect((await visitors.get('provider')!.get(`/provider/sites/outcomes?provider=${frome}`)).statusCode).toBe(200);
        expect((await visitors.get('provider')!.get(`/provider/sites/outcomes.csv?provider=${frome}`)).statusCode).toBe(200);
        expect((await visitors.get('providerOther')!.get(`/provider/sites/outcomes?provider=${frome}`)).statusCode).toBe(200);
        expect((await visitors.get('providerOther')!.get(`/provider/sites/outcomes?provider=${yht}`)).statusCode).toBe(404);
        expect((await visitors.get('providerOther')!.get(`/provider/sites/outcomes/print?provider=${yht}`)).statusCode).toBe(404);
      } finally {
        await t.db.query('update organisations set parent_id = null where id = $1', [frome]);
      }
    });
  });
}
