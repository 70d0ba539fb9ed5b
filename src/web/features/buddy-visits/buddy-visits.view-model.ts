import { csvCell } from '../../csv.ts';
import type { BuddyVisit, VolunteerHours } from '../../../data/repositories/buddy-visit.repository.ts';
import type { VisitAlert } from '../../../data/repositories/visit-alert.repository.ts';
import type { BuddyProposal } from '../../../data/repositories/buddy-proposal.repository.ts';
import { PROPOSAL_DECLINE_REASONS, PROPOSAL_STATUSES } from '../../../domain/buddy-proposal.ts';
import type { VisitExpense } from '../../../data/repositories/visit-expense.repository.ts';
import { formatPostcode } from '../../../domain/contact-details.ts';
import { ALERT_REASONS, DURATION_CHOICES, lengthLabel, PERSON_SEEMED, VISIT_STATUSES } from '../../../domain/buddy-visit.ts';
import { labelOf } from '../../../domain/vocabulary.ts';
import type { RankedBuddy } from '../../../domain/buddy-matching.ts';
import type { SessionChoice } from '../../../services/buddy-visit.service.ts';
import { paths } from '../../paths.ts';
import { formatUkDate, formatUkDateTime, formatUkTime } from '../../render.ts';

const STATUS_TAGS = { planned: 'nhsuk-tag--blue', checked_in: 'nhsuk-tag--yellow', checked_out: 'nhsuk-tag--green', cancelled: 'nhsuk-tag--grey' } as const;

export const durationItems = (selected?: unknown) => [
  { value: '', text: 'Choose a length' },
  ...DURATION_CHOICES.map((m) => ({ value: String(m), text: lengthLabel(m), selected: String(m) === String(selected ?? '') })),
];

/** One visit as the buddy sees it: only what they need (decision 028). */
export function visitView(v: BuddyVisit, now: Date) {
  const overdue = v.status === 'checked_in' && v.expectedEndAt !== null && v.expectedEndAt < now;
  return {
    id: v.id,
    href: paths.volunteering.visit(v.id),
    when: `${formatUkDate(v.meetsAt)}, ${formatUkTime(v.meetsAt)}`,
    meetTime: formatUkTime(v.meetsAt),
    date: formatUkDate(v.meetsAt),
    meetingPoint: v.meetingPoint,
    activity: v.activityTitle ?? 'The activity',
    person: v.personFirstName ?? 'Name removed',
    supportNeeds: v.supportNeeds,
    whatMatters: v.whatMatters,
    status: v.status,
    tag: { text: overdue ? 'Check out now' : labelOf(VISIT_STATUSES, v.status), classes: overdue ? 'nhsuk-tag--red' : STATUS_TAGS[v.status] },
    checkedInAt: v.checkedInAt ? formatUkTime(v.checkedInAt) : null,
    expectedEnd: v.expectedEndAt ? formatUkTime(v.expectedEndAt) : null,
    overdue,
    canCheckIn: v.status === 'planned',
    running: v.status === 'checked_in',
    canRecord: v.recordedAt === null && (v.status === 'checked_out' || (v.status === 'planned' && v.meetsAt < now)),
    recorded: v.recordedAt !== null,
    happened: v.happened,
    duration: v.durationMinutes !== null ? lengthLabel(v.durationMinutes) : null,
    seemed: v.personSeemed ? labelOf(PERSON_SEEMED, v.personSeemed) : null,
    buddy: v.volunteerKnownAs,
  };
}

