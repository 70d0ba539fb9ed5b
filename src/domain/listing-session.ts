import type { ActivitySession } from './directory.ts';

/** A session pattern as a provider gives it (parsed at the edge). Dates 'YYYY-MM-DD'; times 'HH:MM'. */
export type SessionInput = Omit<ActivitySession, 'id' | 'activityId' | 'cancellations'>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

/** '9:30', '09.30', '14:00' → 'HH:MM'; anything else → null. */
export function normaliseTime(v: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(v.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
