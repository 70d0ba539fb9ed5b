import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeScheme, makeUser } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';

const DAY = 24 * 60 * 60 * 1000;
const form = (placeId: string, over: Record<string, string | string[]> = {}) => ({
  placeId,
  title: 'Minster heritage walk',
  summary: 'A gentle walk.',
  activityTypes: ['walk'],
  costType: 'free',
  referralRoutes: ['self'],
  languages: ['en'],
  months: ['4', '5', '6'],
  access: ['seating'],
  ...over,
});

describe.each(ENGINES)('coordinator journeys ($name)', (engine) => {
  let t: TestApp;
  let coordinator: Visitor;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const c = await makeUser(t.db, { role: 'coordinator', schemeId: await makeScheme(t.db) });
    coordinator = new Visitor(t.app);
    await coordinator.signIn(c.email, c.password);
  });
  afterAll(async () => t.close());

  it('approves a new organisation and then its listing, which goes live', async () => {
    const orgId = await makeOrganisation(t.db, { name: 'Caister Roman Fort Friends', status: 'pending' });
    const placeId = await makePlace(t.db, orgId);
    const p = await makeUser(t.db, { organisationId: orgId });
    const provider = new Visitor(t.app);
    await provider.signIn(p.email, p.password);
    const created = await provider.post('/provider/activities/new', form(placeId));
    const activityId = (created.headers.location as string).split('/')[3]!.split('?')[0]!;

    const dash = await coordinator.get('/coordinator');
    expect(dash.body).toMatch(/1 organisation waiting for approval|[2-9]\d* organisations waiting for approval/);
    const listingPage = await coordinator.get(`/coordinator/listings/${activityId}`);
    expect(listingPage.body).toContain('The organisation is not approved yet');
    expect((await coordinator.post(`/coordinator/listings/${activityId}`, { decision: 'approve' })).statusCode).toBe(409);

    expect((await coordinator.get('/coordinator/organisations')).body).toContain('Caister Roman Fort Friends');
    const orgPage = await coordinator.get(`/coordinator/organisations/${orgId}`);
    expect(orgPage.statusCode).toBe(200);
    expect(orgPage.body).toMatch(/Places\s*<\/dt>\s*<dd[^>]*>\s*1\s*<\/dd>/);
    expect((await coordinator.post(`/coordinator/organisations/${orgId}`, { decision: 'approve', note: 'Known to us' })).statusCode).toBe(303);
    const approved = await coordinator.post(`/coordinator/listings/${activityId}`, { decision: 'approve' });
    expect(approved.statusCode).toBe(303);
    const [row] = await t.db.query<{ status: string }>('select status from activities where id = $1', [activityId]);
    expect(row?.status).toBe('live');
    const history = await provider.get(`/provider/activities/${activityId}/history`);
    expect(history.body).toContain('First published');
  });

  it('reviews a change as a before-and-after of only the changed fields, and needs a reason to reject', async () => {
    const orgId = await makeOrganisation(t.db);
    const placeId = await makePlace(t.db, orgId);
    const activityId = await makeActivity(t.db, orgId, placeId, { title: 'Minster heritage walk', access: ['seating'], months: [4, 5, 6] });
    const p = await makeUser(t.db, { organisationId: orgId });
    const provider = new Visitor(t.app);
    await provider.signIn(p.email, p.password);
    // The factory's other fields match the form's, except those changed here.
    const edited = await provider.post(
      `/provider/activities/${activityId}/edit`,
      form(placeId, {
        summary: 'A gentle walk around the old town.',
        referralRoutes: ['link_worker', 'self'],
        needs: ['loneliness'],
        title: 'Minster and Rows walk',
        access: ['step_free'],
      }),
    );
    expect(edited.headers.location).toContain('done=proposed');
    expect((await provider.get(`/provider/activities/${activityId}`)).body).toContain('Changes waiting for approval');

    const [change] = await t.db.query<{ id: string }>("select id from activity_changes where activity_id = $1 and status = 'pending'", [activityId]);
    const page = await coordinator.get(`/coordinator/changes/${change!.id}`);
    expect(page.statusCode).toBe(200);
    const rows = [...page.body.matchAll(/<th scope="row" class="nhsuk-table__header">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(rows).toEqual(['Title', 'Access']);
    expect(page.body).toContain('Added: Step-free access');
    expect(page.body).toContain('Removed: Seating available');

    const noReason = await coordinator.post(`/coordinator/changes/${change!.id}`, { decision: 'reject', reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Enter a reason, so the provider knows what to change');
    await coordinator.post(`/coordinator/changes/${change!.id}`, { decision: 'reject', reason: 'Is the route really step-free?' });
    const after = await provider.get(`/provider/activities/${activityId}`);
    expect(after.body).toContain('Is the route really step-free?');
    expect(after.body).toContain('Minster heritage walk');
  });

  it('lists stale listings, the expired first section, with the organisation to contact', async () => {
    const orgId = await makeOrganisation(t.db, { name: 'Stale Society' });
    const placeId = await makePlace(t.db, orgId);
    await makeActivity(t.db, orgId, placeId, { title: 'Forgotten tour', lastCheckedAt: new Date(Date.parse(TEST_NOW) - 380 * DAY) });
    const page = await coordinator.get('/coordinator/stale');
    expect(page.body).toContain('Forgotten tour');
    expect(page.body).toContain('Stale Society');
    expect(page.body).toContain('mailto:hello@example.org');
  });
});
