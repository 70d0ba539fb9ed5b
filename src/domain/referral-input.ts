import { z } from 'zod';
import { ValidationFailed, type FieldError } from './errors.ts';
import { isFullPostcode, normalisePostcode } from './geo.ts';
import { CONTACT_PREFERENCES, type ContactPreference } from './participant.ts';
import { DECLINE_REASONS, NEXT_STEPS, REFERRAL_STATUSES, STOP_REASONS, type ReferralStatus } from './referral.ts';
import { idempotencyKey, oneOf, parseWith, required, str, text, ticked, toList, uuid } from './form-fields.ts';
import { codesOf, type Term } from './vocabulary.ts';
import { isCalendarDate } from './calendar-date.ts';

/** Validation of the referral forms: referrer's draft, status changes, self-referral and connector referral. */
const parse = parseWith;

export const referralDraftSchema = z
  .object({
    activityId: uuid('Choose an activity'),
    barriersChecked: ticked,
    supportNeeds: text('Support needs', 1000),
    message: text('Message to the provider', 2000),
    fundedPlace: ticked,
    action: z.preprocess(str, z.enum(['draft', 'send'])).catch('draft'),
    idempotencyKey,
  })
  .superRefine((v, ctx) => {
    if (v.action === 'send' && !v.barriersChecked) {
      ctx.addIssue({ code: 'custom', path: ['barriersChecked'], message: 'Confirm you have checked travel, cost and access with them before sending' });
    }
  });
export type ReferralDraftInput = z.infer<typeof referralDraftSchema>;
export const parseReferralDraft = (input: unknown): ReferralDraftInput => parse(referralDraftSchema, input);

/** How to reach someone: the detail that matches their preference is required. */
export type ContactInput = { preferredName: string; contactPreference: ContactPreference; phone: string | null; email: string | null; address: string | null; postcode: string | null };

const contactShape = {
  preferredName: required('Enter the name they would like to be called', 'Name', 100),
  contactPreference: oneOf(CONTACT_PREFERENCES, 'Choose how they would like to be contacted'),
  phone: text('Phone number', 30),
  email: text('Email address', 200),
  address: text('Address', 300),
  postcode: text('Postcode', 10),
};

function contactIssues(v: { contactPreference: string; phone: string; email: string; address: string; postcode: string }): FieldError[] {
  const out: FieldError[] = [];
  const wantsPhone = v.contactPreference === 'phone' || v.contactPreference === 'text';
  if (wantsPhone && v.phone === '') out.push({ field: 'phone', message: 'Enter a phone number, as they would like a call or a text' });
  if (v.phone !== '' && !/^\+?[0-9 ()-]{10,20}$/.test(v.phone)) out.push({ field: 'phone', message: 'Enter a phone number, like 07700 900123' });
  if (v.contactPreference === 'email' && v.email === '') out.push({ field: 'email', message: 'Enter an email address, as they would like an email' });
  if (v.email !== '' && !z.email().safeParse(v.email).success) out.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
  if (v.contactPreference === 'letter' && v.address === '') out.push({ field: 'address', message: 'Enter an address, as they would like a letter' });
  if (v.postcode !== '' && !isFullPostcode(normalisePostcode(v.postcode))) out.push({ field: 'postcode', message: 'Enter a full postcode, like NR30 2LA' });
  return out;
}

const contactOf = (v: { preferredName: string; contactPreference: string; phone: string; email: string; address: string; postcode: string }): ContactInput => ({
  preferredName: v.preferredName,
  contactPreference: v.contactPreference as ContactPreference,
  phone: v.phone || null,
  email: v.email || null,
  address: v.address || null,
  postcode: v.postcode ? normalisePostcode(v.postcode) : null,
});

