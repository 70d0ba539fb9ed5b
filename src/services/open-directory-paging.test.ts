import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace } from '../../test/factories.ts';
import { movableClock } from '../../test/movable-clock.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import type { Db } from '../data/database.ts';
import { createOpenDirectoryRepository } from '../data/repositories/open-directory.repository.ts';
import { createOpenDirectoryService, type OpenDirectoryQuery } from './open-directory.service.ts';

// Many listings share a title, so the order rests on the id as well (decision 053).
const TITLES = ['Heritage walk', 'Heritage walk', 'Archive afternoon', 'Memory café', 'Heritage walk', 'Memory café'];
const DAY_MINUTES = 24 * 60;

describe.each(ENGINES)('Open data paging ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  const moving = movableClock(TEST_NOW);
  let service: ReturnType<typeof createOpenDirectoryService>;
  let visible: string[] = [];
  const nearlyStale: string[] = [];
  let pendingOrganisation = '';
  let place = '';
  let hiddenByOrganisation: string[] = [];

  const inTitleOrder = async (ids: readonly string[]) =>
    (await db.query<{ id: string }>('select id from activities where id = any($1::uuid[]) order by title, id', [ids])).map((r) => r.id);

  /** Pages through as a client does, page after page until the last, checking every page's total. */
  async function pageThrough(perPage: number, query: Partial<OpenDirectoryQuery> = {}, full = false) {
    const seen: string[] = [];
    const first = await (full ? service.listActivitiesInFull : service.listActivities)({ page: 1, perPage, ...query });
    const pages = Math.ceil(first.total / perPage);
    for (let page = 1; page <= pages + 1; page++) {
      const { total, items } = await (full ? service.listActivitiesInFull : service.listActivities)({ page, perPage, ...query });
      expect(total).toBe(first.total);
      expect(items.length).toBe(Math.max(0, Math.min(perPage, total - (page - 1) * perPage)));
      seen.push(...items.map((i) => i.activity.id));
    }
    return { total: first.total, seen };
  }

  beforeAll(async () => {
    db = await engine.open();
    service = createOpenDirectoryService({ directory: createOpenDirectoryRepository(db), clock: moving.clock, anchorStride: 3 });
    const trust = await makeOrganisation(db);
    pendingOrganisation = await makeOrganisation(db, { name: 'Not yet approved', status: 'pending' });
    place = await makePlace(db, trust);
    for (let i = 0; i < 26; i++) {
      // Two were checked 11 months and 10 days before TEST_NOW: they leave when the clock moves on 3 weeks.
      const lastCheckedAt = i < 2 ? new Date('2025-12-11T10:00:00Z') : undefined;
      const id = await makeActivity(db, trust, place, { title: TITLES[i % TITLES.length]!, ...(lastCheckedAt ? { lastCheckedAt } : {}) });
      visible.push(id);
      if (lastCheckedAt) nearlyStale.push(id);
    }
    await makeActivity(db, trust, place, { title: 'Heritage walk', status: 'pending' });
    await makeActivity(db, trust, place, { title: 'Heritage walk', lastCheckedAt: new Date('2025-01-01T10:00:00Z') });
    const otherPlace = await makePlace(db, pendingOrganisation);
    hiddenByOrganisation = [
      await makeActivity(db, pendingOrganisation, otherPlace, { title: 'Heritage walk' }),
      await makeActivity(db, pendingOrganisation, otherPlace, { title: 'Archive afternoon' }),
    ];
    visible = await inTitleOrder(visible);
  });
  afterAll(async () => db.drop());

  it('pages through the whole directory seeing every visible listing exactly once, in title then id order, at any page size', async () => {
    for (const perPage of [1, 2, 3, 4, 5, 7, 26, 27, 500]) {
      const { total, seen } = await pageThrough(perPage);
      expect(total).toBe(26);
      expect(seen, `per_page ${perPage}`).toEqual(visible);
    }
  });

  it('pages through a text search and the 1.0 list the same way', async () => {
    const memoryCafes = await inTitleOrder(
      (await db.query<{ id: string }>(`select id from activities where id = any($1::uuid[]) and title = 'Memory café'`, [visible])).map((r) => r.id),
    );
    expect(memoryCafes.length).toBe(8);
    for (const perPage of [1, 2, 4]) expect((await pageThrough(perPage, { words: 'memory' })).seen).toEqual(memoryCafes);
    expect((await pageThrough(5, {}, true)).seen).toEqual(visible);
  });

  it('counts a change to the directory on the very next request, and folding the change log changes nothing seen', async () => {
    const before = await pageThrough(4);
    const added = await makeActivity(db, pendingOrganisation, place, { title: 'Aardvark trail' }); // hidden: its organisation is pending
    expect(await pageThrough(4)).toEqual(before);
    await db.query(`update organisations set status = 'approved' where id = $1`, [pendingOrganisation]);
    const after = await pageThrough(4);
    expect(after.total).toBe(before.total + 3);
    expect(after.seen).toEqual(await inTitleOrder([...visible, added, ...hiddenByOrganisation]));
    const directory = createOpenDirectoryRepository(db);
    const version = await directory.directoryVersion();
    expect(await directory.foldDirectoryChanges()).toBeGreaterThan(0);
    expect(await directory.directoryVersion()).toBe(version);
    expect(await pageThrough(4)).toEqual(after);
    await db.query(`update organisations set status = 'pending' where id = $1`, [pendingOrganisation]);
    expect(await pageThrough(4)).toEqual(before);
  });

  it('drops listings from the count as the freshness cutoff passes them, and counts them again if the clock is put back', async () => {
    expect((await pageThrough(3)).seen).toEqual(visible);
    moving.advanceMinutes(21 * DAY_MINUTES);
    const later = await pageThrough(3);
    expect(later.total).toBe(24);
    expect(later.seen).toEqual(visible.filter((id) => !nearlyStale.includes(id)));
    moving.advanceMinutes(-21 * DAY_MINUTES);
    expect((await pageThrough(3)).seen).toEqual(visible);
  });
});
