import type { Activity, Organisation, Place } from '../../domain/directory.ts';
import { formatPhone, formatPostcode } from '../../domain/contact-details.ts';
import { isCurrentSession, londonDate } from '../../domain/schedule.ts';
import { LANGUAGES, SAFEGUARDING, TERRAINS, VOCABULARIES, labelOf, labelsOf, type Vocabulary } from '../../domain/vocabulary.ts';
import type { PublishedActivity, PublishedActivityInFull } from '../../services/open-directory.service.ts';
import { paths } from '../../web/paths.ts';
import { childId } from './oruk-ids.ts';
import { toOrukSchedule } from './schedule.serialiser.ts';
import { toOrukAttributes, type OrukContext } from './taxonomy.serialiser.ts';
import { costOptions, describeCost } from './cost.serialiser.ts';

/**
 * ORUK service (Waymark activity), organization (organisation), location (place) and
 * service_at_location (the activity at its place). The UK profile drops language name/code and
 * contact email/phones; we add them back in their HSDS 3.0 core shape, which the profile's schemas
 * allow, because a referrer needs them.
 */
const vocabulary = (id: string) => VOCABULARIES.find((v) => v.id === id) as Vocabulary;
const SERVICE_VOCABULARIES = ['activity_types', 'needs', 'access', 'support', 'referral_routes', 'safeguarding'] as const;
const SERVICE_TERM_FIELDS: Record<(typeof SERVICE_VOCABULARIES)[number], keyof Activity> = {
  activity_types: 'activityTypes',
  needs: 'needs',
  access: 'access',
  support: 'support',
  referral_routes: 'referralRoutes',
  safeguarding: 'safeguarding',
};
// ISO 639 codes; British Sign Language has no two-letter code.
export const LANGUAGE_CODES: Record<string, string> = { bsl: 'bfi' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email = (value: string | null) => (value && EMAIL.test(value.trim()) ? value.trim() : undefined);

export function absoluteUrl(value: string | null): string | undefined {
  if (!value?.trim()) return undefined;
  const text = value.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export const nonEmpty = (text: string) => (text.trim() ? text.trim() : undefined);

export function toOrukOrganisation(o: Organisation, ctx: OrukContext, full: boolean) {
  return {
    id: o.id,
    name: o.name,
    description: o.description,
    email: email(o.email),
    website: absoluteUrl(o.website),
    ...(full ? { attributes: toOrukAttributes(o.id, vocabulary('organisation_types'), [o.orgType], ctx) } : {}),
  };
}

/** A service's description in both versions: its summary, then its full description. */
export function serviceDescription(a: Activity): string {
  return [a.summary, a.description]
    .map((t) => t.trim())
    .filter(Boolean)
    .join('\n\n');
}

/** The one-to-one fields of a service, as in a list page. */
export function toOrukServiceSummary({ activity: a, organisation, modifiedAt }: PublishedActivity, ctx: OrukContext) {
  return {
    id: a.id,
    organization_id: organisation.id,
    name: a.title,
    description: serviceDescription(a),
    url: `${ctx.baseUrl}${paths.activity(a.id)}`,
    email: email(a.contactEmail) ?? email(organisation.email),
    status: 'active',
    fees: describeCost(a),
    accreditations: a.safeguarding.length > 0 ? labelsOf(SAFEGUARDING, a.safeguarding).join('; ') : undefined,
    minimum_age: a.ageMin ?? undefined,
    maximum_age: a.ageMax ?? undefined,
    assured_date: londonDate(a.lastCheckedAt),
    last_modified: modifiedAt.toISOString(),
    organization: toOrukOrganisation(organisation, ctx, false),
  };
}

function toOrukLocation(place: Place, a: Activity, ctx: OrukContext) {
  const access = vocabulary('access');
  const accessibility = a.access.flatMap((code) => {
    const label = access.terms.find((t) => t.code === code)?.label;
    if (!label) return [];
    const id = childId(`${a.id}:${place.id}`, `accessibility:${code}`);
    return [{ id, location_id: place.id, description: label, accessibility: label, attributes: toOrukAttributes(id, access, [code], ctx) }];
  });
  if (a.terrain || a.distanceWalkedM) {
    const terrain = a.terrain ? `Ground: ${labelOf(TERRAINS, a.terrain)}.` : '';
    const distance = a.distanceWalkedM ? `About ${(a.distanceWalkedM / 1000).toFixed(1)} km on foot.` : '';
    const text = [terrain, distance].filter(Boolean).join(' ');
    accessibility.push({
      id: childId(`${a.id}:${place.id}`, 'accessibility:terrain'),
      location_id: place.id,
      description: text,
      accessibility: text,
      attributes: [],
    });
  }
  return {
    id: place.id,
    location_type: 'physical',
    name: place.name,
    description: nonEmpty(place.description),
    latitude: place.latitude,
    longitude: place.longitude,
    ...(place.nhleListEntry != null
      ? { external_identifier: String(place.nhleListEntry), external_identifier_type: 'National Heritage List for England entry' }
      : {}),
    addresses: [
      {
        id: childId(place.id, 'address'),
        location_id: place.id,
        address_1: place.addressLine,
        city: place.town,
        state_province: '',
        postal_code: formatPostcode(place.postcode),
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility,
  };
}

function contacts(a: Activity) {
  if (!a.contactName && !a.contactEmail && !a.contactPhone) return [];
  const id = childId(a.id, 'contact');
  return [
    {
      id,
      service_id: a.id,
      name: a.contactName ?? undefined,
      email: email(a.contactEmail),
      phones: a.contactPhone ? [{ id: childId(id, 'phone'), number: formatPhone(a.contactPhone) }] : [],
    },
  ];
}

/** The id of a listing at its place (stable: derived from both ids). */
export const serviceAtLocationIdOf = (activityId: string, placeId: string) => childId(`${activityId}:${placeId}`, 'service_at_location');

/** A service_at_location for a list page: the link, its location and the service's one-to-one fields. */
export function toOrukServiceAtLocationSummary(found: PublishedActivity, ctx: OrukContext) {
  const { activity: a, place } = found;
  return {
    id: serviceAtLocationIdOf(a.id, place.id),
    service_id: a.id,
    location_id: place.id,
    location: toOrukLocation(place, a, ctx),
    service: toOrukServiceSummary(found, ctx),
  };
}

/** A service_at_location by id: as in the list, with the service fully nested. */
export function toOrukServiceAtLocation(found: PublishedActivityInFull, ctx: OrukContext & { today: string }) {
  return { ...toOrukServiceAtLocationSummary(found, ctx), service: toOrukService(found, ctx) };
}

/** The fully nested service for /services/{id}. */
export function toOrukService(found: PublishedActivityInFull, ctx: OrukContext & { today: string }) {
  const { activity: a, organisation, place, sessions } = found;
  const serviceAtLocationId = serviceAtLocationIdOf(a.id, place.id);
  const link = `${ctx.baseUrl}${paths.activity(a.id)}`;
  return {
    ...toOrukServiceSummary(found, ctx),
    organization: toOrukOrganisation(organisation, ctx, true),
    schedules: sessions
      .filter((s) => isCurrentSession(s, ctx.today))
      .map((s) => toOrukSchedule(s, { serviceId: a.id, serviceAtLocationId, link, months: a.months, today: ctx.today })),
    service_areas: [],
    service_at_locations: [{ id: serviceAtLocationId, service_id: a.id, location_id: place.id, location: toOrukLocation(place, a, ctx) }],
    languages: a.languages.map((code) => ({
      id: childId(a.id, `language:${code}`),
      service_id: a.id,
      name: labelOf(LANGUAGES, code),
      code: LANGUAGE_CODES[code] ?? code,
    })),
    funding: [],
    cost_options: costOptions(a),
    contacts: contacts(a),
    attributes: SERVICE_VOCABULARIES.flatMap((v) => toOrukAttributes(a.id, vocabulary(v), a[SERVICE_TERM_FIELDS[v]] as string[], ctx)),
  };
}

/** An organisation for /organizations/{id}: its details and each of its public services fully nested. */
export function toOrukOrganisationWithServices(organisation: Organisation, listings: readonly PublishedActivityInFull[], ctx: OrukContext & { today: string }) {
  return { ...toOrukOrganisation(organisation, ctx, true), services: listings.map((l) => toOrukService(l, ctx)) };
}
