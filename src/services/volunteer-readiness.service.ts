import type { VolunteerRecruitmentRepository } from '../data/repositories/volunteer-recruitment.repository.ts';
import type { VolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { londonDate } from '../domain/schedule.ts';
import type { CheckType } from '../domain/volunteer-checks.ts';
import { matchingBlockers, type ReadinessInput } from '../domain/volunteer-readiness.ts';

/**
 * What blocks volunteers from being matched, for any set of them at once (buddy matching calls this
 * for a scheme's buddies; the lead's pages for one). No access check here: callers check who may see
 * the volunteers before asking.
 */
export function createVolunteerReadiness(deps: { volunteers: VolunteerRepository; recruitment: VolunteerRecruitmentRepository; clock: Clock }) {
  const { volunteers, recruitment, clock } = deps;

  /** Each volunteer's readiness input (for the lead's page, which shows more than the reasons). */
  async function inputs(volunteerIds: readonly string[], on: Date): Promise<Map<string, ReadinessInput>> {
    const list = await volunteers.findMany(volunteerIds);
    const roleIds = [...new Set(list.map((v) => v.volunteerRoleId))];
    const [roles, requirements, types, records, statusChecks, steps] = await Promise.all([
      volunteers.roles(roleIds),
      recruitment.requirements(roleIds),
      recruitment.checkTypes(),
      recruitment.checksOf(volunteerIds),
      recruitment.statusChecksOf(volunteerIds),
      recruitment.stepsOf(volunteerIds),
    ]);
    const typeById = new Map(types.map((t) => [t.id, t]));
    const today = londonDate(on);
    return new Map(
      list.map((v) => {
        const role = roles.find((r) => r.id === v.volunteerRoleId)!;
        const required = (requirements.get(role.id) ?? []).map((id) => typeById.get(id)).filter((t): t is CheckType => t !== undefined);
        return [
          v.id,
          {
            status: v.status,
            role: { referencesRequired: role.referencesRequired },
            required: required.sort((a, b) => a.name.localeCompare(b.name)),
            records: records.filter((r) => r.volunteerId === v.id),
            dbsStatusChecks: statusChecks.filter((s) => s.volunteerId === v.id),
            steps: steps.filter((s) => s.volunteerId === v.id).map((s) => s.step),
            today,
          },
        ];
      }),
    );
  }

  return {
    inputs,
    /**
     * For each volunteer id, the reasons in plain words they cannot be matched on `on` (default: now);
     * an empty list means they can. Ids of volunteers that do not exist are left out.
     */
    async matchingBlockers(volunteerIds: readonly string[], on: Date = clock.now()): Promise<Map<string, string[]>> {
      const all = await inputs(volunteerIds, on);
      return new Map([...all].map(([id, input]) => [id, matchingBlockers(input)]));
    },
  };
}

export type VolunteerReadiness = ReturnType<typeof createVolunteerReadiness>;
