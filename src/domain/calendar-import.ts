import ICAL from 'ical.js';
import type { Cancellation } from './directory.ts';
import type { SessionInput } from './listing-session.ts';
import { messageDate } from './message-date.ts';
import { addDays, dateToUtc, isoWeekday, utcToDate } from './schedule.ts';

/**
 * Reading a provider's own calendar (decision 037): an iCalendar file becomes the sessions our model
 * can hold (weekly, fortnightly, monthly on the nth weekday, one date), in Europe/London wall-clock
 * time. Anything it cannot hold is listed with a plain reason, never dropped.
 */

export const MAX_CALENDAR_BYTES = 1024 * 1024;
export const MAX_CALENDAR_EVENTS = 500;
/** Occurrences of one rule looked at to recognise its pattern and check its times (over a year for weekly). */
const SAMPLE = 60;
const MAX_COUNT = 1000;
const CANCELLED_REASON = 'Not running (from the provider’s calendar)';

export type ImportedSession = SessionInput & { cancellations: Cancellation[] };
export type SkippedEvent = { title: string; when: string; reason: string };
export type CalendarReading = { ok: true; sessions: ImportedSession[]; skipped: SkippedEvent[] } | { ok: false; message: string };

/** Outlook names its zones the Windows way; the ones a UK provider's calendar is likely to carry. */
const WINDOWS_ZONES: Record<string, string> = {
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GTB Standard Time': 'Europe/Bucharest',
  'Irish Standard Time': 'Europe/Dublin',
  'Eastern Standard Time': 'America/New_York',
  'Pacific Standard Time': 'America/Los_Angeles',
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
};

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** A wall-clock reading in Europe/London. */
type London = { date: string; time: string };

