import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeOrganisation, makeScheme, makeUser } from '../../../../test/factories.ts';
import { createTestApp, type TestApp, Visitor } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

const text = (html: string) =>
  html
    .replace(/<span class="nhsuk-table-responsive__heading"[^>]*>[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** Issue 12: referral flows from referring organisation to provider, for coordinators, commissioners and administrators. */
describe.each(ENGINES)('referral flows ($name)', (engine) => {
  let t: TestApp;
  let scheme: string;
  const as = {} as Record<'coordinator' | 'commissioner' | 'admin' | 'other' | 'provider', Visitor>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    scheme = await makeScheme(t.db, { name: 'Harbourside Heritage', outcodes: ['ZZ1'] });
    const otherScheme = await makeScheme(t.db, { name: 'Elsewhere', outcodes: ['NR30'] });
    const users = {
      coordinator: await makeUser(t.db, { role: 'coordinator', schemeId: scheme }),
      commissioner: await makeUser(t.db, { role: 'commissioner', schemeId: scheme }),
      admin: await makeUser(t.db, { role: 'admin' }),
      other: await makeUser(t.db, { role: 'coordinator', schemeId: otherScheme }),
      provider: await makeUser(t.db, { role: 'provider' }),
    };
    for (const [k, u] of Object.entries(users)) {
      const v = new Visitor(t.app);
      await v.signIn(u.email, u.password);
      as[k as keyof typeof as] = v;
    }
    const museum = await makeOrganisation(t.db, { name: 'Harbourside Museum' });
    const surgery = await makeOrganisation(t.db, { name: 'Harbourside Surgery' });
    // Monday 12 January 2026: the surgery sends 20 referrals to the museum; it accepts 10 two working days later
    // and declines 10 as full the same day. 12 people refer themselves and have no reply yet.
    const insert = (values: { referrer: string | null; route: string; status: string; reason: string | null; responded: string | null }) =>
      t.db.query(
        `insert into referrals (scheme_id, provider_organisation_id, referrer_organisation_id, route, status, status_reason, sent_at, responded_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, '2026-01-12T10:00:00Z', $7, '2026-01-12', '2026-01-12')`,
        [scheme, museum, values.referrer, values.route, values.status, values.reason, values.responded],
      );
    for (let i = 0; i < 10; i++) {
      await insert({ referrer: surgery, route: 'link_worker', status: 'accepted', reason: null, responded: '2026-01-14T10:00:00Z' });
      await insert({ referrer: surgery, route: 'link_worker', status: 'declined', reason: 'full', responded: '2026-01-12T15:00:00Z' });
    }
    for (let i = 0; i < 12; i++) await insert({ referrer: null, route: 'self', status: 'sent', reason: null, responded: null });
  });
  afterAll(() => t.close());

  it('shows referrals from each referrer to each provider with acceptance, decline reasons and reply times', async () => {
    const res = await as.coordinator.get(paths.insight.flows);
    expect(res.statusCode).toBe(200);
    const page = text(res.body);
    expect(page).toContain('Referrals sent from November 2025 to October 2026.');
    // 32 referrals in all (rounded to 30), 10 accepted; the median of ten 0s and ten 2s is 1 working day.
    expect(page).toMatch(/All referrers All routes All providers 30 10 33% 10 The activity is full: 10 1 /);
    // Each referral route's own row: the surgery's referrals came by the link worker route.
    expect(page).toMatch(/All referrers GP or link worker All providers 20 10 50% 10 The activity is full: 10 1 /);
    expect(page).toMatch(/All referrers Self-referral All providers 10 0 0% 0 not shown/);
    expect(page).toMatch(/Harbourside Surgery GP or link worker Harbourside Museum 20 10 50% 10 The activity is full: 10 1 /);
    // Self-referrals: 12 (rounded to 10), none replied to, so no reply time.
    expect(page).toMatch(/Self-referral \(no referring organisation recorded\) Self-referral Harbourside Museum 10 0 0% 0 not shown/);
    expect(page).toContain('How this is worked out');
    const csv = await as.commissioner.get(`${paths.insight.csv}?table=referral-flows`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Harbourside Surgery,GP or link worker,Harbourside Museum,20,10,50%,10,The activity is full: 10,1');
    // One route: the rows are that route's only, the CSV too.
    const self = text((await as.coordinator.get(`${paths.insight.flows}?route=self`)).body);
    expect(self).toMatch(/All referrers Self-referral All providers 10 0 0% 0 not shown/);
    expect(self).not.toContain('Harbourside Surgery');
    const selfCsv = await as.coordinator.get(`${paths.insight.csv}?table=referral-flows&route=self`);
    expect(selfCsv.body).toContain('All referrers,Self-referral,All providers,10,0,0%,0');
    expect(selfCsv.body).not.toContain('Harbourside Surgery');
    const admin = text((await as.admin.get(`${paths.insight.flows}?scheme=${scheme}`)).body);
    expect(admin).toMatch(/Harbourside Surgery GP or link worker Harbourside Museum 20 10 50%/);
  });

  it('gives a commissioner one dashboard of their scheme’s figures from the outcome report, reach, volunteering and gaps', async () => {
    const res = await as.commissioner.get(paths.insight.dashboard);
    expect(res.statusCode).toBe(200);
    const page = text(res.body);
    // 32 referrals: the outcome report's and reach's counts, both rounded to 30; nobody has started yet.
    expect(page).toMatch(/People referred 30 Started \(attended at least once\) 0/);
    expect(page).toMatch(/Referrals sent from November 2025 to October 2026\. Referrals 30 First attendances 0/);
    expect(page).toContain('Volunteers today 0');
    expect(page).toContain('Gaps need the deprivation data');
    expect(res.body).toContain(`href="${paths.reports.outcomes}"`);
    expect(res.body).toContain(`href="${paths.insight.flows}"`);
    // An administrator over all England: reach and volunteering are per scheme, so they say where to look.
    const admin = text((await as.admin.get(paths.insight.dashboard)).body);
    expect(admin).toContain('Choose a scheme to see its reach here');
    expect(admin).toContain('Volunteering figures are kept by scheme');
    const adminScheme = text((await as.admin.get(`${paths.insight.dashboard}?scheme=${scheme}`)).body);
    expect(adminScheme).toMatch(/People referred 30/);
    expect((await as.other.get(`${paths.insight.dashboard}?scheme=${scheme}`)).statusCode).toBe(404);
    expect((await as.provider.get(paths.insight.dashboard)).statusCode).toBe(403);
  });

  it('lands a commissioner on their dashboard when they sign in, with it in the menu', async () => {
    const commissioner = await makeUser(t.db, { role: 'commissioner', schemeId: scheme });
    const visitor = new Visitor(t.app);
    const signedIn = await visitor.signIn(commissioner.email, commissioner.password);
    expect(signedIn.headers.location).toBe(paths.insight.dashboard);
    const page = await visitor.get(paths.insight.dashboard);
    expect(page.body).toMatch(
      new RegExp(`href="${paths.insight.dashboard}"[^>]*aria-current="page"|aria-current="page"[^>]*href="${paths.insight.dashboard}"`),
    );
    // Only the most specific menu item is the current one: "Insight" (/insight) is not.
    expect(page.body.match(/aria-current="page"/g)).toHaveLength(1);
  });

  it('shows nothing from another scheme, refuses a bad scheme with a message, and other roles', async () => {
    expect((await as.other.get(`${paths.insight.flows}?scheme=${scheme}`)).statusCode).toBe(404);
    expect(text((await as.other.get(paths.insight.flows)).body)).not.toContain('Harbourside Surgery');
    const bad = await as.admin.get(`${paths.insight.flows}?scheme=nonsense`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choose a scheme from the list');
    const badRoute = await as.coordinator.get(`${paths.insight.flows}?route=bus`);
    expect(badRoute.statusCode).toBe(422);
    expect(badRoute.body).toContain('Choose a referral route from the list');
    expect((await as.provider.get(paths.insight.flows)).statusCode).toBe(403);
  });
});
