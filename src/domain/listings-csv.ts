import { isCalendarDate } from './calendar-date.ts';
import { BANK_HOLIDAY_RULES, type BankHolidayRule } from './bank-holidays.ts';
import { isFullPostcode, normalisePhone, normalisePostcode } from './contact-details.ts';
import type { Frequency } from './directory.ts';
import type { ImportedService, ImportedSession } from './oruk-import.ts';
import { isoWeekday } from './schedule.ts';
import { LANGUAGES, MONTHS, TERRAINS } from './vocabulary.ts';

/**
 * Listings as a spreadsheet (decision 052): one row per session of an activity, with its organisation
 * and place on every row (an activity without sessions is one row with the session columns empty).
 * The same columns are exported and imported, so an exported file imports again. Pure: text in, rows
 * with their errors and the services they make out; the importer (decision 046) does the rest.
 */
export const LISTING_CSV_COLUMNS = [
  'organisation_id',
  'organisation_name',
  'organisation_website',
  'organisation_email',
  'organisation_phone',
  'organisation_description',
  'place_id',
  'place_name',
  'place_address',
  'place_town',
  'place_postcode',
  'place_latitude',
  'place_longitude',
  'place_description',
  'activity_id',
  'activity_title',
  'activity_summary',
  'activity_description',
  'activity_status',
  'cost',
  'price_pounds',
  'cost_note',
  'age_min',
  'age_max',
  'eligibility',
  'first_visit',
  'group_size_max',
  'capacity',
  'funded_places',
  'distance_walked_m',
  'terrain',
  'languages',
  'months',
  'how_to_join',
  'categories',
  'contact_name',
  'contact_email',
  'contact_phone',
  'more_information_url',
  'session_frequency',
  'session_weekday',
  'session_week_of_month',
  'session_start_date',
  'session_end_date',
  'session_start_time',
  'session_end_time',
  'session_note',
  'session_bank_holidays',
] as const;
export type ListingCsvColumn = (typeof LISTING_CSV_COLUMNS)[number];
export type ListingCsvRow = Record<ListingCsvColumn, string>;

/** The columns a file must have; any other may be left out (read as empty), and unknown ones are ignored. */
const REQUIRED_COLUMNS: readonly ListingCsvColumn[] = ['organisation_name', 'place_name', 'place_postcode', 'activity_id', 'activity_title'];
const SESSION_COLUMNS = LISTING_CSV_COLUMNS.filter((c) => c.startsWith('session_'));
/** What must be the same on every row of one activity: everything but its session and informative columns. */
const ACTIVITY_COLUMNS = LISTING_CSV_COLUMNS.filter((c) => !c.startsWith('session_') && c !== 'activity_status');

export const MAX_CSV_ROWS = 5000;
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const FREQUENCIES: readonly Frequency[] = ['weekly', 'fortnightly', 'monthly', 'once'];

/** RFC 4180 fields and records; quoted fields may hold commas, quotes ("") and line breaks. A leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Undoes the export's defence against spreadsheet formulas ('=… back to =…), so a file round-trips. */
const unprefix = (cell: string) => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);

export type CsvRowProblem = { column: ListingCsvColumn | null; message: string };
export type CsvRowReport = { row: number; activityId: string; title: string; problems: CsvRowProblem[] };
export type ListingsCsv =
  | { ok: false; message: string }
  | {
      ok: true;
      rows: CsvRowReport[];
      /** The activities of the valid rows, each with the file's row numbers it came from. */
      services: { service: ImportedService; rows: number[] }[];
    };

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isDate = (v: string) => isCalendarDate(v);
const hhmm = (v: string) => {
  const m = v.match(TIME);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
};

