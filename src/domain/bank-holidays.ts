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
