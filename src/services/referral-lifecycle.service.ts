import type { Db } from '../data/database.ts';
import type { ActivitySessionRepository } from '../data/repositories/activity-session.repository.ts';
import type { AttendanceRepository } from '../data/repositories/attendance.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { BuddySchemeRepository } from '../data/repositories/buddy-scheme.repository.ts';
import type { ReferralListRepository } from '../data/repositories/referral-list.repository.ts';
import type { ReferralPersonRepository } from '../data/repositories/referral-person.repository.ts';
import type { ReferralRecord, ReferralRepository, StatusFields } from '../data/repositories/referral.repository.ts';
import { referralViewFor, type ReferralView } from '../domain/access-policy.ts';
import type { Clock } from '../domain/clock.ts';
import { AlreadyReferred, Conflict, Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import {
  canTransition,
  declineReasonsFor,
  firstVisitProblems,
  HOLDS_A_PLACE,
  openReferralTo,
  REFERRAL_STATUSES,
  TRANSITIONS,
  type ReferralStatus,
  type ReferralTargetRef,
  type Side,
} from '../domain/referral.ts';
import type { StatusChangeInput } from '../domain/referral-input.ts';
import { londonDate, nextOccurrences } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import { labelOf } from '../domain/vocabulary.ts';
import type { ReferralObserver } from './referral-observers.ts';

/** What every referral use case shares. */
export type ReferralDeps = {
  db: Db;
  referrals: ReferralRepository;
  lists: ReferralListRepository;
  people: ReferralPersonRepository;
  attendance: AttendanceRepository;
  sessions: ActivitySessionRepository;
  buddySchemes: BuddySchemeRepository;
  audit: AuditRepository;
  clock: Clock;
  observers: readonly ReferralObserver[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID.test(v);

export const PLACE_TAKEN = 'The last place has just been taken. Put this person on the waiting list instead.';
export const STALE = 'This referral has just been changed by someone else. Check where it is now and try again.';

/**
 * A referral the user may see, and how: 'full' (referrer side, coordinators) or 'provider'.
 * Anything else, and a provider asking for a referral that was never sent, answers 404.
 */
export async function referralFor(
  deps: Pick<ReferralDeps, 'referrals'>,
  user: User,
  id: string,
): Promise<{ record: ReferralRecord; view: Exclude<ReferralView, 'none'> }> {
  const record = isUuid(id) ? await deps.referrals.findRecord(id) : undefined;
  if (!record) throw new NotFound('Referral');
  const p = record.participant;
  const view = referralViewFor(
    user,
    {
      schemeId: p?.schemeId ?? record.schemeId,
      organisationId: p?.organisationId ?? null,
      caseworkerId: p?.caseworkerId ?? null,
      referralSchemeId: record.schemeId,
      providerOrganisationId: record.providerOrganisationId,
      referrerId: record.referrerId,
      target: record.target,
    },
    { teamSharesCaseload: p?.teamSharesCaseload ?? false },
  );
  if (view === 'none' || (view === 'provider' && record.sentAt === null)) throw new NotFound('Referral');
  return { record, view };
}

/** Which side of the lifecycle a viewer acts on; coordinators only read. */
export function sideOf(user: User, view: ReferralView): Side | null {
  if (view === 'provider') return 'provider';
  return user.role === 'link_worker' || user.role === 'connector' ? 'referrer' : null;
}

/** The statuses this side may move the referral to next. */
export function nextStatuses(status: ReferralStatus, side: Side | null): ReferralStatus[] {
  if (!side) return [];
  return (Object.keys(TRANSITIONS[status]) as ReferralStatus[]).filter((to) => canTransition(status, to, side));
}

function fieldsFor(change: StatusChangeInput, now: Date): StatusFields {
  switch (change.to) {
    case 'sent':
      return { sentAt: now };
    case 'accepted':
    case 'waiting_list':
      return change.from === 'sent' ? { respondedAt: now } : {};
    case 'declined':
      return { statusReason: change.reason, closedAt: now, ...(change.from === 'sent' ? { respondedAt: now } : {}) };
    case 'first_visit_planned': {
      const v = change.visit!;
      return { firstVisitDate: v.date, firstVisitBuddy: v.buddy, firstVisitTransport: v.transport, fundedPlace: v.fundedPlace };
    }
    case 'completed':
      return { nextSteps: change.nextSteps, closedAt: now };
    case 'stopped':
      return { statusReason: change.reason, closedAt: now };
    case 'withdrawn':
      return { closedAt: now };
    default:
      return {};
  }
}

/**
 * Moves a referral on inside the caller's transaction: checks the side may, holds a place only if
 * one is free (the activity row is locked while counting), updates only from the status the change
 * was decided on, writes the timeline and audit, and tells every observer.
 */
export async function applyChange(
  deps: Pick<ReferralDeps, 'referrals' | 'audit' | 'observers' | 'sessions' | 'lists'>,
  tx: Db,
  r: { id: string; activityId: string | null; participantId: string | null },
  change: StatusChangeInput,
  side: Side,
  actorId: string | null,
  now: Date,
): Promise<void> {
  const { from, to } = change;
  if (!canTransition(from, to, side)) {
    const otherSide = canTransition(from, to, side === 'provider' ? 'referrer' : 'provider');
    if (otherSide) throw new Forbidden(`Only the ${side === 'provider' ? 'referrer' : 'provider'} can do that`);
    throw new Conflict(`A referral that is “${labelOf(REFERRAL_STATUSES, from)}” cannot become “${labelOf(REFERRAL_STATUSES, to)}”.`);
  }
  if (r.activityId && HOLDS_A_PLACE.includes(to) && !HOLDS_A_PLACE.includes(from)) {
    const activity = await deps.referrals.lockActivity(r.activityId, tx);
    if (activity?.capacity != null && (await deps.referrals.countHoldingPlaces(r.activityId, tx)) >= activity.capacity) throw new Conflict(PLACE_TAKEN);
  }
  if (to === 'declined' && !declineReasonsFor(r.activityId ? 'activity' : 'buddy_scheme').some((t) => t.code === change.reason)) {
    throw new ValidationFailed([{ field: 'declineReason', message: 'Choose why you cannot accept this referral' }]);
  }
  if (to === 'first_visit_planned' && change.visit) {
    const sessionDates = r.activityId ? await activitySessionDates(deps, r.activityId, now, tx) : null;
    const problems = firstVisitProblems(change.visit, { today: londonDate(now), sessionDates });
    if (problems.length > 0) throw new ValidationFailed(problems);
  }
  if (to === 'sent' && (!r.participantId || !(await deps.referrals.hasConsent(r.participantId, 'referral', tx)))) {
    throw new ValidationFailed([{ field: 'consent', message: 'They have not given consent to being referred. Record their consent before sending.' }]);
  }
  if (!(await deps.referrals.updateStatus(r.id, from, to, fieldsFor(change, now), now, tx))) throw new Conflict(STALE);
  await deps.referrals.addEvent({ referralId: r.id, at: now, actorId, from, to, note: change.note }, tx);
  await deps.audit.record({ actorId, action: 'referral.status_changed', subjectType: 'referral', subjectId: r.id, detail: { from, to } }, tx);
  for (const observe of deps.observers) await observe(tx, { referralId: r.id, from, to, actorId, note: change.note, at: now });
}

/**
 * Refuses a second open referral of a person to the same activity or buddy scheme (decision 022),
 * naming the first. Inside the create's transaction, creates for one person run one at a time.
 */
export async function refuseSecondOpenReferral(
  deps: Pick<ReferralDeps, 'referrals'>,
  tx: Db,
  participantId: string,
  target: ReferralTargetRef,
  personName: string,
): Promise<void> {
  await deps.referrals.lockKey(`person:${participantId}`, tx);
  const existing = openReferralTo(await deps.referrals.targetsOf(participantId, tx), target);
  if (existing) {
    const where = 'activityId' in target ? 'this activity' : 'this buddy scheme';
    throw new AlreadyReferred(
      { id: existing.id, status: existing.status },
      `${personName} already has an open referral to ${where} (${labelOf(REFERRAL_STATUSES, existing.status).toLowerCase()}). Open it instead of sending another.`,
    );
  }
}

/** The dates an activity runs from today on: the choices for a first visit, and what one is checked against. */
export async function activitySessionDates(
  deps: Pick<ReferralDeps, 'sessions' | 'lists'>,
  activityId: string,
  now: Date,
  tx?: Db,
  limit = 200,
): Promise<string[]> {
  const activity = await deps.lists.activity(activityId, tx);
  const occurrences = nextOccurrences(await deps.sessions.listForActivity(activityId, tx), now, { limit, months: activity?.months });
  return [...new Set(occurrences.map((o) => o.date))];
}

/** A simple change with nothing else to say (used by creates that send straight away). */
export const plainChange = (from: ReferralStatus, to: ReferralStatus, note = ''): StatusChangeInput => ({
  from,
  to,
  note,
  reason: null,
  visit: null,
  nextSteps: [],
  barriersChecked: true,
});

/** The first timeline entry of a new referral. */
export async function recordCreated(
  deps: Pick<ReferralDeps, 'referrals' | 'audit' | 'observers'>,
  tx: Db,
  id: string,
  to: 'draft' | 'sent',
  actorId: string | null,
  now: Date,
  detail: Record<string, unknown>,
) {
  await deps.referrals.addEvent({ referralId: id, at: now, actorId, from: null, to, note: '' }, tx);
  await deps.audit.record({ actorId, action: 'referral.created', subjectType: 'referral', subjectId: id, detail }, tx);
  for (const observe of deps.observers) await observe(tx, { referralId: id, from: null, to, actorId, note: '', at: now });
}
