import { z } from 'zod';
import type { ActivityContent, CostType } from './directory.ts';
import type { FieldError } from './errors.ts';
import { ValidationFailed } from './errors.ts';
import { isFullPostcode, normalisePostcode } from './geo.ts';
import { str, trimInvisible } from './form-fields.ts';
import {
  ACCESS_FEATURES, ACTIVITY_TYPES, codesOf, COST_TYPES, LANGUAGES, MONTHS, NEEDS, ORGANISATION_TYPES, REFERRAL_ROUTES, SAFEGUARDING, SUPPORT,
  TERRAINS, type Term,
} from './vocabulary.ts';

/**
 * Validation of what providers write: organisations, places and activities. Pure: the services
 * add what needs the database (postcode look-up, place ownership).
 */

/** Checkbox groups arrive as nothing, one string or an array. */
const toList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String).filter((s) => s !== ''));

const text = (label: string, max: number) => z.preprocess(str, z.string().overwrite(trimInvisible).max(max, `${label} must be ${max} characters or fewer`));
const requiredText = (message: string, label: string, max: number) =>
  z.preprocess(str, z.string().overwrite(trimInvisible).min(1, message).max(max, `${label} must be ${max} characters or fewer`));
const optionalText = (label: string, max: number) => text(label, max).transform((v) => (v === '' ? null : v));

const wholeNumber = (label: string, example: string, max = 100000) =>
  z.preprocess(
    (v) => str(v).trim().replace(/,/g, ''),
    z
      .string()
      .refine((v) => v === '' || /^\d+$/.test(v), `${label} must be a whole number, like ${example}`)
      .refine((v) => !/^\d+$/.test(v) || Number(v) <= max, `${label} must be ${max.toLocaleString('en-GB')} or fewer`)
      .transform((v) => (v === '' ? null : Number(v))),
  );

const codeList = (vocab: readonly Term[], label: string) => {
  const allowed = new Set(codesOf(vocab));
  return z.preprocess(toList, z.array(z.string()).refine((l) => l.every((c) => allowed.has(c)), `Choose ${label} from the list`)).transform((l) => [...new Set(l)]);
};
const atLeastOne = (vocab: readonly Term[], message: string) => {
  const allowed = new Set(codesOf(vocab));
  return z
    .preprocess(toList, z.array(z.string()).min(1, message).refine((l) => l.every((c) => allowed.has(c)), message))
    .transform((l) => [...new Set(l)]);
};
const oneOf = (vocab: readonly Term[], message: string) => {
  const allowed = new Set(codesOf(vocab));
  return z.preprocess(str, z.string().refine((v) => allowed.has(v), message));
};

