import { isCalendarDate } from './calendar-date.ts';
import type { ActivitySession } from './directory.ts';

/** A session pattern as a provider gives it (parsed at the edge). Dates 'YYYY-MM-DD'; times 'HH:MM'. */
export type SessionInput = Omit<ActivitySession, 'id' | 'activityId' | 'cancellations'>;

/** A real calendar date in a year a session or visit can be in (2000–2100). */
export const isRealDate = (v: string): boolean => isCalendarDate(v, { from: 2000, to: 2100 });

/** '9:30', '09.30', '14:00' → 'HH:MM'; anything else → null. */
export function normaliseTime(v: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(v.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
