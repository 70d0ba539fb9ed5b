import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../data/database.ts';
import { createPublicActivityRepository } from '../data/repositories/public-activity.repository.ts';
import { createSchemeAreaRepository } from '../data/repositories/scheme-area.repository.ts';
import { createSharedShortlistRepository } from '../data/repositories/shared-shortlist.repository.ts';
import { fixedClock } from '../domain/clock.ts';
import { NotFound } from '../domain/errors.ts';
import { ENGINES } from '../../test/engines.ts';
import { makeActivity, makeOrganisation, makePlace } from '../../test/factories.ts';
import { TEST_NOW } from '../../test/test-app.ts';
import { createPublicActivityService } from './public-activity.service.ts';
import { createSharedShortlistService } from './shared-shortlist.service.ts';

describe.each(ENGINES)('shared shortlists ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let A: string;
  let B: string;
  let GONE: string;
  beforeAll(async () => {
    db = await engine.open();
    const org = await makeOrganisation(db);
    const place = await makePlace(db, org);
    A = await makeActivity(db, org, place, { title: 'Walk' });
    B = await makeActivity(db, org, place, { title: 'Café' });
    GONE = await makeActivity(db, org, place, { title: 'Withdrawn', status: 'withdrawn' });
  });
  afterAll(async () => db?.drop());

  const service = (codes: string[]) => {
    const clock = fixedClock(TEST_NOW);
    const publicActivities = createPublicActivityService({
      activities: createPublicActivityRepository(db),
      schemeAreas: createSchemeAreaRepository(db),
      clock,
    });
    return createSharedShortlistService({
      shared: createSharedShortlistRepository(db),
      visible: publicActivities.shortlist,
      clock,
      newCode: () => codes.shift() ?? 'ZZZZZZZZ',
    });
  };

  it('stores only the activities still in search, and tries another code when one is taken', async () => {
    await db.query(`insert into shared_shortlists (code, activity_ids, created_at) values ('TAKEN234', array[$1]::uuid[], to_timestamp(0))`, [B]);
    const code = await service(['TAKEN234', 'FREE2345']).share([A, GONE, B]);
    expect(code).toBe('FREE2345');
    const opened = await service([]).open('free2345');
    expect(opened.activityIds).toEqual([A, B]);
    expect(opened.items.map((i) => i.title)).toEqual(['Walk', 'Café']);
  });

  it('gives up rather than loop when no free code comes', async () => {
    await expect(service(Array(5).fill('TAKEN234')).share([A])).rejects.toThrow('Could not find a free share code');
  });

  it('does not find a code that was never given', async () => {
    await expect(service([]).open('NEVER234')).rejects.toBeInstanceOf(NotFound);
    await expect(service([]).open('not a code')).rejects.toBeInstanceOf(NotFound);
  });
});
