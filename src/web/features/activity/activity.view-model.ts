import { countOf } from '../../../domain/plural.ts';
import type { ActivityDetails } from '../../../services/public-activity.service.ts';
import { formatPhone, formatPostcode, phoneHref } from '../../../domain/contact-details.ts';
import { takesFundedPlaces } from '../../../domain/listing.ts';
import { describeSession } from '../../../domain/schedule.ts';
import {
  ACCESS_FEATURES,
  ACTIVITY_TYPES,
  labelOf,
  labelsOf,
  LANGUAGES,
  MONTHS,
  NEEDS,
  ORGANISATION_TYPES,
  REFERRAL_ROUTES,
  SAFEGUARDING,
  SUPPORT,
  TERRAINS,
} from '../../../domain/vocabulary.ts';
import { formatUkDate, formatUkDateTime, formatUkTime } from '../../render.ts';
import { mapPointsJson } from '../../map-points.ts';
import { paths } from '../../paths.ts';
import { costLabel } from '../search/result.view-model.ts';

/** A summary list row: a text value, a list of values, or a link. */
export type Row = { key: string; value?: string; list?: string[]; href?: string; linkText?: string };

const NHLE_ENTRY = 'https://historicengland.org.uk/listing/the-list/list-entry/';
const row = (key: string, value: string | null | undefined): Row[] => (value ? [{ key, value }] : []);
const listRow = (key: string, list: string[], none?: string): Row[] => (list.length ? [{ key, list }] : none ? [{ key, value: none }] : []);
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

function ages(min: number | null, max: number | null): string | null {
  if (min != null && max != null) return `${min} to ${max}`;
  if (min != null) return `${min} and over`;
  if (max != null) return `Up to ${max}`;
  return null;
}

function months(list: number[]): string {
  if (list.length === 0 || list.length === 12) return 'All year';
  return [...list]
    .sort((a, b) => a - b)
    .map((m) => labelOf(MONTHS, String(m)))
    .join(', ');
}

/** Everything a link worker needs to judge whether an activity suits someone. */
export function activityPageView(
  d: ActivityDetails,
  opts: { onShortlist: boolean; currentUrl: string; now: Date; publicUrl: string; replyStats?: string | null },
) {
  const a = d.activity;
  const p = d.place;
  const accessRows: Row[] = ACCESS_FEATURES.map((f) => ({ key: f.label, value: a.access.includes(f.code) ? 'Yes' : 'Not stated' }));
  if (a.distanceWalkedM != null)
    accessRows.push({
      key: 'Distance walked',
      value: a.distanceWalkedM >= 1000 ? `${(a.distanceWalkedM / 1000).toFixed(1)} km` : `${a.distanceWalkedM} metres`,
    });
  if (a.terrain) accessRows.push({ key: 'Ground', value: labelOf(TERRAINS, a.terrain) });
  const costRows: Row[] = [
    { key: 'Cost', value: costLabel(a.costType, a.pricePence) },
    ...row('About the cost', a.costNote),
    ...(a.fundedPlaces && takesFundedPlaces(a.costType)
      ? [{ key: 'Funded places', value: `${countOf(a.fundedPlaces, 'funded place')} for people who are referred` }]
      : []),
  ];
  return {
    pageTitle: a.title,
    id: a.id,
    title: a.title,
    summary: a.summary,
    preview: d.preview,
    organisation: d.organisation.name,
    lastChecked: formatUkDate(a.lastCheckedAt),
    /** The listing's short code (decision 030), to quote on the phone or type on the home page. */
    shortCode: a.shortCode,
    /** "Usually replies within 3 working days · replies to 92% of referrals", once there is enough history. */
    replyStats: opts.replyStats ?? null,
    onShortlist: opts.onShortlist,
    returnTo: opts.currentUrl,
    printHref: paths.activityPrint(a.id),
    calendarHref: paths.calendars.activity(a.id),
    selfReferHref: a.referralRoutes.includes('self') ? paths.selfReferral.form(a.id) : null,
    backHref: paths.activity(a.id),
    url: new URL(paths.activity(a.id), opts.publicUrl).toString(),
    printedOn: formatUkDate(opts.now),
    description: paragraphs(a.description),
    types: labelsOf(ACTIVITY_TYPES, a.activityTypes),
    firstVisit: paragraphs(a.firstVisit),
    whoRows: [
      ...listRow('Helps with', labelsOf(NEEDS, a.needs)),
      ...row('Ages', ages(a.ageMin, a.ageMax)),
      ...row('Group size', a.groupSizeMax ? `Up to ${countOf(a.groupSizeMax, 'person', 'people')}` : null),
      ...row('Places each session', a.capacity ? String(a.capacity) : null),
      ...row('Who can join', a.eligibility),
    ],
    sessions: d.sessions.map((s) => ({ pattern: describeSession(s), note: s.note })),
    upcoming: d.upcoming.map((u) => ({
      text:
        u.bankHoliday !== null
          ? `No session on ${formatUkDateTime(u.start).split(',')[0]}`
          : u.cancelledReason === null
            ? `${formatUkDateTime(u.start)} to ${formatUkTime(u.end)}`
            : `Cancelled on ${formatUkDateTime(u.start).split(',')[0]}`,
      reason: u.bankHoliday ?? (u.cancelledReason || null),
      cancelled: u.cancelledReason !== null || u.bankHoliday !== null,
    })),
    monthsText: months(a.months),
    costRows,
    accessRows,
    support: labelsOf(SUPPORT, a.support),
    joinText: paragraphs(a.howToJoin),
    joinRows: [
      ...listRow('Ways to join', labelsOf(REFERRAL_ROUTES, a.referralRoutes)),
      ...row('Contact', a.contactName),
      ...(a.contactEmail ? [{ key: 'Email', href: `mailto:${a.contactEmail}`, linkText: a.contactEmail }] : []),
      ...(a.contactPhone ? [{ key: 'Phone', href: phoneHref(a.contactPhone), linkText: formatPhone(a.contactPhone) }] : []),
    ],
    languages: labelsOf(LANGUAGES, a.languages),
    safeguarding: labelsOf(SAFEGUARDING, a.safeguarding),
    /** The place's name and address, shown beside a small map of it. */
    address: { place: p.name, lines: [p.addressLine, p.town, formatPostcode(p.postcode)].filter(Boolean) },
    map: mapPointsJson([{ lat: p.latitude, lng: p.longitude, title: p.name }]),
    mapLabel: `Map of where ${p.name} is`,
    placeRows: [
      p.nhleListEntry != null
        ? { key: 'Heritage', href: `${NHLE_ENTRY}${p.nhleListEntry}`, linkText: `National Heritage List for England entry ${p.nhleListEntry}` }
        : { key: 'Heritage', value: p.communityValued ? 'Valued by the community (not on the National Heritage List)' : 'Not on the National Heritage List' },
      ...row('About the place', p.description),
    ] satisfies Row[],
    organisationRows: [
      { key: 'Name', value: d.organisation.name },
      { key: 'Type', value: labelOf(ORGANISATION_TYPES, d.organisation.orgType) },
      ...(d.organisation.website && /^https?:\/\//i.test(d.organisation.website)
        ? [{ key: 'Website', href: d.organisation.website, linkText: d.organisation.website }]
        : []),
      ...(d.organisation.email ? [{ key: 'Email', href: `mailto:${d.organisation.email}`, linkText: d.organisation.email }] : []),
      ...(d.organisation.phone ? [{ key: 'Phone', href: phoneHref(d.organisation.phone), linkText: formatPhone(d.organisation.phone) }] : []),
    ] satisfies Row[],
  };
}