function london(instant: number): London {
  const p = Object.fromEntries(LONDON.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function ianaZone(name: string): Intl.DateTimeFormat | null {
  if (formatters.has(name)) return formatters.get(name) ?? null;
  try {
    const f = new Intl.DateTimeFormat('en-GB', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(name, f);
    return f;
  } catch {
    return null;
  }
}

function offsetIn(f: Intl.DateTimeFormat, instant: number): number {
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };
type Zone = (wall: Wall) => number;

const wallMs = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zones of one file: known names (IANA or Windows) by the system's rules, others by the file's own VTIMEZONE. */
function zoneResolver(calendar: ICAL.Component) {
  const own = new Map<string, ICAL.Timezone>();
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = String(vtz.getFirstPropertyValue('tzid') ?? '');
    if (tzid) own.set(tzid, new ICAL.Timezone(vtz));
  }
  return (tzid: string | null, utc: boolean): Zone | null => {
    if (utc || tzid === 'UTC' || tzid === 'Etc/UTC' || tzid === 'Z') return wallMs;
    const name = tzid ? (WINDOWS_ZONES[tzid] ?? tzid.replace(/^\/(?:[^/]+\/){0,3}(?=[A-Z][a-z]+\/)/, '')) : 'Europe/London';
    const f = ianaZone(name);
    if (f) {
      return (w) => {
        const wall = wallMs(w);
        let instant = wall - offsetIn(f, wall);
        instant = wall - offsetIn(f, instant);
        return instant;
      };
    }
    const tz = tzid ? own.get(tzid) : undefined;
    if (!tz) return null;
    return (w) => {
      const t = ICAL.Time.fromData({ ...w, isDate: false });
      return wallMs(w) - tz.utcOffset(t) * 1000;
    };
  };
}

class UnknownZone extends Error {}

function wallOf(t: ICAL.Time): Wall {
  return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
}

const isUtc = (t: ICAL.Time) => t.zone === ICAL.Timezone.utcTimezone || t.toString().endsWith('Z');

function reader(calendar: ICAL.Component) {
  const zoneFor = zoneResolver(calendar);
  return (t: ICAL.Time, tzid: string | null): London => {
    if (t.isDate) return { date: `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`, time: '00:00' };
    const zone = zoneFor(tzid, isUtc(t));
    if (!zone) throw new UnknownZone(tzid ?? '');
    return london(zone(wallOf(t)));
  };
}

const tzidOf = (p: ICAL.Property | null) => {
  const v = p?.getParameter('tzid');
  return typeof v === 'string' ? v : null;
};

/** 'Tuesday 6 January 2026', or '… at 10:00'. */
function spoken(date: string, time?: string) {
  return time ? `${messageDate(date)} at ${time}` : messageDate(date);
}

const nthOfMonth = (date: string) => Math.ceil(Number(date.slice(8, 10)) / 7);
const isLastOfMonth = (date: string) => addDays(date, 7).slice(0, 7) !== date.slice(0, 7);
const gap = (a: string, b: string) => Math.round((dateToUtc(b) - dateToUtc(a)) / 86_400_000);

/** The pattern in our model that gives exactly these dates (all on one weekday), or null. */
function patternOf(dates: string[]): Pick<SessionInput, 'frequency' | 'weekday' | 'weekOfMonth'> | null {
  const weekday = isoWeekday(dates[0]!);
  if (dates.some((d) => isoWeekday(d) !== weekday)) return null;
  if (dates.length === 1) return null;
  const gaps = dates.slice(1).map((d, i) => gap(dates[i]!, d));
  if (gaps.every((g) => g === 7)) return { frequency: 'weekly', weekday, weekOfMonth: null };
  if (gaps.every((g) => g === 14)) return { frequency: 'fortnightly', weekday, weekOfMonth: null };
  const months = dates.map((d) => d.slice(0, 7));
  if (new Set(months).size !== months.length) return null;
  const consecutive = months.slice(1).every((m, i) => {
    const [y, mo] = months[i]!.split('-').map(Number) as [number, number];
    return m === (mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`);
  });
  if (!consecutive) return null;
  const nth = nthOfMonth(dates[0]!);
  if (nth <= 4 && dates.every((d) => nthOfMonth(d) === nth)) return { frequency: 'monthly', weekday, weekOfMonth: nth };
  if (dates.every(isLastOfMonth)) return { frequency: 'monthly', weekday, weekOfMonth: -1 };
  return null;
}

const RULE_WORDS: Record<string, string> = {
  DAILY: 'It repeats every day',
  YEARLY: 'It repeats once a year',
  HOURLY: 'It repeats every hour',
  MINUTELY: 'It repeats every minute',
  SECONDLY: 'It repeats every second',
};

function notCalendar(text: string): string | null {
  if (text.length > MAX_CALENDAR_BYTES) return 'The calendar must be smaller than 1 MB';
  if (text.includes('\u0000') || text.includes('\uFFFD')) return 'The file is not a calendar. Choose an iCalendar file (it ends .ics)';
  if (!/^\uFEFF?\s*BEGIN:VCALENDAR/i.test(text)) return 'The file is not a calendar. Choose an iCalendar file (it ends .ics)';
  return null;
}

/**
 * Reads an iCalendar text into sessions, as of `today` (London). Whole-file problems (not a
 * calendar, malformed, too many events, a time zone we do not know) are one message; events that
 * our sessions cannot represent are listed in `skipped` with the reason.
 */
export function readCalendar(text: string, today: string): CalendarReading {
  const refused = notCalendar(text);
  if (refused) return { ok: false, message: refused };
  let calendar: ICAL.Component;
  try {
    const parsed = ICAL.parse(text.replace(/^\uFEFF/, ''));
    calendar = new ICAL.Component(Array.isArray(parsed[0]) ? parsed[0] : parsed);
    if (calendar.name !== 'vcalendar') throw new Error('not a calendar');
  } catch {
    return { ok: false, message: 'The calendar could not be read: it is not valid iCalendar. Export it again from your calendar and try once more' };
  }
  const events = calendar.getAllSubcomponents('vevent');
  if (events.length === 0) return { ok: false, message: 'The calendar has no events in it' };
  if (events.length > MAX_CALENDAR_EVENTS) {
    return {
      ok: false,
      message: `The calendar has ${events.length} events; Waymark can read up to ${MAX_CALENDAR_EVENTS}. Share a calendar with just this activity’s sessions`,
    };
  }
  try {
    return readEvents(calendar, events, today);
  } catch (err) {
    if (err instanceof UnknownZone) {
      return {
        ok: false,
        message: `The calendar uses a time zone Waymark does not know (“${err.message.slice(0, 60)}”). Set the events’ time zone to London and try again`,
      };
    }
    return {
      ok: false,
      message: 'The calendar could not be read: some of its events are not valid iCalendar. Export it again from your calendar and try once more',
    };
  }
}

function readEvents(calendar: ICAL.Component, events: ICAL.Component[], today: string): CalendarReading {
  const read = reader(calendar);
  const sessions: ImportedSession[] = [];
  const skipped: SkippedEvent[] = [];
  /** Occurrences moved or cancelled one at a time (RECURRENCE-ID): the series does not run on the original date. */
  const moved = new Map<string, string[]>();
  const masters: ICAL.Component[] = [];

  for (const vevent of events) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    const rid = vevent.getFirstProperty('recurrence-id');
    if (!rid) {
      masters.push(vevent);
      continue;
    }
    const original = read(rid.getFirstValue() as ICAL.Time, tzidOf(rid)).date;
    moved.set(uid, [...(moved.get(uid) ?? []), original]);
    if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() !== 'CANCELLED') masters.push(vevent); // the moved date, as one date
  }

  for (const vevent of masters) {
    const title =
      String(vevent.getFirstPropertyValue('summary') ?? '')
        .trim()
        .slice(0, 200) || 'Untitled event';
    const skip = (when: string, reason: string) => skipped.push({ title, when, reason });
    const startProp = vevent.getFirstProperty('dtstart');
    if (!startProp) {
      skip('no date', 'It has no start date');
      continue;
    }
    const dtstart = startProp.getFirstValue() as ICAL.Time;
    const start = read(dtstart, tzidOf(startProp));
    if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
      skip(spoken(start.date), 'It is marked as cancelled in the calendar');
      continue;
    }
    if (dtstart.isDate) {
      skip(spoken(start.date), 'It is an all-day event; a session needs a start and end time. Add it as a session with its times');
      continue;
    }
    const endProp = vevent.getFirstProperty('dtend');
    const durationValue = vevent.getFirstPropertyValue('duration') as ICAL.Duration | null;
    const lengthMs = endProp
      ? Math.max(0, (endProp.getFirstValue() as ICAL.Time).toUnixTime() - dtstart.toUnixTime()) * 1000
      : durationValue
        ? durationValue.toSeconds() * 1000
        : 0;
    const endTime = (s: { date: string; time: string }) => {
      const ms = Date.parse(`${s.date}T${s.time}:00Z`) + lengthMs;
      return utcToDate(ms) === s.date ? new Date(ms).toISOString().slice(11, 16) : null;
    };
    const startEnd = endTime(start);
    if (!startEnd || startEnd <= start.time) {
      skip(spoken(start.date, start.time), lengthMs === 0 ? 'It has no end time' : 'It runs past midnight; a session starts and ends on the same day');
      continue;
    }
    const note = title === 'Untitled event' ? '' : title;
    const rrule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    if (!rrule) {
      if (start.date < today) skip(spoken(start.date, start.time), 'This date has passed');
      else
        sessions.push({
          frequency: 'once',
          weekday: isoWeekday(start.date),
          weekOfMonth: null,
          startDate: start.date,
          endDate: null,
          startTime: start.time,
          endTime: startEnd,
          note,
          bankHolidays: 'all',
          cancellations: [],
        });
      continue;
    }
    const when = `from ${spoken(start.date, start.time)}`;
    if (RULE_WORDS[rrule.freq]) {
      skip(
        when,
        `${RULE_WORDS[rrule.freq]}; Waymark sessions repeat weekly, fortnightly or monthly on one weekday. Add it as one weekly session for each day instead`,
      );
      continue;
    }
    if (rrule.count && rrule.count > MAX_COUNT) {
      skip(when, `It repeats ${rrule.count} times; Waymark can read a series of up to ${MAX_COUNT} dates`);
      continue;
    }
    // The rule's own dates (not its exceptions), as London wall-clock dates and times.
    const iterator = rrule.iterator(dtstart);
    const sample: { date: string; time: string }[] = [];
    let last: { date: string; time: string } | null = null;
    const limit = rrule.count ? Math.min(rrule.count, MAX_COUNT) : SAMPLE;
    for (let next = iterator.next(); next && sample.length < limit; next = iterator.next()) {
      const occ = read(next, tzidOf(startProp));
      sample.push(occ);
      last = occ;
    }
    if (sample.length === 0) {
      skip(when, 'Its repeat rule gives no dates');
      continue;
    }
    const endDate = rrule.until
      ? read(rrule.until, rrule.until.isDate ? null : isUtc(rrule.until) ? 'UTC' : tzidOf(startProp)).date
      : rrule.count
        ? (last?.date ?? null)
        : null;
    if (endDate && endDate < today) {
      skip(when, `The series ended on ${spoken(endDate)}`);
      continue;
    }
    if (sample.some((o) => o.time !== start.time)) {
      skip(
        when,
        'Its time moves when the clocks change, because the calendar keeps it in another time zone. Set the event’s time zone to London and try again',
      );
      continue;
    }
    const exdates = vevent
      .getAllProperties('exdate')
      .flatMap((p) => p.getValues().map((v) => read(v as ICAL.Time, tzidOf(p)).date))
      .concat(moved.get(String(vevent.getFirstPropertyValue('uid') ?? '')) ?? []);
    // BYDAY with several days is one session per weekday.
    const byWeekday = new Map<number, string[]>();
    for (const o of sample) byWeekday.set(isoWeekday(o.date), [...(byWeekday.get(isoWeekday(o.date)) ?? []), o.date]);
    const patterns = [...byWeekday.values()].map((dates) => ({ dates, pattern: patternOf(dates) }));
    if (patterns.some((p) => !p.pattern)) {
      skip(
        when,
        `Its repeat rule (${ruleText(rrule)}) is not one Waymark can show: sessions repeat weekly, fortnightly, or monthly on the first, second, third, fourth or last weekday`,
      );
      continue;
    }
    for (const { dates, pattern } of patterns) {
      const weekday = pattern!.weekday;
      const first = dates[0]!;
      sessions.push({
        ...pattern!,
        startDate: first,
        endDate,
        startTime: start.time,
        endTime: startEnd,
        note,
        bankHolidays: 'all',
        cancellations: [...new Set(exdates)]
          .filter((d) => d >= first && (!endDate || d <= endDate) && isoWeekday(d) === weekday)
          .sort()
          .map((date) => ({ date, reason: CANCELLED_REASON })),
      });
    }
  }
  return { ok: true, sessions, skipped };
}

function ruleText(r: ICAL.Recur): string {
  return r.toString().slice(0, 80);
}
