import type { Organisation } from '../domain/directory.ts';
import { Conflict, Forbidden, NotFound } from '../domain/errors.ts';
import type { OrganisationInput } from '../domain/listing.ts';
import { areaCoversOrganisation, areaCoversPlace } from '../domain/scheme-area.ts';
import type { User } from '../domain/user.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import { isUuid, moderationArea, providerOrganisationId, type ListingDeps } from './listing-access.ts';

export const EMAIL_NOT_CONFIRMED = 'Confirm your email address before you send your organisation for approval: open the link we emailed you.';

/** Organisations: providers create and edit theirs; coordinators approve or reject new ones. */
export function createOrganisationService(deps: ListingDeps, emailVerified: (userId: string) => Promise<boolean>) {
  const { db, organisations, activities, places, audit, clock } = deps;

  /** An organisation the coordinator moderates: one with a place in their area, or no places yet. Others: 404. */
  async function forReview(user: User, id: string): Promise<Organisation> {
    const area = await moderationArea(deps, user);
    const org = isUuid(id) ? await organisations.findById(id) : undefined;
    if (!org) throw new NotFound('Organisation');
    const postcodes = (await places.listForOrganisation(id)).map((p) => p.postcode);
    if (!areaCoversOrganisation(area, postcodes)) throw new NotFound('Organisation');
    return org;
  }

  return {
    async mine(user: User): Promise<Organisation | undefined> {
      const id = user.organisationIds[0];
      return id ? organisations.findById(id) : undefined;
    },

    /** The creator becomes a member; the organisation waits for a coordinator. */
    async create(user: User, data: OrganisationInput): Promise<string> {
      if (user.role !== 'provider') throw new Conflict('Only provider staff create organisations');
      if (user.organisationIds.length > 0) throw new Conflict('You already belong to an organisation');
      if (!(await emailVerified(user.id))) throw new Forbidden(EMAIL_NOT_CONFIRMED);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const id = await organisations.insert(data, user.id, now, tx);
        await organisations.addMember(user.id, id, now, tx);
        await audit.record({ actorId: user.id, action: 'organisation_created', subjectType: 'organisation', subjectId: id }, tx);
        return id;
      });
    },

    async update(user: User, data: OrganisationInput): Promise<void> {
      const id = providerOrganisationId(user);
      await db.transaction(async (tx) => {
        await organisations.update(id, data, clock.now(), tx);
        await refreshActivityIndex(tx, await activities.idsForOrganisation(id, tx), clock.now());
        await audit.record({ actorId: user.id, action: 'organisation_updated', subjectType: 'organisation', subjectId: id }, tx);
      });
    },

    async queue(user: User) {
      return organisations.listByStatus('pending', await moderationArea(deps, user));
    },

    /** Each listing says whether it is in the coordinator's area (listings elsewhere go to their own area's coordinators). */
    async review(user: User, id: string) {
      const organisation = await forReview(user, id);
      const area = await moderationArea(deps, user);
      const itsPlaces = await places.listForOrganisation(id);
      const postcodeOf = new Map(itsPlaces.map((p) => [p.id, p.postcode]));
      const listings = (await activities.listForOrganisation(id)).map((a) => ({ ...a, inArea: areaCoversPlace(area, postcodeOf.get(a.placeId) ?? '') }));
      return { organisation, places: itsPlaces, activities: listings };
    },

    /** `text`: an optional note to the provider (from the review form). */
    async approve(user: User, id: string, text: string | null) {
      const org = await forReview(user, id);
      if (org.status === 'approved') throw new Conflict('This organisation is already approved');
      const now = clock.now();
      await db.transaction(async (tx) => {
        await organisations.setStatus(id, 'approved', text, now, tx);
        await audit.record({ actorId: user.id, action: 'organisation_approved', subjectType: 'organisation', subjectId: id, detail: { note: text } }, tx);
        await deps.tellProvider?.(tx, { organisationId: id, activityId: null, outcome: 'organisation_approved', title: org.name, note: text, at: now });
      });
    },

    async reject(user: User, id: string, { reason }: { reason: string }) {
      const org = await forReview(user, id);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await organisations.setStatus(id, 'rejected', reason, now, tx);
        await audit.record({ actorId: user.id, action: 'organisation_rejected', subjectType: 'organisation', subjectId: id, detail: { reason } }, tx);
        await deps.tellProvider?.(tx, { organisationId: id, activityId: null, outcome: 'organisation_rejected', title: org.name, note: reason, at: now });
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
