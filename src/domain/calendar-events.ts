import { BANK_HOLIDAYS_KNOWN_UNTIL } from './bank-holidays.ts';
import type { ActivitySession } from './directory.ts';
import { addDays, asPattern, closureOn, dateToUtc, londonInstant, nextOccurrences } from './schedule.ts';

/**
 * A session as one iCalendar event (RFC 5545), in Europe/London wall-clock time (issue 10, "Calendars
 * out"): a one-off as a single event; a series as its first date with a recurrence rule, the months
 * the activity runs in, and the dates it does not run (cancellations, bank holidays it skips) as
 * exclusions. Times are wall-clock strings 'YYYY-MM-DDTHH:MM:00' so no server time zone can move them.
 */
export type CalendarEvent = {
  uid: string;
  start: string;
  end: string;
  repeating: {
    freq: 'WEEKLY' | 'MONTHLY';
    interval: number;
    /** 'MO'…'SU' */
    byDay: string;
    /** Monthly: 1–4, or -1 for the last such weekday. */
    bySetPos: number | null;
    /** The months it runs in, when not all year. */
    byMonth: number[] | null;
    /** The end of its last day (an instant; RFC 5545 wants UNTIL in UTC), when it has one. */
    until: Date | null;
    exclude: string[];
  } | null;
};

const RFC_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** A long-running series starts its feed a little in the past, so calendars show recent dates too. */
const LOOK_BACK_DAYS = 42;
const wall = (date: string, time: string) => `${date}T${time.slice(0, 5)}:00`;

/** The session's events from `today` on (London date); null when it has no dates to come. */
export function calendarEventFor(session: ActivitySession, today: string, months: readonly number[]): CalendarEvent | null {
  const season = months.length > 0 && months.length < 12 ? [...months].sort((a, b) => a - b) : null;
  const uid = `session-${session.id}`;
  if (session.frequency === 'once') {
    if (session.startDate < today) return null;
    return { uid, start: wall(session.startDate, session.startTime), end: wall(session.startDate, session.endTime), repeating: null };
  }
  if (session.endDate && session.endDate < today) return null;
  const pattern = asPattern(session);
  const from = [session.startDate, addDays(today, -LOOK_BACK_DAYS)].sort()[1]!; // the later of the two dates
  const first = nextOccurrences([pattern], londonInstant(from, '00:00'), { limit: 1, months: season ?? undefined, horizonDays: 800 })[0];
  if (!first) return null;
  const last = session.endDate && session.endDate < BANK_HOLIDAYS_KNOWN_UNTIL ? session.endDate : BANK_HOLIDAYS_KNOWN_UNTIL;
  const horizonDays = Math.max(0, Math.round((dateToUtc(last) - dateToUtc(first.date)) / 86_400_000));
  const exclude = nextOccurrences([pattern], londonInstant(first.date, '00:00'), { limit: 5000, months: season ?? undefined, horizonDays })
    .filter((o) => closureOn(session, o.date) !== null)
    .map((o) => wall(o.date, session.startTime));
  const weekday = session.weekday ?? Number(new Date(dateToUtc(session.startDate)).getUTCDay() || 7);
  return {
    uid,
    start: wall(first.date, session.startTime),
    end: wall(first.date, session.endTime),
    repeating: {
      freq: session.frequency === 'monthly' ? 'MONTHLY' : 'WEEKLY',
      interval: session.frequency === 'fortnightly' ? 2 : 1,
      byDay: RFC_DAYS[weekday - 1] ?? 'MO',
      bySetPos: session.frequency === 'monthly' ? (session.weekOfMonth ?? 1) : null,
      byMonth: season,
      until: session.endDate ? londonInstant(session.endDate, '23:59') : null,
      exclude,
    },
  };
}
