import type { Activity, Place } from '../../../domain/directory.ts';
import { formatPhone, formatPostcode } from '../../../domain/contact-details.ts';
import { isCurrentSession, isoWeekday, londonDate } from '../../../domain/schedule.ts';
import { LANGUAGES, SAFEGUARDING, TERRAINS, VOCABULARIES, labelOf, labelsOf } from '../../../domain/vocabulary.ts';
import type { PublishedActivityInFull } from '../../../services/open-directory.service.ts';
import { paths } from '../../../web/paths.ts';
import { costOptions, describeCost } from '../cost.serialiser.ts';
import { childId, taxonomyId, termId } from '../oruk-ids.ts';
import { toOrukSchedule } from '../schedule.serialiser.ts';
import { absoluteUrl, email, nonEmpty, serviceDescription } from '../service.serialiser.ts';

/**
 * An Open Referral UK 1.0 service, nested as 1.0 clients read it (the LGA Service Finder, Scout):
 * the field names of the 1.0 data package (physical_addresses, regular_schedules, service_taxonomys,
 * eligibilitys …), not 3.0's. The same activity, organisation and place as the 3.0 feed, with the
 * same ids, so a client can move from one version to the other.
 */
export type V1Context = { baseUrl: string; today: string };

const SERVICE_TERM_FIELDS = {
  activity_types: 'activityTypes',
  needs: 'needs',
  access: 'access',
  support: 'support',
  referral_routes: 'referralRoutes',
  safeguarding: 'safeguarding',
} as const satisfies Record<string, keyof Activity>;

/** '10:00' → '10:00:00': the data package types opening times as times. */
const timeOfDay = (hhmm: string) => (hhmm.length === 5 ? `${hhmm}:00` : hhmm);

/** A place's one address, as the 1.0 data package's physical_addresses. */
export function physicalAddresses(place: Place) {
  return [
    {
      id: childId(place.id, 'address'),
      address_1: place.addressLine,
      city: place.town,
      state_province: '',
      postal_code: formatPostcode(place.postcode),
      country: 'GB',
    },
  ];
}

/** What a 1.0 location says of the place wherever it appears: its name, position and address. */
export function locationCore(place: Place) {
  return {
    id: place.id,
    name: place.name,
    description: nonEmpty(place.description),
    latitude: place.latitude,
    longitude: place.longitude,
    physical_addresses: physicalAddresses(place),
  };
}

/**
 * The listing's own access statements (all of them, and the ground on a walk): the place as this
 * activity uses it. The place's own record (/locations) states only facts about the place (decision 054).
 */
