import type { TimePoint } from './instrument.ts';

/** When each questionnaire falls due (issue 4 "Collecting"). */
export const FOLLOW_UP_WEEKS = 12;
/** A one-time link works for this long. */
export const LINK_VALID_DAYS = 28;
/** A questionnaire not done this long after it fell due is overdue. */
export const OVERDUE_AFTER_DAYS = 28;

const DAY = 24 * 60 * 60 * 1000;

export type ReferralTimes = {
  status: string;
  acceptedAt: Date | null;
  firstVisitDate: string | null;
  closedAt: Date | null;
};

const AFTER_ACCEPTANCE = ['accepted', 'first_visit_planned', 'attending'];
const ENDED = ['completed', 'stopped'];

/**
 * Baseline: from acceptance (or the first visit when acceptance was not recorded) while the
 * prescription runs; End: when it is completed or stopped; Follow-up: FOLLOW_UP_WEEKS after the end.
 * A baseline is no longer due once the prescription has ended (it could not be a baseline).
 */
export function dueTimePoints(r: ReferralTimes): { timePoint: TimePoint; dueOn: Date }[] {
  const due: { timePoint: TimePoint; dueOn: Date }[] = [];
  if (AFTER_ACCEPTANCE.includes(r.status)) {
    const from = r.acceptedAt ?? (r.firstVisitDate ? new Date(`${r.firstVisitDate}T00:00:00Z`) : null);
    if (from) due.push({ timePoint: 'baseline', dueOn: from });
  }
  if (ENDED.includes(r.status) && r.closedAt) {
    due.push({ timePoint: 'end', dueOn: r.closedAt });
    due.push({ timePoint: 'follow_up', dueOn: new Date(r.closedAt.getTime() + FOLLOW_UP_WEEKS * 7 * DAY) });
  }
  return due;
}

export type DueState = 'not_yet' | 'due' | 'overdue';

export function dueState(dueOn: Date, now: Date): DueState {
  if (now.getTime() < dueOn.getTime()) return 'not_yet';
  return now.getTime() - dueOn.getTime() > OVERDUE_AFTER_DAYS * DAY ? 'overdue' : 'due';
}

export const linkExpiry = (now: Date) => new Date(now.getTime() + LINK_VALID_DAYS * DAY);
