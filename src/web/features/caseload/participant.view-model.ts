import { formatPhone, formatPostcode } from '../../../domain/contact-details.ts';
import type { Participant } from '../../../domain/participant.ts';
import { AGE_BANDS, BARRIERS, CONTACT_PREFERENCES } from '../../../domain/participant.ts';
import { REFERRAL_STATUSES } from '../../../domain/referral.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, LANGUAGES, NEEDS, TIMES_OF_DAY, WEEKDAYS, labelOf, labelsOf, type Term } from '../../../domain/vocabulary.ts';
import type { CaseloadRow } from '../../../data/repositories/participant.repository.ts';
import { asArray } from '../../forms.ts';
import { paths } from '../../paths.ts';

/** The participant form's values as typed (strings and ticked codes), and the options it offers. */
export type ParticipantFormValues = Record<string, string | string[]>;

const TEXTS = ['preferredName', 'contactPreference', 'phone', 'email', 'address', 'postcode', 'ageBand', 'whatMatters', 'tags'] as const;
const LISTS = ['needs', 'interests', 'barriers', 'accessNeeds', 'languages', 'availableDays', 'availableTimes'] as const;

export function valuesFromBody(body: unknown): ParticipantFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const values: ParticipantFormValues = {};
  for (const f of TEXTS) values[f] = typeof b[f] === 'string' ? (b[f] as string) : '';
  for (const f of LISTS) values[f] = asArray(b[f]);
  return values;
}

export function valuesFromParticipant(p: Participant): ParticipantFormValues {
  return {
    preferredName: p.preferredName,
    contactPreference: p.contactPreference,
    phone: p.phone ? formatPhone(p.phone) : '',
    email: p.email ?? '',
    address: p.address ?? '',
    postcode: p.postcode ? formatPostcode(p.postcode) : '',
    ageBand: p.ageBand ?? '',
    whatMatters: p.whatMatters,
    tags: p.tags.join(', '),
    needs: p.needs,
    interests: p.interests,
    barriers: p.barriers,
    accessNeeds: p.accessNeeds,
    languages: p.languages,
    availableDays: p.availableDays.map(String),
    availableTimes: p.availableTimes,
  };
}

export const NEW_PARTICIPANT_VALUES: ParticipantFormValues = { ...valuesFromBody({}), languages: ['en'] };

const items = (list: readonly Term[]) => list.map((t) => ({ value: t.code, text: t.label, hint: t.hint ? { text: t.hint } : undefined }));

export const PARTICIPANT_OPTIONS = {
  contactPreferences: items(CONTACT_PREFERENCES),
  ageBands: [{ value: '', text: 'Not recorded' }, ...items(AGE_BANDS)],
  needs: items(NEEDS),
  interests: items(ACTIVITY_TYPES),
  barriers: items(BARRIERS),
  accessNeeds: items(ACCESS_FEATURES),
  languages: items(LANGUAGES),
  availableDays: items(WEEKDAYS),
  availableTimes: items(TIMES_OF_DAY),
};

/** "2 open: Sent, waiting for a reply; Attending" — counts only, from the statuses. */
export function referralSummary(openStatuses: readonly string[], closedCount: number): string {
  const closed = closedCount > 0 ? `${closedCount} closed` : '';
  if (openStatuses.length === 0) return closed || 'No referrals yet';
  const counts = new Map<string, number>();
  for (const s of openStatuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  const parts = [...counts].map(([s, n]) => `${labelOf(REFERRAL_STATUSES, s)}${n > 1 ? ` (${n})` : ''}`);
  return `${openStatuses.length} open: ${parts.join('; ')}${closed ? `. ${closed}` : ''}`;
}

export function caseloadRows(rows: readonly CaseloadRow[], showCaseworker: boolean) {
  return rows.map((r) => ({
    href: paths.caseload.participant(r.id),
    name: r.preferredName,
    caseworker: showCaseworker ? (r.caseworkerName ?? 'No caseworker') : undefined,
    referrals: referralSummary(r.openStatuses, r.closedCount),
    updatedAt: r.updatedAt,
  }));
}

const orNone = (v: string | null | undefined) => (v && v.length > 0 ? v : 'Not recorded');
const listOrNone = (v: readonly string[]) => (v.length > 0 ? v.join(', ') : 'None recorded');

/** The participant page's summary rows. */
export function participantRows(p: Participant) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Name they want to be called', p.preferredName),
    row('How to contact them', labelOf(CONTACT_PREFERENCES, p.contactPreference)),
    row('Phone', orNone(p.phone && formatPhone(p.phone))),
    row('Email', orNone(p.email)),
    row('Address', orNone(p.address)),
    row('Postcode', orNone(p.postcode && formatPostcode(p.postcode))),
    row('Age band', p.ageBand ? labelOf(AGE_BANDS, p.ageBand) : 'Not recorded'),
    row('Tags', listOrNone(p.tags)),
    row('Needs', listOrNone(labelsOf(NEEDS, p.needs))),
    row('Interests', listOrNone(labelsOf(ACTIVITY_TYPES, p.interests))),
    row('Barriers', listOrNone(labelsOf(BARRIERS, p.barriers))),
    row('Access must-haves', listOrNone(labelsOf(ACCESS_FEATURES, p.accessNeeds))),
    row('Languages', listOrNone(labelsOf(LANGUAGES, p.languages))),
    row('Days they are free', listOrNone(labelsOf(WEEKDAYS, p.availableDays.map(String)))),
    row('Times of day', listOrNone(labelsOf(TIMES_OF_DAY, p.availableTimes))),
  ];
}

export function referralItems(rows: readonly { id: string; status: string; activityTitle: string | null; providerName: string; createdAt: Date }[]) {
  return rows.map((r) => ({
    href: paths.referrals.referral(r.id),
    title: r.activityTitle ?? `Buddy scheme: ${r.providerName}`,
    provider: r.providerName,
    status: labelOf(REFERRAL_STATUSES, r.status),
    createdAt: r.createdAt,
  }));
}
