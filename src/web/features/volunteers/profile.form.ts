import { z } from 'zod';
import { isMobile, MOBILE_EXAMPLE, normalisePhone, PHONE_EXAMPLE } from '../../../domain/contact-details.ts';
import { availabilitySlot, PARTS_OF_DAY, VOLUNTEER_OFFERS, WEEKDAYS } from '../../../domain/volunteer.ts';
import { ACTIVITY_TYPES, LANGUAGES, terms } from '../../../domain/vocabulary.ts';
import type { VolunteerProfileInput } from '../../../services/volunteer.service.ts';
import { codeList, oneOf, required, text, toList } from '../../form-fields.ts';

export const VOLUNTEER_CONTACT = terms([
  { code: 'email', label: 'Email' },
  { code: 'phone', label: 'Phone call' },
  { code: 'text', label: 'Text message' },
] as const);

export const GENDERS = terms([
  { code: 'woman', label: 'Woman' },
  { code: 'man', label: 'Man' },
  { code: 'non_binary', label: 'Non-binary' },
  { code: '', label: 'I would rather not say' },
] as const);

export const SLOTS = WEEKDAYS.flatMap((d) => PARTS_OF_DAY.map((p) => availabilitySlot(d.code, p.code)));

const number = (label: string, min: number, max: number, example: string) =>
  z.preprocess(
    (v) => String(v ?? '').trim(),
    z
      .string()
      .min(1, `Enter ${label}, like ${example}`)
      .refine((v) => /^\d+$/.test(v), `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a whole number, like ${example}`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `${label.charAt(0).toUpperCase()}${label.slice(1)} must be from ${min} to ${max}`),
  );

/** A volunteer's own profile: the least that lets their lead match them well. */
export const profileForm = z
  .object({
    knownAs: required('Enter the name you would like to be called', 'Name', 60),
    contactPreference: oneOf(VOLUNTEER_CONTACT, 'Choose how your volunteer lead should contact you'),
    email: text('Email address', 200),
    phone: text('Phone number', 30),
    postcode: text('Postcode', 10),
    travelMiles: number('how far you will travel', 0, 50, '3'),
    languages: codeList(LANGUAGES, 'languages'),
    availability: z
      .preprocess(
        toList,
        z.array(z.string()).refine((l) => l.every((s) => SLOTS.includes(s)), 'Choose times from the table'),
      )
      .transform((l) => [...new Set(l)]),
    interests: codeList(ACTIVITY_TYPES, 'interests'),
    offers: codeList(VOLUNTEER_OFFERS, 'what you can offer'),
    drives: z.preprocess((v) => String(v ?? ''), z.enum(['yes', 'no'], { error: 'Say whether you drive a car you could use for volunteering' })),
    capacity: number('how many people you can support at once', 1, 10, '1'),
    gender: z.preprocess((v) => String(v ?? ''), z.enum(['woman', 'man', 'non_binary', ''], { error: 'Choose from the list' })),
    emergencyContactName: required('Enter the name of someone we can contact in an emergency', 'Emergency contact name', 100),
    emergencyContactPhone: required('Enter your emergency contact’s phone number', 'Emergency contact phone number', 30),
  })
  .superRefine((v, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    const phone = v.phone === '' ? null : normalisePhone(v.phone);
    if (v.contactPreference === 'email' && v.email === '') issue('email', 'Enter your email address, as you would like an email');
    if (v.email !== '' && !z.email().safeParse(v.email).success) issue('email', 'Enter an email address in the correct format, like name@example.org');
    if (v.contactPreference !== 'email' && v.phone === '') issue('phone', 'Enter your phone number, as you would like a call or a text');
    else if (v.phone !== '' && !phone) issue('phone', `Enter a UK phone number, like ${PHONE_EXAMPLE} or ${MOBILE_EXAMPLE}`);
    else if (v.contactPreference === 'text' && phone && !isMobile(phone)) issue('phone', `Enter a mobile number for text messages, like ${MOBILE_EXAMPLE}`);
    if (v.languages.length === 0) issue('languages', 'Choose at least one language you speak');
    if (v.emergencyContactPhone !== '' && !normalisePhone(v.emergencyContactPhone)) {
      issue('emergencyContactPhone', `Enter a UK phone number for your emergency contact, like ${PHONE_EXAMPLE}`);
    }
  })
  .transform(
    (v): VolunteerProfileInput => ({
      knownAs: v.knownAs,
      contactPreference: v.contactPreference as VolunteerProfileInput['contactPreference'],
      email: v.email || null,
      phone: v.phone ? normalisePhone(v.phone) : null,
      postcode: v.postcode,
      travelMiles: v.travelMiles,
      languages: v.languages,
      availability: SLOTS.filter((s) => v.availability.includes(s)),
      interests: v.interests,
      offers: v.offers,
      drives: v.drives === 'yes',
      capacity: v.capacity,
      gender: v.gender === '' ? null : v.gender,
      emergencyContactName: v.emergencyContactName,
      emergencyContactPhone: normalisePhone(v.emergencyContactPhone),
    }),
  ) satisfies z.ZodType<VolunteerProfileInput>;
