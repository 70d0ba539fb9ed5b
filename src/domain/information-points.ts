import type { ActivitySession } from './directory.ts';
import { addDays, dateToUtc, isoWeekday, nextOccurrences } from './schedule.ts';
import { plural } from './plural.ts';

/**
 * Information points (issue 10, decision 035): the places and lines where people who are not online
 * can find out what is on — the monthly Heritage Café, the phone line, and libraries that hold the
 * printed pack. Each belongs to a scheme's area and is kept by its coordinators.
 */
export const INFORMATION_POINT_KINDS = [
  { code: 'heritage_cafe', label: 'Heritage Café' },
  { code: 'phone_line', label: 'Phone line' },
  { code: 'library', label: 'Library' },
] as const;
export type InformationPointKind = (typeof INFORMATION_POINT_KINDS)[number]['code'];

/** When a point is open or meets: weekly on a weekday, or monthly on the nth (or last, -1) weekday. */
export type InformationPointTime = {
  id: string;
  frequency: 'weekly' | 'monthly';
  weekday: number;
  weekOfMonth: number | null;
  startDate: string;
  startTime: string;
  endTime: string;
};

export type InformationPoint = {
  id: string;
  schemeId: string;
  schemeArea: string;
  kind: InformationPointKind;
  name: string;
  description: string;
  placeName: string;
  addressLine: string;
  town: string;
  postcode: string | null;
  phone: string | null;
  hoursNote: string;
  times: InformationPointTime[];
};

/**
 * Who will be there: a connector on duty at one of the point's meetings or opening hours. Their first
 * name, or null when they chose to be shown only as "a Heritage Connector" (decision 041).
 */
export type OnDuty = { startsAt: Date; endsAt: Date; connectorName: string | null };

/** "Heritage Connector there: Jo", "Heritage Connectors there: Jo and another connector", "A Heritage Connector will be there". */
export function whoIsThere(duty: readonly Pick<OnDuty, 'connectorName'>[]): string | null {
  if (duty.length === 0) return null;
  const named = [...new Set(duty.flatMap((d) => (d.connectorName ? [d.connectorName] : [])))];
  if (named.length === 0) return duty.length > 1 ? 'Heritage Connectors will be there' : 'A Heritage Connector will be there';
  const others = duty.filter((d) => !d.connectorName).length;
  const names = others === 0 ? named : [...named, plural(others, 'another connector', `${others} other connectors`)];
  const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${named.length + others > 1 ? 'Heritage Connectors' : 'Heritage Connector'} there: ${joined}`;
}

/** The connectors on duty during one occurrence (a shift overlapping its times). */
export const onDutyDuring = (duty: readonly OnDuty[], o: { start: Date; end: Date }) => duty.filter((d) => d.startsAt < o.end && d.endsAt > o.start);

export const kindLabel = (kind: InformationPointKind) => INFORMATION_POINT_KINDS.find((k) => k.code === kind)?.label ?? kind;

/**
 * A point's times as sessions, so the one schedule module (domain/schedule.ts) and the calendar feed
 * work them out: closed on bank holidays, like most cafés and phone lines.
 */
export function pointSessions(point: Pick<InformationPoint, 'id' | 'times'>): ActivitySession[] {
  return point.times.map((t) => ({
    id: t.id,
    activityId: point.id,
    frequency: t.frequency,
    weekday: t.weekday,
    weekOfMonth: t.weekOfMonth,
    startDate: t.startDate,
    endDate: null,
    startTime: t.startTime,
    endTime: t.endTime,
    note: '',
    bankHolidays: 'none',
    cancellations: [],
  }));
}

/** The point's meetings or opening hours from `from`, soonest first. */
export function nextPointTimes(point: Pick<InformationPoint, 'id' | 'times'>, from: Date, limit = 3) {
  return nextOccurrences(pointSessions(point), from, { limit, horizonDays: 120 });
}

/** A month as 'YYYY-MM': its first and last days. */
export function monthBounds(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const next =
    Number(month.slice(5, 7)) === 12
      ? `${Number(month.slice(0, 4)) + 1}-01-01`
      : `${month.slice(0, 4)}-${String(Number(month.slice(5, 7)) + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(next, -1) };
}

/** The month after the one `today` ('YYYY-MM-DD') is in: the pack's default. */
export function nextMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const MONTH_NAME = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
/** 'January 2027'. */
export const formatMonth = (month: string) => MONTH_NAME.format(new Date(dateToUtc(`${month}-01`)));

/** The Monday of the week a date is in (the pack groups by week, Monday to Sunday). */
export const weekStart = (date: string) => addDays(date, 1 - isoWeekday(date));
