import { isCalendarDate } from './calendar-date.ts';
import type { ActivitySession } from './directory.ts';

/** A session pattern as a provider gives it (parsed at the edge). Dates 'YYYY-MM-DD'; times 'HH:MM'. */
export type SessionInput = Omit<ActivitySession, 'id' | 'activityId' | 'cancellations'>;

/** A real calendar date in a year a session or visit can be in (2000–2100). */
export const isRealDate = (v: string): boolean => isCalendarDate(v, { from: 2000, to: 2100 });

/**
 * A time as people write it → 'HH:MM' (24-hour), or null. The site writes times the GOV.UK way
 * ('10am', '2:30pm', formatTime in schedule.ts), so those are accepted, as are the 24-hour clock
 * ('14:30', '14.30', '1430') and 'midday' or 'noon'.
 */
export function normaliseTime(v: string): string | null {
  const t = v.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'midday' || t === 'noon' || t === '12 noon' || t === '12 midday') return '12:00';
  const twelve = /^(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.?m\.?$/.exec(t);
  if (twelve) {
    const h = Number(twelve[1]);
    const min = Number(twelve[2] ?? '0');
    if (h < 1 || h > 12 || min > 59) return null;
    return clock((h % 12) + (twelve[3] === 'p' ? 12 : 0), min);
  }
  const day = /^(\d{1,2})[:.](\d{2})$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!day) return null;
  const h = Number(day[1]);
  const min = Number(day[2]);
  if (h > 23 || min > 59) return null;
  return clock(h, min);
}

const clock = (h: number, min: number) => `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
