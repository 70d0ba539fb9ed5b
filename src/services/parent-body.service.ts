import type { ParentBodyRepository } from '../data/repositories/parent-body.repository.ts';
import { Forbidden, ValidationFailed } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';
import type { ListingDeps } from './listing-access.ts';
import type { OrganisationService } from './organisation.service.ts';

/**
 * Parent bodies (issue 12, decision 047): a coordinator records that an organisation in their area
 * belongs to a larger body; the body's staff see all its sites' listings read-only. Moderation does
 * not change: each listing goes to the coordinator of the area its place is in (decision 016).
 */
export function createParentBodyService(
  deps: Pick<ListingDeps, 'db' | 'audit' | 'clock'> & { parents: ParentBodyRepository; organisations: OrganisationService },
) {
  const { db, audit, clock, parents, organisations } = deps;
  return {
    parentOf: (organisationId: string) => parents.parentOf(organisationId),

    /** `parentName`: an approved organisation's exact name, or empty to clear. */
    async setParent(user: User, organisationId: string, parentName: string) {
      await organisations.review(user, organisationId); // in the coordinator's area, or 404
      let parentId: string | null = null;
      if (parentName.trim()) {
        const found = await parents.approvedByName(parentName);
        if (found.length !== 1) throw new ValidationFailed([{ field: 'parent', message: 'Enter the exact name of an approved organisation in Waymark' }]);
        parentId = found[0]!;
        if (parentId === organisationId || (await parents.ancestors(parentId)).includes(organisationId))
          throw new ValidationFailed([{ field: 'parent', message: 'An organisation cannot belong to itself or to one of its own sites' }]);
      }
      if (((await parents.parentOf(organisationId))?.id ?? null) === parentId) return; // nothing to change
      await db.transaction(async (tx) => {
        await parents.setParent(organisationId, parentId, clock.now(), tx);
        await audit.record(
          { actorId: user.id, action: 'organisation.parent_set', subjectType: 'organisation', subjectId: organisationId, detail: { parent: parentId } },
          tx,
        );
      });
    },

    /** The sites of the provider's organisation (when it is a parent body) and their listings, read-only. */
    async sites(user: User) {
      const id = user.role === 'provider' ? user.organisationIds[0] : undefined;
      if (!id) throw new Forbidden('Only provider staff see their organisation’s sites');
      return parents.sites(id);
    },
  };
}

export type ParentBodyService = ReturnType<typeof createParentBodyService>;
