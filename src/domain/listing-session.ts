import { z } from 'zod';
import type { ActivitySession } from './directory.ts';
import { validate } from './listing.ts';
import { isoWeekday } from './schedule.ts';
import { isCalendarDate } from './calendar-date.ts';
import { str as shared } from './form-fields.ts';

/** Validation of a session pattern and of a cancellation. Dates 'YYYY-MM-DD'; times 'HH:MM'. */
export type SessionInput = Omit<ActivitySession, 'id' | 'activityId' | 'cancellations'>;

const str = (v: unknown) => shared(v).trim();

/** Session dates: a real calendar day this century. */
export const isRealDate = (v: string): boolean => isCalendarDate(v, { from: 2000 });

/** '9:30', '09.30', '14:00' → 'HH:MM'; anything else → null. */
export function normaliseTime(v: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(v.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const time = (missing: string, label: string) =>
  z.preprocess(
    str,
    z
      .string()
      .min(1, missing)
      .refine((v) => v === '' || normaliseTime(v) !== null, `${label} must be a real time, like 10:00 or 14:30`)
      .transform((v) => normaliseTime(v) ?? v),
  );

export const sessionSchema = z
  .object({
    frequency: z.preprocess(str, z.enum(['weekly', 'fortnightly', 'monthly', 'once'], { error: 'Choose how often the session happens' })),
    weekday: z.preprocess(str, z.string()),
    weekOfMonth: z.preprocess(str, z.string()),
    startDate: z.preprocess(str, z.string().min(1, 'Enter the date of the first session').refine((v) => v === '' || isRealDate(v), 'Start date must be a real date')),
    endDate: z.preprocess(str, z.string().refine((v) => v === '' || isRealDate(v), 'End date must be a real date')),
    startTime: time('Enter a start time, like 10:00', 'Start time'),
    endTime: time('Enter an end time, like 12:00', 'End time'),
    note: z.preprocess(str, z.string().max(200, 'Note must be 200 characters or fewer')),
  })
  .superRefine((v, ctx) => {
    const repeating = v.frequency !== 'once';
    if (repeating && !/^[1-7]$/.test(v.weekday)) ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'Choose the day of the week' });
    if (v.frequency === 'monthly' && !['1', '2', '3', '4', '-1'].includes(v.weekOfMonth)) {
      ctx.addIssue({ code: 'custom', path: ['weekOfMonth'], message: 'Choose which week of the month' });
    }
    if (repeating && v.endDate && isRealDate(v.endDate) && isRealDate(v.startDate) && v.endDate < v.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'End date must be the same as or after the start date' });
    }
    if (normaliseTime(v.startTime) && normaliseTime(v.endTime) && v.endTime <= v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'End time must be after the start time' });
    }
  })
  .transform((v): SessionInput => {
    const once = v.frequency === 'once';
    return {
      frequency: v.frequency,
      weekday: once ? isoWeekday(v.startDate) : Number(v.weekday),
      weekOfMonth: v.frequency === 'monthly' ? Number(v.weekOfMonth) : null,
      startDate: v.startDate,
      endDate: once || v.endDate === '' ? null : v.endDate,
      startTime: v.startTime,
      endTime: v.endTime,
      note: v.note,
    };
  });

export const parseSession = (input: unknown): SessionInput => validate(sessionSchema, input);

export const cancellationSchema = z.object({
  date: z.preprocess(str, z.string().refine(isRealDate, 'Choose the date to cancel')),
  reason: z.preprocess(str, z.string().min(1, 'Enter a reason, like "Leader unwell"').max(200, 'Reason must be 200 characters or fewer')),
});

export const parseCancellation = (input: unknown): { date: string; reason: string } => validate(cancellationSchema, input);