function checkRow(r: ListingCsvRow): CsvRowProblem[] {
  const problems: CsvRowProblem[] = [];
  const need = (column: ListingCsvColumn, what: string) => {
    if (!r[column]) problems.push({ column, message: `Enter ${what}` });
  };
  need('organisation_name', 'the organisation’s name');
  need('place_name', 'the place’s name');
  need('place_postcode', 'the place’s postcode');
  need('activity_id', 'an id for the activity (any text, the same in later files, so they update it)');
  need('activity_title', 'the activity’s title');
  if (r.place_postcode && !isFullPostcode(normalisePostcode(r.place_postcode))) {
    problems.push({ column: 'place_postcode', message: `“${r.place_postcode.slice(0, 20)}” is not a full UK postcode` });
  }
  for (const column of ['place_latitude', 'place_longitude', 'price_pounds', 'age_min', 'age_max'] as const) {
    if (r[column] && !Number.isFinite(Number(r[column]))) problems.push({ column, message: `“${r[column].slice(0, 20)}” is not a number` });
  }
  if (r.cost && !['free', 'paid'].includes(r.cost.toLowerCase())) problems.push({ column: 'cost', message: 'Cost must be free or paid' });
  if (r.price_pounds && Number(r.price_pounds) < 0) problems.push({ column: 'price_pounds', message: 'The price cannot be negative' });
  for (const column of ['organisation_email', 'contact_email'] as const) {
    if (r[column] && !EMAIL.test(r[column])) problems.push({ column, message: `“${r[column].slice(0, 60)}” is not an email address` });
  }
  for (const column of ['organisation_website', 'more_information_url'] as const) {
    if (r[column] && !/^https?:\/\/\S+$/i.test(r[column])) problems.push({ column, message: 'A web address must start http:// or https://' });
  }
  if (r.organisation_phone && !normalisePhone(r.organisation_phone)) {
    problems.push({ column: 'organisation_phone', message: `“${r.organisation_phone.slice(0, 30)}” is not a UK phone number` });
  }
  for (const column of ['group_size_max', 'capacity', 'funded_places', 'distance_walked_m'] as const) {
    if (r[column] && !(/^\d{1,7}$/.test(r[column]) && Number(r[column]) <= MAX_COUNT)) {
      problems.push({ column, message: `“${r[column].slice(0, 20)}” is not a whole number from 0 to ${MAX_COUNT.toLocaleString('en-GB')}` });
    }
  }
  if (r.terrain && !termCode(TERRAINS, r.terrain)) {
    problems.push({ column: 'terrain', message: `Terrain must be one of: ${TERRAINS.map((t) => t.label).join(', ')}` });
  }
  const unknownLanguage = listOf(r.languages).find((l) => !termCode(LANGUAGES, l));
  if (unknownLanguage) problems.push({ column: 'languages', message: `“${unknownLanguage.slice(0, 40)}” is not a language Waymark lists` });
  const unknownMonth = listOf(r.months).find((m) => monthOf(m) == null);
  if (unknownMonth) problems.push({ column: 'months', message: `“${unknownMonth.slice(0, 20)}” is not a month: write January or Jan or 1, separated by ;` });
  for (const [column, max] of TEXT_LIMITS) {
    if (r[column].length > max) problems.push({ column, message: `Keep it to ${max.toLocaleString('en-GB')} characters or fewer` });
  }
  if (SESSION_COLUMNS.some((c) => r[c] !== '')) problems.push(...checkSession(r));
  return problems;
}

const MAX_COUNT = 1_000_000;
/** Free-text columns the spreadsheet adds beyond a feed's, with the lengths a listing keeps. */
const TEXT_LIMITS: readonly (readonly [ListingCsvColumn, number])[] = [
  ['organisation_description', 5000],
  ['place_description', 2000],
  ['activity_summary', 300],
  ['first_visit', 2000],
  ['how_to_join', 2000],
];
const listOf = (cell: string) =>
  cell
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);
/** A term by its code or its label, any case. */
const termCode = (vocabulary: readonly { code: string; label: string }[], v: string) =>
  vocabulary.find((t) => t.code === v.toLowerCase() || t.label.toLowerCase() === v.toLowerCase())?.code;
const monthOf = (v: string): number | null => {
  if (/^(1[0-2]|[1-9])$/.test(v)) return Number(v);
  const i = MONTHS.findIndex((m) => m.label.toLowerCase() === v.toLowerCase() || m.label.slice(0, 3).toLowerCase() === v.toLowerCase());
  return i >= 0 ? i + 1 : null;
};

