import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeScheme, makeUser } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { activityForm } from '../provider/activity.form.ts';
import { paths } from '../../paths.ts';

const DAY = 24 * 60 * 60 * 1000;
const FROME = { easting: 377500, northing: 148000 };

/**
 * Issue 7: each coordinator moderates their scheme's area (where a listing's place is); administrators
 * moderate everywhere. Out of area is 404 and changes nothing.
 */
describe.each(ENGINES)('coordinators moderate their own area ($name)', (engine) => {
  let t: TestApp;
  const as: Record<'yarmouth' | 'frome' | 'admin', Visitor> = {} as never;
  const ids = {} as Record<
    'yarmouthOrg' | 'yarmouthListing' | 'change' | 'nationalOrg' | 'nationalYarmouth' | 'nationalFrome' | 'placeless' | 'fromeOrg' | 'fromeListing',
    string
  >;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const yarmouthScheme = await makeScheme(t.db, { name: 'Yarmouth', outcodes: ['NR30', 'NR31'] });
    const fromeScheme = await makeScheme(t.db, { name: 'Frome', outcodes: ['BA11'] });
    const people = {
      yarmouth: await makeUser(t.db, { role: 'coordinator', schemeId: yarmouthScheme }),
      frome: await makeUser(t.db, { role: 'coordinator', schemeId: fromeScheme }),
      admin: await makeUser(t.db, { role: 'admin' }),
    };
    for (const [key, u] of Object.entries(people)) {
      const v = new Visitor(t.app);
      await v.signIn(u.email, u.password);
      as[key as keyof typeof as] = v;
    }

    // Great Yarmouth: a new organisation with a new listing, a live listing with a change waiting, one going stale.
    ids.yarmouthOrg = await makeOrganisation(t.db, { name: 'Caister Lifeboat Friends', status: 'pending' });
    const caister = await makePlace(t.db, ids.yarmouthOrg, { name: 'Caister Lifeboat Station', postcode: 'NR30 5DJ' });
    ids.yarmouthListing = await makeActivity(t.db, ids.yarmouthOrg, caister, { title: 'Lifeboat stories', status: 'pending' });
    const minsterTrust = await makeOrganisation(t.db, { name: 'Minster Trust' });
    const minster = await makePlace(t.db, minsterTrust, { name: 'Minster', postcode: 'NR30 1NE' });
    const walk = await makeActivity(t.db, minsterTrust, minster, { title: 'Minster walk' });
    await makeActivity(t.db, minsterTrust, minster, { title: 'Forgotten tour', lastCheckedAt: new Date(Date.parse(TEST_NOW) - 380 * DAY) });
    const proposed = activityForm.parse({
      placeId: minster,
      title: 'Minster and Rows walk',
      summary: 'A gentle walk around the old town.',
      activityTypes: 'walk',
      costType: 'free',
      referralRoutes: ['link_worker', 'self'],
      languages: 'en',
      needs: 'loneliness',
      months: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
    });
    ids.change = (
      await t.db.query<{ id: string }>('insert into activity_changes (activity_id, proposed, proposed_at) values ($1, $2::jsonb, $3) returning id', [
        walk,
        JSON.stringify(proposed),
        new Date(TEST_NOW),
      ])
    )[0]!.id;

    // Frome: an approved organisation with a new listing.
    ids.fromeOrg = await makeOrganisation(t.db, { name: 'Selwood Weavers' });
    const fromeHall = await makePlace(t.db, ids.fromeOrg, { name: 'Cheese and Grain', postcode: 'BA11 1BE', town: 'Frome', ...FROME });
    ids.fromeListing = await makeActivity(t.db, ids.fromeOrg, fromeHall, { title: 'Weaving the cloth trade', status: 'pending' });

    // A national body with sites in both areas, and a new organisation with no places yet.
    ids.nationalOrg = await makeOrganisation(t.db, { name: 'Heritage Walks England', status: 'pending' });
    const gorleston = await makePlace(t.db, ids.nationalOrg, { name: 'Gorleston cliffs', postcode: 'NR31 6SG' });
    const frome = await makePlace(t.db, ids.nationalOrg, { name: 'Frome Market Place', postcode: 'BA11 1AT', town: 'Frome', ...FROME });
    ids.nationalYarmouth = await makeActivity(t.db, ids.nationalOrg, gorleston, { title: 'Cliff-top walk', status: 'pending' });
    ids.nationalFrome = await makeActivity(t.db, ids.nationalOrg, frome, { title: 'Cloth town walk', status: 'pending' });
    ids.placeless = await makeOrganisation(t.db, { name: 'Newly Registered Society', status: 'pending' });
  });
  afterAll(async () => t?.close());

  async function counts(v: Visitor) {
    const body = (await v.get(paths.coordinator.dashboard)).body;
    const n = (text: string) => Number(body.match(new RegExp(`(\\d+) ${text}`))?.[1]);
    return {
      organisations: n('organisations? waiting'),
      listings: n('new listings? waiting'),
      changes: n('changes? waiting'),
      stale: n('listings? going stale'),
    };
  }

  /** Everything a decision could change. */
  async function state() {
    return t.db.query(
      `select 'o' as k, id::text, status from organisations union all select 'a', id::text, status from activities
       union all select 'c', id::text, status from activity_changes union all select 'v', activity_id::text || version, '' from activity_versions
       order by 1, 2`,
    );
  }

  it('counts on the dashboard only what waits in the coordinator’s area; administrators count everything', async () => {
    expect(await counts(as.yarmouth)).toEqual({ organisations: 3, listings: 2, changes: 1, stale: 1 });
    expect(await counts(as.frome)).toEqual({ organisations: 2, listings: 2, changes: 0, stale: 0 });
    expect(await counts(as.admin)).toEqual({ organisations: 3, listings: 4, changes: 1, stale: 1 });
  });

  it('lists in each queue only the area’s organisations, listings, changes and stale listings', async () => {
    const fromeOrgs = (await as.frome.get(paths.coordinator.organisations)).body;
    expect(fromeOrgs).not.toContain('Caister Lifeboat Friends');
    expect(fromeOrgs).toContain('Heritage Walks England');
    expect(fromeOrgs).toContain('Newly Registered Society');
    const fromeListings = (await as.frome.get(paths.coordinator.listings)).body;
    expect(fromeListings).toContain('Cloth town walk');
    expect(fromeListings).toContain('Weaving the cloth trade');
    for (const title of ['Lifeboat stories', 'Cliff-top walk', 'Minster walk']) expect(fromeListings).not.toContain(title);
    expect((await as.frome.get(paths.coordinator.stale)).body).not.toContain('Forgotten tour');

    expect((await as.yarmouth.get(paths.coordinator.organisations)).body).toContain('Caister Lifeboat Friends');
    const yarmouthListings = (await as.yarmouth.get(paths.coordinator.listings)).body;
    for (const title of ['Lifeboat stories', 'Cliff-top walk', 'Minster walk']) expect(yarmouthListings).toContain(title);
    for (const title of ['Cloth town walk', 'Weaving the cloth trade']) expect(yarmouthListings).not.toContain(title);
    expect((await as.yarmouth.get(paths.coordinator.stale)).body).toContain('Forgotten tour');
  });

  it('answers 404 to the Frome coordinator for a Great Yarmouth organisation, listing and change, and changes nothing', async () => {
    const before = await state();
    const pages = [paths.coordinator.organisation(ids.yarmouthOrg), paths.coordinator.listing(ids.yarmouthListing), paths.coordinator.change(ids.change)];
    for (const url of pages) {
      expect((await as.frome.get(url)).statusCode, url).toBe(404);
      expect((await as.frome.post(url, { decision: 'approve', note: 'Looks fine' })).statusCode, url).toBe(404);
      expect((await as.frome.post(url, { decision: 'reject', reason: 'Not in Frome' })).statusCode, url).toBe(404);
    }
    expect((await as.frome.get(`/activities/${ids.yarmouthListing}`)).statusCode).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('lets the Great Yarmouth coordinator approve their area’s organisation, listing and change', async () => {
    expect((await as.yarmouth.post(paths.coordinator.organisation(ids.yarmouthOrg), { decision: 'approve' })).statusCode).toBe(303);
    expect((await as.yarmouth.post(paths.coordinator.listing(ids.yarmouthListing), { decision: 'approve' })).statusCode).toBe(303);
    expect((await as.yarmouth.post(paths.coordinator.change(ids.change), { decision: 'approve' })).statusCode).toBe(303);
    const rows = await t.db.query<{ status: string }>(
      `select status from organisations where id = $1 union all select status from activities where id = $2
       union all select status from activity_changes where id = $3`,
      [ids.yarmouthOrg, ids.yarmouthListing, ids.change],
    );
    expect(rows.map((r) => r.status)).toEqual(['approved', 'live', 'approved']);
  });

  it('sends each listing of a national organisation to the coordinator of its place’s area', async () => {
    // The organisation has a place in each area, so either coordinator may approve it.
    const page = await as.frome.get(paths.coordinator.organisation(ids.nationalOrg));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="${paths.coordinator.listing(ids.nationalFrome)}"`);
    expect(page.body).not.toContain(`href="${paths.coordinator.listing(ids.nationalYarmouth)}"`);
    expect(page.body).toMatch(/Cliff-top walk \(pending, in another scheme’s area\)/);
    expect((await as.yarmouth.post(paths.coordinator.organisation(ids.nationalOrg), { decision: 'approve' })).statusCode).toBe(303);

    expect((await as.yarmouth.get(paths.coordinator.listing(ids.nationalFrome))).statusCode).toBe(404);
    expect((await as.frome.post(paths.coordinator.listing(ids.nationalYarmouth), { decision: 'approve' })).statusCode).toBe(404);
    expect((await as.yarmouth.post(paths.coordinator.listing(ids.nationalYarmouth), { decision: 'approve' })).statusCode).toBe(303);
    expect((await as.frome.post(paths.coordinator.listing(ids.nationalFrome), { decision: 'reject', reason: 'Add a meeting point' })).statusCode).toBe(303);
    const rows = await t.db.query<{ status: string }>('select status from activities where id = any($1::uuid[]) order by title', [
      [ids.nationalYarmouth, ids.nationalFrome],
    ]);
    expect(rows.map((r) => r.status)).toEqual(['live', 'rejected']);
  });

  it('lets any coordinator review an organisation with no places yet, and administrators review anywhere', async () => {
    expect((await as.frome.get(paths.coordinator.organisation(ids.placeless))).statusCode).toBe(200);
    expect((await as.yarmouth.get(paths.coordinator.organisation(ids.placeless))).statusCode).toBe(200);
    expect((await as.admin.post(paths.coordinator.listing(ids.fromeListing), { decision: 'approve' })).statusCode).toBe(303);
    const [row] = await t.db.query<{ status: string }>('select status from activities where id = $1', [ids.fromeListing]);
    expect(row?.status).toBe('live');
  });
});
