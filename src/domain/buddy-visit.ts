import type { FieldError } from './errors.ts';
import { countOf } from './plural.ts';
import { terms } from './vocabulary.ts';

/**
 * Accompanied visits and lone working (issue 9, decision 028). A buddy goes with a person to a real
 * session of an activity; they check in when they meet, with an expected duration, and check out
 * when it ends. A missed check-out (expected end + the scheme's grace period) raises an alert to the
 * volunteer lead, then to the scheme's safeguarding contact; whoever acknowledges sees the buddy's
 * emergency contact.
 */
export type VisitStatus = 'planned' | 'checked_in' | 'checked_out' | 'cancelled';

export const VISIT_STATUSES = terms([
  { code: 'planned', label: 'Planned' },
  { code: 'checked_in', label: 'Under way' },
  { code: 'checked_out', label: 'Finished' },
  { code: 'cancelled', label: 'Cancelled' },
] as const);

/** Durations are chosen in 15-minute steps, up to 4 hours (as GoodSAM's lone-working timer). */
export const DURATION_STEP_MINUTES = 15;
export const MAX_DURATION_MINUTES = 4 * 60;
export const DURATION_CHOICES = Array.from({ length: MAX_DURATION_MINUTES / DURATION_STEP_MINUTES }, (_, i) => (i + 1) * DURATION_STEP_MINUTES);

/** A buddy may check in at most this long before the meeting time (GoodSAM: 10 minutes early). */
export const EARLIEST_CHECK_IN_MINUTES = 60;

export const DEFAULT_GRACE_MINUTES = 30;
export const DEFAULT_ESCALATE_AFTER_MINUTES = 30;

export type VisitState = {
  status: VisitStatus;
  volunteerId: string;
  meetsAt: Date;
  checkedInAt: Date | null;
  expectedEndAt: Date | null;
  checkedOutAt: Date | null;
};

/** Everything that can happen to a visit; each names who does it. */
export type VisitCommand =
  | { kind: 'check_in'; expectedMinutes: number }
  | { kind: 'extend'; extraMinutes: number }
  | { kind: 'check_out' }
  | { kind: 'cancel' };
export type VisitChange = VisitCommand & { by: string };

export type VisitFields = Partial<Pick<VisitState, 'status' | 'checkedInAt' | 'expectedEndAt' | 'checkedOutAt'>>;

export type VisitOutcome = { ok: true; fields: VisitFields } | { ok: false; problem: string; field?: string; notYours?: boolean };

const MINUTE = 60 * 1000;
const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * MINUTE);

export function durationProblem(minutes: number, field = 'expectedMinutes'): FieldError | null {
  if (!Number.isInteger(minutes) || minutes <= 0 || minutes % DURATION_STEP_MINUTES !== 0 || minutes > MAX_DURATION_MINUTES) {
    return { field, message: 'Choose how long the visit will take, in 15-minute steps up to 4 hours' };
  }
  return null;
}

/**
 * The visit's state machine. `by` is the volunteer acting (a buddy only acts on their own visit);
 * cancelling is the planner's, so it carries no volunteer check. Returns the fields to write, or why not.
 */
export function applyVisitChange(v: VisitState, change: VisitChange, now: Date): VisitOutcome {
  if (change.kind !== 'cancel' && change.by !== v.volunteerId) return { ok: false, problem: 'This is not your visit', notYours: true };
  switch (change.kind) {
    case 'check_in': {
      if (v.status !== 'planned')
        return { ok: false, problem: v.status === 'checked_in' ? 'You have already checked in to this visit' : 'This visit has ended' };
      const bad = durationProblem(change.expectedMinutes);
      if (bad) return { ok: false, problem: bad.message, field: bad.field };
      if (now < addMinutes(v.meetsAt, -EARLIEST_CHECK_IN_MINUTES)) {
        return { ok: false, problem: 'You can check in from an hour before the meeting time', field: 'expectedMinutes' };
      }
      return { ok: true, fields: { status: 'checked_in', checkedInAt: now, expectedEndAt: addMinutes(now, change.expectedMinutes) } };
    }
    case 'extend': {
      if (v.status !== 'checked_in' || !v.expectedEndAt) return { ok: false, problem: 'You can only extend a visit you have checked in to' };
      const bad = durationProblem(change.extraMinutes, 'extraMinutes');
      if (bad) return { ok: false, problem: bad.message, field: bad.field };
      // Extending from a passed end counts from now, so a late extension still gives the time asked for.
      const from = v.expectedEndAt > now ? v.expectedEndAt : now;
      const end = addMinutes(from, change.extraMinutes);
      if (end > addMinutes(v.checkedInAt!, 2 * MAX_DURATION_MINUTES)) {
        return { ok: false, problem: 'A visit can last at most 8 hours. Check out, and ask your volunteer lead if you need longer', field: 'extraMinutes' };
      }
      return { ok: true, fields: { expectedEndAt: end } };
    }
    case 'check_out':
      if (v.status === 'planned') return { ok: false, problem: 'You have not checked in to this visit yet' };
      if (v.status !== 'checked_in') return { ok: false, problem: 'You have already checked out of this visit' };
      return { ok: true, fields: { status: 'checked_out', checkedOutAt: now } };
    case 'cancel':
      if (v.status !== 'planned') return { ok: false, problem: 'Only a visit that has not started can be cancelled' };
      return { ok: true, fields: { status: 'cancelled' } };
  }
}

/** The lone-working settings a buddy scheme sets. */
export type LoneWorkingSettings = { graceMinutes: number; escalateAfterMinutes: number };

/** When a running visit's check-out counts as missed. */
export const missedCheckOutAt = (expectedEndAt: Date, s: LoneWorkingSettings) => addMinutes(expectedEndAt, s.graceMinutes);

/** When an unacknowledged alert goes on to the scheme's safeguarding contact. */
export const escalationDueAt = (raisedAt: Date, s: LoneWorkingSettings) => addMinutes(raisedAt, s.escalateAfterMinutes);

export type AlertStep = 'none' | 'lead' | 'safeguarding';

/**
 * Where a visit stands on the escalation chain at `now`: nothing yet, the lead told, or the
 * safeguarding contact told too. Acknowledged or checked-out-in-time visits are 'none'.
 */
export function escalationStep(
  v: { status: VisitStatus; expectedEndAt: Date | null; checkedOutAt: Date | null },
  s: LoneWorkingSettings,
  now: Date,
): AlertStep {
  if (!v.expectedEndAt || v.status !== 'checked_in') return 'none';
  const missed = missedCheckOutAt(v.expectedEndAt, s);
  if (now < missed) return 'none';
  return now < escalationDueAt(missed, s) ? 'lead' : 'safeguarding';
}

export type AlertReason = 'missed_check_out' | 'help_requested';

export const ALERT_REASONS = terms([
  { code: 'missed_check_out', label: 'Missed check-out' },
  { code: 'help_requested', label: 'Asked for help now' },
] as const);

/** After the visit: how the person seemed, from a short list (optional). */
export const PERSON_SEEMED = terms([
  { code: 'enjoyed', label: 'Enjoyed it' },
  { code: 'settled', label: 'Settled in' },
  { code: 'quiet', label: 'Quiet' },
  { code: 'anxious', label: 'Anxious' },
  { code: 'unwell', label: 'Unwell' },
] as const);

export const lengthLabel = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? countOf(h, 'hour') : '', m ? countOf(m, 'minute') : ''].filter(Boolean).join(' ');
};
