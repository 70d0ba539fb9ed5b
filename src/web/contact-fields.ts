import { z } from 'zod';
import {
  isFullPostcode,
  isMobile,
  isOutcode,
  MOBILE_EXAMPLE,
  normalisePhone,
  normalisePostcode,
  PHONE_EXAMPLE,
  POSTCODE_EXAMPLE,
} from '../domain/contact-details.ts';
import type { FieldError } from '../domain/errors.ts';
import { CONTACT_PREFERENCES, type ContactPreference } from '../domain/participant.ts';
import type { ContactInput } from '../domain/referral-input.ts';
import { oneOf, required, text } from './form-fields.ts';

/**
 * How to reach someone, on the self-referral form (`you`: the person writes about themselves) and the
 * connector's form (`them`). The detail that matches their preference is required. The rules are the
 * link worker's (web/features/caseload/participant.form.ts): a UK phone number, a mobile for texts, a
 * full postcode or just its first part; every message speaks to whoever fills the form in.
 */
export type Who = 'you' | 'them';

const subjectOf = (who: Who) => (who === 'you' ? 'you' : 'they');

export const contactShape = (who: Who) => {
  const subject = subjectOf(who);
  return {
    preferredName: required(`Enter the name ${subject} would like to be called`, 'Name', 100),
    contactPreference: oneOf(CONTACT_PREFERENCES, `Choose how ${subject} would like to be contacted`),
    phone: text('Phone number', 30),
    email: text('Email address', 200),
    address: text('Address', 300),
    postcode: text('Postcode', 10),
  };
};

type ContactFields = { preferredName: string; contactPreference: string; phone: string; email: string; address: string; postcode: string };

function contactIssues(v: ContactFields, who: Who): FieldError[] {
  const subject = subjectOf(who);
  const out: FieldError[] = [];
  const phone = v.phone === '' ? null : normalisePhone(v.phone);
  if (v.contactPreference === 'phone' && v.phone === '') out.push({ field: 'phone', message: `Enter a phone number, as ${subject} would like a phone call` });
  else if (v.contactPreference === 'text' && v.phone === '') out.push({ field: 'phone', message: `Enter a mobile number, as ${subject} would like a text` });
  else if (v.phone !== '' && !phone) out.push({ field: 'phone', message: `Enter a UK phone number, like ${PHONE_EXAMPLE} or ${MOBILE_EXAMPLE}` });
  else if (v.contactPreference === 'text' && phone && !isMobile(phone))
    out.push({ field: 'phone', message: `Enter a mobile number for text messages, like ${MOBILE_EXAMPLE}` });
  if (v.contactPreference === 'email' && v.email === '') out.push({ field: 'email', message: `Enter an email address, as ${subject} would like an email` });
  if (v.email !== '' && !z.email().safeParse(v.email).success)
    out.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
  if (v.contactPreference === 'letter' && v.address === '') out.push({ field: 'address', message: `Enter an address, as ${subject} would like a letter` });
  const postcode = normalisePostcode(v.postcode);
  if (v.postcode !== '' && !isFullPostcode(postcode) && !isOutcode(postcode))
    out.push({ field: 'postcode', message: `Enter a real postcode, like ${POSTCODE_EXAMPLE}, or leave it blank` });
  return out;
}

/** The contact details as stored (decision 023): phone E.164, postcode without its space. */
export const contactOf = (v: ContactFields): ContactInput => ({
  preferredName: v.preferredName,
  contactPreference: v.contactPreference as ContactPreference,
  phone: v.phone ? normalisePhone(v.phone) : null,
  email: v.email || null,
  address: v.address || null,
  postcode: v.postcode ? normalisePostcode(v.postcode) : null,
});

export const withContactChecks = <T extends z.ZodRawShape>(shape: T, who: Who) =>
  z.object(shape).superRefine((v, ctx) => {
    for (const e of contactIssues(v as never, who)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  });

/** Contact preference radios; the matching detail is asked for below them (works without JavaScript). */
export function contactItems(values: Record<string, unknown>) {
  return CONTACT_PREFERENCES.map((c) => ({ value: c.code, text: c.label, checked: values.contactPreference === c.code }));
}
