import { formatPhone, formatPostcode } from './contact-details.ts';
import { TIME_POINTS } from './instruments/instrument.ts';
import { instrumentFor } from './instruments/registry.ts';
import { AGE_BANDS, BARRIERS, CONSENT_METHODS, CONSENT_PURPOSES, CONTACT_PREFERENCES } from './participant.ts';
import { ALL_DECLINE_REASONS, NEXT_STEPS, REFERRAL_STATUSES, STOP_REASONS } from './referral.ts';
import { ROLE_LABELS, type Role } from './user.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, labelOf, labelsOf, LANGUAGES, NEEDS, TIMES_OF_DAY, WEEKDAYS } from './vocabulary.ts';

/**
 * A subject access request answered in words (decision 023): everything Waymark holds about one
 * person, labelled the way the pages label it, with organisation names rather than ids, and the
 * messages sent to them. The same document is shown as a printable page and downloaded as JSON
 * (dates there in ISO 8601), so the two never disagree. Staff are named by their role and
 * organisation, not by name: their names are not the person's data.
 *
 * What the repository finds that this document does not yet describe (a table added later) is
 * still included, under "other records", so nothing is left out silently.
 */

export type SubjectAccessData = {
  reference: string;
  person: {
    preferredName: string;
    contactPreference: string;
    phone: string | null;
    email: string | null;
    address: string | null;
    postcode: string | null;
    ageBand: string | null;
    whatMatters: string;
    tags: string[];
    needs: string[];
    interests: string[];
    barriers: string[];
    accessNeeds: string[];
    languages: string[];
    availableDays: number[];
    availableTimes: string[];
    source: string;
    schemeName: string;
    teamName: string | null;
    createdAt: Date;
    updatedAt: Date;
    anonymisedAt: Date | null;
  };
  consents: { purpose: string; method: string; givenAt: Date; withdrawnAt: Date | null; note: string }[];
  referrals: {
    id: string;
    target: 'activity' | 'buddy_scheme';
    activityTitle: string | null;
    buddySchemeName: string | null;
    accompanyActivityTitle: string | null;
    buddyPreference: 'woman' | 'man' | null;
    providerName: string;
    route: string;
    referrerOrganisationName: string | null;
    status: string;
    statusReason: string | null;
    supportNeeds: string;
    message: string;
    firstVisitDate: string | null;
    firstVisitBuddy: string | null;
    firstVisitTransport: string | null;
    fundedPlace: boolean;
    nextSteps: string[];
    createdAt: Date;
    sentAt: Date | null;
    respondedAt: Date | null;
    closedAt: Date | null;
    events: { at: Date; kind: string; from: string | null; to: string | null; note: string; actorRole: string | null; actorOrganisation: string | null }[];
    attendance: { sessionDate: string; attended: boolean }[];
    questionnaireLinks: { timePoint: string; createdAt: Date; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null }[];
  }[];
  questionnaires: {
    referralId: string;
    timePoint: string;
    instrument: string;
    completedAt: Date;
    mode: string;
    answers: Record<string, number | null>;
    scores: (number | null)[];
  }[];
  messages: {
    createdAt: Date;
    channel: string;
    recipient: string;
    subject: string;
    body: string;
    status: string;
    sentAt: Date | null;
    referralId: string | null;
  }[];
  otherRecords: Record<string, Record<string, unknown>[]>;
};

export type Line = { label: string; value: string };
const line = (label: string, value: string | null | undefined): Line[] => (value ? [{ label, value }] : []);
const listOr = (values: readonly string[], none = 'None recorded') => (values.length > 0 ? values.join(', ') : none);

const SOURCES: Record<string, string> = {
  link_worker: 'Added by a link worker',
  self: 'Referred themselves through the website',
  connector: 'Referred by a community connector',
};
const ROUTES: Record<string, string> = { link_worker: 'Link worker', self: 'Self-referral', connector: 'Community connector' };
const CHANNELS: Record<string, string> = { email: 'Email', text: 'Text message', letter: 'Letter' };
const MESSAGE_STATUS: Record<string, string> = {
  pending: 'Waiting to be sent',
  sent: 'Sent',
  written_to_file: 'Written to a file (not sent: test system)',
  failed: 'Could not be sent',
};

