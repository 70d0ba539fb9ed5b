import { z } from 'zod';

/**
 * A day on the calendar written 'YYYY-MM-DD': the one parser for every date field and date filter.
 * '2026-02-30' and '0000-01-01' are not days (JavaScript's Date.parse accepts the first and PostgreSQL
 * refuses the second), so both are refused here, before anything reaches the database.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown, years: { from?: number; to?: number } = {}): value is string {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < (years.from ?? EARLIEST_YEAR) || year > (years.to ?? LATEST_YEAR)) return false;
  // A round trip through the calendar: 30 February comes back as 2 March.
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
}

/** The calendar date, or undefined when the text is not one. */
export function parseCalendarDate(value: unknown): string | undefined {
  return isCalendarDate(value) ? value : undefined;
}

/** A zod type for a date field or filter: a real 'YYYY-MM-DD' day between 1900 and 2100. */
export const calendarDate = (message = 'Enter a real date') => z.string().refine((v) => isCalendarDate(v), message);

// Calendar arithmetic on 'YYYY-MM-DD' days (in UTC, so no clock change moves a day).

const utc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The same day `months` later; the month's last day when it has no such day (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m, Math.min(d, lastDay)));
}

export const addDays = (date: string, days: number) => iso(utc(date) + days * 86_400_000);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((utc(to) - utc(from)) / 86_400_000);
