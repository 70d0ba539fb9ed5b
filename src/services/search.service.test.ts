import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace, makePostcode, makeSession, YARMOUTH, type ActivityOverrides } from '../../test/factories.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import { testConfig } from '../config.ts';
import type { Db } from '../data/database.ts';
import { fixedClock } from '../domain/clock.ts';
import { ValidationFailed } from '../domain/errors.ts';
import { gridToLatLng } from '../domain/geo.ts';
import { NO_SEARCH_FILTERS, type SearchFilters } from '../domain/search.ts';
import { createServices, type Services } from '../services.ts';
import type { SearchRequest } from './search.service.ts';

const request = (over: Partial<Omit<SearchRequest, 'filters'>> & { filters?: Partial<SearchFilters> } = {}): SearchRequest => ({
  where: 'NR30 1AA',
  radiusMiles: 5,
  text: '',
  sort: 'distance',
  page: 1,
  ...over,
  filters: { ...NO_SEARCH_FILTERS, ...over.filters },
});

async function makePlaceName(db: Db, name: string, county: string, grid: { easting: number; northing: number }) {
  const { latitude, longitude } = gridToLatLng(grid);
  await db.query('insert into place_names (name, name_key, county, easting, northing, latitude, longitude) values ($1, $2, $3, $4, $5, $6, $7)', [
    name,
    name.toLowerCase(),
    county,
    grid.easting,
    grid.northing,
    latitude,
    longitude,
  ]);
}

const north = (metres: number) => ({ easting: YARMOUTH.easting, northing: YARMOUTH.northing + metres });
const MONTHS_AGO = (n: number) => new Date(new Date(TEST_NOW).getTime() - n * 30.5 * 24 * 3600 * 1000);

