import { createHash } from 'node:crypto';
import type { BankHolidayRule } from './bank-holidays.ts';
import type { ActivityContent, CostType, Frequency } from './directory.ts';
import { isFullPostcode, normalisePhone, normalisePostcode } from './contact-details.ts';
import { isoWeekday } from './schedule.ts';
import { VOCABULARIES, type Vocabulary } from './vocabulary.ts';

/**
 * Reading Open Referral UK feeds (1.0 and 3.0) into Waymark's model (decision 046). Pure: a page of
 * JSON in, normalised services out, each with the reasons a part of it could not be used. Feeds are
 * read liberally: 1.0 and 3.0 field names are both accepted inside any envelope.
 */
export type FeedVersion = '1.0' | '3.0';

export type FeedPage = {
  version: FeedVersion;
  items: unknown[];
  /** Whether the feed says this is its last page (last, last_page, or page ≥ total pages). */
  last: boolean;
  totalPages: number | null;
  /** A `next` link, when the feed gives one. */
  next: string | null;
};

/** A taxonomy term as the feed gives it: its id (lower case, may be empty) and its label. */
export type ImportedTerm = { id: string; label: string };
export type ImportedLocation = {
  externalId: string;
  name: string;
  addressLine: string;
  town: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  /** A phone number found in an address field (and removed from it). */
  phoneInAddress: string | null;
};
export type ImportedSession = {
  /** Whether it runs on bank holidays (a spreadsheet's column); a feed cannot say, so the default applies. */
  bankHolidays?: BankHolidayRule;
  frequency: Frequency;
  weekday: number | null;
  weekOfMonth: number | null;
  startDate: string | null;
  endDate: string | null;
  startTime: string;
  endTime: string;
  note: string;
};
export type ImportedOrganisation = {
  externalId: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  phone: string | null;
};
export type ImportedService = {
  externalId: string;
  name: string;
  description: string;
  email: string | null;
  url: string | null;
  fees: string;
  priceAmount: number | null;
  ageMin: number | null;
  ageMax: number | null;
  eligibility: string;
  contactName: string | null;
  contactPhone: string | null;
  organisation: ImportedOrganisation | null;
  locations: ImportedLocation[];
  sessions: ImportedSession[];
  terms: ImportedTerm[];
  languages: string[];
  /** Parts of the record that were left out, and why (a schedule without times …). */
  notes: string[];
  /**
   * Listing fields a feed has no place for but a Waymark spreadsheet does (decision 056): given, they
   * replace the importer's defaults.
   */
  listing?: Partial<Pick<ActivityContent, ListingOnlyField>>;
};
export type ListingOnlyField =
  | 'summary'
  | 'languages'
  | 'groupSizeMax'
  | 'firstVisit'
  | 'fundedPlaces'
  | 'distanceWalkedM'
  | 'terrain'
  | 'months'
  | 'capacity'
  | 'howToJoin';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objects = (v: unknown): Json[] => arr(v).filter(isObject);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};
const orNull = (s: string) => s || null;

/** A page of a feed, in either version's envelope; undefined when the JSON is not an ORUK page. */
export function readFeedPage(body: unknown): FeedPage | undefined {
  if (Array.isArray(body)) return { version: '1.0', items: body, last: true, totalPages: 1, next: null };
  if (!isObject(body)) return undefined;
  const next = str(body.next) || (isObject(body.links) ? str(body.links.next) : '') || null;
  if (Array.isArray(body.content)) {
    const totalPages = num(body.totalPages);
    const number = num(body.number);
    const last = body.last === true || (totalPages != null && number != null && number >= totalPages) || body.content.length === 0;
    return { version: '1.0', items: body.content, last, totalPages, next };
  }
  if (Array.isArray(body.contents)) {
    const totalPages = num(body.total_pages);
    const number = num(body.page_number);
    const last = body.last_page === true || (totalPages != null && number != null && number >= totalPages) || body.contents.length === 0;
    return { version: '3.0', items: body.contents, last, totalPages, next };
  }
  return undefined;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  pound: '£',
  ndash: '–',
  mdash: '—',
  rsquo: '’',
  lsquo: '‘',
};

