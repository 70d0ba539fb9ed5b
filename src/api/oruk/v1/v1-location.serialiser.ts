import { placeAccess, placeAccessDetails } from '../../../domain/place-access.ts';
import type { PublishedPlace } from '../../../services/open-directory.service.ts';
import { childId } from '../oruk-ids.ts';
import { absoluteUrl, serviceAtLocationIdOf } from '../service.serialiser.ts';
import { locationCore, serviceFields, type V1Context } from './v1-service.serialiser.ts';

/**
 * An Open Referral UK 1.0 location: a place where at least one public activity is held, with the
 * 1.0 data package's names (decision 054). Its id is the place's id, the one the services feed gives
 * the same place. It says only what is true of the place: its address, position and the access
 * features of the building or site; each activity held there is a service_at_location whose service
 * carries no contact details (a client follows the service's id for those).
 */
export function toOrukV1Location(found: PublishedPlace, ctx: V1Context) {
  const { place, listings } = found;
  return {
    ...locationCore(place),
    accessibility_for_disabilities: placeAccess(listings.map((l) => l.activity.access)).map((fact) => ({
      id: childId(place.id, `accessibility:${fact.code}`),
      accessibility: fact.label,
      details: placeAccessDetails(fact),
    })),
    service_at_locations: listings.map(({ activity, organisation }) => ({
      id: serviceAtLocationIdOf(activity.id, place.id),
      service: {
        ...serviceFields(activity, ctx),
        organization: { id: organisation.id, name: organisation.name, description: organisation.description, url: absoluteUrl(organisation.website) },
      },
    })),
  };
}
