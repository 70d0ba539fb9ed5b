import type { ActivitySession } from '../../domain/directory.ts';
import { describeSession, firstOccurrenceDate, formatLongDate, recurrenceRule } from '../../domain/schedule.ts';
import { MONTHS, labelOf } from '../../domain/vocabulary.ts';

/**
 * ORUK schedule from an activity session. Recurrence follows RFC 5545: freq WEEKLY (interval 2 for
 * fortnightly) or MONTHLY with an ordinal byday ("1TU", "-1FR"); a one-off session has no freq and
 * runs from valid_from to valid_to on one day. Times are Europe/London wall-clock times.
 */
export type ScheduleContext = { serviceId: string; serviceAtLocationId: string; link: string; months: readonly number[]; today: string };

const longDate = formatLongDate;

function seasonNote(months: readonly number[]): string {
  if (months.length === 0 || months.length >= 12) return '';
  const names = [...months].sort((a, b) => a - b).map((m) => labelOf(MONTHS, String(m)));
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return `Runs in ${listed} only.`;
}

function cancellationNote(session: ActivitySession, today: string): string {
  return session.cancellations
    .filter((c) => c.date >= today)
    .map((c) => `Not running on ${longDate(c.date)}${c.reason ? ` (${c.reason})` : ''}.`)
    .join(' ');
}

export function toOrukSchedule(session: ActivitySession, ctx: ScheduleContext) {
  const rule = recurrenceRule(session);
  const notes = [session.note.trim(), seasonNote(ctx.months), cancellationNote(session, ctx.today)].filter(Boolean).join(' ');
  return {
    id: session.id,
    service_id: ctx.serviceId,
    service_at_location_id: ctx.serviceAtLocationId,
    valid_from: session.startDate,
    valid_to: rule ? (session.endDate ?? undefined) : session.startDate,
    dtstart: firstOccurrenceDate(session) ?? session.startDate,
    freq: rule?.freq,
    interval: rule?.interval,
    byday: rule?.byDay,
    description: describeSession(session),
    opens_at: session.startTime,
    closes_at: session.endTime,
    schedule_link: ctx.link,
    attending_type: 'In person',
    notes: notes || undefined,
  };
}
