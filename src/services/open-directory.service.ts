import type { Clock } from '../domain/clock.ts';
import { freshnessCutoff } from '../domain/directory.ts';
import { NotFound, ValidationFailed } from '../domain/errors.ts';
import { formatPostcode } from '../domain/geo.ts';
import { londonDate } from '../domain/schedule.ts';
import type {
  OpenDirectoryRepository,
  PublishedActivity,
  PublishedActivityInFull,
  SessionSlot,
  TermFilter,
} from '../data/repositories/open-directory.repository.ts';
import { createOpenDirectoryPaging } from './open-directory-paging.ts';

export type { PublishedActivity, PublishedActivityInFull, SessionSlot, TermFilter };

/** A place with the publicly visible listings held there (ORUK 1.0's location), and the latest change to any of them. */
export type PublishedPlace = { place: PublishedActivity['place']; listings: PublishedActivity[]; modifiedAt: Date };

/** Listings read at once for a page of places: more than any real page holds, a bound on a runaway one. */
const LISTINGS_PER_PLACES_PAGE = 100_000;

function byPlace(placeIds: readonly string[], listings: readonly PublishedActivity[]): PublishedPlace[] {
  const at = new Map<string, PublishedActivity[]>();
  for (const l of listings) {
    const here = at.get(l.place.id);
    if (here) here.push(l);
    else at.set(l.place.id, [l]);
  }
  return placeIds.flatMap((id) => {
    const here = at.get(id) ?? [];
    const first = here[0];
    if (!first) return [];
    const modifiedAt = new Date(Math.max(...here.map((l) => l.modifiedAt.getTime())));
    return [{ place: first.place, listings: here, modifiedAt }];
  });
}

export type OpenDirectoryQuery = {
  page: number;
  perPage: number;
  words?: string | undefined;
  term?: TermFilter | undefined;
  modifiedSince?: Date | undefined;
  /** A normalised postcode (full or outward code); results come nearest first, within `withinMetres` if given. */
  near?: { postcode: string; withinMetres: number | null } | undefined;
};

/** Open Referral 1.0's further filters: any of several terms, ages, and when sessions run. */
export type OpenDirectoryQueryV1 = OpenDirectoryQuery & {
  anyTerm?: readonly TermFilter[] | undefined;
  ages?: { minimumAtLeast: number | null; maximumAtMost: number | null } | undefined;
  sessionSlots?: readonly SessionSlot[] | undefined;
};

