import { z } from 'zod';
import { LONE_WORKING_MINUTES, type LoneWorkingSettings } from '../../../domain/buddy-scheme.ts';
import { optionalEmail, optionalPhone, optionalText, wholeNumber } from '../../form-fields.ts';

const { min, max } = LONE_WORKING_MINUTES;
const minutes = (label: string, blank: string) =>
  wholeNumber(label, '30', max, min)
    .refine((v) => v !== null, blank)
    .transform((v) => v as number);

/** A buddy scheme's lone-working settings (decision 028); the contact needs a way to be reached. */
export const loneWorkingForm = z
  .object({
    checkoutGraceMinutes: minutes('Minutes after the expected end', 'Enter how many minutes after the expected end a missed check-out raises an alert'),
    escalateAfterMinutes: minutes(
      'Minutes before it goes to the safeguarding contact',
      'Enter how many minutes an alert waits before it goes to the safeguarding contact',
    ),
    safeguardingName: optionalText('Name', 120),
    safeguardingPhone: optionalPhone('Phone number'),
    safeguardingEmail: optionalEmail('Email address'),
  })
  .superRefine((v, ctx) => {
    if (v.safeguardingName && !v.safeguardingPhone && !v.safeguardingEmail) {
      ctx.addIssue({
        code: 'custom',
        path: ['safeguardingEmail'],
        message: 'Enter an email address or a phone number, so alerts can reach the safeguarding contact',
      });
    }
    if (!v.safeguardingName && (v.safeguardingPhone || v.safeguardingEmail)) {
      ctx.addIssue({ code: 'custom', path: ['safeguardingName'], message: 'Enter the safeguarding contact’s name' });
    }
  }) satisfies z.ZodType<LoneWorkingSettings>;