function location(place: Place, a: Activity) {
  const access = VOCABULARIES.find((v) => v.id === 'access')!;
  const accessibility: { id: string; accessibility: string; details?: string }[] = a.access.flatMap((code) => {
    const label = access.terms.find((t) => t.code === code)?.label;
    return label ? [{ id: childId(`${a.id}:${place.id}`, `accessibility:${code}`), accessibility: label }] : [];
  });
  const terrain = [
    a.terrain ? `Ground: ${labelOf(TERRAINS, a.terrain)}.` : '',
    a.distanceWalkedM ? `About ${(a.distanceWalkedM / 1000).toFixed(1)} km on foot.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (terrain) accessibility.push({ id: childId(`${a.id}:${place.id}`, 'accessibility:terrain'), accessibility: 'Walking', details: terrain });
  return { ...locationCore(place), accessibility_for_disabilities: accessibility };
}

/** A service's own one-to-one fields, without contact details (shared with the services nested in a location). */
export function serviceFields(a: Activity, ctx: V1Context) {
  return {
    id: a.id,
    name: a.title,
    description: serviceDescription(a),
    url: `${ctx.baseUrl}${paths.activity(a.id)}`,
    status: 'active',
    fees: describeCost(a),
    accreditations: a.safeguarding.length > 0 ? labelsOf(SAFEGUARDING, a.safeguarding).join('; ') : undefined,
    assured_date: londonDate(a.lastCheckedAt),
    // 1.0 has closed lists here: every activity is held at a place; one anyone may join is "drop-in".
    attending_type: 'venue',
    attending_access: a.referralRoutes.includes('self') ? 'drop-in' : 'referral',
  };
}

export function toOrukV1Service(found: PublishedActivityInFull, ctx: V1Context) {
  const { activity: a, organisation: o, place, sessions, modifiedAt } = found;
  const serviceAtLocationId = childId(`${a.id}:${place.id}`, 'service_at_location');
  const link = `${ctx.baseUrl}${paths.activity(a.id)}`;
  const current = sessions.filter((s) => isCurrentSession(s, ctx.today));
  const regularSchedules = current.map((s) => {
    const oruk = toOrukSchedule(s, { serviceId: a.id, serviceAtLocationId, link, months: a.months, today: ctx.today });
    return {
      id: s.id,
      weekday: s.weekday ?? isoWeekday(s.startDate),
      opens_at: timeOfDay(s.startTime),
      closes_at: timeOfDay(s.endTime),
      valid_from: oruk.valid_from,
      valid_to: oruk.valid_to,
      dtstart: oruk.dtstart,
      freq: oruk.freq,
      interval: oruk.interval,
      byday: oruk.byday,
      description: [oruk.description, oruk.notes].filter(Boolean).join('. '),
    };
  });
  const holidaySchedules = current.flatMap((s) =>
    s.cancellations
      .filter((c) => c.date >= ctx.today)
      .map((c) => ({ id: childId(s.id, `cancelled:${c.date}`), closed: true, start_date: c.date, end_date: c.date })),
  );
  const contactId = childId(a.id, 'contact');
  const hasContact = Boolean(a.contactName || a.contactEmail || a.contactPhone);
  const eligibility = a.eligibility.trim();
  return {
    ...serviceFields(a, ctx),
    email: email(a.contactEmail) ?? email(o.email),
    last_modified: modifiedAt.toISOString(),
    organization: toOrukV1Organisation(o),
    contacts: hasContact
      ? [
          {
            id: contactId,
            name: a.contactName ?? undefined,
            email: email(a.contactEmail),
            phones: a.contactPhone ? [{ id: childId(contactId, 'phone'), number: formatPhone(a.contactPhone) }] : [],
          },
        ]
      : [],
    cost_options: costOptions(a).map(({ id, option, amount, amount_description }) => ({ id, option, amount, amount_description })),
    eligibilitys:
      eligibility || a.ageMin != null || a.ageMax != null
        ? [{ id: childId(a.id, 'eligibility'), eligibility: eligibility || undefined, minimum_age: a.ageMin ?? undefined, maximum_age: a.ageMax ?? undefined }]
        : [],
    fundings: [],
    holiday_schedules: holidaySchedules,
    languages: a.languages.map((code) => ({ id: childId(a.id, `language:${code}`), language: labelOf(LANGUAGES, code) })),
    regular_schedules: regularSchedules,
    reviews: [],
    service_areas: [],
    service_at_locations: [{ id: serviceAtLocationId, location: location(place, a), regular_schedules: regularSchedules, holiday_schedules: holidaySchedules }],
    service_taxonomys: Object.entries(SERVICE_TERM_FIELDS).flatMap(([vocabularyId, field]) => {
      const vocabulary = VOCABULARIES.find((v) => v.id === vocabularyId)!;
      return (a[field] as string[]).flatMap((code) => {
        const term = vocabulary.terms.find((t) => t.code === code);
        if (!term) return [];
        const id = termId(vocabulary.id, code);
        return [
          { id: childId(a.id, `service_taxonomy:${id}`), taxonomy: { id, name: term.label, vocabulary: vocabulary.name, parent: taxonomyId(vocabulary.id) } },
        ];
      });
    }),
  };
}

/**
 * The 1.0 paging envelope, content first (some 1.0 clients stop reading at the first field they need).
 * `number` is the page asked for; past the end it is an empty, last page.
 */
export function toOrukV1Page<T>(content: readonly T[], totalElements: number, page: number, perPage: number) {
  const totalPages = Math.ceil(totalElements / perPage);
  return {
    content,
    totalElements,
    totalPages,
    number: page,
    size: perPage,
    first: page === 1,
    last: page >= totalPages,
    empty: content.length === 0,
  };
}

/** A 1.0 taxonomy: one term, with its vocabulary's name and its parent (the vocabulary itself). */
export function toOrukV1Taxonomies() {
  return VOCABULARIES.flatMap((v) => [
    { id: taxonomyId(v.id), name: v.name, vocabulary: v.name, parent: null as string | null },
    ...v.terms.map((t) => ({ id: termId(v.id, t.code), name: t.label, vocabulary: v.name, parent: taxonomyId(v.id) as string | null })),
  ]);
}

/** A 1.0 organization: its own fields, with the website as `url`. */
export function toOrukV1Organisation(o: PublishedActivityInFull['organisation']) {
  return { id: o.id, name: o.name, description: o.description, email: email(o.email), url: absoluteUrl(o.website) };
}
