import type { DbsLevel } from './volunteer.ts';
import { DBS_LEVELS } from './volunteer.ts';
import { labelOf } from './vocabulary.ts';
import { lowerFirst as lower } from './volunteer-checks.ts';

/**
 * DBS follows the role, not the person (issue 9, decision 027). Each volunteer role says the highest
 * check it is eligible for; asking for a higher one than the role is eligible for is an offence, so
 * Waymark refuses to record it and says why.
 */
const RANK: Record<DbsLevel, number> = { none: 0, basic: 1, standard: 2, enhanced: 3, enhanced_barred_adults: 4 };

/** Whether a role eligible for `eligibility` may ask for a check at `requested`. */
export const isEligibleFor = (eligibility: DbsLevel, requested: DbsLevel) =>
  requested !== 'none' && eligibility !== 'none' && RANK[requested] <= RANK[eligibility];

/** Why a check at `requested` cannot be recorded for someone in `role`, or null when it can. */
export function dbsRequestProblem(role: { name: string; dbsEligibility: DbsLevel; includesTransport: boolean }, requested: DbsLevel): string | null {
  if (isEligibleFor(role.dbsEligibility, requested)) return null;
  const asked = labelOf(DBS_LEVELS, requested);
  if (role.dbsEligibility === 'none') return `The ${role.name} role is not eligible for a DBS check, so you cannot record a ${lower(asked)}`;
  const allowed = lower(labelOf(DBS_LEVELS, role.dbsEligibility));
  const why =
    RANK[requested] >= RANK.enhanced && !role.includesTransport
      ? ': it does not include regulated activity such as driving people because of age, illness or disability'
      : '';
  return `The ${role.name} role is eligible for a ${allowed} only${why}. Asking for a higher check than the role is eligible for is against the law`;
}
