import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeScheme, makeSession, makeUser } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';
import { activityForm } from '../provider/activity.form.ts';

type Route = { method: 'GET' | 'POST'; url: string; area: 'provider' | 'coordinator'; ofOrgA: boolean };
type Actor = 'signed out' | 'provider of org A' | 'provider of org B' | 'coordinator' | 'admin';

/** Every provider and coordinator route, against everyone who might try it. */
describe.each(ENGINES)('who can reach provider and coordinator pages ($name)', (engine) => {
  let t: TestApp;
  let routes: Route[];
  const logins: Partial<Record<Actor, { email: string; password: string }>> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    const orgA = await makeOrganisation(t.db, { name: 'Org A' });
    const orgB = await makeOrganisation(t.db, { name: 'Org B' });
    const pendingOrg = await makeOrganisation(t.db, { name: 'Waiting Org', status: 'pending' });
    const placeA = await makePlace(t.db, orgA);
    await makePlace(t.db, orgB);
    const activityA = await makeActivity(t.db, orgA, placeA);
    const pendingActivity = await makeActivity(t.db, orgA, placeA, { status: 'pending', title: 'New listing' });
    const sessionA = await makeSession(t.db, activityA);
    logins['provider of org A'] = await makeUser(t.db, { organisationId: orgA });
    logins['provider of org B'] = await makeUser(t.db, { organisationId: orgB });
    logins.coordinator = await makeUser(t.db, { role: 'coordinator', schemeId: await makeScheme(t.db) });
    logins.admin = await makeUser(t.db, { role: 'admin' });
    const proposed = activityForm.parse({
      placeId: placeA,
      title: 'Renamed walk',
      summary: 'A walk.',
      activityTypes: 'walk',
      costType: 'free',
      referralRoutes: 'self',
      languages: 'en',
      months: '5',
    });
    const [change] = await t.db.query<{ id: string }>(
      'insert into activity_changes (activity_id, proposed, proposed_at) values ($1, $2::jsonb, to_timestamp(1795255200)) returning id',
      [activityA, JSON.stringify(proposed)],
    );
    void pendingOrg;

    const p = paths.provider;
    const c = paths.coordinator;
    const prov = (method: Route['method'], url: string, ofOrgA = false): Route => ({ method, url, area: 'provider', ofOrgA });
    const coord = (method: Route['method'], url: string): Route => ({ method, url, area: 'coordinator', ofOrgA: false });
    routes = [
      prov('GET', p.dashboard),
      prov('GET', p.organisationNew),
      prov('GET', p.organisationEdit),
      prov('GET', p.places),
      prov('GET', p.placeNew),
      prov('GET', p.placeEdit(placeA), true),
      prov('GET', p.activities),
      prov('GET', p.activityNew),
      prov('GET', p.activity(activityA), true),
      prov('GET', p.activityEdit(activityA), true),
      prov('GET', p.activityWithdraw(activityA), true),
      prov('GET', p.activityHistory(activityA), true),
      prov('GET', p.sessionNew(activityA), true),
      prov('GET', p.sessionDelete(activityA, sessionA), true),
      prov('GET', p.sessionCancel(activityA, sessionA), true),
      prov('POST', p.organisationNew),
      prov('POST', p.organisationEdit),
      prov('POST', p.placeNew),
      prov('POST', p.placeEdit(placeA), true),
      prov('POST', p.activityNew),
      prov('POST', p.activityEdit(activityA), true),
      prov('POST', p.sessionNew(activityA), true),
      prov('POST', p.sessionCancel(activityA, sessionA), true),
      // These change things, so they come last: everyone else is refused before the owner runs them.
      prov('POST', p.activityConfirm(activityA), true),
      prov('POST', p.sessionDelete(activityA, sessionA), true),
      prov('POST', p.activityWithdraw(activityA), true),
      coord('GET', c.dashboard),
      coord('GET', c.organisations),
      coord('GET', c.organisation(pendingOrg)),
      coord('GET', c.listings),
      coord('GET', c.listing(pendingActivity)),
      coord('GET', c.change(change!.id)),
      coord('GET', c.stale),
      coord('POST', c.organisation(pendingOrg)),
      coord('POST', c.listing(pendingActivity)),
      coord('POST', c.change(change!.id)),
    ];
  });
  afterAll(async () => t.close());

  function expected(actor: Actor, r: Route): string {
    if (actor === 'signed out') return 'sign in';
    const isProvider = actor.startsWith('provider');
    if (r.area === 'coordinator') return isProvider ? '403' : 'allowed';
    if (!isProvider) return '403';
    return actor === 'provider of org B' && r.ofOrgA ? '404' : 'allowed';
  }

  function outcome(status: number, location: string | undefined): string {
    if (status === 302 && location?.startsWith('/sign-in')) return 'sign in';
    if (status === 403 || status === 404) return String(status);
    return status < 500 ? 'allowed' : `error ${status}`;
  }

  // Order matters: the owner goes last, after everyone else has been refused.
  const actors: Actor[] = ['signed out', 'provider of org B', 'coordinator', 'admin', 'provider of org A'];
  it.each(actors)('%s', async (actor) => {
    const v = new Visitor(t.app);
    const login = logins[actor];
    if (login) await v.signIn(login.email, login.password);
    const wrong: string[] = [];
    for (const r of routes) {
      const res = r.method === 'GET' ? await v.get(r.url) : await v.post(r.url, {});
      const got = outcome(res.statusCode, res.headers.location as string | undefined);
      if (got !== expected(actor, r)) wrong.push(`${r.method} ${r.url}: expected ${expected(actor, r)}, got ${got} (${res.statusCode})`);
    }
    expect(wrong).toEqual([]);
  });
});
