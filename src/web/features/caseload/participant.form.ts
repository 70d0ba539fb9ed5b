import { z } from 'zod';
import type { FieldError } from '../../../domain/errors.ts';
import { AGE_BANDS, BARRIERS } from '../../../domain/participant.ts';
import { isMobile, MOBILE_EXAMPLE, normalisePhone, PHONE_EXAMPLE } from '../../../domain/contact-details.ts';
import { parseTags, type ParticipantInput } from '../../../domain/participant-form.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, codesOf, LANGUAGES, NEEDS, TIMES_OF_DAY, WEEKDAYS, type Term } from '../../../domain/vocabulary.ts';
import { plainText } from '../../form-fields.ts';

const list = (v: unknown) => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String).filter(Boolean));
const text = plainText;
const optional = (v: string) => (v === '' ? null : v);
const codes = (terms: readonly Term[], message: string) =>
  z.preprocess(
    list,
    z.array(z.string()).refine((xs) => xs.every((x) => codesOf(terms).includes(x)), message),
  );

const baseSchema = z.object({
  preferredName: z.preprocess(text, z.string().min(1, 'Enter the name they would like to be called').max(100, 'Name must be 100 characters or fewer')),
  contactPreference: z.enum(['phone', 'email', 'text', 'letter'], 'Choose how they would like to be contacted'),
  phone: z.preprocess(text, z.string().max(30, 'Phone number must be 30 characters or fewer')),
  email: z.preprocess(text, z.string().max(200, 'Email address must be 200 characters or fewer')),
  address: z.preprocess(text, z.string().max(500, 'Address must be 500 characters or fewer')),
  postcode: z.preprocess(text, z.string().max(10, 'Enter a real postcode, like NR30 1NE')),
  ageBand: z.preprocess(
    text,
    z.string().refine((v) => v === '' || codesOf(AGE_BANDS).includes(v), 'Choose an age band from the list'),
  ),
  whatMatters: z.preprocess(text, z.string().max(4000, 'What matters to them must be 4,000 characters or fewer')),
  tags: z.preprocess(text, z.string().max(1000, 'Tags must be 1,000 characters or fewer')),
  needs: codes(NEEDS, 'Choose needs from the list'),
  interests: codes(ACTIVITY_TYPES, 'Choose interests from the list'),
  barriers: codes(BARRIERS, 'Choose barriers from the list'),
  accessNeeds: codes(ACCESS_FEATURES, 'Choose access needs from the list'),
  languages: codes(LANGUAGES, 'Choose languages from the list'),
  availableDays: codes(WEEKDAYS, 'Choose days from the list'),
  availableTimes: codes(TIMES_OF_DAY, 'Choose times of day from the list'),
});

/** Reads the participant form; returns the input or every problem, each on its field. */
export function parseParticipantForm(body: unknown): { ok: true; input: ParticipantInput } | { ok: false; errors: FieldError[] } {
  const parsed = baseSchema.safeParse(body ?? {});
  const errors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message }));
  const b = (body ?? {}) as Record<string, unknown>;
  const preference = parsed.success ? parsed.data.contactPreference : (b.contactPreference as string | undefined);
  const phoneRaw = text(b.phone);
  const emailRaw = text(b.email);
  const addressRaw = text(b.address);

  // The detail that matches the contact preference is required; any other detail given must be valid too.
  let phone: string | null = null;
  if (phoneRaw !== '') {
    phone = normalisePhone(phoneRaw);
    if (!phone) errors.push({ field: 'phone', message: `Enter a UK phone number, like ${PHONE_EXAMPLE} or ${MOBILE_EXAMPLE}` });
    else if (preference === 'text' && !isMobile(phone))
      errors.push({ field: 'phone', message: `Enter a mobile number for text messages, like ${MOBILE_EXAMPLE}` });
  } else if (preference === 'phone') errors.push({ field: 'phone', message: 'Enter a phone number, as they prefer phone calls' });
  else if (preference === 'text') errors.push({ field: 'phone', message: 'Enter a mobile number, as they prefer text messages' });

  if (emailRaw !== '' && !z.email().safeParse(emailRaw).success) {
    errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
  } else if (emailRaw === '' && preference === 'email') errors.push({ field: 'email', message: 'Enter an email address, as they prefer email' });
  if (addressRaw === '' && preference === 'letter') errors.push({ field: 'address', message: 'Enter a postal address, as they prefer letters' });

  const tags = parseTags(text(b.tags));
  if (tags.some((t) => t.length > 30)) errors.push({ field: 'tags', message: 'Each tag must be 30 characters or fewer' });
  else if (tags.length > 20) errors.push({ field: 'tags', message: 'Enter 20 tags or fewer' });

  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  const d = parsed.data;
  return {
    ok: true,
    input: {
      preferredName: d.preferredName,
      contactPreference: d.contactPreference,
      phone,
      email: optional(emailRaw.toLowerCase()),
      address: optional(addressRaw),
      postcode: optional(d.postcode),
      ageBand: optional(d.ageBand),
      whatMatters: d.whatMatters,
      tags,
      needs: d.needs,
      interests: d.interests,
      barriers: d.barriers,
      accessNeeds: d.accessNeeds,
      languages: d.languages.length > 0 ? d.languages : ['en'],
      availableDays: d.availableDays.map(Number),
      availableTimes: d.availableTimes,
    },
  };
}

/**
 * "Add a person" and "Edit details". The postcode is kept as typed: the service finds it (a full
 * postcode or an outcode) and refuses one it cannot.
 */
export const participantForm = z.unknown().transform((body, ctx): ParticipantInput => {
  const r = parseParticipantForm(body);
  if (r.ok) return r.input;
  for (const e of r.errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  return z.NEVER;
});
