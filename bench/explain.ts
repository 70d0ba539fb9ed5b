import type { Db } from '../src/data/database.ts';
import { createSearchRepository } from '../src/data/repositories/search.repository.ts';
import { createHeritageAssetRepository } from '../src/data/repositories/heritage-asset.repository.ts';
import { freshnessCutoff, milesToMetres, DOORSTEP_ACTIVITY_RADIUS_M, NO_SEARCH_FILTERS } from '../src/domain/search.ts';

/** EXPLAIN ANALYZE of the search page's queries at one postcode, through the app's own repository SQL. */
export async function explainSearches(db: Db, postcode: string): Promise<string> {
  const [at] = await db.query<{ easting: number; northing: number }>('select easting, northing from postcodes where postcode = $1', [postcode]);
  if (!at) return `postcode ${postcode} not found`;
  const now = new Date();
  const base = { now, cutoff: freshnessCutoff(now), soonUntil: new Date(now.getTime() + 14 * 86_400_000) };
  const area = { ...at, radiusM: milesToMetres(5) };
  const search = createSearchRepository(db);
  const page = { sort: 'distance' as const, limit: 20, offset: 0, withTotal: true };
  const out: string[] = [];
  out.push(
    '-- type + need within 5 miles',
    await search.explain({ ...base, area, concepts: [], filters: { ...NO_SEARCH_FILTERS, types: ['walk'], needs: ['loneliness'] } }, page),
  );
  out.push(
    '-- "history" + step-free + free within 5 miles',
    await search.explain(
      { ...base, area, concepts: [{ typed: 'history', alternatives: [['history']] }], filters: { ...NO_SEARCH_FILTERS, access: ['step_free'], cost: 'free' } },
      page,
    ),
  );
  const started = performance.now();
  await createHeritageAssetRepository(db).nearbyWithoutActivity(area, { cutoff: base.cutoff, nearM: DOORSTEP_ACTIVITY_RADIUS_M, limit: 20, offset: 0 });
  out.push(`-- doorstep within 5 miles: ${(performance.now() - started).toFixed(1)} ms`);
  return out.join('\n');
}
