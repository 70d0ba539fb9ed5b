import {
  type Contribution,
  CONTRIBUTION_STATUSES,
  CREDIT_KINDS,
  creditLine,
  isOpenLicence,
  LICENCE_URLS,
  LICENCES,
  licenceLabel,
  PLACE_KINDS,
  REPORT_REASONS,
} from '../../../domain/contribution.ts';
import { formatPostcode } from '../../../domain/contact-details.ts';
import { gridToLatLng } from '../../../domain/geo.ts';
import { heritageCategoryName, heritageSourceName } from '../../../domain/heritage-sources.ts';
import { countOf } from '../../../domain/plural.ts';
import { labelOf } from '../../../domain/vocabulary.ts';
import type { MemoryAbout } from '../../../data/repositories/contribution-about.repository.ts';
import type { OpenDataItem, PhotoInfo, RecordingInfo } from '../../../data/repositories/contribution.repository.ts';
import { RECORDING_CONTENT_TYPES } from '../../../services/audio-recordings.ts';
import type { PlacePage, ShownContribution } from '../../../services/contribution.service.ts';
import { csvLines } from '../../csv.ts';
import { paths } from '../../paths.ts';
import { formatDistance, formatUkDate } from '../../render.ts';

const STATUS_TAGS: Record<string, string> = {
  draft: 'nhsuk-tag--grey',
  waiting_for_review: 'nhsuk-tag--blue',
  changes_requested: 'nhsuk-tag--orange',
  published: 'nhsuk-tag--green',
  reported: 'nhsuk-tag--red',
  removed: 'nhsuk-tag--grey',
};

export const statusTag = (c: Pick<Contribution, 'status'>) => ({ text: labelOf(CONTRIBUTION_STATUSES, c.status), classes: STATUS_TAGS[c.status] });

const photoView = (p: PhotoInfo) => ({
  alt: p.altText,
  smallJpeg: paths.photo(p.id, 'small.jpg'),
  smallWebp: paths.photo(p.id, 'small.webp'),
  largeJpeg: paths.photo(p.id, 'large.jpg'),
  largeWebp: paths.photo(p.id, 'large.webp'),
  width: p.width,
  height: p.height,
});

/** A recording as pages show it: the native player's source and type, its length, and the transcript (its text alternative). */
export const recordingView = (r: RecordingInfo) => ({
  src: paths.recording(r.id),
  type: RECORDING_CONTENT_TYPES[r.format],
  length: recordingLength(r.durationSeconds),
  transcript: r.transcript.split(/\n\s*\n/).filter((p) => p.trim()),
});

function recordingLength(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  return minutes === 0 ? countOf(rest, 'second') : `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

/** An item as every page shows it: its words, photos, and always its credit and licence. */
export function contributionView(c: ShownContribution) {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    placeKind: c.placeKind ? labelOf(PLACE_KINDS, c.placeKind) : null,
    paragraphs: c.body.split(/\n\s*\n/).filter((p) => p.trim()),
    approximateDate: c.approximateDate,
    oneOfSeveralViews: c.oneOfSeveralViews,
    where: c.whereDescription,
    postcode: c.postcode ? formatPostcode(c.postcode) : null,
    credit: creditLine(c),
    licence: licenceLabel(c.licence),
    licenceUrl: LICENCE_URLS[c.licence],
    privateToGroup: c.privateToGroup,
    photos: c.photos.map(photoView),
    recording: c.recording ? recordingView(c.recording) : null,
    reportHref: paths.contribute.report(c.id),
    tag: statusTag(c),
  };
}

/**
 * What a memory is about, for its moderator: named, with a link to it — its public page, or, while it
 * is not public, where the moderator can see it (a place's review, a draft walk's stop) — and a note
 * saying the memory is out of sight until then.
 */
export function memoryAboutView(about: MemoryAbout | null): { kind: string; text: string; href: string; note: string | null } | null {
  if (!about) return null;
  switch (about.kind) {
    case 'designated_place':
      return { kind: 'place', text: about.name, href: paths.place(`${about.source}-${about.sourceId}`), note: null };
    case 'contributed_place':
      return about.shown
        ? { kind: 'place', text: about.title, href: paths.place(about.id), note: null }
        : {
            kind: 'place',
            text: about.title,
            href: paths.contribute.reviewItem(about.id),
            note: 'This place is not published, so memories of it are not shown.',
          };
    case 'activity':
      return { kind: 'activity', text: about.title, href: paths.activity(about.id), note: null };
    case 'walk_stop':
      return {
        kind: 'walk stop',
        text: `Stop ${about.position}, ${about.name}, on “${about.walkTitle}”`,
        href: about.walkPublished ? `${paths.walks.walk(about.walkId)}#stop-${about.position}` : paths.walks.stopEdit(about.walkId, about.stopId),
        note: about.walkPublished ? null : 'This walk is a draft, so memories of its stops are not shown until it is published again.',
      };
  }
}