const email = (label: string) =>
  optionalText(label, 200).refine((v) => v === null || z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.org');
const phone = optionalText('Phone number', 30).refine(
  (v) => v === null || /^\+?[0-9 ()-]{7,20}$/.test(v),
  'Enter a phone number, like 01493 123456 or +44 1493 123456',
);

export const organisationSchema = z.object({
  name: requiredText('Enter the name of your organisation', 'Name', 150),
  orgType: oneOf(ORGANISATION_TYPES, 'Choose the type of organisation'),
  description: text('Description', 2000),
  email: requiredText('Enter an email address for the organisation', 'Email address', 200).refine(
    (v) => v === '' || z.email().safeParse(v).success,
    'Enter an email address in the correct format, like name@example.org',
  ),
  phone,
  website: optionalText('Website', 300)
    .transform((v) => (v && !/^https?:\/\//i.test(v) ? `https://${v}` : v))
    .refine((v) => v === null || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), 'Enter a website address, like https://example.org'),
});
export type OrganisationInput = z.infer<typeof organisationSchema>;

export const NHLE_MIN = 1000000;
export const NHLE_MAX = 1999999;

export const placeSchema = z.object({
  name: requiredText('Enter the name of the place', 'Name', 150),
  addressLine: text('Address', 200),
  town: requiredText('Enter the town or city', 'Town or city', 100),
  postcode: z.preprocess(
    (v) => normalisePostcode(str(v)),
    z.string().min(1, 'Enter a postcode').refine(isFullPostcode, 'Enter a full postcode, like NR30 1NE'),
  ),
  nhleListEntry: z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .refine(
        (v) => v === '' || (/^\d{7}$/.test(v) && Number(v) >= NHLE_MIN && Number(v) <= NHLE_MAX),
        'List entry number must be 7 digits starting with 1, like 1096802',
      )
      .transform((v) => (v === '' ? null : Number(v))),
  ),
  communityValued: z.preprocess((v) => toList(v).length > 0 && toList(v).some((x) => x === 'yes' || x === 'true'), z.boolean()),
  description: text('Description', 2000),
});
export type PlaceInput = z.infer<typeof placeSchema>;

const PRICE = /^\d{1,4}(\.\d{1,2})?$/;

export const activitySchema = z
  .object({
    placeId: requiredText('Choose the place where the activity happens', 'Place', 100),
    title: requiredText('Enter a title', 'Title', 120),
    summary: requiredText('Enter a short summary', 'Summary', 200),
    description: text('Description', 5000),
    activityTypes: atLeastOne(ACTIVITY_TYPES, 'Choose at least one activity type'),
    needs: codeList(NEEDS, 'needs'),
    ageMin: wholeNumber('Minimum age', '18', 120),
    ageMax: wholeNumber('Maximum age', '99', 120),
    groupSizeMax: wholeNumber('Group size', '12', 1000),
    eligibility: text('Who can join', 1000),
    firstVisit: text('What to expect on a first visit', 2000),
    costType: oneOf(COST_TYPES, 'Choose what it costs').transform((v) => v as CostType),
    pricePounds: z.preprocess((v) => str(v).trim().replace(/^£/, ''), z.string()),
    costNote: text('Cost note', 500),
    fundedPlaces: wholeNumber('Funded places', '4', 1000),
    access: codeList(ACCESS_FEATURES, 'access facts'),
    distanceWalkedM: wholeNumber('Distance walked', '800', 50000),
    terrain: z.preprocess(str, z.string().refine((v) => v === '' || codesOf(TERRAINS).includes(v), 'Choose the terrain from the list')).transform(
      (v) => (v === '' ? null : v),
    ),
    support: codeList(SUPPORT, 'support'),
    referralRoutes: atLeastOne(REFERRAL_ROUTES, 'Choose at least one way people can join'),
    languages: atLeastOne(LANGUAGES, 'Choose at least one language'),
    safeguarding: codeList(SAFEGUARDING, 'safeguarding'),
    months: atLeastOne(MONTHS, 'Choose at least one month when the activity runs').transform((l) => l.map(Number).sort((a, b) => a - b)),
    capacity: wholeNumber('Places per session', '15', 10000),
    howToJoin: text('How to join', 1000),
    contactName: optionalText('Contact name', 100),
    contactEmail: email('Contact email'),
    contactPhone: phone,
  })
  .superRefine((v, ctx) => {
    if (typeof v.ageMin === 'number' && typeof v.ageMax === 'number' && v.ageMax < v.ageMin) {
      ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'Maximum age must be the same as or more than the minimum age' });
    }
    const price = v.pricePounds;
    if (v.costType === 'paid' && price === '') ctx.addIssue({ code: 'custom', path: ['pricePounds'], message: 'Enter a price, like 3.50' });
    else if (v.costType !== 'free' && price !== '' && !PRICE.test(price)) {
      ctx.addIssue({ code: 'custom', path: ['pricePounds'], message: 'Enter a price, like 3.50' });
    }
  })
  .transform(({ pricePounds, ...rest }): ActivityContent => ({
    ...rest,
    pricePence: rest.costType !== 'free' && pricePounds !== '' ? Math.round(Number(pricePounds) * 100) : null,
  }));

function issuesOf(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message }));
}

/** The object's field order (through a transform, if any), so errors list in the order of the form. */
function fieldOrder(schema: z.ZodType): string[] {
  const s = schema as unknown as { shape?: object; in?: { shape?: object } };
  return Object.keys(s.shape ?? s.in?.shape ?? {});
}

/** Parses with a schema, or throws ValidationFailed with the messages in form order. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const order = fieldOrder(schema);
    const rank = (f: FieldError) => (order.includes(f.field) ? order.indexOf(f.field) : order.length);
    throw new ValidationFailed(issuesOf(parsed.error).sort((a, b) => rank(a) - rank(b)));
  }
  return parsed.data;
}

export const parseOrganisation = (input: unknown): OrganisationInput => validate(organisationSchema, input);
export const parsePlace = (input: unknown): PlaceInput => validate(placeSchema, input);
export const parseActivity = (input: unknown): ActivityContent => validate(activitySchema, input);

export const rejectionSchema = z.object({
  reason: requiredText('Enter a reason, so the provider knows what to change', 'Reason', 1000),
});