const withContactChecks = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape).superRefine((v, ctx) => {
    for (const e of contactIssues(v as never)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  });

/** What a person writes on the self-referral form is addressed to the provider, so no separate sharing consent is asked. */
export type SelfReferralInput = { contact: ContactInput; whatWouldHelp: string; supportNeeds: string; followUp: boolean; idempotencyKey: string };

const selfReferralSchema = withContactChecks({
  ...contactShape,
  whatWouldHelp: text('What would help', 2000),
  supportNeeds: text('Support needs', 1000),
  consentReferral: ticked.refine((v) => v, 'Tick the box to agree to being referred, so the provider can contact you'),
  consentFollowUp: ticked,
  idempotencyKey,
});

export function parseSelfReferral(input: unknown): SelfReferralInput {
  const v = parse(selfReferralSchema, input);
  return { contact: contactOf(v), whatWouldHelp: v.whatWouldHelp, supportNeeds: v.supportNeeds, followUp: v.consentFollowUp, idempotencyKey: v.idempotencyKey };
}

export type ConnectorReferralInput = { activityId: string; contact: ContactInput; supportNeeds: string; message: string; shareWithProvider: boolean; idempotencyKey: string };

const connectorReferralSchema = withContactChecks({
  activityId: uuid('Choose an activity'),
  ...contactShape,
  supportNeeds: text('Support needs', 1000),
  message: text('Message to the provider', 2000),
  consentVerbal: ticked.refine((v) => v, 'Confirm they agreed to being referred'),
  consentShare: ticked,
  idempotencyKey,
});

export function parseConnectorReferral(input: unknown): ConnectorReferralInput {
  const v = parse(connectorReferralSchema, input);
  return {
    activityId: v.activityId, contact: contactOf(v), supportNeeds: v.supportNeeds, message: v.message,
    shareWithProvider: v.consentShare, idempotencyKey: v.idempotencyKey,
  };
}

/** A requested status change, with what that status needs. */
export type StatusChangeInput = {
  from: ReferralStatus;
  to: ReferralStatus;
  note: string;
  reason: string | null;
  visit: { date: string; buddy: string | null; transport: string | null; fundedPlace: boolean } | null;
  nextSteps: string[];
  barriersChecked: boolean;
};

const STATUS_CODES = codesOf(REFERRAL_STATUSES);
const isRealDate = (v: string) => isCalendarDate(v);

/** The date input sends day, month and year separately. */
export function joinDateFields(body: Record<string, unknown>, name: string): string {
  const [d, m, y] = ['Day', 'Month', 'Year'].map((p) => str(body[`${name}${p}`]).trim());
  if (!d && !m && !y) return '';
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

export function parseStatusChange(input: unknown, today: string): StatusChangeInput {
  const b = (input ?? {}) as Record<string, unknown>;
  const from = str(b.from);
  const to = str(b.to);
  if (!STATUS_CODES.includes(from) || !STATUS_CODES.includes(to)) throw new ValidationFailed([{ field: 'form', message: 'Choose what to do with this referral' }]);
  const errors: FieldError[] = [];
  const note = str(b.note).trim();
  if (note.length > 1000) errors.push({ field: 'note', message: 'Note must be 1000 characters or fewer' });
  let reason: string | null = null;
  const reasoned = (vocab: readonly Term[], field: string, message: string) => {
    reason = str(b[field]);
    if (!codesOf(vocab).includes(reason)) errors.push({ field, message });
    else if (reason === 'other' && note === '') errors.push({ field: `${field}Other`, message: 'Explain the reason' });
  };
  if (to === 'declined') reasoned(DECLINE_REASONS, 'declineReason', 'Choose why you cannot accept this referral');
  if (to === 'stopped') reasoned(STOP_REASONS, 'stopReason', 'Choose why they stopped');
  let visit: StatusChangeInput['visit'] = null;
  if (to === 'first_visit_planned') {
    const date = joinDateFields(b, 'visitDate');
    if (date === '') errors.push({ field: 'visitDate', message: 'Enter the date of the first visit' });
    else if (!isRealDate(date)) errors.push({ field: 'visitDate', message: 'Date of the first visit must be a real date, like 3 12 2026' });
    else if (date < today) errors.push({ field: 'visitDate', message: 'Date of the first visit must be today or in the future' });
    const buddy = str(b.buddy).trim();
    const transport = str(b.transport).trim();
    if (buddy.length > 200) errors.push({ field: 'buddy', message: 'Buddy must be 200 characters or fewer' });
    if (transport.length > 300) errors.push({ field: 'transport', message: 'Transport must be 300 characters or fewer' });
    visit = { date, buddy: buddy || null, transport: transport || null, fundedPlace: str(b.fundedPlace) === 'yes' };
  }
  const nextSteps = [...new Set(toList(b.nextSteps))];
  if (to === 'completed' && (nextSteps.length === 0 || !nextSteps.every((s) => codesOf(NEXT_STEPS).includes(s)))) {
    errors.push({ field: 'nextSteps', message: 'Choose at least one next step' });
  }
  const barriersChecked = str(b.barriersChecked) === 'yes';
  if (to === 'sent' && !barriersChecked) errors.push({ field: 'barriersChecked', message: 'Confirm you have checked travel, cost and access with them before sending' });
  if (errors.length) throw new ValidationFailed(errors);
  return { from: from as ReferralStatus, to: to as ReferralStatus, note, reason, visit, nextSteps, barriersChecked };
}
