import { z } from 'zod';
import { isRealDate, normaliseTime } from '../../../domain/listing-session.ts';
import { INFO_POINTS } from '../../../domain/signposting.ts';
import type { ShiftInput } from '../../../services/signposting.service.ts';
import { oneOf, optionalUuid, str, text, withDates } from '../../form-fields.ts';

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
      infoPoint: oneOf(INFO_POINTS, 'Choose the information point'),
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
