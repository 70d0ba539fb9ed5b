import { z } from 'zod';
import { BANK_HOLIDAY_RULES, type BankHolidayRule } from '../../../domain/bank-holidays.ts';
import type { Cancellation } from '../../../domain/directory.ts';
import { isRealDate, normaliseTime, type SessionInput } from '../../../domain/listing-session.ts';
import { isoWeekday } from '../../../domain/schedule.ts';
import { str, withDates } from '../../form-fields.ts';

const trimmed = (v: unknown) => str(v).trim();

const time = (missing: string, label: string) =>
  z.preprocess(
    trimmed,
    z
      .string()
      .min(1, missing)
      .refine((v) => v === '' || normaliseTime(v) !== null, `${label} must be a real time, like 10am, 2:30pm or 14:30`)
      .transform((v) => normaliseTime(v) ?? v),
  );

const BANK_HOLIDAY_CODES = BANK_HOLIDAY_RULES.map((r) => r.code) as [BankHolidayRule, ...BankHolidayRule[]];
/** Whether a series runs on bank holidays; a one-off date needs no answer (it runs on its date unless cancelled). */
export const bankHolidaysField = z.preprocess(trimmed, z.enum(BANK_HOLIDAY_CODES, { error: 'Choose whether it runs on bank holidays' }));

/** "Add a session": a pattern of dates and times. Dates arrive as day, month and year fields. */
export const sessionForm = withDates(
  ['startDate', 'endDate'],
  z
    .object({
      frequency: z.preprocess(trimmed, z.enum(['weekly', 'fortnightly', 'monthly', 'once'], { error: 'Choose how often the session happens' })),
      weekday: z.preprocess(trimmed, z.string()),
      weekOfMonth: z.preprocess(trimmed, z.string()),
      startDate: z.preprocess(
        trimmed,
        z
          .string()
          .min(1, 'Enter the date of the first session')
          .refine((v) => v === '' || isRealDate(v), 'Start date must be a real date'),
      ),
      endDate: z.preprocess(
        trimmed,
        z.string().refine((v) => v === '' || isRealDate(v), 'End date must be a real date'),
      ),
      startTime: time('Enter a start time, like 10am', 'Start time'),
      endTime: time('Enter an end time, like 12pm', 'End time'),
      note: z.preprocess(trimmed, z.string().max(200, 'Note must be 200 characters or fewer')),
      bankHolidays: z.preprocess((v) => (str(v).trim() === '' ? 'not_christmas' : v), bankHolidaysField),
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
        bankHolidays: once ? 'all' : v.bankHolidays,
      };
    }),
);

/** "Bank holidays" for a series already added. */
export const bankHolidaysForm = z.object({ bankHolidays: bankHolidaysField });

/** "Cancel a date": the service checks the date is one of the session's upcoming ones. */
export const cancellationForm = z.object({
  date: z.preprocess(trimmed, z.string().refine(isRealDate, 'Choose the date to cancel')),
  reason: z.preprocess(trimmed, z.string().min(1, 'Enter a reason, like "Leader unwell"').max(200, 'Reason must be 200 characters or fewer')),
}) satisfies z.ZodType<Cancellation>;