function eventText(e: SubjectAccessData['referrals'][number]['events'][number]): string {
  if (e.kind === 'reminder') return 'Reminder sent to the provider';
  if (e.kind === 'escalation') return 'No reply in time: the coordinator was told';
  if (e.kind !== 'status' || !e.to) return 'Note';
  if (e.from === null) return e.to === 'draft' ? 'Draft started' : 'Referral sent';
  if (e.from === e.to) return 'First visit plan changed';
  return labelOf(REFERRAL_STATUSES, e.to);
}

function whoText(e: SubjectAccessData['referrals'][number]['events'][number]): string {
  if (!e.actorRole) return 'Waymark';
  const role = ROLE_LABELS[e.actorRole as Role] ?? 'Staff';
  return e.actorOrganisation ? `${role}, ${e.actorOrganisation}` : role;
}

function reasonText(status: string, reason: string | null): string | null {
  if (!reason) return null;
  if (status === 'declined') return labelOf(ALL_DECLINE_REASONS, reason);
  if (status === 'stopped' || status === 'withdrawn') return labelOf(STOP_REASONS, reason);
  return null;
}

function questionnaireLines(q: SubjectAccessData['questionnaires'][number]): { score: Line[]; answers: Line[] } {
  const instrument = instrumentFor(q.instrument);
  if (!instrument) return { score: [], answers: Object.entries(q.answers).map(([k, v]) => ({ label: k, value: v === null ? 'Not answered' : String(v) })) };
  const score = instrument.measures.flatMap((m, i) => line(m.label, q.scores[i] == null ? 'Not scored (too few answers)' : String(q.scores[i])));
  const answers = instrument.items.flatMap((item, i) => {
    if (!(item.key in q.answers)) return [];
    const value = q.answers[item.key];
    const option = item.options?.find((o) => o.value === value)?.label;
    const label = item.text ?? `Statement ${i + 1} of ${instrument.items.length}`;
    return [{ label, value: value === null || value === undefined ? 'Not answered' : option ? `${option} (${value})` : String(value) }];
  });
  return { score, answers };
}

