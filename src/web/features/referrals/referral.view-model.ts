import { mayOfferVolunteering } from '../../../domain/volunteer-pathway.ts';
import { countOf } from '../../../domain/plural.ts';
import type { ReferralService } from '../../../services/referral.service.ts';
import { formatPhone } from '../../../domain/contact-details.ts';
import { CONTACT_PREFERENCES } from '../../../domain/participant.ts';
import { declineReasonsFor, NEXT_STEPS, REFERRAL_STATUSES, STOP_REASONS, type ReferralStatus } from '../../../domain/referral.ts';
import { formatLongDate } from '../../../domain/schedule.ts';
import { labelOf, labelsOf, REFERRAL_ROUTES, type Term } from '../../../domain/vocabulary.ts';
import { ROLE_LABELS, type Role } from '../../../domain/user.ts';
import { formatUkDateTime, formatUkTime } from '../../render.ts';
import { paths } from '../../paths.ts';

type View = Awaited<ReturnType<ReferralService['view']>>;
type Row = { key: { text: string }; value: { text?: string; html?: string } };

const row = (key: string, value: string | null | undefined): Row[] => (value ? [{ key: { text: key }, value: { text: value } }] : []);
const ROUTE_LABELS: Record<string, string> = { link_worker: 'Link worker', self: 'Self-referral', connector: 'Community connector' };

/** NHS.UK tag colours by status. */
const TAG: Record<ReferralStatus, string> = {
  draft: 'nhsuk-tag--grey',
  sent: 'nhsuk-tag--blue',
  accepted: 'nhsuk-tag--green',
  declined: 'nhsuk-tag--red',
  waiting_list: 'nhsuk-tag--yellow',
  first_visit_planned: 'nhsuk-tag--aqua-green',
  attending: 'nhsuk-tag--green',
  completed: 'nhsuk-tag--purple',
  stopped: 'nhsuk-tag--orange',
  withdrawn: 'nhsuk-tag--grey',
};
export const statusTag = (s: ReferralStatus) => ({ text: labelOf(REFERRAL_STATUSES, s), classes: TAG[s] });

const items = (terms: readonly Term[]) => terms.map((t) => ({ value: t.code, text: t.label }));

/** The contact detail that matches how the person wants to be contacted. */
export function contactDetail(p: { contactPreference: string; phone: string | null; email: string | null; address: string | null }): string | null {
  if (p.contactPreference === 'phone' || p.contactPreference === 'text') return p.phone && formatPhone(p.phone);
  if (p.contactPreference === 'email') return p.email;
  return p.address;
}

function reasonText(v: View): string | null {
  const r = v.referral;
  if (!r.statusReason || (r.status !== 'declined' && r.status !== 'stopped')) return null;
  const label = labelOf(r.status === 'declined' ? declineReasonsFor(r.target) : STOP_REASONS, r.statusReason);
  const note = [...v.events].reverse().find((e) => e.to === r.status)?.note;
  return note ? `${label}: ${note}` : label;
}

function actorText(e: View['events'][number], route: string): string {
  if (e.actorName) return `${e.actorName} (${ROLE_LABELS[e.actorRole as Role] ?? 'Staff'})`;
  if (e.from === null && route === 'self') return 'The person, through the website';
  return 'Waymark';
}

function eventText(e: View['events'][number]): string {
  if (e.kind === 'reminder') return 'Reminder sent to the provider';
  if (e.kind === 'escalation') return 'No reply in time: told the coordinator';
  if (e.kind === 'message') return 'Message sent';
  if (e.kind !== 'status' || !e.to) return 'Note';
  if (e.from === null) return e.to === 'draft' ? 'Draft started' : 'Referral sent';
  if (e.from === e.to) return 'First visit plan changed';
  return labelOf(REFERRAL_STATUSES, e.to);
}

/** The activity's next sessions to choose a first visit from, then "another date". */
function visitSessionItems(v: View, chosen: string) {
  const sessions = [...new Map(v.firstVisitSessions.map((o) => [o.date, o])).values()];
  if (sessions.length === 0) return [];
  return [
    ...sessions.map((o) => ({
      value: o.date,
      text: `${formatLongDate(o.date)}, ${formatUkTime(o.start)} to ${formatUkTime(o.end)}`,
      checked: chosen === o.date,
    })),
    { divider: 'or' },
    { value: 'other', text: 'Another date (say why below)', checked: chosen === 'other' },
  ];
}

