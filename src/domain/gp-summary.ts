import { countOf } from './plural.ts';
import { ALL_DECLINE_REASONS, NEXT_STEPS, REFERRAL_STATUSES, SNOMED, STOP_REASONS, type ReferralRoute, type ReferralStatus } from './referral.ts';
import { formatLongDate } from './schedule.ts';
import { labelOf, labelsOf } from './vocabulary.ts';

/**
 * A plain-text summary of a social prescribing referral, for a link worker to paste into the GP
 * record. It names no one: it is pasted into the person's own record, so it only says what happened.
 *
 * SNOMED CT: every summary carries 871731000000106 |Referral to social prescribing service|.
 * 871711000000103 |Social prescribing declined (situation)| records that the PERSON declined, so it
 * is added only when they did (the referral was withdrawn, or they chose to stop before attending
 * any session) — never when a provider could not offer a place, which is not the person's choice.
 */
export type GpSummaryInput = {
  today: string;
  referredOn: string | null;
  route: ReferralRoute;
  referrerOrganisation: string | null;
  activityTitle: string;
  providerName: string;
  status: ReferralStatus;
  statusReason: string | null;
  statusChangedOn: string | null;
  firstVisitDate: string | null;
  sessionsAttended: number;
  sessionsRecorded: number;
  nextSteps: readonly string[];
  responseDueOn: string | null;
};

const date = (d: string | null) => (d ? formatLongDate(d) : 'not recorded');

export function personDeclined(i: Pick<GpSummaryInput, 'status' | 'statusReason' | 'sessionsAttended'>): boolean {
  if (i.status === 'withdrawn') return true;
  return i.status === 'stopped' && i.statusReason === 'person_chose' && i.sessionsAttended === 0;
}

function outcome(i: GpSummaryInput): string {
  const on = i.statusChangedOn ? ` on ${formatLongDate(i.statusChangedOn)}` : '';
  switch (i.status) {
    case 'draft':
      return 'Not sent yet';
    case 'sent':
      return `Sent to the provider, waiting for their reply${i.responseDueOn ? ` (due by ${formatLongDate(i.responseDueOn)})` : ''}`;
    case 'declined': {
      const reason = i.statusReason && i.statusReason !== 'other' ? `: ${labelOf(ALL_DECLINE_REASONS, i.statusReason).toLowerCase()}` : '';
      return `The provider could not offer a place${on}${reason}`;
    }
    case 'stopped': {
      const reason = i.statusReason && i.statusReason !== 'other' ? `: ${labelOf(STOP_REASONS, i.statusReason).toLowerCase()}` : '';
      return `Stopped${on}${reason}`;
    }
    case 'withdrawn':
      return `Referral withdrawn${on}`;
    default:
      return `${labelOf(REFERRAL_STATUSES, i.status)}${on}`;
  }
}

function nextSteps(i: GpSummaryInput): string {
  if (i.nextSteps.length > 0) return labelsOf(NEXT_STEPS, i.nextSteps).join('; ');
  switch (i.status) {
    case 'draft':
    case 'sent':
      return 'Link worker to follow up once the provider replies.';
    case 'declined':
      return 'Link worker to discuss other activities with the person.';
    case 'waiting_list':
      return 'Waiting for a place; link worker to review other options meanwhile.';
    case 'accepted':
    case 'first_visit_planned':
    case 'attending':
      return 'Continue the activity; link worker to review progress.';
    case 'withdrawn':
    case 'stopped':
      return 'Link worker to review what support would help.';
    default:
      return 'None recorded.';
  }
}

export function formatGpSummary(i: GpSummaryInput): string {
  const by = i.route === 'self' ? 'self-referral' : i.route === 'connector' ? 'community connector' : 'link worker';
  const lines = [
    'Social prescribing: summary for the GP record',
    `Date of summary: ${formatLongDate(i.today)}`,
    '',
    `SNOMED CT: ${SNOMED.referral.code} | ${SNOMED.referral.term}`,
    ...(personDeclined(i) ? [`SNOMED CT: ${SNOMED.declined.code} | ${SNOMED.declined.term}`] : []),
    `Referred on: ${date(i.referredOn)} (${by}${i.referrerOrganisation ? `, ${i.referrerOrganisation}` : ''})`,
    `Activity: ${i.activityTitle}`,
    `Provider: ${i.providerName}`,
    `Outcome so far: ${outcome(i)}`,
    ...(i.firstVisitDate ? [`First visit: ${formatLongDate(i.firstVisitDate)}`] : []),
    ...(i.sessionsRecorded > 0 ? [`Attendance: ${i.sessionsAttended} of ${countOf(i.sessionsRecorded, 'recorded session')}`] : []),
    '',
    `Next steps: ${nextSteps(i)}`,
  ];
  return lines.join('\n');
}
