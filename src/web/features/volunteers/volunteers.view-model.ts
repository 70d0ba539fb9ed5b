import type { Volunteer } from '../../../domain/volunteer.ts';
import { formatPhone, formatPostcode } from '../../../domain/contact-details.ts';
import { countOf } from '../../../domain/plural.ts';
import { BUDDY_STRANDS, DBS_LEVELS, PARTS_OF_DAY, VOLUNTEER_OFFERS, VOLUNTEER_STATUSES, WEEKDAYS, availabilitySlot } from '../../../domain/volunteer.ts';
import { ACTIVITY_TYPES, LANGUAGES, codesOf, labelOf, labelsOf } from '../../../domain/vocabulary.ts';
import { DBS_STATUS_RESULTS, lowerFirst, RECRUITMENT_STEPS, shortDate } from '../../../domain/volunteer-checks.ts';
import type { VolunteerService } from '../../../services/volunteer.service.ts';
import type { FormBody } from '../../forms.ts';
import { GENDERS, VOLUNTEER_CONTACT } from './profile.form.ts';

const STATUS_TAGS: Record<Volunteer['status'], string> = {
  in_recruitment: 'nhsuk-tag--blue',
  ready: 'nhsuk-tag--green',
  paused: 'nhsuk-tag--yellow',
  stopped: 'nhsuk-tag--grey',
};

export const statusTag = (status: Volunteer['status']) => ({ text: labelOf(VOLUNTEER_STATUSES, status), classes: STATUS_TAGS[status] });

/** One volunteer as their lead or they themselves see them: never the postcode's position. */
export function volunteerSummary(v: Volunteer, blockers: string[] = []) {
  return {
    id: v.id,
    knownAs: v.knownAs,
    organisation: v.organisationName,
    role: v.roleName,
    strand: v.strand ? labelOf(BUDDY_STRANDS, v.strand) : '',
    tag: statusTag(v.status),
    status: v.status,
    offers: v.offers.map((o) => labelOf(VOLUNTEER_OFFERS, o)),
    capacity: v.capacity,
    blockers,
  };
}

/** The profile as a summary list's rows (their lead's page and their own). */
export function profileRows(v: Volunteer) {
  const available = WEEKDAYS.map((d) => {
    const parts = PARTS_OF_DAY.filter((p) => v.availability.includes(availabilitySlot(d.code, p.code))).map((p) => p.label.toLowerCase());
    return parts.length ? `${d.label} ${parts.join(', ')}` : '';
  }).filter(Boolean);
  const contact = [labelOf(VOLUNTEER_CONTACT, v.contactPreference), v.email, v.phone && formatPhone(v.phone)].filter(Boolean).join(' · ');
  return [
    { key: 'Known as', value: v.knownAs },
    { key: 'Contact', value: contact },
    { key: 'Travels up to', value: countOf(v.travelMiles, 'mile') },
    { key: 'Languages', value: labelsOf(LANGUAGES, v.languages).join(', ') || 'None given' },
    { key: 'Available', value: available.join('; ') || 'No times given' },
    { key: 'Interests', value: labelsOf(ACTIVITY_TYPES, v.interests).join(', ') || 'None given' },
    { key: 'Can offer', value: [...labelsOf(VOLUNTEER_OFFERS, v.offers), ...(v.drives ? ['Drives a car'] : [])].join(', ') || 'Nothing chosen yet' },
    { key: 'People at once', value: String(v.capacity) },
    {
      key: 'Emergency contact',
      value: v.emergencyContactName
        ? `${v.emergencyContactName}${v.emergencyContactPhone ? ` · ${formatPhone(v.emergencyContactPhone)}` : ''}`
        : 'Not given yet',
    },
  ];
}

const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

/** The profile form's values: the record's, or what was posted when shown again. */
export function profileValues(v: Volunteer, posted?: FormBody) {
  if (posted) {
    return {
      knownAs: str(posted.knownAs),
      contactPreference: str(posted.contactPreference),
      email: str(posted.email),
      phone: str(posted.phone),
      postcode: str(posted.postcode),
      travelMiles: str(posted.travelMiles),
      languages: list(posted.languages),
      availability: list(posted.availability),
      interests: list(posted.interests),
      offers: list(posted.offers),
      drives: str(posted.drives),
      capacity: str(posted.capacity),
      gender: str(posted.gender),
      emergencyContactName: str(posted.emergencyContactName),
      emergencyContactPhone: str(posted.emergencyContactPhone),
    };
  }
  return {
    knownAs: v.knownAs,
    contactPreference: v.contactPreference,
    email: v.email ?? '',
    phone: v.phone ? formatPhone(v.phone) : '',
    postcode: v.postcode ? formatPostcode(v.postcode) : '',
    travelMiles: String(v.travelMiles),
    languages: v.languages,
    availability: v.availability,
    interests: v.interests,
    offers: v.offers,
    drives: v.drives ? 'yes' : 'no',
    capacity: String(v.capacity),
    gender: v.gender ?? '',
    emergencyContactName: v.emergencyContactName ?? '',
    emergencyContactPhone: v.emergencyContactPhone ? formatPhone(v.emergencyContactPhone) : '',
  };
}