/** The referral page for either side; `side` decides which actions appear and where they post. */
export function referralPageView(v: View, opts: { values?: Record<string, unknown>; provider: boolean }) {
  const r = v.referral;
  const p = v.person;
  const can = (to: ReferralStatus) => v.next.includes(to);
  const buddy = r.target === 'buddy_scheme';
  const visitRows = r.firstVisitDate
    ? [
        ...row('Date', formatLongDate(r.firstVisitDate)),
        ...row('Buddy', r.firstVisitBuddy),
        ...row('Transport', r.firstVisitTransport),
        ...(v.offersFundedPlaces ? row('Funded place', r.fundedPlace ? 'Yes' : 'No') : []),
      ]
    : [];
  return {
    pageTitle: buddy ? `Referral to ${r.buddySchemeName ?? 'a buddy scheme'}` : `Referral to ${r.activityTitle ?? r.providerName}`,
    id: r.id,
    status: r.status,
    tag: statusTag(r.status),
    provider: opts.provider,
    activityTitle: r.activityTitle,
    activityHref: r.activityId ? paths.activity(r.activityId) : null,
    providerName: r.providerName,
    personName: p?.preferredName ?? 'Name removed',
    participantHref: !opts.provider && p && v.side === 'referrer' && r.route === 'link_worker' ? paths.caseload.participant(p.id) : null,
    gpSummaryHref: !opts.provider && r.route === 'link_worker' ? paths.referrals.gpSummary(r.id) : null,
    // FHIR R4 JSON (decision 051): for the same people as the GP summary.
    fhirHref: !opts.provider && r.route === 'link_worker' && p ? paths.referrals.fhir(r.id) : null,
    // Sustainability (decision 034): the link worker can send the pre-filled volunteer form.
    volunteerFormHref:
      !opts.provider && r.route === 'link_worker' && v.side === 'referrer' && mayOfferVolunteering(r) ? paths.referrals.volunteerForm(r.id) : null,
    action: opts.provider ? paths.inbox.status(r.id) : paths.referrals.status(r.id),
    backHref: opts.provider ? paths.inbox.list : v.side === 'referrer' && r.route === 'connector' ? paths.connector.home : paths.referrals.list,
    personRows: p
      ? [
          ...row('Name', p.preferredName),
          ...row('Contact by', labelOf(CONTACT_PREFERENCES, p.contactPreference)),
          ...row(labelOf(CONTACT_PREFERENCES, p.contactPreference), contactDetail(p)),
          ...(p.whatMatters !== null ? row('What matters to them', p.whatMatters || 'Not recorded') : []),
        ]
      : [],
    whatMattersWithheld: opts.provider && p?.whatMatters === null,
    referralRows: [
      ...(buddy
        ? [
            ...row('Referred to', `${r.buddySchemeName ?? 'A buddy scheme'}, a buddy scheme run by ${r.providerName}`),
            ...row('Company to go to', r.accompanyActivityTitle ?? 'Not decided yet'),
            ...row('Buddy they would prefer', r.buddyPreference === 'woman' ? 'A woman' : r.buddyPreference === 'man' ? 'A man' : 'No preference'),
          ]
        : []),
      ...row('How they were referred', ROUTE_LABELS[r.route] ?? labelOf(REFERRAL_ROUTES, r.route)),
      ...row('Referred by', r.referrerName),
      ...row('Support needs', r.supportNeeds || 'None given'),
      ...row(r.route === 'self' ? 'What would help, in their words' : buddy ? 'Message to the buddy scheme' : 'Message to the provider', r.message || 'None'),
      ...(v.offersFundedPlaces ? row('Asked for a funded place', r.fundedPlace ? 'Yes' : 'No') : []),
      ...row('Sent', r.sentAt ? formatUkDateTime(r.sentAt) : 'Not yet'),
      ...row('Reply due', r.status === 'sent' && r.responseDueAt ? formatUkDateTime(r.responseDueAt) : null),
      ...row('Reason', reasonText(v)),
      ...row('Next steps', r.nextSteps.length ? labelsOf(NEXT_STEPS, r.nextSteps).join(', ') : null),
    ],
    visitRows,
    offersFundedPlaces: v.offersFundedPlaces,
    capacityText: v.capacity != null ? `${v.placesTaken} of ${countOf(v.capacity, 'place')} taken by referrals` : null,
    needsConsent: r.status === 'draft' && p !== null && !p.hasReferralConsent,
    timeline: v.events.map((e) => ({ when: formatUkDateTime(e.at), who: actorText(e, r.route), what: eventText(e), note: e.note })),
    attendance: v.attendance.map((a) => ({ date: formatLongDate(a.sessionDate), attended: a.attended })),
    can: {
      send: can('sent'),
      withdraw: can('withdrawn'),
      accept: can('accepted'),
      decline: can('declined'),
      waitingList: can('waiting_list'),
      plan: can('first_visit_planned'),
      attending: can('attending'),
      complete: can('completed'),
      stop: can('stopped'),
    },
    options: { declineReasons: items(declineReasonsFor(r.target)), stopReasons: items(STOP_REASONS), nextSteps: items(NEXT_STEPS) },
    visitSessionItems: visitSessionItems(v, opts.values?.to === 'first_visit_planned' ? String(opts.values.visitSession ?? '') : ''),
    // A buddy scheme has no sessions: the date is typed, no reason needed.
    visitNeedsSession: r.activityId !== null,
    values: { buddy: r.firstVisitBuddy ?? '', transport: r.firstVisitTransport ?? '', fundedPlace: r.fundedPlace, ...opts.values },
  };
}