/**
 * HTML to plain text: tags removed (the content of script and style with them), block ends and
 * <br> become line breaks, entities decoded once. The result is text, never markup, so it is shown
 * escaped like any other text.
 */
export function htmlToText(input: string): string {
  if (!/[<&]/.test(input)) return input.replace(/\r\n?/g, '\n').trim();
  return input
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)\s*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '• ')
    .replace(/<\/?(a|b|i|em|strong|span|u|small|abbr|code)\b[^>]*>/gi, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/<+/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const n = code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
        return n > 31 && n < 0x110000 && n !== 127 ? String.fromCodePoint(n) : ' ';
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const PHONE_IN_TEXT = /(?:\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b/;

/** Takes a phone number out of an address line ("12 High St, Tel 01493 000000"). */
export function splitPhoneFromAddress(line: string): { text: string; phone: string | null } {
  const match = line.match(PHONE_IN_TEXT);
  if (!match) return { text: line, phone: null };
  const phone = normalisePhone(match[0]);
  if (!phone) return { text: line, phone: null };
  const text = line
    .replace(match[0], '')
    .replace(/\b(tel|telephone|phone|t)\s*[:.]?\s*$/i, '')
    .replace(/[\s,;:–-]+$/, '')
    .replace(/^[\s,;:–-]+/, '')
    .replace(/\s{2,}/g, ' ');
  return { text: text.trim(), phone };
}

function readAddress(address: Json | undefined) {
  if (!address) return { line: '', town: '', postcode: '' };
  const line = [str(address.address_1), str(address.address_2)].filter(Boolean).join(', ');
  return { line, town: str(address.city) || str(address.region), postcode: str(address.postal_code) };
}

function readLocation(l: Json, fallbackId: string): ImportedLocation {
  const address = objects(l.physical_addresses)[0] ?? objects(l.addresses).find((a) => str(a.address_type) !== 'postal') ?? objects(l.addresses)[0];
  const { line, town, postcode } = readAddress(address);
  const split = splitPhoneFromAddress(htmlToText(line));
  const townSplit = splitPhoneFromAddress(htmlToText(town));
  return {
    externalId: str(l.id) || fallbackId,
    name: htmlToText(str(l.name)) || split.text || townSplit.text,
    addressLine: split.text,
    town: townSplit.text,
    postcode,
    latitude: num(l.latitude),
    longitude: num(l.longitude),
    description: htmlToText(str(l.description)),
    phoneInAddress: split.phone ?? townSplit.phone,
  };
}

const DAYS: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };
const DAY_NAMES: Record<string, number> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };
const time = (v: unknown): string | null => {
  const m = str(v).match(/^(\d{1,2}):(\d{2})/);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${m[2]}` : null;
};
const date = (v: unknown): string | null => {
  const m = str(v).match(/^(\d{4}-\d{2}-\d{2})/);
  return m && !Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`)) ? m[1]! : null;
};

