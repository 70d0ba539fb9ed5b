import { z } from 'zod';
import { isCalendarDate } from '../../../domain/calendar-date.ts';
import { DBS_STATUS_RESULTS, RECRUITMENT_STEPS, type DbsStatusResult, type RecruitmentStep } from '../../../domain/volunteer-checks.ts';
import { terms } from '../../../domain/vocabulary.ts';
import type { CheckInput, CheckTypeInput, StatusCheckInput, StepInput } from '../../../services/volunteer-recruitment.service.ts';
import { oneOf, optionalText, required, toList, uuid, UUID_PATTERN, withDates } from '../../form-fields.ts';

/** A date from the NHS.UK date input (day, month, year), required or blank (null). */
const date = (missing: string, label: string) =>
  z.preprocess(
    (v) => String(v ?? '').trim(),
    z
      .string()
      .min(1, missing)
      .refine((v) => isCalendarDate(v), `${label} must be a real date, like 14 3 2026`),
  );
const optionalDate = (label: string) =>
  z
    .preprocess(
      (v) => String(v ?? '').trim(),
      z.string().refine((v) => v === '' || isCalendarDate(v), `${label} must be a real date, like 14 3 2028, or leave it blank`),
    )
    .transform((v) => (v === '' ? null : v));

/** "Record a recruitment step": which step and the day it was done. */
export const stepForm = withDates(
  ['doneOn'],
  z.object({
    step: oneOf(RECRUITMENT_STEPS, 'Choose the step'),
    doneOn: date('Enter the date', 'The date'),
  }),
).transform((v): StepInput => ({ step: v.step as RecruitmentStep, doneOn: v.doneOn })) satisfies z.ZodType<StepInput>;

/** "Record training or a check": evidence and expiry together. */
export const checkForm = withDates(
  ['doneOn', 'expiresOn'],
  z.object({
    checkTypeId: uuid('Choose the training or check'),
    doneOn: date('Enter the date it was done or issued', 'The date it was done'),
    expiresOn: optionalDate('The expiry or review date'),
    reference: optionalText('Certificate or reference number', 60),
  }),
) satisfies z.ZodType<CheckInput>;

/** "Record a DBS Update Service status check", with the volunteer's consent. */
export const statusCheckForm = withDates(
  ['checkedOn', 'consentOn'],
  z.object({
    checkedOn: date('Enter the date of the status check', 'The date of the status check'),
    consentOn: date('Enter the date the volunteer agreed to the check', 'The date they agreed'),
    result: oneOf(DBS_STATUS_RESULTS, 'Choose the result of the status check'),
  }),
).transform(
  (v): StatusCheckInput => ({ checkedOn: v.checkedOn, consentOn: v.consentOn, result: v.result as DbsStatusResult }),
) satisfies z.ZodType<StatusCheckInput>;

/** "Record a conversation" with someone who sent an expression of interest. */
export const conversationForm = withDates(['conversationOn'], z.object({ conversationOn: date('Enter the date of the conversation', 'The date') }));

/** "Invite to an account": the address the invitation goes to (and they sign in with). */
export const inviteForm = z.object({
  email: required('Enter the email address to send the invitation to', 'Email address', 200)
    .transform((v) => v.toLowerCase())
    .refine((v) => z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.org'),
});

export const CHECK_KINDS = terms([
  { code: 'training', label: 'Training' },
  { code: 'check', label: 'Check', hint: 'For example, a certificate or document seen' },
] as const);

/** An administrator adds a type of training or check, and which roles require it. */
export const checkTypeForm = z
  .object({
    name: required('Enter the name of the training or check', 'Name', 100),
    kind: oneOf(CHECK_KINDS, 'Choose whether it is training or a check'),
    validMonths: z.preprocess(
      (v) => String(v ?? '').trim(),
      z
        .string()
        .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 120), 'Months must be a whole number from 1 to 120, or leave it blank')
        .transform((v) => (v === '' ? null : Number(v))),
    ),
    roleIds: z.preprocess(
      toList,
      z.array(z.string()).refine((l) => l.every((id) => UUID_PATTERN.test(id)), 'Choose roles from the list'),
    ),
  })
  .transform(
    (v): CheckTypeInput => ({ name: v.name, kind: v.kind as CheckTypeInput['kind'], validMonths: v.validMonths, roleIds: [...new Set(v.roleIds)] }),
  ) satisfies z.ZodType<CheckTypeInput>;