/** The options of the profile form, ticked from its values. */
export function profileOptions(values: ReturnType<typeof profileValues>) {
  const items = (vocab: readonly { code: string; label: string; hint?: string }[], chosen: string[]) =>
    vocab.map((t) => ({ value: t.code, text: t.label, hint: t.hint ? { text: t.hint } : undefined, checked: chosen.includes(t.code) }));
  return {
    contact: VOLUNTEER_CONTACT.map((c) => ({ value: c.code, text: c.label, checked: values.contactPreference === c.code })),
    languages: items(LANGUAGES, values.languages),
    interests: items(ACTIVITY_TYPES, values.interests),
    offers: items(VOLUNTEER_OFFERS, values.offers),
    drives: [
      { value: 'yes', text: 'Yes', checked: values.drives === 'yes' },
      { value: 'no', text: 'No', checked: values.drives === 'no' },
    ],
    gender: GENDERS.map((g) => ({ value: g.code, text: g.label, checked: values.gender === g.code })),
    days: WEEKDAYS.map((d) => ({
      label: d.label,
      slots: PARTS_OF_DAY.map((p) => {
        const slot = availabilitySlot(d.code, p.code);
        return { value: slot, id: `availability-${slot}`, label: `${d.label} ${p.label.toLowerCase()}`, checked: values.availability.includes(slot) };
      }),
    })),
    parts: PARTS_OF_DAY.map((p) => ({ label: p.label, hint: p.hint })),
    languageCodes: codesOf(LANGUAGES),
  };
}

type LeadView = Awaited<ReturnType<VolunteerService['volunteerForLead']>>;

/** A volunteer's page for their lead. */
export function leadVolunteerPage(view: LeadView) {
  const { volunteer: v, role, types } = view;
  const typeName = new Map(types.map((t) => [t.id, t.name]));
  return {
    volunteer: volunteerSummary(v, view.blockers),
    profile: profileRows(v),
    role: {
      name: role.name,
      dbs: role.dbsEligibility === 'none' ? 'no DBS check' : withArticle(lowerFirst(labelOf(DBS_LEVELS, role.dbsEligibility))),
      transport: role.includesTransport,
      references: role.referencesRequired,
      description: role.description,
    },
    steps: view.steps.map((s) => ({
      label: labelOf(RECRUITMENT_STEPS, s.step),
      done: s.record ? `${shortDate(s.record.doneOn)}${s.record.recordedByName ? `, recorded by ${s.record.recordedByName}` : ''}` : '',
    })),
    required: view.required.map((r) => {
      const expired = r.expiresOn !== null && r.expiresOn <= view.today;
      return {
        name: r.type.name,
        done: r.record ? shortDate(r.record.doneOn) : '',
        expires: r.expiresOn ? shortDate(r.expiresOn) : r.record ? 'Does not expire' : '',
        tag: !r.record
          ? { text: 'Missing', classes: 'nhsuk-tag--red' }
          : expired
            ? { text: 'Expired', classes: 'nhsuk-tag--red' }
            : { text: 'In date', classes: 'nhsuk-tag--green' },
      };
    }),
    records: view.records.map((r) => ({
      name: typeName.get(r.checkTypeId) ?? '',
      done: shortDate(r.doneOn),
      expires: r.expiresOn ? shortDate(r.expiresOn) : 'Does not expire',
      reference: r.reference ?? '',
      checkedBy: r.checkedByName ?? '',
    })),
    statusChecks: view.statusChecks.map((s) => ({
      checked: shortDate(s.checkedOn),
      consent: shortDate(s.consentOn),
      result: labelOf(DBS_STATUS_RESULTS, s.result),
      checkedBy: s.checkedByName ?? '',
    })),
    dbsEligible: role.dbsEligibility !== 'none',
  };
}