describe.each(ENGINES)('directory search ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let services: Services;
  let org: string;
  const titles = async (r: SearchRequest) => (await services.search.search(r)).results.items.map((i) => i.title);

  async function activityAt(metresNorth: number, over: ActivityOverrides & { session?: Parameters<typeof makeSession>[2] } = {}) {
    const place = await makePlace(db, org, { ...north(metresNorth), name: `${over.title ?? 'Place'} hall` });
    const id = await makeActivity(db, org, place, over);
    if (over.session !== undefined) await makeSession(db, id, over.session);
    return id;
  }

  beforeAll(async () => {
    db = await engine.open();
    services = createServices({ db, config: testConfig(), clock: fixedClock(TEST_NOW) });
    org = await makeOrganisation(db);
    await makePostcode(db, 'NR30 1AA', YARMOUTH);
    await db.query('insert into outcodes (outcode, easting, northing, latitude, longitude) values ($1, $2, $3, 52.6, 1.7)', [
      'NR30',
      YARMOUTH.easting,
      YARMOUTH.northing,
    ]);
    await makePlaceName(db, 'Great Yarmouth', 'Norfolk', YARMOUTH);
    await makePlaceName(db, 'Caister-on-Sea', 'Norfolk', north(5000));

    await activityAt(0, {
      title: 'Minster memory café',
      activityTypes: ['memory_cafe'],
      needs: ['dementia'],
      access: ['step_free', 'hearing_loop'],
      support: ['carer_free'],
      languages: ['en', 'pl'],
      session: { weekday: 2, startTime: '10:00', endTime: '12:00' },
    });
    await activityAt(3000, {
      title: 'Rows heritage walk',
      activityTypes: ['walk'],
      needs: ['physical_activity'],
      access: ['step_free'],
      support: ['buddy_welcome', 'transport_help'],
      costType: 'paid',
      pricePence: 300,
      session: { weekday: 4, startTime: '14:00', endTime: '15:30' },
    });
    await activityAt(12000, {
      title: 'Caister archaeology dig',
      activityTypes: ['community_archaeology'],
      costType: 'free_for_referred',
      session: { frequency: 'monthly', weekday: 6, weekOfMonth: 1, startDate: '2027-03-01', startTime: '18:00', endTime: '20:00' },
    });
    await activityAt(60000, { title: 'Far away archive group', activityTypes: ['archives_research'] });
    // Never shown: pending organisation, pending or withdrawn listings, not checked for over a year.
    const pendingOrg = await makeOrganisation(db, { status: 'pending' });
    await makeActivity(db, pendingOrg, await makePlace(db, pendingOrg, YARMOUTH), { title: 'Pending organisation walk' });
    await activityAt(100, { title: 'Pending listing walk', status: 'pending' });
    await activityAt(100, { title: 'Withdrawn walk', status: 'withdrawn' });
    await activityAt(100, { title: 'Expired walk', lastCheckedAt: MONTHS_AGO(13) });
    await activityAt(200, { title: 'Due but still shown walk', lastCheckedAt: MONTHS_AGO(7) });
  });
  afterAll(async () => db.drop());

  it('finds activities within the radius of a postcode, nearest first, with distances', async () => {
    const outcome = await services.search.search(request({ radiusMiles: 5 }));
    expect(outcome.results.items.map((i) => i.title)).toEqual(['Minster memory café', 'Due but still shown walk', 'Rows heritage walk']);
    expect(outcome.results.items.map((i) => Math.round(i.distanceM ?? -1))).toEqual([0, 200, 3000]);
    expect(outcome.origin).toMatchObject({ label: 'NR30 1AA', approximate: false });
    expect(await titles(request({ radiusMiles: 10 }))).toContain('Caister archaeology dig');
  });

  it('leaves out pending organisations, unpublished listings and listings not checked for 12 months', async () => {
    const all = await titles(request({ where: '', filters: {} }));
    expect(all).toHaveLength(5);
    expect(all).not.toEqual(expect.arrayContaining([expect.stringMatching(/Pending|Withdrawn|Expired/)]));
  });

  it('resolves an outward code and a place name, and forgives a misspelt place', async () => {
    expect((await services.search.search(request({ where: 'nr30' }))).origin?.label).toBe('NR30');
    const exact = await services.search.search(request({ where: '  great   yarmouth ' }));
    expect(exact.origin).toMatchObject({ label: 'Great Yarmouth, Norfolk', approximate: false });
    const near = await services.search.search(request({ where: 'Great Yarmuoth' }));
    expect(near.origin).toMatchObject({ label: 'Great Yarmouth, Norfolk', approximate: true });
    expect(near.results.total).toBe(3);
  });

  it('refuses an unknown postcode or place with a message for the where field', async () => {
    for (const where of ['ZZ99 9ZZ', 'ZZ99', 'Atlantis']) {
      const error = await services.search.search(request({ where })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).errors[0]).toMatchObject({ field: 'where', message: expect.stringMatching(/We could not find/) });
    }
  });

  it('corrects a misspelt word to a listing word and says what it searched for', async () => {
    const outcome = await services.search.search(request({ text: 'mmeory' }));
    expect(outcome.correctedText).toBe('memory');
    expect(outcome.results.items.map((i) => i.title)).toEqual(['Minster memory café']);
    const exact = await services.search.search(request({ text: 'rows walk' }));
    expect(exact.correctedText).toBeNull();
    expect(exact.results.items.map((i) => i.title)[0]).toBe('Rows heritage walk');
  });

  it('corrects a word only when the search as typed finds nothing and the corrected one finds something', async () => {
    const withResults = await services.search.search(request({ where: '', text: 'mmeory walk' }));
    expect(withResults.correctedText).toBeNull();
    expect(withResults.results.items.map((i) => i.title)).toContain('Rows heritage walk');
    // "archive" is a listing word (60 km away): nothing near, so nothing is corrected.
    const farAway = await services.search.search(request({ text: 'archive' }));
    expect(farAway.correctedText).toBeNull();
    expect(farAway.results.total).toBe(0);
    // "memroy" would be "memory", which finds nothing here with the filter: say nothing, find nothing.
    const filtered = await services.search.search(request({ text: 'memroy', filters: { days: [7] } }));
    expect(filtered).toMatchObject({ correctedText: null, results: { total: 0 } });
    // A real word is not "corrected" into another one.
    expect((await services.search.search(request({ where: '', text: 'choir' }))).correctedText).toBeNull();
  });

  it('matches words without their accents, and in any form (walks = walk)', async () => {
    for (const text of ['cafe', 'café', 'CAFÉS']) expect(await titles(request({ where: '', text }))).toEqual(['Minster memory café']);
    const walks = await services.search.search(request({ where: '', text: 'walks' }));
    expect(walks.correctedText).toBeNull();
    expect(walks.results.items.map((i) => i.title)).toEqual(expect.arrayContaining(['Rows heritage walk', 'Due but still shown walk']));
    expect(await titles(request({ where: '', text: 'archae' }))).toEqual(['Caister archaeology dig']);
  });

  it('finds listings matching any word, those matching more words first, then where the words are', async () => {
    expect(await titles(request({ where: '', text: 'memory dig' }))).toEqual(expect.arrayContaining(['Minster memory café', 'Caister archaeology dig']));
    const ranked = await titles(request({ where: '', text: 'heritage walk rows' }));
    expect(ranked[0]).toBe('Rows heritage walk');
  });

  it('also finds the words coordinators listed for what people type', async () => {
    expect(await titles(request({ where: '', text: 'excavation' }))).toEqual(['Caister archaeology dig']);
    expect(await titles(request({ where: '', text: 'alzheimers' }))).toEqual(['Minster memory café']);
  });

  it('filters by type, need, day, time of day and sessions in the next two weeks', async () => {
    const none = { where: '' };
    expect(await titles(request({ ...none, filters: { types: ['walk', 'memory_cafe'] } }))).toEqual(
      expect.arrayContaining(['Minster memory café', 'Rows heritage walk', 'Due but still shown walk']),
    );
    expect(await titles(request({ ...none, filters: { needs: ['dementia'] } }))).toEqual(['Minster memory café']);
    expect(await titles(request({ ...none, filters: { days: [4] } }))).toEqual(['Rows heritage walk']);
    expect(await titles(request({ ...none, filters: { times: ['evening'] } }))).toEqual(['Caister archaeology dig']);
    expect(await titles(request({ ...none, filters: { soon: true } }))).toEqual(['Minster memory café', 'Rows heritage walk']);
  });

  it('filters by cost, must-have access, support (any or all) and language', async () => {
    const none = { where: '' };
    expect(await titles(request({ ...none, filters: { cost: 'free' } }))).not.toEqual(expect.arrayContaining(['Rows heritage walk']));
    const referred = await titles(request({ ...none, filters: { cost: 'free_for_referred' } }));
    expect(referred).toContain('Caister archaeology dig');
    expect(referred).not.toContain('Rows heritage walk');
    expect(await titles(request({ ...none, filters: { access: ['step_free'] } }))).toEqual(['Minster memory café', 'Rows heritage walk']);
    expect(await titles(request({ ...none, filters: { access: ['step_free', 'hearing_loop'] } }))).toEqual(['Minster memory café']);
    expect(await titles(request({ ...none, filters: { support: ['carer_free', 'buddy_welcome'], supportMatch: 'any' } }))).toHaveLength(2);
    expect(await titles(request({ ...none, filters: { support: ['buddy_welcome', 'transport_help'], supportMatch: 'all' } }))).toEqual(['Rows heritage walk']);
    expect(await titles(request({ ...none, filters: { support: ['carer_free', 'buddy_welcome'], supportMatch: 'all' } }))).toEqual([]);
    expect(await titles(request({ ...none, filters: { languages: ['pl'] } }))).toEqual(['Minster memory café']);
  });

  it('sorts by next session when asked, and always when no place is given', async () => {
    expect(await titles(request({ radiusMiles: 10, sort: 'next' }))).toEqual([
      'Minster memory café',
      'Rows heritage walk',
      'Caister archaeology dig',
      'Due but still shown walk',
    ]);
    const england = await services.search.search(request({ where: '', sort: 'distance' }));
    expect(england.sort).toBe('next');
    expect(england.results.items[0]?.distanceM).toBeNull();
  });
});