/** The directory as open data: what anyone may read, with the same freshness rule as search. */
export function createOpenDirectoryService(deps: { directory: OpenDirectoryRepository; clock: Clock; anchorStride?: number }) {
  const { directory, clock } = deps;
  const freshSince = () => freshnessCutoff(clock.now());
  const paging = createOpenDirectoryPaging(directory, deps.anchorStride);

  async function filterOf(q: OpenDirectoryQuery) {
    let near: (Awaited<ReturnType<typeof directory.locatePostcode>> & { withinMetres: number | null }) | undefined;
    if (q.near) {
      const centre = await directory.locatePostcode(q.near.postcode);
      if (!centre) throw new ValidationFailed([{ field: 'postcode', message: `postcode ${formatPostcode(q.near.postcode)} was not found` }]);
      near = { ...centre, withinMetres: q.near.withinMetres };
    }
    return { freshSince: freshSince(), words: q.words, term: q.term, modifiedSince: q.modifiedSince, near };
  }

  return {
    async listActivities(q: OpenDirectoryQuery): Promise<{ total: number; items: PublishedActivity[] }> {
      const filter = await filterOf(q);
      const { total, start } = await paging.locate(filter, q.page, q.perPage);
      return { total, items: start ? await directory.findPublished({ ...filter, ...start }) : [] };
    },

    /** A page of listings with their sessions (Open Referral 1.0 nests everything in its lists). */
    async listActivitiesInFull(q: OpenDirectoryQueryV1): Promise<{ total: number; items: PublishedActivityInFull[] }> {
      const filter = {
        ...(await filterOf(q)),
        anyTerm: q.anyTerm,
        ages: q.ages,
        sessions: q.sessionSlots ? { today: londonDate(clock.now()), slots: q.sessionSlots } : undefined,
      };
      const { total, start } = await paging.locate(filter, q.page, q.perPage);
      return { total, items: start ? await directory.findPublishedInFull({ ...filter, ...start }) : [] };
    },

    /** A page of organisations that have at least one publicly visible listing. */
    async listOrganisations(q: { page: number; perPage: number }): Promise<{ total: number; items: PublishedActivity['organisation'][] }> {
      const since = freshSince();
      const total = await directory.countPublishingOrganisations(since);
      const offset = (q.page - 1) * q.perPage;
      const found = offset < total ? await directory.findPublishingOrganisations({ freshSince: since, limit: q.perPage, offset }) : [];
      return { total, items: found.map((f) => f.organisation) };
    },

    /** An organisation with its publicly visible listings; not found when it has none. */
    async getOrganisation(id: string): Promise<{ organisation: PublishedActivity['organisation']; listings: PublishedActivityInFull[] }> {
      const listings = await directory.findPublishedInFull({ freshSince: freshSince(), organisationId: id, limit: 10000, offset: 0 });
      const first = listings[0];
      if (!first) throw new NotFound('Organisation');
      return { organisation: first.organisation, listings };
    },

    /** A page of places (by name) that have at least one publicly visible listing, each with those listings. */
    async listPlaces(q: { page: number; perPage: number }): Promise<{ total: number; items: PublishedPlace[] }> {
      const since = freshSince();
      const total = await directory.countPublishingPlaces(since);
      const offset = (q.page - 1) * q.perPage;
      const ids = offset < total ? await directory.findPublishingPlaceIds({ freshSince: since, limit: q.perPage, offset }) : [];
      if (ids.length === 0) return { total, items: [] };
      const listings = await directory.findPublished({ freshSince: since, placeIds: ids, limit: LISTINGS_PER_PLACES_PAGE, offset: 0 });
      return { total, items: byPlace(ids, listings) };
    },

    /** A place with its publicly visible listings; not found when it has none (or was merged into another). */
    async getPlace(id: string): Promise<PublishedPlace> {
      const listings = await directory.findPublished({ freshSince: freshSince(), placeIds: [id], limit: LISTINGS_PER_PLACES_PAGE, offset: 0 });
      const [found] = byPlace([id], listings);
      if (!found) throw new NotFound('Location');
      return found;
    },

    /** The publicly visible listing whose ORUK service_at_location id is `id` (derived by `idOf`); not found otherwise. */
    async getActivityByServiceAtLocationId(id: string, idOf: (activityId: string, placeId: string) => string): Promise<PublishedActivityInFull> {
      const activityId = await directory.findListingByServiceAtLocationId(id, idOf);
      if (!activityId) throw new NotFound('Service at location');
      const found = await directory.findPublishedById(activityId, freshSince());
      if (!found) throw new NotFound('Service at location');
      return found;
    },

    /** Fills the stored service_at_location ids of listings written since the last run, so lookups stay one index probe. */
    fillServiceAtLocationIds: (idOf: (activityId: string, placeId: string) => string) => directory.fillServiceAtLocationIds(idOf),

    /** Keeps the directory's version cheap to read (the job `fold-directory-changes`, decision 053). */
    foldDirectoryChanges: () => directory.foldDirectoryChanges(),

    async getActivity(id: string): Promise<PublishedActivityInFull> {
      const found = await directory.findPublishedById(id, freshSince());
      if (!found) throw new NotFound('Activity');
      return found;
    },
  };
}

export type OpenDirectoryService = ReturnType<typeof createOpenDirectoryService>;