/** The place page (`/places/{id}`): a contributed place or a designated one, its memories and activities there. */
export function placePageView(p: PlacePage, memoryHref: string | null) {
  const activities = p.activities.map((a) => ({
    title: a.title,
    href: paths.activity(a.id),
    organisation: a.organisationName,
    where: a.distanceM < 50 ? `at ${a.placeName}` : `${formatDistance(a.distanceM)} away, at ${a.placeName}`,
  }));
  const memories = p.memories.map(contributionView);
  if (p.kind === 'contributed') {
    return {
      pageTitle: p.place.title,
      designated: null,
      place: contributionView(p.place),
      source: 'Added by local people on Waymark (community heritage)',
      memories,
      activities,
      memoryHref,
    };
  }
  const a = p.asset;
  const isListEntry = a.source.startsWith('nhle') && /^\d+$/.test(a.sourceId);
  return {
    pageTitle: a.name,
    designated: {
      name: a.name,
      what: [heritageCategoryName(a.category), a.grade ? `grade ${a.grade}` : null].filter(Boolean).join(', '),
      listEntryNumber: isListEntry ? a.sourceId : null,
      listEntryHref: isListEntry
        ? `https://historicengland.org.uk/listing/the-list/list-entry/${a.sourceId}`
        : a.url && /^https?:\/\//i.test(a.url)
          ? a.url
          : null,
      source: heritageSourceName(a.source),
    },
    place: null,
    source: heritageSourceName(a.source),
    memories,
    activities,
    memoryHref,
  };
}

export const creditItems = (values: Record<string, unknown>) =>
  CREDIT_KINDS.map((k) => ({ value: k.code, text: k.label, checked: (values.creditKind ?? 'full_name') === k.code }));
export const licenceItems = (values: Record<string, unknown>) =>
  LICENCES.map((l) => ({ value: l.code, text: l.label, hint: { text: l.hint }, checked: (values.licence ?? 'cc_by_sa_4') === l.code }));
export const placeKindItems = (values: Record<string, unknown>) => [
  { value: '', text: 'Choose one' },
  ...PLACE_KINDS.map((k) => ({ value: k.code, text: k.label, selected: values.placeKind === k.code })),
];
export const reportReasonItems = (values: Record<string, unknown>) =>
  REPORT_REASONS.map((r) => ({ value: r.code, text: r.label, checked: values.reason === r.code }));

/** The map picker's hidden position: as posted, or a saved place's point (so saving it again keeps it). */
function mapValues(s: Record<string, unknown>): { latitude: string; longitude: string } {
  if (typeof s.easting === 'number' && typeof s.northing === 'number') {
    const p = gridToLatLng({ easting: s.easting, northing: s.northing });
    return { latitude: p.latitude.toFixed(6), longitude: p.longitude.toFixed(6) };
  }
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 40) : '');
  return { latitude: text(s.latitude), longitude: text(s.longitude) };
}

/** The form's values shown again (text only; never the file). */
export function formValues(source: Record<string, unknown> | Contribution): Record<string, string> {
  const s = source as Record<string, unknown>;
  const str = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : '') : String(v));
  const postcode = str(s.postcode);
  return {
    title: str(s.title),
    placeKind: str(s.placeKind),
    body: str(s.body),
    approximateDate: str(s.approximateDate),
    oneOfSeveralViews: str(s.oneOfSeveralViews),
    postcode: postcode ? formatPostcode(postcode) : '',
    whereDescription: str(s.whereDescription),
    ...mapValues(s),
    creditKind: str(s.creditKind) || 'full_name',
    creditName: str(s.creditName),
    licence: str(s.licence) || 'cc_by_sa_4',
    tellerConsent: s.tellerConsentAt ? 'yes' : str(s.tellerConsent),
    privateToGroup: str(s.privateToGroup),
    altText: str(s.altText),
  };
}

type OpenItem = OpenDataItem;

const itemUrl = (publicUrl: string, c: OpenItem) =>
  new URL(
    c.kind === 'place'
      ? paths.place(c.id)
      : c.aboutPlaceId
        ? paths.place(c.aboutPlaceId)
        : c.aboutActivityId
          ? paths.activity(c.aboutActivityId)
          : c.aboutWalkStop
            ? `${paths.walks.walk(c.aboutWalkStop.walkId)}#stop-${c.aboutWalkStop.position}`
            : paths.contribute.start,
    publicUrl,
  ).toString();

/** Where an item is on the map: a place's own point, or the walk stop a memory is about. */
function pointOf(c: OpenItem): { latitude: number; longitude: number } | null {
  if (c.easting !== null && c.northing !== null) return gridToLatLng({ easting: c.easting, northing: c.northing });
  return c.aboutWalkStop;
}

/** The recording's address, only when the item's licence lets others reuse it (the query already keeps to open licences). */
const recordingUrl = (publicUrl: string, c: OpenItem) =>
  c.recordingId && isOpenLicence(c.licence) ? new URL(paths.recording(c.recordingId), publicUrl).toString() : null;

