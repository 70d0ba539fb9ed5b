import type { VolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import { Forbidden } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';

/**
 * Volunteers (issue 9): a buddy or connector sees their own record; a volunteer lead sees the
 * volunteers of the organisations they belong to, and nobody else's.
 */
export function createVolunteerService(deps: { volunteers: VolunteerRepository }) {
  const { volunteers } = deps;
  return {
    /** The signed-in volunteer's own record (undefined for a connector who has none yet). */
    async yourVolunteering(user: User) {
      if (user.role !== 'buddy' && user.role !== 'connector') throw new Forbidden();
      return volunteers.forUser(user.id);
    },

    /** A volunteer lead's volunteers, across their host organisations. */
    async leadVolunteers(user: User) {
      if (user.role !== 'volunteer_lead') throw new Forbidden();
      return volunteers.ofOrganisations(user.organisationIds);
    },
  };
}

export type VolunteerService = ReturnType<typeof createVolunteerService>;
