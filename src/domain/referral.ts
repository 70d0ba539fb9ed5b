import type { FieldError } from './errors.ts';
import type { Term } from './vocabulary.ts';
import { londonDate } from './schedule.ts';
import { addWorkingDays, startOfLondonDay } from './working-days.ts';

export type ReferralStatus =
  | 'draft'
  | 'sent'
  | 'accepted'
  | 'declined'
  | 'waiting_list'
  | 'first_visit_planned'
  | 'attending'
  | 'completed'
  | 'stopped'
  | 'withdrawn';

export type ReferralRoute = 'link_worker' | 'self' | 'connector';

export type Referral = {
  id: string;
  participantId: string | null;
  schemeId: string;
  target: 'activity' | 'buddy_scheme';
  activityId: string | null;
  buddySchemeId: string | null;
  accompanyActivityId: string | null;
  /** A buddy-scheme referral: the buddy the person would prefer (a woman, a man), if they said. */
  buddyPreference: 'woman' | 'man' | null;
  providerOrganisationId: string;
  route: ReferralRoute;
  referrerId: string | null;
  referrerOrganisationId: string | null;
  status: ReferralStatus;
  statusReason: string | null;
  supportNeeds: string;
  message: string;
  firstVisitDate: string | null;
  firstVisitBuddy: string | null;
  firstVisitTransport: string | null;
  fundedPlace: boolean;
  nextSteps: string[];
  sentAt: Date | null;
  responseDueAt: Date | null;
  respondedAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export const REFERRAL_STATUSES: readonly Term[] = [
  { code: 'draft', label: 'Draft' },
  { code: 'sent', label: 'Sent, waiting for a reply' },
  { code: 'accepted', label: 'Accepted' },
  { code: 'declined', label: 'Declined' },
  { code: 'waiting_list', label: 'On the waiting list' },
  { code: 'first_visit_planned', label: 'First visit planned' },
  { code: 'attending', label: 'Attending' },
  { code: 'completed', label: 'Completed' },
  { code: 'stopped', label: 'Stopped' },
  { code: 'withdrawn', label: 'Withdrawn' },
];

/** Who moves a referral on: the referrer's side or the provider's side. */
export type Side = 'referrer' | 'provider';

/** The lifecycle. Each edge names the side allowed to take it. */
export const TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralStatus, Side[]>>> = {
  draft: { sent: ['referrer'], withdrawn: ['referrer'] },
  sent: { accepted: ['provider'], declined: ['provider'], waiting_list: ['provider'], withdrawn: ['referrer'] },
  waiting_list: { accepted: ['provider'], declined: ['provider'], withdrawn: ['referrer'] },
  accepted: { first_visit_planned: ['provider', 'referrer'], attending: ['provider'], stopped: ['provider', 'referrer'] },
  first_visit_planned: { attending: ['provider'], stopped: ['provider', 'referrer'], first_visit_planned: ['provider', 'referrer'] },
  attending: { completed: ['provider', 'referrer'], stopped: ['provider', 'referrer'] },
  declined: {},
  completed: {},
  stopped: {},
  withdrawn: {},
};

export function canTransition(from: ReferralStatus, to: ReferralStatus, side: Side): boolean {
  return TRANSITIONS[from][to]?.includes(side) ?? false;
}

/** Statuses that hold a place in the activity (count against capacity). */
export const HOLDS_A_PLACE: readonly ReferralStatus[] = ['accepted', 'first_visit_planned', 'attending'];
export const OPEN_STATUSES: readonly ReferralStatus[] = ['draft', 'sent', 'waiting_list', 'accepted', 'first_visit_planned', 'attending'];
/**
 * One open referral per person and target (decision 022): while a person has an open referral to an
 * activity or buddy scheme, a second one to it is refused and the first is shown instead. Closed
 * referrals (declined, completed, stopped, withdrawn) do not count: someone may be referred again.
 */
export type ReferralTargetRef = { activityId: string } | { buddySchemeId: string };
export type ReferralTargetOf = { id: string; status: ReferralStatus; activityId: string | null; buddySchemeId: string | null };

export function openReferralTo<R extends ReferralTargetOf>(referrals: readonly R[], target: ReferralTargetRef): R | undefined {
  return referrals.find(
    (r) => OPEN_STATUSES.includes(r.status) && ('activityId' in target ? r.activityId === target.activityId : r.buddySchemeId === target.buddySchemeId),
  );
}

/**
 * A first visit is on a day the activity runs (one of its next real sessions, after cancellations,
 * bank holidays and its season), or on another day with a reason (decision 022); never in the past.
 * `sessionDates` is null for a buddy scheme, which has no sessions.
 */
export function firstVisitProblems(visit: { date: string; reason: string | null }, c: { today: string; sessionDates: readonly string[] | null }): FieldError[] {
  if (visit.date < c.today) return [{ field: 'visitDate', message: 'Date of the first visit must be today or in the future' }];
  if (c.sessionDates && !c.sessionDates.includes(visit.date) && !visit.reason) {
    return [
      {
        field: 'visitReason',
        message: 'The activity has no session on that date. Choose one of its next sessions, or say why the first visit is on another day',
      },
    ];
  }
  return [];
}

/**
 * When the provider is reminded, and a reply counts as due soon: from the start of the working day
 * before the due day, so two working days remain. Due end of Monday 30 November → from midnight on
 * Friday 27 November.
 */
export function reminderFrom(responseDueAt: Date): Date {
  return startOfLondonDay(addWorkingDays(londonDate(responseDueAt), -1));
}

/** Where a referral's reply stands: only a sent referral waits for one (any first reply ends the wait). */
export type ReplyState = 'overdue' | 'due_soon' | 'waiting' | 'none';

export function replyState(r: { status: ReferralStatus; responseDueAt: Date | null }, now: Date): ReplyState {
  if (r.status !== 'sent' || !r.responseDueAt) return 'none';
  if (now > r.responseDueAt) return 'overdue';
  return now >= reminderFrom(r.responseDueAt) ? 'due_soon' : 'waiting';
}

export const DECLINE_REASONS: readonly Term[] = [
  { code: 'full', label: 'The activity is full' },
  { code: 'not_suitable', label: 'The activity is not suitable for this person’s needs' },
  { code: 'not_running', label: 'The activity is not running at the moment' },
  { code: 'eligibility', label: 'The person does not meet the eligibility criteria' },
  { code: 'other', label: 'Another reason (explain below)' },
];

/** Why a buddy scheme cannot take someone on: about volunteers and the area, not about an activity. */
export const BUDDY_DECLINE_REASONS: readonly Term[] = [
  { code: 'no_volunteer', label: 'No volunteer buddy is free at the moment' },
  { code: 'outside_area', label: 'The person lives outside the area our volunteers cover' },
  { code: 'buddy_not_suitable', label: 'A buddy is not the right support for this person’s needs' },
  { code: 'buddy_eligibility', label: 'The person does not meet the buddy scheme’s criteria' },
  { code: 'other', label: 'Another reason (explain below)' },
];

/** Every decline reason, for showing a stored code (the two lists share only 'other', with one meaning). */
export const ALL_DECLINE_REASONS: readonly Term[] = [...DECLINE_REASONS, ...BUDDY_DECLINE_REASONS.filter((t) => t.code !== 'other')];

/** The reasons a provider may give for declining: an activity's, or a buddy scheme's. */
export const declineReasonsFor = (target: 'activity' | 'buddy_scheme'): readonly Term[] =>
  target === 'buddy_scheme' ? BUDDY_DECLINE_REASONS : DECLINE_REASONS;

export const STOP_REASONS: readonly Term[] = [
  { code: 'person_chose', label: 'The person chose to stop' },
  { code: 'not_suitable', label: 'The activity was not right for them' },
  { code: 'health', label: 'Their health changed' },
  { code: 'access', label: 'Getting there was too hard' },
  { code: 'no_contact', label: 'We could not contact them' },
  { code: 'other', label: 'Another reason (explain below)' },
];

/** What next, at the end of a prescription (sustainability: PRODUCT.md §1). */
export const NEXT_STEPS: readonly Term[] = [
  { code: 'carry_on', label: 'Carry on going independently' },
  { code: 'volunteer', label: 'Volunteer with the organisation' },
  { code: 'become_connector', label: 'Become a community connector' },
  { code: 'become_buddy', label: 'Become a heritage buddy' },
  { code: 'another_activity', label: 'Try another activity' },
  { code: 'back_to_link_worker', label: 'Back to the link worker for more support' },
];

/**
 * SNOMED CT concepts for the GP record summary (UK edition).
 * 871731000000106 |Referral to social prescribing service (procedure)|
 * 871711000000103 |Social prescribing declined (situation)|
 */
export const SNOMED = {
  referral: { code: '871731000000106', term: 'Referral to social prescribing service' },
  declined: { code: '871711000000103', term: 'Social prescribing declined' },
} as const;
