import type { PublishedActivityInFull } from '../data/repositories/open-directory.repository.ts';
import type { ActivitySession } from '../domain/directory.ts';
import {
  durationBetween,
  icalMonthlyDay,
  OPENACTIVE_ACCESSIBILITY_SUPPORT,
  OPENACTIVE_ACTIVITY_LIST,
  openActiveAccessibility,
  openActiveConcepts,
  schemaDay,
} from '../domain/openactive.ts';
import { isoWeekday, londonInstant } from '../domain/schedule.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES } from '../domain/vocabulary.ts';

/**
 * A published listing as an OpenActive `SessionSeries` (Modelling Opportunity Data 2.0, decision 045):
 * recurring sessions as `Schedule`s in `eventSchedule` (so the item changes only when the listing
 * does, not as time passes), one-off sessions as `ScheduledSession`s in `subEvent`. Only public facts:
 * no contact person, no referral details.
 */
export type SessionSeriesContext = {
  baseUrl: string;
  activityUrl: (id: string) => string;
  /** The scheme of Waymark's own activity-type concepts (the dataset page, which lists them). */
  vocabularyUrl: string;
};

const ICAL_INTERVAL: Record<string, string> = { weekly: 'P1W', fortnightly: 'P2W', monthly: 'P1M' };

function webAddress(value: string | null): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const hhmm = (time: string) => time.slice(0, 5);

function schedule(s: ActivitySession, seriesId: string, months: readonly number[]) {
  const weekday = s.weekday ?? isoWeekday(s.startDate);
  const byDay = s.frequency === 'monthly' && s.weekOfMonth ? [icalMonthlyDay(s.weekOfMonth, weekday)] : [schemaDay(weekday)];
  const byMonth = months.length > 0 && months.length < 12 ? { byMonth: [...months].sort((a, b) => a - b) } : {};
  const except = s.cancellations.length ? { exceptDate: s.cancellations.map((c) => c.date).sort() } : {};
  return {
    '@type': 'Schedule',
    scheduledEventType: 'ScheduledSession',
    startDate: s.startDate,
    ...(s.endDate ? { endDate: s.endDate } : {}),
    startTime: hhmm(s.startTime),
    endTime: hhmm(s.endTime),
    duration: durationBetween(s.startTime, s.endTime),
    repeatFrequency: ICAL_INTERVAL[s.frequency],
    byDay,
    ...byMonth,
    ...except,
    scheduleTimezone: 'Europe/London',
    idTemplate: `${seriesId}#/subEvent/{startDate}`,
  };
}

function oneOff(s: ActivitySession, seriesId: string) {
  const start = londonInstant(s.startDate, s.startTime);
  let end = londonInstant(s.startDate, s.endTime);
  if (end <= start) end = new Date(end.getTime() + 24 * 60 * 60 * 1000);
  const cancelled = s.cancellations.some((c) => c.date === s.startDate);
  return {
    '@type': 'ScheduledSession',
    '@id': `${seriesId}#/subEvent/${s.id}`,
    identifier: s.id,
    startDate: utc(start),
    endDate: utc(end),
    duration: durationBetween(s.startTime, s.endTime),
    eventStatus: cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
  };
}

function offers(a: PublishedActivityInFull['activity'], seriesId: string) {
  const offer = (key: string, name: string, price: number | undefined) => ({
    '@type': 'Offer',
    '@id': `${seriesId}#/offers/${key}`,
    identifier: key,
    name,
    ...(price === undefined ? {} : { price, priceCurrency: 'GBP' }),
  });
  switch (a.costType) {
    case 'free':
      return [offer('free', 'Free', 0)];
    case 'free_for_referred':
      return [offer('referred', 'People who are referred', 0), ...(a.pricePence ? [offer('standard', 'Everyone else', a.pricePence / 100)] : [])];
    default:
      return [offer('standard', 'Standard', a.pricePence ? a.pricePence / 100 : undefined)];
  }
}

export function toSessionSeries(p: PublishedActivityInFull, ctx: SessionSeriesContext): Record<string, unknown> {
  const { activity: a, organisation: o, place } = p;
  const url = ctx.activityUrl(a.id);
  const seriesId = url;
  const labels = new Map<string, string>(ACTIVITY_TYPES.map((t) => [t.code, t.label]));
  const concepts = [
    ...openActiveConcepts(a.activityTypes).map((c) => ({ '@type': 'Concept', '@id': c.id, prefLabel: c.prefLabel, inScheme: OPENACTIVE_ACTIVITY_LIST })),
    ...a.activityTypes
      .filter((code) => labels.has(code))
      .map((code) => ({ '@type': 'Concept', '@id': `${ctx.vocabularyUrl}#activity-type-${code}`, prefLabel: labels.get(code)!, inScheme: ctx.vocabularyUrl })),
  ];
  const description = [a.summary.trim(), a.description.trim()].filter(Boolean).join('\n\n');
  const accessLabels = new Map<string, string>(ACCESS_FEATURES.map((t) => [t.code, t.label]));
  const accessText = a.access.filter((c) => accessLabels.has(c)).map((c) => accessLabels.get(c)!);
  const supported = openActiveAccessibility(a.access, a.needs).map((c) => ({
    '@type': 'Concept',
    '@id': c.id,
    prefLabel: c.prefLabel,
    inScheme: OPENACTIVE_ACCESSIBILITY_SUPPORT,
  }));
  const recurring = p.sessions.filter((s) => s.frequency !== 'once');
  const once = p.sessions.filter((s) => s.frequency === 'once');
  const website = webAddress(o.website);
  const ageRange =
    a.ageMin != null || a.ageMax != null
      ? { ageRange: { '@type': 'QuantitativeValue', ...(a.ageMin != null ? { minValue: a.ageMin } : {}), ...(a.ageMax != null ? { maxValue: a.ageMax } : {}) } }
      : {};
  return {
    '@context': 'https://openactive.io/',
    '@type': 'SessionSeries',
    '@id': seriesId,
    identifier: a.shortCode || a.id,
    name: a.title,
    ...(description ? { description } : {}),
    url,
    organizer: { '@type': 'Organization', identifier: o.id, name: o.name, ...(website ? { url: website } : {}) },
    location: {
      '@type': 'Place',
      identifier: place.id,
      name: place.name,
      ...(place.description.trim() ? { description: place.description.trim() } : {}),
      address: {
        '@type': 'PostalAddress',
        ...(place.addressLine.trim() ? { streetAddress: place.addressLine.trim() } : {}),
        ...(place.town.trim() ? { addressLocality: place.town.trim() } : {}),
        ...(place.postcode.trim() ? { postalCode: place.postcode.trim() } : {}),
        addressCountry: 'GB',
      },
      geo: { '@type': 'GeoCoordinates', latitude: round(place.latitude), longitude: round(place.longitude) },
    },
    activity: concepts,
    ...(a.activityTypes.length ? { category: a.activityTypes.filter((c) => labels.has(c)).map((c) => labels.get(c)!) } : {}),
    ...ageRange,
    ...(supported.length ? { accessibilitySupport: supported } : {}),
    ...(accessText.length ? { accessibilityInformation: `${accessText.join('. ')}.` } : {}),
    ...(a.capacity ? { maximumAttendeeCapacity: a.capacity } : {}),
    isAccessibleForFree: a.costType === 'free',
    offers: offers(a, seriesId),
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    ...(recurring.length ? { eventSchedule: recurring.map((s) => schedule(s, seriesId, a.months)) } : {}),
    ...(once.length ? { subEvent: once.map((s) => oneOff(s, seriesId)) } : {}),
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
