import type { HeritageAssetRepository } from '../data/repositories/heritage-asset.repository.ts';
import type { Clock } from '../domain/clock.ts';
import {
  DOORSTEP_ACTIVITY_RADIUS_M,
  freshnessCutoff,
  milesToMetres,
  PAGE_SIZE,
  totalOf,
  type HeritageAsset,
  type Origin,
  type Page,
} from '../domain/search.ts';
import type { ResolveWhereService } from './resolve-where.service.ts';

/**
 * Counting stops here ("more than 100 places"): five pages of the nearest places is more than anyone
 * reads, and each place counted costs a look for activities around it (see docs/benchmarks.md).
 */
export const DOORSTEP_COUNT_LIMIT = 100;

/** A published place that matters to people (community heritage, decision 042), shown beside the designated ones. */
export type CommunityPlace = { id: string; title: string; placeKind: string | null; easting: number | null; northing: number | null; distanceM: number };
/** Community places shown on the first page: the nearest, up to this many. */
export const DOORSTEP_COMMUNITY_LIMIT = 10;

export type DoorstepOutcome = { origin: Origin; radiusMiles: number; assets: Page<HeritageAsset>; communityPlaces: CommunityPlace[] };

/** "Heritage on your doorstep": places near you with nothing organised there yet. */
export function createDoorstepService(deps: {
  heritageAssets: HeritageAssetRepository;
  where: ResolveWhereService;
  clock: Clock;
  communityPlaces?: (area: { easting: number; northing: number; radiusM: number }, limit: number) => Promise<CommunityPlace[]>;
}) {
  const { heritageAssets, where, clock } = deps;
  return {
    /** Null when no where was given; ValidationFailed (field `where`) when it cannot be found. */
    async nearby(request: { where: string; radiusMiles: number; page: number }): Promise<DoorstepOutcome | null> {
      const origin = await where.resolve(request.where);
      if (!origin) return null;
      const page = Math.max(1, Math.floor(request.page) || 1);
      const area = { easting: origin.easting, northing: origin.northing, radiusM: milesToMetres(request.radiusMiles) };
      const opts = { cutoff: freshnessCutoff(clock.now()), nearM: DOORSTEP_ACTIVITY_RADIUS_M };
      const offset = (page - 1) * PAGE_SIZE;
      const items = await heritageAssets.nearbyWithoutActivity(area, { ...opts, limit: PAGE_SIZE, offset });
      const counted = await totalOf(items.length, offset, () => heritageAssets.countNearbyWithoutActivity(area, opts, DOORSTEP_COUNT_LIMIT));
      const moreThanTotal = counted > DOORSTEP_COUNT_LIMIT;
      const total = moreThanTotal ? DOORSTEP_COUNT_LIMIT : counted;
      const communityPlaces = page === 1 && deps.communityPlaces ? await deps.communityPlaces(area, DOORSTEP_COMMUNITY_LIMIT) : [];
      return { origin, radiusMiles: request.radiusMiles, assets: { items, total, page, pageSize: PAGE_SIZE, moreThanTotal }, communityPlaces };
    },
  };
}

export type DoorstepService = ReturnType<typeof createDoorstepService>;
