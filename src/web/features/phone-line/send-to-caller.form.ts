import { z } from 'zod';
import { isMobile, MOBILE_EXAMPLE, normalisePhone } from '../../../domain/contact-details.ts';
import type { SendToCaller } from '../../../domain/phone-line.ts';
import { oneOf, text } from '../../form-fields.ts';

const CHANNELS = [
  { code: 'text', label: 'Text message' },
  { code: 'email', label: 'Email' },
] as const;

/** Sending a listing to a caller: a mobile for a text, or an email address. Used once, then forgotten. */
export const sendToCallerForm = z
  .object({
    channel: oneOf(CHANNELS, 'Choose how to send it: a text message or an email'),
    phone: text('Mobile number', 30),
    email: text('Email address', 200),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'text') {
      const phone = v.phone === '' ? null : normalisePhone(v.phone);
      if (v.phone === '') ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter the caller’s mobile number' });
      else if (!phone || !isMobile(phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: `Enter a UK mobile number, like ${MOBILE_EXAMPLE}` });
    }
    if (v.channel === 'email') {
      if (v.email === '') ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter the caller’s email address' });
      else if (!z.email().safeParse(v.email).success)
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter an email address in the correct format, like name@example.org' });
    }
  })
  .transform((v): SendToCaller => (v.channel === 'text' ? { channel: 'text', phone: normalisePhone(v.phone)! } : { channel: 'email', email: v.email }));

export const CHANNEL_ITEMS = CHANNELS;