/** Open data as GeoJSON: one feature per published, openly licensed item, with its credit and licence. */
export function openDataGeojson(items: readonly OpenItem[], publicUrl: string) {
  return {
    type: 'FeatureCollection',
    name: 'Waymark community heritage',
    features: items.map((c) => {
      const point = pointOf(c);
      return {
        type: 'Feature',
        id: c.id,
        geometry: point ? { type: 'Point', coordinates: [Number(point.longitude.toFixed(6)), Number(point.latitude.toFixed(6))] } : null,
        properties: {
          kind: c.kind === 'place' ? 'place that matters' : 'memory',
          title: c.title,
          text: c.body,
          placeKind: c.placeKind ? labelOf(PLACE_KINDS, c.placeKind) : null,
          approximateDate: c.approximateDate,
          oneOfSeveralViews: c.oneOfSeveralViews,
          about: c.aboutName,
          credit: creditLine(c),
          licence: licenceLabel(c.licence),
          licenceUrl: LICENCE_URLS[c.licence],
          published: c.publishedAt ? c.publishedAt.toISOString() : null,
          url: itemUrl(publicUrl, c),
          recording: recordingUrl(publicUrl, c),
        },
      };
    }),
  };
}

export function openDataCsv(items: readonly OpenItem[], publicUrl: string): string {
  const rows: (string | number)[][] = [
    [
      'id',
      'kind',
      'title',
      'text',
      'place kind',
      'approximate date',
      'one of several views',
      'about',
      'latitude',
      'longitude',
      'credit',
      'licence',
      'licence url',
      'published',
      'url',
      'recording',
    ],
  ];
  for (const c of items) {
    if (!isOpenLicence(c.licence)) continue; // never: the query leaves them out too
    const point = pointOf(c);
    rows.push([
      c.id,
      c.kind === 'place' ? 'place that matters' : 'memory',
      c.title,
      c.body,
      c.placeKind ? labelOf(PLACE_KINDS, c.placeKind) : '',
      c.approximateDate ?? '',
      c.oneOfSeveralViews ? 'yes' : 'no',
      c.aboutName ?? '',
      point ? point.latitude.toFixed(6) : '',
      point ? point.longitude.toFixed(6) : '',
      creditLine(c),
      licenceLabel(c.licence),
      LICENCE_URLS[c.licence] ?? '',
      c.publishedAt ? formatUkDate(c.publishedAt) : '',
      itemUrl(publicUrl, c),
      recordingUrl(publicUrl, c) ?? '',
    ]);
  }
  return csvLines(rows);
}

/** The erasure choice, in the contributor's words on their own page and in the third person on an administrator's. */
export const eraseChoiceItems = (values: Record<string, unknown>, who: 'me' | 'them' = 'me') => [
  {
    value: 'remove',
    text: `Remove everything ${who === 'me' ? 'I' : 'they'} added, with its photos and recordings`,
    checked: values.choice === 'remove',
  },
  {
    value: 'anonymise',
    text: `Keep what ${who === 'me' ? 'I' : 'they'} added, credited “Anonymous”`,
    hint: {
      text: `Others can go on reading it; nothing says it was ${who === 'me' ? 'you' : 'them'}. Recordings are removed either way: a voice says who someone is.`,
    },
    checked: values.choice === 'anonymise',
  },
];

/** A contributor's subject access export: words, not codes; photos listed by description (their copies are on the pages). */
export function yourDataExport(d: {
  account: { email: string; displayName: string; createdAt: Date } | undefined;
  items: ShownContribution[];
  reports: { reason: string; details: string; createdAt: Date }[];
}) {
  return {
    account: d.account && { name: d.account.displayName, email: d.account.email, created: d.account.createdAt.toISOString() },
    contributions: d.items.map((c) => ({
      id: c.id,
      kind: c.kind === 'place' ? 'place that matters' : 'memory',
      status: labelOf(CONTRIBUTION_STATUSES, c.status),
      title: c.title,
      text: c.body,
      placeKind: c.placeKind ? labelOf(PLACE_KINDS, c.placeKind) : null,
      approximateDate: c.approximateDate,
      oneOfSeveralViews: c.oneOfSeveralViews,
      postcode: c.postcode ? formatPostcode(c.postcode) : null,
      whereDescription: c.whereDescription,
      credit: creditLine(c),
      licence: licenceLabel(c.licence),
      moderatorMessage: c.statusMessage,
      created: c.createdAt.toISOString(),
      published: c.publishedAt?.toISOString() ?? null,
      photos: c.photos.map((p) => ({
        description: p.altText,
        peopleAgreed: p.peopleAgreed,
        copies: [paths.photo(p.id, 'large.jpg'), paths.photo(p.id, 'large.webp')],
      })),
      recording: c.recording && {
        transcript: c.recording.transcript,
        format: c.recording.format.toUpperCase(),
        seconds: c.recording.durationSeconds,
        copy: paths.recording(c.recording.id),
      },
    })),
    reportsYouMade: d.reports.map((r) => ({ reason: labelOf(REPORT_REASONS, r.reason), details: r.details, at: r.createdAt.toISOString() })),
  };
}
