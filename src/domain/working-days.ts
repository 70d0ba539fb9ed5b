import { isBankHoliday } from './bank-holidays.ts';
import { addDays, isoWeekday, londonDate, londonInstant } from './schedule.ts';

/**
 * Working days in England and Wales: Monday to Friday, except bank holidays. Dates are London
 * calendar dates ('YYYY-MM-DD'); an instant (Date) is first read as the date London's clocks show.
 */
type DateLike = string | Date;

const asDate = (d: DateLike) => (typeof d === 'string' ? d : londonDate(d));

export function isWorkingDay(date: DateLike): boolean {
  const d = asDate(date);
  return isoWeekday(d) <= 5 && !isBankHoliday(d);
}

/**
 * The date `n` working days after `date` (before it when n is negative). The day itself does not
 * count, so a Friday plus 1 is the Monday. With n = 0 the date itself, or the next working day when
 * it is not one.
 */
export function addWorkingDays(date: DateLike, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError('n must be a whole number of working days');
  let d = asDate(date);
  if (n === 0) {
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/**
 * How many working days from `a` to `b`: the working days after `a` up to and including `b`
 * (negative when b is before a). So workingDaysBetween(d, addWorkingDays(d, n)) === n, and a reply
 * on the day a referral was sent took 0 working days.
 */
export function workingDaysBetween(a: DateLike, b: DateLike): number {
  const from = asDate(a);
  const to = asDate(b);
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count += 1;
  return count;
}

/** The last instant of a London calendar date (23:59:59.999, in summer or winter time). */
export function endOfLondonDay(date: string): Date {
  return new Date(londonInstant(addDays(date, 1), '00:00').getTime() - 1);
}

/** The start (midnight) of a London calendar date. */
export function startOfLondonDay(date: string): Date {
  return londonInstant(date, '00:00');
}

/** When a reply is due: the end of the nth working day after the instant something was sent. */
export function responseDueAt(sentAt: Date, workingDays: number): Date {
  return endOfLondonDay(addWorkingDays(sentAt, workingDays));
}
