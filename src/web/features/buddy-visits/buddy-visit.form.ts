import { z } from 'zod';
import { DURATION_CHOICES, PERSON_SEEMED } from '../../../domain/buddy-visit.ts';
import type { AfterVisitInput, ExpenseInput, PlanVisitInput } from '../../../services/buddy-visit.service.ts';
import { isFullPostcode, normalisePostcode } from '../../../domain/contact-details.ts';
import { optionalText, required, str, text } from '../../form-fields.ts';

const minutes = (message: string) =>
  z
    .preprocess(
      str,
      z.string().refine((v) => DURATION_CHOICES.includes(Number(v)), message),
    )
    .transform(Number);

/** Check in: how long the visit should take, in 15-minute steps up to 4 hours. */
export const checkInForm = z.object({
  expectedMinutes: minutes('Choose how long the visit will take'),
});

/** Extend a running visit. */
export const extendForm = z.object({
  extraMinutes: minutes('Choose how much longer the visit will take'),
});

/** After the visit, in a few taps. */
export const afterVisitForm = z
  .object({
    happened: z.preprocess(str, z.enum(['yes', 'no'], { message: 'Say whether the visit happened' })).transform((v) => v === 'yes'),
    durationMinutes: z
      .preprocess(
        str,
        z.string().refine((v) => v === '' || DURATION_CHOICES.includes(Number(v)), 'Choose how long it took from the list'),
      )
      .transform((v) => (v === '' ? null : Number(v))),
    personSeemed: z
      .preprocess(
        str,
        z.string().refine((v) => v === '' || PERSON_SEEMED.some((t) => t.code === v), 'Choose how they seemed from the list'),
      )
      .transform((v) => (v === '' ? null : v)),
    noteForLead: optionalText('Note for your volunteer lead', 1000),
  })
  .transform((v) => ({
    ...v,
    durationMinutes: v.happened ? v.durationMinutes : null,
    personSeemed: v.happened ? v.personSeemed : null,
  })) satisfies z.ZodType<AfterVisitInput>;

/** The lead plans a visit: a session chosen from the activity's next ones, a meeting time and place, a buddy. */
export const planVisitForm = z.object({
  session: required('Choose the session they will go to', 'Session', 80),
  meetTime: z.preprocess(
    (v) => str(v).trim().replace('.', ':'),
    z
      .string()
      .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Enter the meeting time using the 24-hour clock, like 09:30')
      .transform((v) => v.padStart(5, '0')),
  ),
  meetingPoint: required('Enter where they will meet, like the museum’s front door', 'Meeting point', 200),
  volunteerId: required('Choose the buddy who will go with them', 'Buddy', 40),
}) satisfies z.ZodType<PlanVisitInput>;

/** Acknowledging an alert: what was done (optional). */
export const acknowledgeForm = z.object({ note: text('What you did', 500) });

const pounds = (label: string) =>
  z.preprocess(
    (v) => str(v).trim().replace(/^£/, ''),
    z
      .string()
      .refine((v) => v === '' || /^\d{1,3}(\.\d{1,2})?$/.test(v), `${label} must be an amount in pounds, like 3.50, up to £500`)
      .transform((v) => (v === '' ? 0 : Math.round(Number(v) * 100)))
      .refine((p) => p <= 50000, `${label} must be £500 or less`),
  );
const postcode = (label: string) =>
  z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .refine((v) => v === '' || isFullPostcode(normalisePostcode(v)), `Enter a full postcode for ${label}, like NG1 6EL`)
      .transform((v) => (v === '' ? null : normalisePostcode(v))),
  );

/** Expenses for one visit: miles driven with where it started and ended, fares, parking. No bank details. */
export const expenseForm = z.object({
  miles: z
    .preprocess(
      (v) => str(v).trim(),
      z.string().refine((v) => v === '' || (/^\d{1,3}(\.\d)?$/.test(v) && Number(v) <= 500), 'Miles must be a number like 6.5, up to 500'),
    )
    .transform((v) => (v === '' ? 0 : Number(v))),
  startPostcode: postcode('where you started'),
  endPostcode: postcode('where you finished'),
  publicTransportPence: pounds('Bus, tram or train fares'),
  parkingPence: pounds('Parking'),
}) satisfies z.ZodType<ExpenseInput>;
