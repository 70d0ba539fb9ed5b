import type { CheckRecord, CheckType, DbsStatusCheck, RecruitmentStep } from './volunteer-checks.ts';
import { addMonths, DBS_STATUS_CHECK_MONTHS, lowerFirst as lower, shortDate } from './volunteer-checks.ts';
import type { VolunteerStatus } from './volunteer.ts';

/**
 * What blocks a volunteer from being matched to a person (issue 9: "a volunteer with an expired
 * required item cannot be matched, and every screen that offers them says why"). Pure: the caller
 * gives the volunteer's status, their role's required types, their records and today's date.
 */
export type ReadinessInput = {
  status: VolunteerStatus;
  role: { referencesRequired: boolean };
  /** The types the volunteer's role requires. */
  required: readonly Pick<CheckType, 'id' | 'name' | 'dbsLevel'>[];
  records: readonly Pick<CheckRecord, 'checkTypeId' | 'doneOn' | 'expiresOn'>[];
  dbsStatusChecks: readonly Pick<DbsStatusCheck, 'checkedOn' | 'result'>[];
  /** The recruitment steps recorded as done. */
  steps: readonly RecruitmentStep[];
  /** London's calendar date, 'YYYY-MM-DD'. */
  today: string;
};

const sentence = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The latest record of a type (by the day it was done). */
export function latestOf<R extends Pick<CheckRecord, 'checkTypeId' | 'doneOn'>>(records: readonly R[], typeId: string): R | undefined {
  return records.filter((r) => r.checkTypeId === typeId).sort((a, b) => b.doneOn.localeCompare(a.doneOn))[0];
}

/**
 * When a record stops counting: its own expiry or review date, moved on by an Update Service status
 * check with no change since it (due again 12 months after that check). Null: it does not expire.
 */
export function effectiveExpiry(
  type: Pick<CheckType, 'dbsLevel'>,
  record: Pick<CheckRecord, 'doneOn' | 'expiresOn'>,
  statusChecks: ReadinessInput['dbsStatusChecks'],
): string | null {
  if (!type.dbsLevel || record.expiresOn === null) return record.expiresOn;
  const latest = latestStatusCheckSince(record, statusChecks);
  if (latest?.result !== 'no_change') return record.expiresOn;
  const due = addMonths(latest.checkedOn, DBS_STATUS_CHECK_MONTHS);
  return due.localeCompare(record.expiresOn) > 0 ? due : record.expiresOn;
}

function latestStatusCheckSince(record: Pick<CheckRecord, 'doneOn'>, statusChecks: ReadinessInput['dbsStatusChecks']) {
  return statusChecks.filter((c) => c.checkedOn >= record.doneOn).sort((a, b) => b.checkedOn.localeCompare(a.checkedOn))[0];
}

/**
 * The reasons, in plain words, that a volunteer cannot be matched today; empty when they can.
 * For example "Paused by the volunteer" or "Basic DBS check expired on 3 March 2027".
 */
export function matchingBlockers(input: ReadinessInput): string[] {
  if (input.status === 'stopped') return ['Stopped volunteering'];
  const reasons: string[] = [];
  if (input.status === 'paused') reasons.push('Paused by the volunteer');
  if (input.status === 'in_recruitment') reasons.push('Not marked ready by their volunteer lead yet');
  if (input.role.referencesRequired && !input.steps.includes('references')) reasons.push('References not recorded (the role needs them)');
  for (const type of input.required) {
    const record = latestOf(input.records, type.id);
    if (!record || record.doneOn > input.today) {
      reasons.push(`No ${lower(type.name)} recorded`);
      continue;
    }
    if (type.dbsLevel) {
      const status = latestStatusCheckSince(record, input.dbsStatusChecks);
      if (status?.result === 'changed') {
        reasons.push(`The DBS Update Service showed a change on ${shortDate(status.checkedOn)}: a new ${lower(type.name)} is needed`);
        continue;
      }
    }
    const expires = effectiveExpiry(type, record, input.dbsStatusChecks);
    if (expires !== null && expires <= input.today) reasons.push(`${sentence(type.name)} expired on ${shortDate(expires)}`);
  }
  return reasons;
}
