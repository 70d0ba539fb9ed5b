import type { Place } from '../domain/directory.ts';
import { ValidationFailed } from '../domain/errors.ts';
import type { PlaceInput } from '../domain/listing.ts';
import type { User } from '../domain/user.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import type { PlaceWrite } from '../data/repositories/place.repository.ts';
import { ownPlace, providerOrganisationId, type ListingDeps } from './listing-access.ts';

/** Places where a provider's activities happen; positions come from the postcode. */
export function createPlaceService(deps: ListingDeps) {
  const { db, places, audit, clock } = deps;

  async function locate(data: PlaceInput): Promise<PlaceWrite> {
    const found = await places.lookupPostcode(data.postcode);
    if (!found) {
      throw new ValidationFailed([{ field: 'postcode', message: 'We could not find this postcode. Check it and try again' }]);
    }
    return { ...data, ...found }; // the form gives the postcode normalised, as it is stored (decision 023)
  }

  return {
    async list(user: User): Promise<Place[]> {
      return places.listForOrganisation(providerOrganisationId(user));
    },

    get: (user: User, id: string) => ownPlace(deps, user, id),

    async create(user: User, input: PlaceInput): Promise<string> {
      const orgId = providerOrganisationId(user);
      const place = await locate(input);
      return db.transaction(async (tx) => {
        const id = await places.insert(orgId, place, clock.now(), tx);
        await audit.record({ actorId: user.id, action: 'place_created', subjectType: 'place', subjectId: id }, tx);
        return id;
      });
    },

    /** Places are facts about where, not listing content: changes apply at once (and re-index the activities there). */
    async update(user: User, id: string, input: PlaceInput): Promise<void> {
      await ownPlace(deps, user, id);
      const place = await locate(input);
      await db.transaction(async (tx) => {
        await places.update(id, place, clock.now(), tx);
        await refreshActivityIndex(tx, await places.activityIdsAt(id, tx), clock.now());
        await audit.record({ actorId: user.id, action: 'place_updated', subjectType: 'place', subjectId: id }, tx);
      });
    },
  };
}

export type PlaceService = ReturnType<typeof createPlaceService>;
