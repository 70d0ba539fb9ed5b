import { formatLongDate } from './schedule.ts';
import type { DbsLevel } from './volunteer.ts';
import { terms } from './vocabulary.ts';

/**
 * Training and checks (issue 9): the types are data (volunteer_check_types), each role requires some,
 * and each record holds evidence and expiry together: when it was done, when it expires or is due
 * for review, the certificate or reference number and who checked it.
 */
export type CheckKind = 'training' | 'check';

export type CheckType = {
  id: string;
  code: string;
  name: string;
  kind: CheckKind;
  /** Set for DBS checks: the level of the check. */
  dbsLevel: Exclude<DbsLevel, 'none'> | null;
  /** How long a record lasts before it expires or is due for review; null when it does not. */
  validMonths: number | null;
};

export type CheckRecord = {
  id: string;
  volunteerId: string;
  checkTypeId: string;
  /** 'YYYY-MM-DD' */
  doneOn: string;
  expiresOn: string | null;
  reference: string | null;
  checkedByName: string | null;
};

export type DbsStatusResult = 'no_change' | 'changed' | 'no_subscription';

export type DbsStatusCheck = {
  id: string;
  volunteerId: string;
  checkedOn: string;
  consentOn: string;
  result: DbsStatusResult;
  checkedByName: string | null;
};

export const DBS_STATUS_RESULTS = terms([
  { code: 'no_change', label: 'No change', hint: 'The certificate is still current: no new check is needed' },
  { code: 'changed', label: 'Changed', hint: 'New information since the certificate: ask for a new check' },
  { code: 'no_subscription', label: 'No subscription', hint: 'The volunteer is not subscribed to the Update Service for this certificate' },
] as const);

/** An Update Service status check is due again this long after the last one. */
export const DBS_STATUS_CHECK_MONTHS = 12;

export type RecruitmentStep = 'conversation' | 'references' | 'training' | 'checks' | 'ready';

export const RECRUITMENT_STEPS = terms([
  { code: 'conversation', label: 'Conversation', hint: 'An informal chat about the role' },
  { code: 'references', label: 'References', hint: 'Only for roles that need them' },
  { code: 'training', label: 'Training' },
  { code: 'checks', label: 'Checks' },
  { code: 'ready', label: 'Ready to volunteer' },
] as const);

/** The steps a role's recruitment has: references only when the role needs them. */
export const stepsFor = (role: { referencesRequired: boolean }): RecruitmentStep[] =>
  (['conversation', 'references', 'training', 'checks', 'ready'] as const).filter((s) => s !== 'references' || role.referencesRequired);

/** Reminders go this many days before something expires (to the volunteer and their lead). */
export const REMINDER_DAYS = [60, 30, 7] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

export { addDays, addMonths, daysBetween } from './calendar-date.ts';
import { daysBetween } from './calendar-date.ts';

/** A name in the middle of a sentence: 'Basic DBS check' → 'basic DBS check'; 'DBS Update Service…' stays as it is. */
export const lowerFirst = (name: string) => (/^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name);

/** '3 March 2027': how reasons and reminders write a day. */
export const shortDate = (date: string) => formatLongDate(date).replace(/^\w+ /, '');

/**
 * The reminder due on `today` for something expiring on `expiresOn`: the nearest of 60, 30 and 7
 * days that has been reached (so a reminder missed while the job was not running is not sent late
 * as a "60 days" one), or null when nothing is due (more than 60 days left, or already expired).
 */
export function reminderDue(expiresOn: string, today: string): ReminderDays | null {
  const left = daysBetween(today, expiresOn);
  if (left < 0 || left > REMINDER_DAYS[0]) return null;
  return [...REMINDER_DAYS].reverse().find((d) => left <= d) ?? null;
}
