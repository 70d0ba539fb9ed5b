import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines.ts';
import { makeOrganisation } from '../../../test/factories.ts';
import { TEST_NOW } from '../../../test/test-app.ts';
import type { Db } from '../database.ts';
import { NO_SEARCH_FILTERS } from '../../domain/search.ts';
import { createSearchRepository, type SearchCriteria } from './search.repository.ts';

const now = new Date(TEST_NOW);
const CENTRE = { easting: 400000, northing: 300000 };

/** A few thousand places and activities scattered over a 300 km square, to check plans and results at some scale. */
describe.each(ENGINES)('search queries at scale ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  const criteria = (radiusM: number): SearchCriteria => ({
    filters: NO_SEARCH_FILTERS,
    concepts: [],
    area: { ...CENTRE, radiusM },
    now,
    cutoff: new Date('2025-12-01T00:00:00Z'),
    soonUntil: now,
  });

  beforeAll(async () => {
    db = await engine.open();
    const org = await makeOrganisation(db);
    await db.query(
      `insert into places (organisation_id, name, postcode, easting, northing, latitude, longitude, created_at, updated_at)
       select $1, 'Place ' || g, 'AB1 2CD', 250000 + (hashint4(g)::bigint & 2147483647) % 300000, 150000 + (hashint4(-g)::bigint & 2147483647) % 300000, 52, -1, $2, $2
       from generate_series(1, 3000) g`,
      [org, now],
    );
    await db.query(
      `insert into activities (organisation_id, place_id, title, summary, cost_type, status, last_checked_at, created_at, updated_at)
       select $1, x.ids[1 + g % x.n], 'Activity ' || g, 'x', 'free', case when g % 10 = 0 then 'pending' else 'live' end, $2, $2, $2
       from generate_series(1, 6000) g, (select array_agg(id order by id) as ids, count(*)::int as n from places) x`,
      [org, now],
    );
    await db.exec('analyze');
  });
  afterAll(async () => db.drop());

  it('finds exactly the live activities within the radius, nearest first', async () => {
    const repo = createSearchRepository(db);
    const expected = await db.query<{ id: string; d: number }>(
      `select a.id, sqrt(power(p.easting - $1, 2) + power(p.northing - $2, 2)) as d
       from activities a join places p on p.id = a.place_id where a.status = 'live' order by d, a.id`,
      [CENTRE.easting, CENTRE.northing],
    );
    const within = expected.filter((r) => r.d <= 25000);
    expect(within.length).toBeGreaterThan(20);
    expect(await repo.count(criteria(25000))).toBe(within.length);
    const page = await repo.search(criteria(25000), { sort: 'distance', limit: 20, offset: 0 });
    expect(page.map((r) => Math.round(r.distanceM ?? -1))).toEqual(within.slice(0, 20).map((r) => Math.round(r.d)));
  });

  it('reaches places through the GiST index on their position', async () => {
    const plan = await createSearchRepository(db).explain(criteria(8000), { sort: 'distance', limit: 20, offset: 0 });
    expect(plan).toContain('places_pos_idx');
    expect(await createSearchRepository(db).explain(criteria(8000), 'count')).toContain('places_pos_idx');
  });
});

/** A single word across England takes a shortcut (englandByTierSql): it must order exactly as the full ranking does. */
describe.each(ENGINES)('one word across England ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  const walk = { typed: 'walk', alternatives: [['walk']] };
  const nowhere = { typed: 'zzzz', alternatives: [['zzzz']] };
  const criteria = (concepts: SearchCriteria['concepts']): SearchCriteria => ({
    filters: NO_SEARCH_FILTERS,
    concepts,
    area: null,
    now,
    cutoff: new Date('2025-12-01T00:00:00Z'),
    soonUntil: now,
  });

  beforeAll(async () => {
    db = await engine.open();
    const org = await makeOrganisation(db);
    await db.query(
      `insert into places (organisation_id, name, postcode, easting, northing, latitude, longitude, created_at, updated_at)
       values ($1, 'Hall', 'AB1 2CD', 400000, 300000, 52, -1, $2, $2)`,
      [org, now],
    );
    // Walk in the title, the labels or the text (or nowhere), sessions spread over the next weeks, some with none.
    await db.query(
      `insert into activities (organisation_id, place_id, title, summary, search_labels, search_text, next_session_at, cost_type, status, last_checked_at, created_at, updated_at)
       select $1, (select id from places limit 1), case when g % 7 = 0 then 'Walk ' else 'Talk ' end || g, 'x',
              case when g % 5 = 0 then 'Heritage walk' else 'Crafts' end, case when g % 3 = 0 then 'a short walk' else 'tea' end,
              case when g % 11 = 0 then null else $2::timestamptz + (hashint4(g)::bigint & 2147483647) % 5000000 * interval '1 second' end,
              'free', 'live', $2, $2, $2
       from generate_series(1, 400) g`,
      [org, now],
    );
    await db.exec('analyze');
  });
  afterAll(async () => db.drop());

  it('orders by where the word is, then soonest, page after page, as the full ranking does', async () => {
    expect(await createSearchRepository(db).count(criteria([walk]))).toBeGreaterThan(100);
    // Looking first at all 400 listings, at the soonest 60 (some tiers are not full from those), or at 5.
    for (const walkListings of [3000, 60, 5]) {
      const repo = createSearchRepository(db, { walkListings });
      for (const offset of [0, 20, 40, 100, 180]) {
        const page = { sort: 'next' as const, limit: 20, offset };
        const shortcut = (await repo.search(criteria([walk]), page)).map((r) => r.title);
        const full = (await repo.search(criteria([walk, nowhere]), page)).map((r) => r.title);
        expect(shortcut, `looking at ${walkListings}, offset ${offset}`).toEqual(full);
        expect(shortcut).toHaveLength(20);
      }
    }
    const repo = createSearchRepository(db);
    const all = await repo.count(criteria([walk]));
    expect(await repo.count(criteria([walk]), 50)).toBe(51); // stops one past the limit
    expect(await repo.count(criteria([walk]), all)).toBe(all);
    const first = (await repo.search(criteria([walk]), { sort: 'next', limit: 20, offset: 0 })).map((r) => r.title);
    expect(first.every((t) => t.startsWith('Walk'))).toBe(true);
  });
});