/** A 1.0 regular_schedule or a 3.0 schedule as a Waymark session, or why it cannot be one. */
export function readSchedule(s: Json): ImportedSession | string {
  const startTime = time(s.opens_at);
  const endTime = time(s.closes_at);
  if (!startTime || !endTime) return 'a schedule without opening and closing times was left out';
  if (endTime <= startTime) return `a schedule closing (${endTime}) before it opens (${startTime}) was left out`;
  const freq = str(s.freq).toUpperCase();
  const interval = num(s.interval) ?? 1;
  const byday = str(s.byday).toUpperCase();
  const validFrom = date(s.valid_from) ?? date(s.dtstart);
  const validTo = date(s.valid_to) ?? date(s.until);
  const weekdayField = num(s.weekday) ?? DAY_NAMES[str(s.weekday).toLowerCase()] ?? null;
  const dayMatch = byday.match(/^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)/);
  const weekday = dayMatch ? DAYS[dayMatch[2]!]! : weekdayField != null && weekdayField >= 1 && weekdayField <= 7 ? weekdayField : null;
  const note = htmlToText(str(s.description) || str(s.notes)).slice(0, 500);
  const base = { startDate: validFrom, endDate: validTo, startTime, endTime, note };
  if (freq === 'MONTHLY') {
    const ordinal = dayMatch?.[1] ? Number(dayMatch[1]) : null;
    if (weekday == null || ordinal == null || ![1, 2, 3, 4, -1].includes(ordinal)) return 'a monthly schedule without a weekday such as 1TU was left out';
    return { ...base, frequency: 'monthly', weekday, weekOfMonth: ordinal };
  }
  if (freq === 'WEEKLY' || (!freq && weekday != null && validFrom !== validTo)) {
    if (weekday == null) return 'a weekly schedule without a day was left out';
    if (interval !== 1 && interval !== 2) return `a schedule every ${interval} weeks was left out (Waymark keeps weekly and fortnightly)`;
    return { ...base, frequency: interval === 2 ? 'fortnightly' : 'weekly', weekday, weekOfMonth: null };
  }
  if (!freq && validFrom) return { ...base, frequency: 'once', weekday: isoWeekday(validFrom), weekOfMonth: null, endDate: null };
  return `a ${freq ? freq.toLowerCase() : 'recurring'} schedule Waymark cannot keep was left out`;
}

