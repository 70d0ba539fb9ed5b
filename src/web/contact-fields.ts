import { z } from 'zod';
import type { FieldError } from '../domain/errors.ts';
import { isFullPostcode, normalisePostcode } from '../domain/geo.ts';
import { CONTACT_PREFERENCES, type ContactPreference } from '../domain/participant.ts';
import type { ContactInput } from '../domain/referral-input.ts';
import { oneOf, required, text } from './form-fields.ts';

/** How to reach someone, on the self-referral and connector forms: the detail that matches their preference is required. */
export const contactShape = {
  preferredName: required('Enter the name they would like to be called', 'Name', 100),
  contactPreference: oneOf(CONTACT_PREFERENCES, 'Choose how they would like to be contacted'),
  phone: text('Phone number', 30),
  email: text('Email address', 200),
  address: text('Address', 300),
  postcode: text('Postcode', 10),
};

type ContactFields = { preferredName: string; contactPreference: string; phone: string; email: string; address: string; postcode: string };

function contactIssues(v: ContactFields): FieldError[] {
  const out: FieldError[] = [];
  const wantsPhone = v.contactPreference === 'phone' || v.contactPreference === 'text';
  if (wantsPhone && v.phone === '') out.push({ field: 'phone', message: 'Enter a phone number, as they would like a call or a text' });
  if (v.phone !== '' && !/^\+?[0-9 ()-]{10,20}$/.test(v.phone)) out.push({ field: 'phone', message: 'Enter a phone number, like 07700 900123' });
  if (v.contactPreference === 'email' && v.email === '') out.push({ field: 'email', message: 'Enter an email address, as they would like an email' });
  if (v.email !== '' && !z.email().safeParse(v.email).success)
    out.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
  if (v.contactPreference === 'letter' && v.address === '') out.push({ field: 'address', message: 'Enter an address, as they would like a letter' });
  if (v.postcode !== '' && !isFullPostcode(normalisePostcode(v.postcode))) out.push({ field: 'postcode', message: 'Enter a full postcode, like NR30 2LA' });
  return out;
}

export const contactOf = (v: ContactFields): ContactInput => ({
  preferredName: v.preferredName,
  contactPreference: v.contactPreference as ContactPreference,
  phone: v.phone || null,
  email: v.email || null,
  address: v.address || null,
  postcode: v.postcode ? normalisePostcode(v.postcode) : null,
});

export const withContactChecks = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape).superRefine((v, ctx) => {
    for (const e of contactIssues(v as never)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  });

/** Contact preference radios; the matching detail is asked for below them (works without JavaScript). */
export function contactItems(values: Record<string, unknown>) {
  return CONTACT_PREFERENCES.map((c) => ({ value: c.code, text: c.label, checked: values.contactPreference === c.code }));
}