describe.each(ENGINES)('directory search relevance ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let services: Services;
  beforeAll(async () => {
    db = await engine.open();
    services = createServices({ db, config: testConfig(), clock: fixedClock(TEST_NOW) });
    const org = await makeOrganisation(db, { name: 'Harbour Trust' });
    const add = async (title: string, over: ActivityOverrides, weekday: number) => {
      const id = await makeActivity(db, org, await makePlace(db, org, YARMOUTH), { title, summary: 'Tea and talk.', ...over });
      await makeSession(db, id, { weekday, startTime: '10:00', endTime: '11:00' });
    };
    // TEST_NOW is a Saturday: Sunday's session is the soonest, Wednesday's the latest.
    await add('Old town stories', { description: 'Ends with a short walk.', activityTypes: ['talks_learning'] }, 7);
    await add('Tuesday talk', { activityTypes: ['walk'] }, 2);
    await add('Harbour walk', { activityTypes: ['guided_tour'] }, 3);
    await add('Pottery', { activityTypes: ['crafts'] }, 1);
  });
  afterAll(async () => db.drop());

  it('ranks a word in the title above the activity type, and both above a mention, before the soonest session', async () => {
    const outcome = await services.search.search(request({ where: '', text: 'walk', sort: 'next' }));
    expect(outcome.results.items.map((i) => i.title)).toEqual(['Harbour walk', 'Tuesday talk', 'Old town stories']);
  });

  it('ranks listings matching more of the words first, and shows those matching fewer', async () => {
    const titles = (await services.search.search(request({ where: '', text: 'harbour pottery', sort: 'next' }))).results.items.map((i) => i.title);
    // Pottery matches both words (its title, and its organisation); then "harbour" in a title, then only in the organisation.
    expect(titles).toEqual(['Pottery', 'Harbour walk', 'Old town stories', 'Tuesday talk']);
    const both = (await services.search.search(request({ where: '', text: 'walk harbour' }))).results.items.map((i) => i.title);
    expect(both[0]).toBe('Harbour walk');
    expect(both).toHaveLength(4); // "Harbour" is the organisation of all four
  });
});

describe.each(ENGINES)('directory search pagination ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let services: Services;
  beforeAll(async () => {
    db = await engine.open();
    services = createServices({ db, config: testConfig(), clock: fixedClock(TEST_NOW) });
    const org = await makeOrganisation(db);
    await makePostcode(db, 'NR30 1AA', YARMOUTH);
    for (let i = 0; i < 45; i++) {
      const place = await makePlace(db, org, north(i * 50));
      await makeActivity(db, org, place, { title: `Walk ${String(i).padStart(2, '0')}` });
    }
  });
  afterAll(async () => db.drop());

  it('returns 20 a page with the total, in distance order across pages', async () => {
    const first = await services.search.search(request({ page: 1 }));
    expect(first.results).toMatchObject({ total: 45, page: 1, pageSize: 20 });
    expect(first.results.items).toHaveLength(20);
    const third = await services.search.search(request({ page: 3 }));
    expect(third.results.items.map((i) => i.title)).toEqual(['Walk 40', 'Walk 41', 'Walk 42', 'Walk 43', 'Walk 44']);
    const beyond = await services.search.search(request({ page: 9 }));
    expect(beyond.results).toMatchObject({ total: 45, items: [] });
  });
});
