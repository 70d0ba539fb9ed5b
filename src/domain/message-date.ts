import { formatLongDate, londonDate } from './schedule.ts';

/**
 * The one way a date is written in words sent to people: emails, texts, letters and timeline notes.
 * 'Saturday 5 December 2026', the calendar date in London for an instant, never '2026-12-05'.
 */
export function messageDate(date: Date | string): string {
  return formatLongDate(typeof date === 'string' ? date.slice(0, 10) : londonDate(date));
}
