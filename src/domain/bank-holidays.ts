/**
 * Bank holidays in England and Wales, 2024 to 2028.
 *
 * Source: GOV.UK "UK bank holidays" (https://www.gov.uk/bank-holidays, data at
 * https://www.gov.uk/bank-holidays.json, division "england-and-wales"), checked November 2026.
 * GOV.UK publishes about two years ahead; the 2028 dates follow the same rules (Banking and
 * Financial Dealings Act 1971 and the usual royal proclamations) and must be checked against
 * GOV.UK when it publishes them. When Christmas Day, Boxing Day or New Year's Day falls at a
 * weekend, the holiday moves to the next weekday that is not already a holiday ("substitute day").
 *
 * Extend this list before 2029: working-day sums beyond the last listed year count weekends only
 * (see `BANK_HOLIDAYS_KNOWN_UNTIL`, and the test that fails when the data runs short).
 */
export type BankHoliday = { readonly date: string; readonly title: string };

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = [
  { date: '2024-01-01', title: 'New Year’s Day' },
  { date: '2024-03-29', title: 'Good Friday' },
  { date: '2024-04-01', title: 'Easter Monday' },
  { date: '2024-05-06', title: 'Early May bank holiday' },
  { date: '2024-05-27', title: 'Spring bank holiday' },
  { date: '2024-08-26', title: 'Summer bank holiday' },
  { date: '2024-12-25', title: 'Christmas Day' },
  { date: '2024-12-26', title: 'Boxing Day' },

  { date: '2025-01-01', title: 'New Year’s Day' },
  { date: '2025-04-18', title: 'Good Friday' },
  { date: '2025-04-21', title: 'Easter Monday' },
  { date: '2025-05-05', title: 'Early May bank holiday' },
  { date: '2025-05-26', title: 'Spring bank holiday' },
  { date: '2025-08-25', title: 'Summer bank holiday' },
  { date: '2025-12-25', title: 'Christmas Day' },
  { date: '2025-12-26', title: 'Boxing Day' },

  { date: '2026-01-01', title: 'New Year’s Day' },
  { date: '2026-04-03', title: 'Good Friday' },
  { date: '2026-04-06', title: 'Easter Monday' },
  { date: '2026-05-04', title: 'Early May bank holiday' },
  { date: '2026-05-25', title: 'Spring bank holiday' },
  { date: '2026-08-31', title: 'Summer bank holiday' },
  { date: '2026-12-25', title: 'Christmas Day' },
  { date: '2026-12-28', title: 'Boxing Day (substitute day)' }, // 26 December 2026 is a Saturday

  { date: '2027-01-01', title: 'New Year’s Day' },
  { date: '2027-03-26', title: 'Good Friday' },
  { date: '2027-03-29', title: 'Easter Monday' },
  { date: '2027-05-03', title: 'Early May bank holiday' },
  { date: '2027-05-31', title: 'Spring bank holiday' },
  { date: '2027-08-30', title: 'Summer bank holiday' },
  { date: '2027-12-27', title: 'Christmas Day (substitute day)' }, // 25 December 2027 is a Saturday
  { date: '2027-12-28', title: 'Boxing Day (substitute day)' }, // 26 December 2027 is a Sunday

  { date: '2028-01-03', title: 'New Year’s Day (substitute day)' }, // 1 January 2028 is a Saturday
  { date: '2028-04-14', title: 'Good Friday' },
  { date: '2028-04-17', title: 'Easter Monday' },
  { date: '2028-05-01', title: 'Early May bank holiday' },
  { date: '2028-05-29', title: 'Spring bank holiday' },
  { date: '2028-08-28', title: 'Summer bank holiday' },
  { date: '2028-12-25', title: 'Christmas Day' },
  { date: '2028-12-26', title: 'Boxing Day' },
];

/** The last calendar date the list above covers. */
export const BANK_HOLIDAYS_KNOWN_UNTIL = '2028-12-31';

const DATES = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date));

export function isBankHoliday(date: string): boolean {
  return DATES.has(date);
}

/**
 * Whether a session series runs on bank holidays (decision 022). The default, for series whose
 * provider has not said, is that it runs on bank holidays except Christmas Day, Boxing Day and
 * New Year's Day: those three days (and their substitute days) close almost every venue.
 */
export type BankHolidayRule = 'not_christmas' | 'none' | 'all';

export const DEFAULT_BANK_HOLIDAY_RULE: BankHolidayRule = 'not_christmas';

export const BANK_HOLIDAY_RULES: readonly { code: BankHolidayRule; label: string; hint: string }[] = [
  {
    code: 'not_christmas',
    label: 'Runs on bank holidays, except Christmas Day, Boxing Day and New Year’s Day',
    hint: 'For example, it runs on Easter Monday and the summer bank holiday',
  },
  { code: 'none', label: 'Does not run on bank holidays', hint: 'Nor on Christmas Day, Boxing Day or New Year’s Day when they fall at a weekend' },
  { code: 'all', label: 'Runs on every bank holiday, Christmas Day included', hint: '' },
];

const CHRISTMAS_DAYS: Record<string, string> = { '12-25': 'Christmas Day', '12-26': 'Boxing Day', '01-01': 'New Year’s Day' };
const TITLES = new Map(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => [h.date, h.title]));
const isChristmasTitle = (title: string) => /^(Christmas Day|Boxing Day|New Year’s Day)/.test(title);

/**
 * Why a series with this rule does not run on `date` (the holiday's name), or null when it runs.
 * Christmas Day, Boxing Day and New Year's Day count on their own dates even at a weekend, and
 * their substitute days count too.
 */
export function bankHolidayClosure(date: string, rule: BankHolidayRule): string | null {
  if (rule === 'all') return null;
  const christmas = CHRISTMAS_DAYS[date.slice(5)];
  if (christmas) return christmas;
  const title = TITLES.get(date);
  if (!title) return null;
  return rule === 'none' || isChristmasTitle(title) ? title : null;
}

/** Every date some rule may leave a session out on, in these years: the bank holidays and the three Christmas days. */
export function possibleClosureDates(fromYear: number, toYear: number): string[] {
  const dates = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date).filter((d) => Number(d.slice(0, 4)) >= fromYear && Number(d.slice(0, 4)) <= toYear));
  for (let y = fromYear; y <= toYear; y++) for (const md of Object.keys(CHRISTMAS_DAYS)) dates.add(`${y}-${md}`);
  return [...dates].sort();
}
