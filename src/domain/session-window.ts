import { type BankHolidayRule, bankHolidayClosure, possibleClosureDates } from './bank-holidays.ts';
import { addDays } from './calendar-date.ts';
import { londonClockTime } from './london-time.ts';
import { londonDate } from './schedule.ts';

/**
 * What counting sessions in bulk (insight's coverage, decision 050) needs besides the sessions: the
 * dates from today to the last day of a month ("YYYY-MM"), the time now in London (sessions today
 * that have ended do not count), and the dates each bank-holiday rule closes a series on.
 */
export function sessionWindow(now: Date, lastMonth: string): { today: string; last: string; nowTime: string } {
  const [y, m] = lastMonth.split('-').map(Number) as [number, number];
  const last = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
  return { today: londonDate(now), last, nowTime: londonClockTime(now) };
}

/** The dates a series with each rule that closes on some does not run, from one year to another (domain/bank-holidays.ts). */
export function bankHolidayClosures(fromYear: number, toYear: number): { date: string; rule: BankHolidayRule }[] {
  return possibleClosureDates(fromYear, toYear).flatMap((date) =>
    (['none', 'not_christmas'] as const).filter((rule) => bankHolidayClosure(date, rule)).map((rule) => ({ date, rule })),
  );
}