function readTerms(service: Json): ImportedTerm[] {
  const found: ImportedTerm[] = [];
  const add = (t: Json | undefined) => {
    if (!t) return;
    const label = htmlToText(str(t.name) || str(t.term));
    const id = str(t.id);
    if (!label && !id) return;
    found.push({ id: id.toLowerCase(), label: label || id });
  };
  for (const st of objects(service.service_taxonomys)) add(isObject(st.taxonomy) ? st.taxonomy : undefined);
  for (const a of objects(service.attributes)) add(isObject(a.taxonomy_term) ? a.taxonomy_term : { id: a.taxonomy_term_id });
  for (const t of objects(service.taxonomy_terms)) add(t);
  const seen = new Set<string>();
  return found.filter((t) => {
    const key = `${t.id}|${t.label.toLowerCase()}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** Services a list page gives only in summary (3.0 lists): they need their own /services/{id}. */
export function needsDetail(item: unknown): boolean {
  if (!isObject(item)) return false;
  return !('service_at_locations' in item) && !('locations' in item) && !('physical_addresses' in item) && !('regular_schedules' in item);
}

/** One service from a page, normalised; a string when it has no id or no name. */
export function readService(item: unknown): ImportedService | string {
  if (!isObject(item)) return 'the record is not a JSON object';
  const externalId = str(item.id);
  if (!externalId) return 'the service has no id';
  const name = htmlToText(str(item.name)).slice(0, 200);
  if (!name) return 'the service has no name';
  const notes: string[] = [];
  const o = isObject(item.organization) ? item.organization : null;
  const organisation = o
    ? {
        externalId: str(o.id) || str(item.organization_id) || `name:${str(o.name).toLowerCase()}`,
        name: htmlToText(str(o.name)).slice(0, 200),
        description: htmlToText(str(o.description)),
        email: orNull(str(o.email)),
        website: orNull(str(o.url) || str(o.website)),
        phone: null,
      }
    : null;
  const locationJson = [...objects(item.service_at_locations).flatMap((sal) => (isObject(sal.location) ? [sal.location] : [])), ...objects(item.locations)];
  const locations = locationJson.map((l, i) => readLocation(l, `${externalId}:location:${i}`));
  const scheduleJson = [
    ...objects(item.regular_schedules),
    ...objects(item.schedules),
    ...objects(item.service_at_locations).flatMap((sal) => [...objects(sal.regular_schedules), ...objects(sal.schedules)]),
  ];
  const sessions: ImportedSession[] = [];
  const seenSessions = new Set<string>();
  for (const s of scheduleJson) {
    const read = readSchedule(s);
    if (typeof read === 'string') {
      notes.push(read);
      continue;
    }
    const key = JSON.stringify([read.frequency, read.weekday, read.weekOfMonth, read.startTime, read.endTime, read.startDate]);
    if (!seenSessions.has(key) && seenSessions.add(key)) sessions.push(read);
  }
  const eligibility = objects(item.eligibilitys)[0];
  const contact = objects(item.contacts)[0];
  const phone = contact ? objects(contact.phones)[0] : undefined;
  const prices = objects(item.cost_options)
    .map((c) => num(c.amount))
    .filter((n): n is number => n != null && n >= 0);
  return {
    externalId,
    name,
    description: htmlToText(str(item.description)),
    email: orNull(str(item.email)),
    url: orNull(str(item.url)),
    fees: htmlToText(str(item.fees) || str(item.fees_description)),
    priceAmount: prices.length > 0 ? Math.max(...prices) : null,
    ageMin: num(item.minimum_age) ?? num(eligibility?.minimum_age),
    ageMax: num(item.maximum_age) ?? num(eligibility?.maximum_age),
    eligibility: htmlToText(str(eligibility?.eligibility) || str(item.eligibility_description)),
    contactName: contact ? orNull(htmlToText(str(contact.name))) : null,
    contactPhone: phone ? orNull(str(phone.number)) : null,
    organisation,
    locations,
    sessions,
    terms: readTerms(item),
    languages: objects(item.languages).map((l) => (str(l.code) || str(l.language) || str(l.name)).toLowerCase()),
    notes,
  };
}

// --- Taxonomy mapping -------------------------------------------------------------------------------

export type TermTarget = { vocabulary: string; code: string } | null;
/** Mapping keys are lower-case term labels or ids. */
export type TermMappings = ReadonlyMap<string, TermTarget>;

/** The vocabularies an imported term may be mapped to: the activity's own lists. */
export const MAPPABLE_VOCABULARIES: readonly Vocabulary[] = VOCABULARIES.filter((v) =>
  ['activity_types', 'needs', 'access', 'support', 'referral_routes', 'safeguarding'].includes(v.id),
);

/**
 * Mappings every install has: each Waymark term by its label (so Waymark's own feeds map onto
 * themselves), and a few words common in council directories. The table's mappings are laid over these.
 */
export function builtInMappings(): Map<string, TermTarget> {
  const map = new Map<string, TermTarget>();
  for (const v of MAPPABLE_VOCABULARIES) for (const t of v.terms) map.set(t.label.toLowerCase(), { vocabulary: v.id, code: t.code });
  const common: [string, string, string][] = [
    ['loneliness', 'needs', 'loneliness'],
    ['social isolation', 'needs', 'loneliness'],
    ['dementia', 'needs', 'dementia'],
    ['carers', 'needs', 'carers'],
    ['mental health', 'needs', 'low_mood'],
    ['anxiety', 'needs', 'anxiety'],
    ['bereavement', 'needs', 'bereavement'],
    ['physical activity', 'needs', 'physical_activity'],
    ['walking', 'activity_types', 'walk'],
    ['walking groups', 'activity_types', 'walk'],
    ['museums', 'activity_types', 'object_handling'],
    ['local history', 'activity_types', 'archives_research'],
    ['arts and crafts', 'activity_types', 'crafts'],
    ['gardening', 'activity_types', 'gardens_green_heritage'],
    ['music', 'activity_types', 'music_song'],
    ['wheelchair accessible', 'access', 'step_free'],
  ];
  for (const [term, vocabulary, code] of common) if (!map.has(term)) map.set(term, { vocabulary, code });
  return map;
}

/** The mapping of a term: by its id first, then by its label; undefined when nothing maps it. */
export function mapTerm(term: ImportedTerm, table: TermMappings, builtIn: TermMappings): TermTarget | undefined {
  const label = term.label.toLowerCase();
  for (const map of [table, builtIn]) {
    if (term.id && map.has(term.id)) return map.get(term.id);
    if (map.has(label)) return map.get(label);
  }
  return undefined;
}

export function isMappingTarget(vocabulary: string, code: string): boolean {
  return MAPPABLE_VOCABULARIES.some((v) => v.id === vocabulary && v.terms.some((t) => t.code === code));
}

// --- Onto Waymark's model -----------------------------------------------------------------------------

export type PlaceCandidate = ImportedLocation & { postcodeNormalised: string };

/** Why a location cannot be a Waymark place, or the place it can be. */
export function checkLocation(l: ImportedLocation): PlaceCandidate | string {
  if (!l.postcode) return `location “${l.name || l.externalId}” has no postcode`;
  const postcode = normalisePostcode(l.postcode);
  if (!isFullPostcode(postcode)) return `location “${l.name || l.externalId}” has a postcode that is not a full UK postcode (“${l.postcode.slice(0, 20)}”)`;
  if (!l.name) return `location ${l.externalId} has no name or address`;
  return { ...l, postcodeNormalised: postcode };
}

/** Plausible for Great Britain: anything else is treated as no position and the postcode is used. */
export const inGreatBritain = (lat: number | null, lng: number | null) => lat != null && lng != null && lat > 49.8 && lat < 60.9 && lng > -8.7 && lng < 1.8;

const firstSentence = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = flat.match(/^(.{20,240}?[.!?])(\s|$)/);
  const s = m ? m[1]! : flat;
  return s.length > 240 ? `${s.slice(0, 237).trimEnd()}…` : s;
};

/** The activity's content from a service, its place chosen and its terms mapped. */
export function toActivityContent(
  s: ImportedService,
  placeId: string,
  mapped: { vocabulary: string; code: string }[],
  contactPhone: string | null,
): ActivityContent {
  const codes = (vocabulary: string) => [...new Set(mapped.filter((m) => m.vocabulary === vocabulary).map((m) => m.code))];
  const fees = s.fees.toLowerCase();
  let costType: CostType = 'free';
  let pricePence: number | null = null;
  let costNote = s.fees.slice(0, 500);
  if (s.priceAmount != null && s.priceAmount > 0) {
    costType = 'paid';
    pricePence = Math.round(s.priceAmount * 100);
  } else if (s.priceAmount === 0 || /\bfree\b/.test(fees)) {
    costType = 'free';
  } else if (fees) {
    costType = 'paid';
  } else {
    costType = 'paid';
    costNote = 'The directory this came from did not say what it costs. Ask the organiser.';
  }
  const age = (n: number | null) => (n != null && n >= 0 && n <= 120 ? Math.round(n) : null);
  const languageCodes = s.languages.map((l) => (l === 'english' ? 'en' : l)).filter((l) => /^[a-z]{2,3}$/.test(l));
  const email = s.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.email) ? s.email : null;
  return {
    placeId,
    title: s.name,
    summary: firstSentence(s.description) || s.name,
    description: s.description.slice(0, 5000),
    activityTypes: codes('activity_types'),
    needs: codes('needs'),
    ageMin: age(s.ageMin),
    ageMax: age(s.ageMax),
    groupSizeMax: null,
    eligibility: s.eligibility.slice(0, 1000),
    firstVisit: '',
    costType,
    pricePence,
    costNote,
    fundedPlaces: null,
    access: codes('access'),
    distanceWalkedM: null,
    terrain: null,
    support: codes('support'),
    referralRoutes: codes('referral_routes').length > 0 ? codes('referral_routes') : ['self'],
    languages: languageCodes.length > 0 ? [...new Set(languageCodes)] : ['en'],
    safeguarding: codes('safeguarding'),
    months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    capacity: null,
    howToJoin: s.url ? `More about it: ${s.url}` : '',
    contactName: s.contactName?.slice(0, 200) ?? null,
    contactEmail: email,
    contactPhone,
    ...Object.fromEntries(Object.entries(s.listing ?? {}).filter(([, v]) => v !== undefined)),
  };
}

/** A stable fingerprint of what a record brings, so a re-import of the same thing changes nothing. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}