export function alertView(a: VisitAlert) {
  const v = a.visit;
  return {
    id: a.id,
    href: paths.volunteers.alert(a.id),
    reason: labelOf(ALERT_REASONS, a.reason),
    buddy: v.volunteerKnownAs,
    raisedAt: formatUkDateTime(a.raisedAt),
    scheme: v.buddySchemeName,
    meetingPoint: v.meetingPoint,
    activity: v.activityTitle ?? '',
    checkedInAt: v.checkedInAt ? formatUkDateTime(v.checkedInAt) : null,
    expectedEnd: v.expectedEndAt ? formatUkDateTime(v.expectedEndAt) : null,
    checkedOutAt: v.checkedOutAt ? formatUkDateTime(v.checkedOutAt) : null,
    escalated: a.escalatedAt !== null,
    acknowledged: a.acknowledgedAt !== null,
    acknowledgedAt: a.acknowledgedAt ? formatUkDateTime(a.acknowledgedAt) : null,
    safeguarding: v.safeguarding,
    events: a.events.map((e) => ({ at: formatUkDateTime(e.at), step: STEP_WORDS[e.step] ?? e.step, who: e.actorName ?? 'Waymark', detail: e.detail })),
  };
}

const STEP_WORDS: Record<string, string> = {
  raised: 'Alert raised',
  lead_told: 'Volunteer lead told',
  safeguarding_told: 'Safeguarding contact told',
  checked_out: 'Buddy checked out',
  acknowledged: 'Acknowledged',
  emergency_contact_shown: 'Emergency contact shown',
};

const OUTCOME_TAGS = {
  good: 'nhsuk-tag--green',
  partial: 'nhsuk-tag--yellow',
  unknown: 'nhsuk-tag--grey',
  poor: 'nhsuk-tag--orange',
  fails: 'nhsuk-tag--red',
} as const;
const OUTCOME_WORDS = { good: 'Good', partial: 'Partly', unknown: 'Unknown', poor: 'Poor', fails: 'Does not fit' } as const;

/** The plan form: the activity's next sessions, and the buddies who accepted to go with the person (decision 033). */
export function planChoices(sessions: SessionChoice[], accepted: BuddyProposal[], values: Record<string, unknown>) {
  return {
    sessions: sessions.map((s) => ({
      value: s.key,
      text: `${formatUkDate(s.start)}, ${formatUkTime(s.start)} to ${formatUkTime(s.end)}`,
      checked: values.session === s.key,
    })),
    buddies: accepted.map((p) => ({
      value: p.volunteerId,
      text: p.volunteerKnownAs,
      hint: { text: p.continuity ? 'Accepted, as the second buddy for continuity' : 'Accepted' },
      checked: values.volunteerId === p.volunteerId,
    })),
  };
}

/** Every buddy of the scheme ranked for the person, with the reason for each factor (unsuitable ones with why). */
export function matchCards(ranked: RankedBuddy[], values: Record<string, unknown> = {}) {
  return ranked.map((r) => ({
    id: r.buddy.id,
    name: r.buddy.knownAs,
    score: r.score,
    suitable: r.suitable,
    checked: values.volunteerId === r.buddy.id,
    why: r.factors
      .filter((f) => f.outcome === 'fails')
      .map((f) => f.explanation)
      .join('; '),
    tag: r.suitable ? { text: `${r.score}% match`, classes: 'nhsuk-tag--green' } : { text: 'Not suitable', classes: 'nhsuk-tag--red' },
    factors: r.factors.map((f) => ({
      label: f.label,
      explanation: f.explanation,
      tag: { text: OUTCOME_WORDS[f.outcome], classes: OUTCOME_TAGS[f.outcome] },
    })),
  }));
}

const PROPOSAL_TAGS = { proposed: 'nhsuk-tag--blue', accepted: 'nhsuk-tag--green', declined: 'nhsuk-tag--grey' } as const;

/** A proposal as the lead sees it: who, which place, their answer, and a declined buddy's reason (and note). */
export function proposalRow(p: BuddyProposal) {
  return {
    buddy: p.volunteerKnownAs,
    place: p.continuity ? 'Second buddy, for continuity' : 'Buddy',
    tag: { text: labelOf(PROPOSAL_STATUSES, p.status), classes: PROPOSAL_TAGS[p.status] },
    reason: p.declineReason ? labelOf(PROPOSAL_DECLINE_REASONS, p.declineReason) : null,
    note: p.declineNote,
    proposed: formatUkDateTime(p.proposedAt),
  };
}