/** The document, labelled. Dates stay dates (the page writes them in words, the JSON in ISO 8601). */
export function subjectAccessDocument(d: SubjectAccessData, generatedAt: Date) {
  const p = d.person;
  return {
    kind: 'Waymark subject access: everything held about one person',
    reference: d.reference,
    generatedAt,
    person: {
      heading: 'Their details',
      lines: [
        ...line('Name they want to be called', p.preferredName),
        ...line('How they want to be contacted', labelOf(CONTACT_PREFERENCES, p.contactPreference)),
        ...line('Phone', p.phone && formatPhone(p.phone)),
        ...line('Email', p.email),
        ...line('Address', p.address),
        ...line('Postcode', p.postcode && formatPostcode(p.postcode)),
        ...line('Age band', p.ageBand && labelOf(AGE_BANDS, p.ageBand)),
        ...line('What matters to them', p.whatMatters),
        ...line('Tags', p.tags.join(', ')),
        { label: 'Needs', value: listOr(labelsOf(NEEDS, p.needs)) },
        { label: 'Interests', value: listOr(labelsOf(ACTIVITY_TYPES, p.interests)) },
        { label: 'Barriers', value: listOr(labelsOf(BARRIERS, p.barriers)) },
        { label: 'Access must-haves', value: listOr(labelsOf(ACCESS_FEATURES, p.accessNeeds)) },
        { label: 'Languages', value: listOr(labelsOf(LANGUAGES, p.languages)) },
        { label: 'Days they are free', value: listOr(labelsOf(WEEKDAYS, p.availableDays.map(String))) },
        { label: 'Times they are free', value: listOr(labelsOf(TIMES_OF_DAY, p.availableTimes)) },
        { label: 'How they came to Waymark', value: SOURCES[p.source] ?? p.source },
        { label: 'Social prescribing scheme', value: p.schemeName },
        ...line('Link worker team', p.teamName),
      ],
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      anonymisedAt: p.anonymisedAt,
    },
    consents: d.consents.map((c) => ({
      purpose: labelOf(CONSENT_PURPOSES, c.purpose),
      how: labelOf(CONSENT_METHODS, c.method),
      givenAt: c.givenAt,
      withdrawnAt: c.withdrawnAt,
      note: c.note,
    })),
    referrals: d.referrals.map((r) => ({
      reference: r.id,
      title: r.target === 'buddy_scheme' ? `${r.buddySchemeName ?? 'A buddy scheme'} (buddy scheme)` : (r.activityTitle ?? 'An activity no longer listed'),
      lines: [
        { label: 'Run by', value: r.providerName },
        ...line('Company to go to', r.target === 'buddy_scheme' ? (r.accompanyActivityTitle ?? 'Not decided') : null),
        ...line('Buddy they would prefer', r.buddyPreference === 'woman' ? 'A woman' : r.buddyPreference === 'man' ? 'A man' : null),
        { label: 'How they were referred', value: ROUTES[r.route] ?? r.route },
        ...line('Referred by', r.referrerOrganisationName),
        { label: 'Where it has got to', value: labelOf(REFERRAL_STATUSES, r.status) },
        ...line('Reason', reasonText(r.status, r.statusReason)),
        ...line('Support needs', r.supportNeeds),
        ...line(r.route === 'self' ? 'What would help, in their words' : 'Message to the provider', r.message),
        ...line('First visit buddy', r.firstVisitBuddy),
        ...line('How they will get there', r.firstVisitTransport),
        ...line('Funded place', r.fundedPlace ? 'Yes' : null),
        ...line('Next steps', labelsOf(NEXT_STEPS, r.nextSteps).join(', ')),
      ],
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      respondedAt: r.respondedAt,
      closedAt: r.closedAt,
      firstVisitDate: r.firstVisitDate,
      timeline: r.events.map((e) => ({ at: e.at, what: eventText(e), who: whoText(e), note: e.note })),
      attendance: r.attendance.map((a) => ({ date: a.sessionDate, attended: a.attended ? 'Came' : 'Did not come' })),
      questionnaireLinks: r.questionnaireLinks.map((l) => ({
        questionnaire: TIME_POINTS.find((t) => t.code === l.timePoint)?.label ?? l.timePoint,
        sentAt: l.createdAt,
        expiresAt: l.expiresAt,
        usedAt: l.usedAt,
        stoppedAt: l.revokedAt,
      })),
    })),
    questionnaires: d.questionnaires.map((q) => {
      const { score, answers } = questionnaireLines(q);
      const referral = d.referrals.find((r) => r.id === q.referralId);
      return {
        questionnaire: `${instrumentFor(q.instrument)?.name ?? q.instrument}: ${TIME_POINTS.find((t) => t.code === q.timePoint)?.label ?? q.timePoint}`,
        about: referral ? (referral.activityTitle ?? referral.buddySchemeName ?? '') : '',
        completedAt: q.completedAt,
        how: q.mode === 'self' ? 'Filled in by them, through a link' : 'Filled in with their link worker',
        scores: score,
        answers,
      };
    }),
    messages: d.messages.map((m) => ({
      at: m.createdAt,
      how: CHANNELS[m.channel] ?? m.channel,
      to: m.channel === 'text' ? formatPhone(m.recipient) : m.recipient,
      subject: m.subject,
      body: m.body,
      status: MESSAGE_STATUS[m.status] ?? m.status,
    })),
    otherRecords: d.otherRecords,
  };
}

export type SubjectAccessDocument = ReturnType<typeof subjectAccessDocument>;

/** What a search for a person by name or reference finds: enough to tell people apart, no more. */
export type SubjectAccessMatch =
  | { kind: 'person'; id: string; preferredName: string; schemeName: string; addedOn: Date; anonymisedAt: Date | null }
  | { kind: 'erased'; id: string; schemeName: string | null; erasedAt: Date }
  /** Someone who adds community heritage (decision 042): an account, not a caseload record. */
  | { kind: 'contributor'; id: string; displayName: string; addedOn: Date };

/** An erased or anonymised record, as its old page tells those who may know. */
export type RecordGone = { reference: string; how: 'erased' | 'anonymised'; at: Date };

/** A reference typed in: the whole id, or at least its first 8 characters. */
export function referenceQuery(typed: string): { full: string } | { prefix: string } | null {
  const t = typed.trim().toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(t)) return { full: t };
  if (/^[0-9a-f]{8}(-[0-9a-f]{0,4})?$/.test(t)) return { prefix: t };
  return null;
}