function checkSession(r: ListingCsvRow): CsvRowProblem[] {
  const problems: CsvRowProblem[] = [];
  const frequency = r.session_frequency.toLowerCase();
  if (!FREQUENCIES.includes(frequency as Frequency)) {
    problems.push({ column: 'session_frequency', message: 'How often must be weekly, fortnightly, monthly or once' });
  }
  const start = hhmm(r.session_start_time);
  const end = hhmm(r.session_end_time);
  if (!start) problems.push({ column: 'session_start_time', message: 'Enter the start time as 24-hour hours and minutes, like 10:30' });
  if (!end) problems.push({ column: 'session_end_time', message: 'Enter the end time as 24-hour hours and minutes, like 12:00' });
  if (start && end && end <= start) problems.push({ column: 'session_end_time', message: 'The end time must be after the start time' });
  for (const column of ['session_start_date', 'session_end_date'] as const) {
    if (r[column] && !isDate(r[column])) problems.push({ column, message: 'Enter the date as year-month-day, like 2027-01-31' });
  }
  if (frequency === 'once' && !r.session_start_date) problems.push({ column: 'session_start_date', message: 'Enter the date of a one-off session' });
  if (frequency !== 'once' && weekdayOf(r.session_weekday) == null) {
    problems.push({ column: 'session_weekday', message: 'Enter the day of the week, like Tuesday' });
  }
  if (frequency === 'monthly' && !['1', '2', '3', '4', '-1'].includes(r.session_week_of_month)) {
    problems.push({ column: 'session_week_of_month', message: 'Enter which week of the month: 1, 2, 3, 4, or -1 for the last' });
  }
  if (r.session_bank_holidays && !BANK_HOLIDAY_RULES.some((b) => b.code === r.session_bank_holidays)) {
    problems.push({ column: 'session_bank_holidays', message: `On bank holidays must be one of: ${BANK_HOLIDAY_RULES.map((b) => b.code).join(', ')}` });
  }
  return problems;
}

const weekdayOf = (v: string): number | null => {
  const i = WEEKDAYS.findIndex((d) => d.toLowerCase() === v.trim().toLowerCase() || d.slice(0, 3).toLowerCase() === v.trim().toLowerCase());
  return i >= 0 ? i + 1 : null;
};
const numOrNull = (v: string) => (v === '' ? null : Number(v));

function toSession(r: ListingCsvRow): ImportedSession {
  const frequency = r.session_frequency.toLowerCase() as Frequency;
  const once = frequency === 'once';
  const weekday = once ? (weekdayOf(r.session_weekday) ?? isoWeekday(r.session_start_date)) : weekdayOf(r.session_weekday);
  return {
    frequency,
    weekday,
    weekOfMonth: frequency === 'monthly' ? Number(r.session_week_of_month) : null,
    startDate: r.session_start_date || null,
    endDate: once ? null : r.session_end_date || null,
    startTime: hhmm(r.session_start_time)!,
    endTime: hhmm(r.session_end_time)!,
    note: r.session_note.slice(0, 500),
    ...(r.session_bank_holidays ? { bankHolidays: r.session_bank_holidays as BankHolidayRule } : {}),
  };
}

/** The columns a feed has no place for; an empty cell leaves the importer's default. */
function listingOnly(r: ListingCsvRow): NonNullable<ImportedService['listing']> {
  const months = listOf(r.months).map((m) => monthOf(m)!);
  const languages = listOf(r.languages).map((l) => termCode(LANGUAGES, l)!);
  return {
    summary: r.activity_summary || undefined,
    firstVisit: r.first_visit || undefined,
    howToJoin: r.how_to_join || undefined,
    groupSizeMax: numOrUndefined(r.group_size_max),
    capacity: numOrUndefined(r.capacity),
    fundedPlaces: numOrUndefined(r.funded_places),
    distanceWalkedM: numOrUndefined(r.distance_walked_m),
    terrain: r.terrain ? termCode(TERRAINS, r.terrain) : undefined,
    months: months.length > 0 ? [...new Set(months)].sort((a, b) => a - b) : undefined,
    languages: languages.length > 0 ? [...new Set(languages)] : undefined,
  };
}
const numOrUndefined = (v: string) => (v === '' ? undefined : Number(v));

