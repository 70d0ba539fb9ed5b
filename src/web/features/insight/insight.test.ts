import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makeScheme, makeSession, makeUser } from '../../../../test/factories.ts';
import { createTestApp, type TestApp, Visitor } from '../../../../test/test-app.ts';
import { findDeprivationFiles, importDeprivation } from '../../../data/import/deprivation.importer.ts';
import { upsertPostcodes } from '../../../data/import/postcode.writer.ts';
import { importRuralUrban } from '../../../data/import/rural-urban.importer.ts';
import { latLngToGrid } from '../../../domain/geo.ts';
import { encodeRing } from '../../../domain/map-outline.ts';
import { paths } from '../../paths.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures/deprivation');
const RURAL_URBAN = resolve(import.meta.dirname, '../../../../test/fixtures/rural-urban');
const at = (latitude: number, longitude: number) => {
  const g = latLngToGrid({ latitude, longitude });
  return { easting: Math.round(g.easting), northing: Math.round(g.northing) };
};
// Harbourside (a made-up district): 001A (decile 1, 1,850 people), 001B (decile 2, 1,420), 002A (decile 9, 1,610).
const NEAR_001A = at(52.6005, 1.7305);
const NEAR_001B = at(52.6195, 1.7295);
const NEAR_002A = at(52.6105, 1.6905);
const text = (html: string) =>
  html
    .replace(/<span class="nhsuk-table-responsive__heading"[^>]*>[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** Issue 12: provision against need, gaps and reach by deprivation, for coordinators, commissioners and administrators. */
describe.each(ENGINES)('insight ($name)', (engine) => {
  let t: TestApp;
  let scheme: string;
  let otherScheme: string;
  let provider: string;
  const as = {} as Record<'coordinator' | 'commissioner' | 'admin' | 'other' | 'provider', Visitor>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    scheme = await makeScheme(t.db, { name: 'Harbourside Heritage', outcodes: ['ZZ1'] });
    otherScheme = await makeScheme(t.db, { name: 'Elsewhere', outcodes: ['NR30'] });
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
    await upsertPostcodes(t.db, [
      { postcode: 'ZZ1 1AC', ...NEAR_001A, adminDistrict: 'E07000901' },
      { postcode: 'ZZ1 1AA', ...NEAR_001B, adminDistrict: 'E07000901' },
      { postcode: 'ZZ1 1AB', ...NEAR_002A, adminDistrict: 'E07000901' },
    ]);
    // One step-free, free activity, at the least deprived neighbourhood, on Tuesdays.
    provider = await makeOrganisation(t.db, { name: 'Harbourside Museum' });
    const museum = await makePlace(t.db, provider, { name: 'Harbourside Museum', postcode: 'ZZ1 1AB', ...NEAR_002A });
    const walk = await makeActivity(t.db, provider, museum, { title: 'Museum mornings', access: ['step_free'], costType: 'free' });
    await makeSession(t.db, walk, { weekday: 2, startDate: '2026-01-06' });
    // A listed chapel beside 001A that nobody runs anything at.
    await t.db.query(
      `insert into heritage_assets (source, source_id, name, category, easting, northing, latitude, longitude, licence)
       values ('nhle_listed_building', '9999001', 'Harbourside Chapel', 'Listed building', $1, $2, 52.6, 1.73, 'OGL')`,
      [NEAR_001A.easting + 80, NEAR_001A.northing],
    );
    // 30 referrals sent in January 2026: 15 people from 001A (quintile 1), 15 from 002A (quintile 5).
    for (let i = 0; i < 30; i++) {
      const postcode = i < 15 ? 'ZZ11AC' : 'ZZ11AB';
      const [p] = await t.db.query<{ id: string }>(
        `insert into participants (scheme_id, preferred_name, contact_preference, postcode, created_at, updated_at)
         values ($1, 'Test', 'phone', $2, '2026-01-05', '2026-01-05') returning id`,
        [scheme, postcode],
      );
      await t.db.query(
        `insert into referrals (participant_id, scheme_id, activity_id, provider_organisation_id, route, status, sent_at, created_at, updated_at)
         values ($1, $2, $3, $4, 'link_worker', $5, '2026-01-10', '2026-01-10', '2026-01-10')`,
        [p!.id, scheme, walk, provider, i % 3 === 0 ? 'completed' : 'sent'],
      );
    }
  });
  afterAll(() => t.close());

  it('says how to load the deprivation data when it is not loaded', async () => {
    const res = await as.coordinator.get(paths.insight.home);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Deprivation data is not loaded');
    expect(res.body).toContain('npm run import:deprivation');
  });

  it('lets a coordinator set their scheme’s local authorities, refusing ones not on the list', async () => {
    const files = (await findDeprivationFiles(join(FIXTURES, 'iod2019'), join(FIXTURES, 'centroids.csv')))!;
    await importDeprivation(t.db, files);
    // Without local authorities, the area is the neighbourhoods of the postcodes in the scheme's postcode district (ZZ1).
    expect(text((await as.coordinator.get(paths.insight.home)).body)).toMatch(/Harbourside 4,880 1 2\.0/);
    const form = await as.coordinator.get(paths.insight.area);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Harbourside');
    const bad = await as.coordinator.post(paths.insight.area, { localAuthorities: ['E07000901', 'E09999999'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choose local authorities from the list');
    const none = await as.coordinator.post(paths.insight.area, {});
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Choose at least one local authority');
    expect(await t.db.query('select 1 from scheme_local_authorities where scheme_id = $1', [scheme])).toEqual([]);
    const ok = await as.coordinator.post(paths.insight.area, { localAuthorities: 'E07000901' });
    expect(ok.statusCode).toBe(303);
    expect(await t.db.query('select lad_code from scheme_local_authorities where scheme_id = $1', [scheme])).toEqual([{ lad_code: 'E07000901' }]);
    expect((await as.other.post(paths.insight.area, { scheme, localAuthorities: 'E07000901' })).statusCode).toBe(404);
    expect((await as.commissioner.get(paths.insight.area)).statusCode).toBe(403);
  });

  it('shows provision per 10,000 people by local authority and by decile, and sessions by month', async () => {
    const res = await as.coordinator.get(paths.insight.home);
    expect(res.statusCode).toBe(200);
    const page = text(res.body);
    // 4,880 people, one activity: 2.0 per 10,000; 49 Tuesdays from 21 November 2026 to the end of October 2027.
    expect(page).toMatch(/Harbourside 4,880 1 2\.0 49 100\.4/);
    expect(page).toMatch(/9 1,610 1 6\.2 49 304\.3/);
    expect(page).toMatch(/Harbourside 1 5 4 4 5 4 4 5 4 5 4 4 49/);
    expect(page).toContain('How this is worked out');
    // No boundaries loaded: the table alone, and why.
    expect(page).toContain('No map: local authority boundaries are not loaded');
    expect(page).toMatch(/Local authority Sessions per 10,000 people Harbourside 100\.4/);
    // With Harbourside's outline: the map, shaded, with a title on the area and a legend in words.
    await t.db.query(
      `insert into map_areas (name, code, label_longitude, label_latitude, outline) values ('Harbourside', 'E07000901', 1.71, 52.61, $1::jsonb)`,
      [
        JSON.stringify([
          [
            encodeRing([
              [1.68, 52.59],
              [1.75, 52.59],
              [1.75, 52.63],
              [1.68, 52.63],
              [1.68, 52.59],
            ]),
          ],
        ]),
      ],
    );
    const withMap = await as.coordinator.get(paths.insight.home);
    expect(withMap.body).toMatch(/<path d="M[^"]+" fill="#eff3ff"[^>]*><title>Harbourside: 100\.4 sessions per 10,000 people<\/title><\/path>/);
    expect(text(withMap.body)).toContain('Lightest blue: 100.4 sessions per 10,000 people');
    expect(withMap.body).not.toContain('No map:');
    await t.db.query(`delete from map_areas where code = 'E07000901'`);
  });

  it('lists the most deprived neighbourhoods with nothing accessible and low cost nearby, most people first, with unorganised heritage', async () => {
    const within2 = text((await as.coordinator.get(`${paths.insight.home}?miles=2`)).body);
    expect(within2).toContain('0 neighbourhoods, 0 people.');
    expect(within2).toContain('The ONS Rural Urban Classification is not loaded, so every neighbourhood looks within 2 miles, rural or not');
    const within1 = text((await as.coordinator.get(`${paths.insight.home}?miles=1`)).body);
    expect(within1).toMatch(
      /Harbourside 001A \(E01099001\) Harbourside 1 1,850 1 Harbourside Chapel \(Listed building, 1\d\d m\).*Harbourside 001B \(E01099002\) Harbourside 2 1,420 0/,
    );
    // Each gap links to the funding page for its local authority.
    expect((await as.coordinator.get(`${paths.insight.home}?miles=1`)).body).toContain(
      `href="${paths.funding.list}?area=Harbourside">Funding for Harbourside</a>`,
    );
    const csv = await as.coordinator.get(`${paths.insight.csv}?miles=1&table=gaps`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Harbourside 001A (E01099001),Harbourside,1,"1,850",1');
  });

  it('shows reach by quintile against the local population, with Wilson intervals and small numbers withheld', async () => {
    const page = text((await as.commissioner.get(paths.insight.home)).body);
    // Referrals: 15 of 30 from quintile 1 (67% of local people), 15 from quintile 5 (33%).
    expect(page).toMatch(/Referrals .*?1 \(most deprived 20%\) 15 50% 33% to 67% 67%/);
    expect(page).toMatch(/5 \(least deprived 20%\) 15 50% 33% to 67% 33%/);
    // Completed: 10 people, 5 from each quintile: each part is under 10, so nothing is shown, not even the total.
    expect(page).toContain('Completed prescriptions: of those, referrals marked completed. In all: not shown; with a known quintile: not shown.');
    expect(page).toMatch(/Completed prescriptions IMD quintile .*?1 \(most deprived 20%\) not shown not shown not shown 67%/);
    // The commissioner dashboard shows the same published figures, and the gaps count.
    const dashboard = text((await as.commissioner.get(paths.insight.dashboard)).body);
    expect(dashboard).toContain('1 (most deprived 20%) 50% of referrals; 67% of local people');
    expect(dashboard).toContain('nothing accessible and low cost within 2 miles: 0 neighbourhoods, 0 people.');
    const csv = await as.commissioner.get(`${paths.insight.csv}?table=reach`);
    expect(csv.body).toContain('1 (most deprived 20%),15,50%,33% to 67%,67%');
  });

  it('refuses bad filters with a message, other schemes, and other roles', async () => {
    const bad = await as.coordinator.get(`${paths.insight.home}?miles=7`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choose a distance from the list');
    expect((await as.coordinator.get(`${paths.insight.csv}?table=nothing`)).statusCode).toBe(422);
    expect((await as.other.get(`${paths.insight.home}?scheme=${scheme}`)).statusCode).toBe(404);
    expect((await as.provider.get(paths.insight.home)).statusCode).toBe(403);
    const admin = await as.admin.get(`${paths.insight.home}?scheme=${scheme}`);
    expect(admin.statusCode).toBe(200);
    expect(text(admin.body)).toMatch(/Harbourside 4,880 1 2\.0/);
    // All England: gaps at once; provision and reach only when asked for.
    const england = text((await as.admin.get(`${paths.insight.home}?miles=1`)).body);
    expect(england).toContain('show provision and reach for all England');
    expect(england).toContain('Harbourside 001A (E01099001)');
    expect(england).not.toContain('Referrals sent from');
    const englandAll = text((await as.admin.get(`${paths.insight.home}?england=all`)).body);
    expect(englandAll).toMatch(/Harbourside 4,880 1 2\.0/);
    expect(englandAll).toMatch(/Referrals IMD quintile .*?1 \(most deprived 20%\) 15 50%/);
  });

  it('looks 5 miles from rural neighbourhoods once the ONS Rural Urban Classification is loaded, and says so', async () => {
    await importRuralUrban(t.db, join(RURAL_URBAN, 'Rural_Urban_Classification_2011_of_Lower_Layer_Super_Output_Areas_in_England_and_Wales.csv'));
    const page = text((await as.coordinator.get(`${paths.insight.home}?miles=1`)).body);
    // 001A is urban: nothing within 1 mile. 001B is rural ("Rural town and fringe"): the museum is within 5 miles.
    expect(page).toContain('within 1 mile (5 miles in rural areas)');
    expect(page).toContain('Rural neighbourhoods (classes D1 to F2 of the ONS 2011 Rural Urban Classification, which is loaded) look within 5 miles instead.');
    expect(page).toMatch(/Harbourside 001A \(E01099001\) Harbourside 1 1,850 Urban city and town \(1 mile\) 1 Harbourside Chapel/);
    expect(page).not.toContain('Harbourside 001B (E01099002)');
    expect(page).toContain('1 neighbourhood, 1,850 people.');
    await t.db.query('delete from lsoa_rural_urban');
  });
});
