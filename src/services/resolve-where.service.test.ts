import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/engines.ts';
import type { Db } from '../data/database.ts';
import { upsertPostcodes } from '../data/import/postcode.writer.ts';
import { createGeographyRepository } from '../data/repositories/geography.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { ValidationFailed } from '../domain/errors.ts';
import { createResolveWhereService } from './resolve-where.service.ts';

/** A clock the test moves forward. */
const movableClock = (start: string) => {
  let at = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(at) };
  return { clock, advanceMinutes: (m: number) => (at += m * 60_000) };
};

describe.each(ENGINES)('where a search starts from: postcodes kept in memory ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => db.drop());

  it('finds a postcode imported after someone looked for it in vain', async () => {
    const { clock } = movableClock('2026-03-01T10:00:00Z');
    const where = createResolveWhereService({ geography: createGeographyRepository(db), clock });
    await expect(where.resolve('ZZ9 9ZZ')).rejects.toBeInstanceOf(ValidationFailed);
    await upsertPostcodes(db, [{ postcode: 'ZZ9 9ZZ', easting: 400100, northing: 300200, adminDistrict: null }]);
    expect(await where.resolve('zz99zz')).toMatchObject({ label: 'ZZ9 9ZZ', easting: 400100, northing: 300200 });
  });

  it('uses a re-imported position once the hour a position is kept for has passed', async () => {
    const { clock, advanceMinutes } = movableClock('2026-03-01T10:00:00Z');
    const where = createResolveWhereService({ geography: createGeographyRepository(db), clock });
    await upsertPostcodes(db, [{ postcode: 'ZZ8 8ZZ', easting: 500000, northing: 200000, adminDistrict: null }]);
    expect(await where.resolve('ZZ8 8ZZ')).toMatchObject({ easting: 500000, northing: 200000 });
    await upsertPostcodes(db, [{ postcode: 'ZZ8 8ZZ', easting: 500040, northing: 200030, adminDistrict: null }]);
    advanceMinutes(59);
    expect(await where.resolve('ZZ8 8ZZ')).toMatchObject({ easting: 500000, northing: 200000 });
    advanceMinutes(2);
    expect(await where.resolve('ZZ8 8ZZ')).toMatchObject({ easting: 500040, northing: 200030 });
  });
});
