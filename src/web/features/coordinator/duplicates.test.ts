import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeScheme, makeUser } from '../../../../test/factories.ts';
import { createTestApp, TEST_NOW, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

/** Issue 12: likely duplicates flagged to the coordinator of the area, merged (history kept, old links redirect) or dismissed. */
describe.each(ENGINES)('possible duplicates ($name)', (engine) => {
  let t: TestApp;
  const as = {} as Record<'yarmouth' | 'frome', Visitor>;
  const ids = {} as Record<
    'kept' | 'copy' | 'keptPlace' | 'copyPlace' | 'keptWalk' | 'copyWalk' | 'referral' | 'story' | 'heritageWalk' | 'minster' | 'minsterCopy' | 'scheme',
    string
  >;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ids.scheme = await makeScheme(t.db, { name: 'Yarmouth', outcodes: ['NR30', 'NR31'] });
    const frome = await makeScheme(t.db, { name: 'Frome', outcodes: ['BA11'] });
    for (const [key, schemeId] of [
      ['yarmouth', ids.scheme],
      ['frome', frome],
    ] as const) {
      const u = await makeUser(t.db, { role: 'coordinator', schemeId });
      as[key] = new Visitor(t.app);
      await as[key].signIn(u.email, u.password);
    }
    ids.kept = await makeOrganisation(t.db, { name: 'Yarmouth Heritage Trust' });
    ids.copy = await makeOrganisation(t.db, { name: 'The Yarmouth Heritage Trust', status: 'pending' });
    ids.keptPlace = await makePlace(t.db, ids.kept, { name: 'Row 111 Houses', postcode: 'NR30 2RG' });
    ids.copyPlace = await makePlace(t.db, ids.copy, { name: 'Row 111 Houses', postcode: 'NR30 2RG' });
    ids.keptWalk = await makeActivity(t.db, ids.kept, ids.keptPlace, { title: 'Walking the Rows' });
    ids.copyWalk = await makeActivity(t.db, ids.copy, ids.copyPlace, { title: 'Walking the Rows', status: 'pending' });
    const [r] = await t.db.query<{ id: string }>(
      `insert into referrals (scheme_id, activity_id, provider_organisation_id, route, status, created_at, updated_at) values ($1, $2, $3, 'self', 'sent', $4, $4) returning id`,
      [ids.scheme, ids.copyWalk, ids.copy, new Date(TEST_NOW)],
    );
    ids.referral = r!.id;
    // A memory the copy's group entered about its listing, and a heritage walk it wrote (decisions 042, 043).
    const at = new Date(TEST_NOW);
    const [story] = await t.db.query<{ id: string }>(
      `insert into contributions (kind, status, entered_for_organisation_id, private_to_group, credit_kind, licence, title, body, area_outcode, about_activity_id, teller_consent_at, created_at, updated_at)
       values ('memory', 'published', $1, true, 'group', 'waymark_only', 'Grandad on the quay', 'He mended nets.', 'NR30', $2, $3, $3, $3) returning id`,
      [ids.copy, ids.copyWalk, at],
    );
    ids.story = story!.id;
    const [walk] = await t.db.query<{ id: string }>(
      `insert into walks (title, summary, town, postcode, easting, northing, organisation_id, status, created_at, updated_at)
       values ('The Rows', 'Through the Rows.', 'Great Yarmouth', 'NR302RG', 652500, 307300, $1, 'draft', $2, $2) returning id`,
      [ids.copy, at],
    );
    ids.heritageWalk = walk!.id;
    // Two organisations that are different but look alike.
    ids.minster = await makeOrganisation(t.db, { name: 'Friends of Great Yarmouth Minster' });
    ids.minsterCopy = await makeOrganisation(t.db, { name: 'Friends of Great Yarmouth Minster Choir' });
    await makePlace(t.db, ids.minster, { name: 'Minster', postcode: 'NR30 1NE' });
    const choirRooms = await makePlace(t.db, ids.minsterCopy, { name: 'Church Plain rooms', postcode: 'NR30 1NE' });
    await makeActivity(t.db, ids.minsterCopy, choirRooms, { title: 'Choir open rehearsal' });
  });
  afterAll(async () => t?.close());

  it('lists likely pairs with reasons to the coordinator of the area, and to nobody else', async () => {
    const page = await as.yarmouth.get(paths.coordinator.duplicates);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Yarmouth Heritage Trust');
    expect(page.body).toContain('They have places at the same postcode');
    const elsewhere = await as.frome.get(paths.coordinator.duplicates);
    expect(elsewhere.body).not.toContain('Yarmouth Heritage Trust');
  });

  it('asks a provider signing up a look-alike organisation whether it is already here, and sends it when they say it is different', async () => {
    const provider = await makeUser(t.db, { role: 'provider' });
    const v = new Visitor(t.app);
    await v.signIn(provider.email, provider.password);
    const form = { name: 'Yarmouth Heritage Trust', orgType: 'heritage_trust', email: 'new@example.org', description: '', phone: '', website: '' };
    const first = await v.post(paths.provider.organisationNew, form);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Is your organisation already here?');
    const [{ n }] = (await t.db.query<{ n: number }>(`select count(*)::int as n from organisations where name = 'Yarmouth Heritage Trust'`)) as [{ n: number }];
    expect(n).toBe(1);
    const second = await v.post(paths.provider.organisationNew, { ...form, differentOrganisation: 'yes' });
    expect(second.statusCode).toBe(303);
    await t.db.query(`update organisations set status = 'rejected' where name = 'Yarmouth Heritage Trust' and email = 'new@example.org'`);
  });

  it('flags the possible duplicate on the approval pages of the organisation and of the listing', async () => {
    const page = await as.yarmouth.get(paths.coordinator.organisation(ids.copy));
    expect(page.body).toContain('Possible duplicate of <strong>Yarmouth Heritage Trust</strong>');
    const listing = await as.yarmouth.get(paths.coordinator.listing(ids.copyWalk));
    expect(listing.body).toContain('Possible duplicate of <strong>Walking the Rows</strong>');
  });

  it('refuses a merge without a choice of which to keep, changing nothing', async () => {
    const res = await as.yarmouth.post(paths.coordinator.duplicatesMerge, { kind: 'organisation', first: ids.kept, second: ids.copy });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choose which of the two to keep');
    const [org] = await t.db.query<{ merged_into: string | null }>('select merged_into from organisations where id = $1', [ids.copy]);
    expect(org!.merged_into).toBeNull();
  });

  it('a coordinator of another area cannot merge the pair', async () => {
    const res = await as.frome.post(paths.coordinator.duplicatesMerge, { kind: 'organisation', first: ids.kept, second: ids.copy, keep: ids.kept });
    expect(res.statusCode).toBe(404);
  });

  it('remembers "not the same" and never shows the pair again', async () => {
    const before = await as.yarmouth.get(paths.coordinator.duplicates);
    expect(before.body).toContain('Friends of Great Yarmouth Minster Choir');
    const res = await as.yarmouth.post(paths.coordinator.duplicatesNotTheSame, { kind: 'organisation', first: ids.minster, second: ids.minsterCopy });
    expect(res.statusCode).toBe(303);
    const after = await as.yarmouth.get(paths.coordinator.duplicates);
    expect(after.body).not.toContain('Friends of Great Yarmouth Minster Choir');
  });

  it('merging organisations moves places, listings, referrals in flight, walks and the stories its group entered; the old links answer 301', async () => {
    const res = await as.yarmouth.post(paths.coordinator.duplicatesMerge, { kind: 'organisation', first: ids.kept, second: ids.copy, keep: ids.kept });
    expect(res.statusCode).toBe(303);
    const [referral] = await t.db.query<{ provider_organisation_id: string; status: string }>(
      'select provider_organisation_id, status from referrals where id = $1',
      [ids.referral],
    );
    expect(referral).toEqual({ provider_organisation_id: ids.kept, status: 'sent' });
    const moved = await t.db.query<{ id: string }>('select id from activities where organisation_id = $1', [ids.kept]);
    expect(moved.map((m) => m.id).sort()).toEqual([ids.keptWalk, ids.copyWalk].sort());
    const [walk] = await t.db.query<{ organisation_id: string }>('select organisation_id from walks where id = $1', [ids.heritageWalk]);
    expect(walk?.organisation_id).toBe(ids.kept);
    const [story] = await t.db.query<{ entered_for_organisation_id: string }>('select entered_for_organisation_id from contributions where id = $1', [
      ids.story,
    ]);
    expect(story?.entered_for_organisation_id).toBe(ids.kept);
    const audit = await t.db.query<{ detail: { merged: string } }>(`select detail from audit_events where action = 'duplicate.merged'`);
    expect(audit.map((a) => a.detail.merged)).toContain(ids.copy);
    const feed = await new Visitor(t.app).get(paths.calendars.organisation(ids.copy));
    expect(feed.statusCode).toBe(301);
    expect(feed.headers.location).toBe(paths.calendars.organisation(ids.kept));
  });

  it('merging activities moves the referral in flight and the stories told about it to the kept listing, audited, and the old page redirects', async () => {
    const page = await as.yarmouth.get(paths.coordinator.duplicates);
    expect(page.body).toContain('Walking the Rows');
    const res = await as.yarmouth.post(paths.coordinator.duplicatesMerge, { kind: 'activity', first: ids.keptWalk, second: ids.copyWalk, keep: ids.keptWalk });
    expect(res.statusCode).toBe(303);
    const [referral] = await t.db.query<{ activity_id: string; status: string }>('select activity_id, status from referrals where id = $1', [ids.referral]);
    expect(referral).toEqual({ activity_id: ids.keptWalk, status: 'sent' });
    const [story] = await t.db.query<{ about_activity_id: string }>('select about_activity_id from contributions where id = $1', [ids.story]);
    expect(story?.about_activity_id).toBe(ids.keptWalk);
    const audit = await t.db.query<{ subject_id: string }>(`select subject_id from audit_events where action = 'referral.moved_by_merge'`);
    expect(audit.map((a) => a.subject_id)).toEqual([ids.referral]);
    const old = await new Visitor(t.app).get(paths.activity(ids.copyWalk));
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(paths.activity(ids.keptWalk));
  });

  it('records a parent body; its staff see their sites’ listings read-only, with who checks each', async () => {
    const unknown = await as.yarmouth.post(paths.coordinator.organisationParent(ids.minsterCopy), { parent: 'No Such Trust' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Enter the exact name of an approved organisation');
    expect((await as.yarmouth.post(paths.coordinator.organisationParent(ids.minsterCopy), { parent: 'friends of great yarmouth minster' })).statusCode).toBe(
      303,
    );
    const cycle = await as.yarmouth.post(paths.coordinator.organisationParent(ids.minster), { parent: 'Friends of Great Yarmouth Minster Choir' });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.body).toContain('cannot belong to itself or to one of its own sites');
    expect((await as.frome.post(paths.coordinator.organisationParent(ids.minsterCopy), { parent: '' })).statusCode).toBe(404);
    const staff = await makeUser(t.db, { role: 'provider', organisationId: ids.minster });
    const v = new Visitor(t.app);
    await v.signIn(staff.email, staff.password);
    const sites = await v.get(paths.provider.sites);
    expect(sites.statusCode).toBe(200);
    expect(sites.body).toContain('Friends of Great Yarmouth Minster Choir');
    expect(sites.body).toContain('Choir open rehearsal');
    expect(sites.body).toMatch(/<td class="nhsuk-table__cell">Yarmouth<\/td>/);
  });
});
