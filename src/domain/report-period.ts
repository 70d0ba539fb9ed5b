/**
 * Report periods are whole calendar months (decision 012): a report never starts or ends part-way through
 * a month, so two reports can only differ by whole months of referrals. Months are written 2026-04.
 */
export type Month = { year: number; month: number };
export type MonthParse = { ok: true; value: Month } | { ok: false; message: string };

const MONTH = /^(\d{4})-(\d{2})$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

export function parseMonth(text: string): MonthParse {
  const s = text.trim();
  const m = MONTH.exec(s);
  if (!m) {
    return /^\d{4}-\d{1,2}-\d{1,2}$/.test(s)
      ? { ok: false, message: 'Reports cover whole months: enter a month without a day, for example 2026-04' }
      : { ok: false, message: 'Enter a month as year and month, for example 2026-04' };
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, message: 'Enter a real month: the month must be from 01 to 12' };
  if (year < FIRST_YEAR || year > LAST_YEAR) return { ok: false, message: `Enter a year from ${FIRST_YEAR} to ${LAST_YEAR}` };
  return { ok: true, value: { year, month } };
}

/** Months counted from year 0, so consecutive months are consecutive numbers. */
export const monthNumber = (m: Month) => m.year * 12 + (m.month - 1);

const pad = (n: number) => String(n).padStart(2, '0');
export const monthText = (m: Month) => `${m.year}-${pad(m.month)}`;
export const firstDay = (m: Month) => `${monthText(m)}-01`;
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const lastDay = (m: Month) => `${monthText(m)}-${m.month === 2 && leap(m.year) ? 29 : DAYS[m.month - 1]}`;

/** "April 2026". */
export const monthName = (m: Month) =>
  `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m.month - 1]} ${m.year}`;