function toService(first: ListingCsvRow, rows: ListingCsvRow[]): ImportedService {
  const free = first.cost.toLowerCase() === 'free';
  return {
    externalId: first.activity_id,
    name: first.activity_title.slice(0, 200),
    description: first.activity_description,
    email: first.contact_email || null,
    url: first.more_information_url || null,
    listing: listingOnly(first),
    fees: first.cost_note || (free ? 'Free' : ''),
    priceAmount: free ? 0 : numOrNull(first.price_pounds),
    ageMin: numOrNull(first.age_min),
    ageMax: numOrNull(first.age_max),
    eligibility: first.eligibility,
    contactName: first.contact_name || null,
    contactPhone: first.contact_phone || null,
    organisation: {
      externalId: first.organisation_id || `name:${first.organisation_name.toLowerCase()}`,
      name: first.organisation_name.slice(0, 200),
      description: first.organisation_description,
      email: first.organisation_email || null,
      website: first.organisation_website || null,
      phone: first.organisation_phone ? normalisePhone(first.organisation_phone) : null,
    },
    locations: [
      {
        externalId: first.place_id || `${normalisePostcode(first.place_postcode)}|${first.place_name.toLowerCase()}`,
        name: first.place_name,
        addressLine: first.place_address,
        town: first.place_town,
        postcode: first.place_postcode,
        latitude: numOrNull(first.place_latitude),
        longitude: numOrNull(first.place_longitude),
        description: first.place_description,
        phoneInAddress: null,
      },
    ],
    sessions: rows.filter((r) => r.session_frequency !== '').map(toSession),
    terms: first.categories
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((label) => ({ id: '', label })),
    languages: [],
    notes: [],
  };
}

/**
 * Reads a listings file. A file whose header row lacks a column, or with too many rows, is refused
 * whole (`ok: false`); otherwise every row is checked, and the rows of one activity must agree on
 * everything but their session columns. An activity with any bad row is left out, all its rows reported.
 */
export function readListingsCsv(text: string): ListingsCsv {
  const records = parseCsv(text);
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  if (records.length === 0) return { ok: false, message: 'The file is empty. Choose a CSV file with a header row and a row for each session' };
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ');
    return {
      ok: false,
      message: `The file’s first row must name Waymark’s columns. Missing: ${shown}${missing.length > 5 ? ' and more' : ''}. Start from an exported file`,
    };
  }
  if (records.length - 1 > MAX_CSV_ROWS)
    return { ok: false, message: `The file has more than ${MAX_CSV_ROWS.toLocaleString('en-GB')} rows. Split it into smaller files` };
  if (records.length === 1) return { ok: false, message: 'The file has a header row but no listings' };

  const rows = records.slice(1).map((cells, i) => {
    const row = Object.fromEntries(LISTING_CSV_COLUMNS.map((c) => [c, ''])) as ListingCsvRow;
    header.forEach((h, col) => {
      if ((LISTING_CSV_COLUMNS as readonly string[]).includes(h)) row[h as ListingCsvColumn] = unprefix((cells[col] ?? '').trim());
    });
    const problems = checkRow(row);
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      problems.push({ column: null, message: 'The row has more cells than the header row has columns' });
    }
    return { row, report: { row: i + 2, activityId: row.activity_id, title: row.activity_title, problems } as CsvRowReport };
  });

  const byActivity = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!r.row.activity_id) continue;
    const group = byActivity.get(r.row.activity_id) ?? [];
    const first = group[0];
    if (first) {
      const differs = ACTIVITY_COLUMNS.filter((c) => r.row[c] !== first.row[c]);
      if (differs.length > 0) {
        r.report.problems.push({
          column: differs[0]!,
          message: `Row ${first.report.row} has the same activity id but a different ${differs.slice(0, 3).join(', ')}. Rows of one activity differ only in their session columns`,
        });
      }
    }
    group.push(r);
    byActivity.set(r.row.activity_id, group);
  }
  const services: { service: ImportedService; rows: number[] }[] = [];
  for (const group of byActivity.values()) {
    const bad = group.find((g) => g.report.problems.length > 0);
    if (bad) {
      for (const g of group) {
        if (g.report.problems.length === 0)
          g.report.problems.push({ column: null, message: `Not imported: row ${bad.report.row} of the same activity has a problem` });
      }
      continue;
    }
    services.push({
      service: toService(
        group[0]!.row,
        group.map((g) => g.row),
      ),
      rows: group.map((g) => g.report.row),
    });
  }
  return { ok: true, rows: rows.map((r) => r.report), services };
}
