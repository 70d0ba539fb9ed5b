import { z } from 'zod';
import { isRealDate, normaliseTime } from '../../../domain/listing-session.ts';
import { INFO_POINTS } from '../../../domain/signposting.ts';
import type { BookingInput, ShiftInput } from '../../../services/signposting.service.ts';
import { optionalUuid, str, text, ticked, UUID_PATTERN, withDates } from '../../form-fields.ts';

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

/** "Schedule a shift" at an information point, on one London date. Leave the connector blank for an open shift. */
export const shiftForm = withDates(
  ['date'],
  z
    .object({
      // A kind of place, or one of the scheme's information points by id (the service checks it is theirs).
      infoPoint: z.preprocess(
        str,
        z.string().refine((v) => INFO_POINTS.some((p) => p.code === v) || UUID_PATTERN.test(v), 'Choose the information point'),
      ),
      place: text('Place', 100),
      date: z.preprocess(
        trimmed,
        z
          .string()
          .min(1, 'Enter the date of the shift')
          .refine((v) => v === '' || isRealDate(v), 'The date must be a real date'),
      ),
      startTime: time('Enter a start time, like 10am', 'Start time'),
      endTime: time('Enter an end time, like 12pm', 'End time'),
      connectorId: optionalUuid('Choose a connector from the list'),
    })
    .superRefine((v, ctx) => {
      if (normaliseTime(v.startTime) && normaliseTime(v.endTime) && v.endTime <= v.startTime) {
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time must be after the start time' });
      }
    }),
) satisfies z.ZodType<ShiftInput>;

/** "I'll be there": a connector books one of an information point's times, from the duty page's list. */
export const bookingForm = z.object({
  startsAt: z.preprocess(
    str,
    z
      .string()
      .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(v) && !Number.isNaN(Date.parse(v)), 'Choose one of the times below')
      .transform((v) => new Date(v)),
  ),
  showFirstName: ticked,
}) satisfies z.ZodType<BookingInput>;
