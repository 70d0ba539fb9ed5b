import { bankHolidayClosure } from './bank-holidays.ts';
import type { ActivitySession, Occurrence } from './directory.ts';

/**
 * Session recurrence in Europe/London wall-clock time. A session at 10am stays at 10am across
 * the clock changes; the instant (UTC) moves by an hour.
 */
const ZONE = 'Europe/London';
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ORDINALS: Record<string, string> = { '1': 'First', '2': 'Second', '3': 'Third', '4': 'Fourth', '-1': 'Last' };

/** Calendar date arithmetic on 'YYYY-MM-DD' strings, done in UTC so no zone can shift a day. */
export const dateToUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
export const utcToDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => utcToDate(dateToUtc(date) + days * DAY_MS);
/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string) => ((new Date(dateToUtc(date)).getUTCDay() + 6) % 7) + 1;

// Formatters are built once: constructing an Intl.DateTimeFormat costs ~100 µs, and search pages use many.
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** Today's date in London. */
export function londonDate(instant: Date): string {
  return LONDON_DATE.format(instant);
}

/** 'Saturday 5 December 2026' for a calendar date. */
export function formatLongDate(date: string): string {
  return LONG_DATE.format(new Date(dateToUtc(date))).replace(',', '');
}

function londonOffsetMs(instant: number): number {
  const parts = LONDON_PARTS.formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which London's clocks show `time` on `date`. A time skipped by the spring clock change moves on an hour. */
export function londonInstant(date: string, time: string): Date {
  const wall = Date.parse(`${date}T${time.slice(0, 5)}:00Z`);
  let instant = wall - londonOffsetMs(wall);
  instant = wall - londonOffsetMs(instant);
  return new Date(instant);
}

function matchesDate(session: ActivitySession, date: string, months: readonly number[] | undefined): boolean {
  if (date < session.startDate) return false;
  if (session.endDate && date > session.endDate) return false;
  if (months && months.length > 0 && !months.includes(Number(date.slice(5, 7)))) return false;
  if (session.cancellations.some((c) => c.date === date)) return false;
  if (bankHolidayClosure(date, session.bankHolidays)) return false;
  if (session.frequency === 'once') return date === session.startDate;
  const weekday = session.weekday ?? isoWeekday(session.startDate);
  if (isoWeekday(date) !== weekday) return false;
  if (session.frequency === 'weekly') return true;
  if (session.frequency === 'fortnightly') {
    const firstOffset = (weekday - isoWeekday(session.startDate) + 7) % 7;
    const anchor = addDays(session.startDate, firstOffset);
    return Math.round((dateToUtc(date) - dateToUtc(anchor)) / DAY_MS) % 14 === 0;
  }
  // monthly: the nth (or last) such weekday of the month
  const day = Number(date.slice(8, 10));
  if (session.weekOfMonth === -1) return addDays(date, 7).slice(0, 7) !== date.slice(0, 7);
  return Math.ceil(day / 7) === (session.weekOfMonth ?? 1);
}

/**
 * The next occurrences of some sessions at or after `from`, soonest first.
 * `months` restricts to the months an activity runs in (1–12); empty means all year.
 */
export function nextOccurrences(
  sessions: readonly ActivitySession[],
  from: Date,
  opts: { limit?: number; horizonDays?: number; months?: readonly number[] } = {},
): Occurrence[] {
  const limit = opts.limit ?? 5;
  const horizon = opts.horizonDays ?? 400;
  const today = londonDate(from);
  const found: Occurrence[] = [];
  for (let i = 0; i <= horizon && found.length < limit; i++) {
    const date = addDays(today, i);
    const todays: Occurrence[] = [];
    for (const s of sessions) {
      if (!matchesDate(s, date, opts.months)) continue;
      const end = londonInstant(date, s.endTime);
      if (end <= from) continue; // already finished today
      todays.push({ sessionId: s.id, date, start: londonInstant(date, s.startTime), end });
    }
    todays.sort((a, b) => a.start.getTime() - b.start.getTime());
    found.push(...todays);
  }
  return found.slice(0, limit);
}

export function timeOfDay(time: string): 'morning' | 'afternoon' | 'evening' {
  const hour = Number(time.slice(0, 2));
  if (hour < 12) return 'morning';
  if (hour < 17) return 'afternoon';
  return 'evening';
}

/**
 * A session that still has dates to come (today included): a one-off on or after today, or a
 * pattern with no last date or one not yet passed. Ended sessions are history: they are not shown
 * to the public, not published as open data, and a provider cannot add one.
 */
export function isCurrentSession(s: Pick<ActivitySession, 'frequency' | 'startDate' | 'endDate'>, today: string): boolean {
  return s.frequency === 'once' ? s.startDate >= today : !s.endDate || s.endDate >= today;
}

/** Fields stored on the activity so search can filter on one table. */
export function deriveSessionFields(sessions: readonly ActivitySession[], now: Date, months?: readonly number[]) {
  const today = londonDate(now);
  const current = sessions.filter((s) => isCurrentSession(s, today));
  const days = new Set<number>();
  const times = new Set<string>();
  for (const s of current) {
    days.add(s.frequency === 'once' ? isoWeekday(s.startDate) : (s.weekday ?? isoWeekday(s.startDate)));
    times.add(timeOfDay(s.startTime));
  }
  const next = nextOccurrences(current, now, { limit: 1, months })[0];
  return {
    sessionDays: [...days].sort(),
    sessionTimes: [...times].sort(),
    nextSessionAt: next?.start ?? null,
    nextSessionEndAt: next?.end ?? null,
  };
}

/** The session's bare pattern: no cancelled dates, no bank holidays left out. */
export const asPattern = (session: ActivitySession): ActivitySession => ({ ...session, cancellations: [], bankHolidays: 'all' });

/**
 * Why a session does not run on a date its pattern gives: a cancellation's reason, or a bank
 * holiday's name (the series does not run then); null when it runs.
 */
export function closureOn(session: ActivitySession, date: string): { kind: 'cancelled' | 'bank_holiday'; reason: string } | null {
  const cancellation = session.cancellations.find((c) => c.date === date);
  if (cancellation) return { kind: 'cancelled', reason: cancellation.reason };
  const holiday = bankHolidayClosure(date, session.bankHolidays);
  return holiday ? { kind: 'bank_holiday', reason: holiday } : null;
}

/** The first date of a session's pattern on or after its start date (ignoring cancellations, bank holidays and season), or null. */
export function firstOccurrenceDate(session: ActivitySession): string | null {
  const pattern = asPattern(session);
  for (let i = 0; i < 400; i++) {
    const date = addDays(session.startDate, i);
    if (session.endDate && date > session.endDate) return null;
    if (matchesDate(pattern, date, undefined)) return date;
  }
  return null;
}

const RFC_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The session's pattern as an RFC 5545 recurrence (FREQ, INTERVAL, BYDAY), for ORUK schedules and
 * iCalendar feeds. Null for a one-off session.
 */
export function recurrenceRule(
  session: Pick<ActivitySession, 'frequency' | 'weekday' | 'weekOfMonth' | 'startDate'>,
): { freq: 'WEEKLY' | 'MONTHLY'; interval: number; byDay: string } | null {
  const day = RFC_DAYS[(session.weekday ?? isoWeekday(session.startDate)) - 1] ?? 'MO';
  switch (session.frequency) {
    case 'weekly':
      return { freq: 'WEEKLY', interval: 1, byDay: day };
    case 'fortnightly':
      return { freq: 'WEEKLY', interval: 2, byDay: day };
    case 'monthly':
      return { freq: 'MONTHLY', interval: 1, byDay: `${session.weekOfMonth ?? 1}${day}` };
    case 'once':
      return null;
  }
}

/** GOV.UK style for a wall-clock 'HH:MM': 10am, 2:30pm, 12pm (midday). */
export function formatTime(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const suffix = h >= 12 ? 'pm' : 'am';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${h12}${suffix}` : `${h12}:${String(m).padStart(2, '0')}${suffix}`;
}

export function formatTimeRange(start: string, end: string): string {
  return `${formatTime(start)} to ${formatTime(end)}`;
}

/** Plain-English pattern: "Every Tuesday, 10am to 12pm". */
export function describeSession(s: Pick<ActivitySession, 'frequency' | 'weekday' | 'weekOfMonth' | 'startDate' | 'startTime' | 'endTime'>): string {
  const dayName = WEEKDAY_NAMES[(s.weekday ?? isoWeekday(s.startDate)) - 1] ?? '';
  const times = formatTimeRange(s.startTime, s.endTime);
  switch (s.frequency) {
    case 'weekly':
      return `Every ${dayName}, ${times}`;
    case 'fortnightly':
      return `Every other ${dayName}, ${times}`;
    case 'monthly':
      return `${ORDINALS[String(s.weekOfMonth ?? 1)]} ${dayName} of each month, ${times}`;
    case 'once': {
      return `${formatLongDate(s.startDate)} only, ${times}`;
    }
  }
}