/** A proposal as the buddy sees it: only what they need (the same least-data rule as the visit page). */
export function proposalView(p: BuddyProposal) {
  return {
    id: p.id,
    href: paths.volunteering.proposal(p.id),
    person: p.personFirstName ?? 'Name removed',
    scheme: p.buddySchemeName,
    activity: p.activityTitle ?? 'Not decided yet',
    place: p.activityPlace,
    supportNeeds: p.supportNeeds,
    whatMatters: p.whatMatters,
    continuity: p.continuity,
    status: p.status,
    tag: { text: labelOf(PROPOSAL_STATUSES, p.status), classes: PROPOSAL_TAGS[p.status] },
  };
}

export const declineReasonItems = (selected?: unknown) => PROPOSAL_DECLINE_REASONS.map((t) => ({ value: t.code, text: t.label, checked: selected === t.code }));

export const seemedItems = (selected?: unknown) => PERSON_SEEMED.map((t) => ({ value: t.code, text: t.label, checked: selected === t.code }));

/** Hours per volunteer and month, as the lead reads them ('December 2026', '3 hours 15 minutes'). */
export function hoursView(h: VolunteerHours) {
  const [year, month] = h.month.split('-').map(Number);
  return {
    ...h,
    monthLabel: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year!, month! - 1, 1))),
    time: lengthLabel(h.minutes) || '0 minutes',
  };
}

const penceText = (p: number) => `£${(p / 100).toFixed(2)}`;
const CLAIM_TAGS = { claimed: 'nhsuk-tag--blue', approved: 'nhsuk-tag--green', rejected: 'nhsuk-tag--grey' } as const;
const CLAIM_WORDS = { claimed: 'Waiting for approval', approved: 'Approved', rejected: 'Not approved' } as const;

export function claimView(c: VisitExpense | undefined) {
  if (!c) return undefined;
  return {
    id: c.id,
    volunteer: c.volunteerKnownAs,
    organisation: c.organisationName,
    date: formatUkDate(new Date(`${c.travelDate}T12:00:00Z`)),
    miles: c.miles,
    mileage: penceText(c.mileagePence),
    fares: penceText(c.publicTransportPence),
    parking: penceText(c.parkingPence),
    total: penceText(c.totalPence),
    route: c.startPostcode && c.endPostcode ? `${formatPostcode(c.startPostcode)} to ${formatPostcode(c.endPostcode)}` : '',
    tag: { text: CLAIM_WORDS[c.status], classes: CLAIM_TAGS[c.status] },
    canApprove: c.status === 'claimed',
  };
}

/** For finance: one row per claim, amounts in pounds, no bank details (there are none). */
export function expensesCsv(claims: VisitExpense[]): string {
  const head = [
    'Claim',
    'Volunteer',
    'Organisation',
    'Travel date',
    'Miles',
    'Mileage (£)',
    'Fares (£)',
    'Parking (£)',
    'Total (£)',
    'From',
    'To',
    'Status',
    'Decided by',
  ];
  const rows = claims.map((c) => [
    csvCell(c.id),
    csvCell(c.volunteerKnownAs),
    csvCell(c.organisationName),
    csvCell(c.travelDate),
    c.miles,
    (c.mileagePence / 100).toFixed(2),
    (c.publicTransportPence / 100).toFixed(2),
    (c.parkingPence / 100).toFixed(2),
    (c.totalPence / 100).toFixed(2),
    csvCell(c.startPostcode ? formatPostcode(c.startPostcode) : ''),
    csvCell(c.endPostcode ? formatPostcode(c.endPostcode) : ''),
    csvCell(c.status),
    csvCell(c.decidedByName ?? ''),
  ]);
  return `${[head.map(csvCell), ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}
