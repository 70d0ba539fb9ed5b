import { z } from 'zod';
import type { OrganisationInput } from '../../../domain/listing.ts';
import { ORGANISATION_TYPES } from '../../../domain/vocabulary.ts';
import { oneOf, optionalPhone, optionalText, required, text } from '../../form-fields.ts';

/** "Add your organisation" and "Edit organisation details". */
export const organisationForm = z.object({
  name: required('Enter the name of your organisation', 'Name', 150),
  orgType: oneOf(ORGANISATION_TYPES, 'Choose the type of organisation'),
  description: text('Description', 2000),
  email: required('Enter an email address for the organisation', 'Email address', 200).refine(
    (v) => v === '' || z.email().safeParse(v).success,
    'Enter an email address in the correct format, like name@example.org',
  ),
  phone: optionalPhone('Phone number'),
  website: optionalText('Website', 300)
    .transform((v) => (v && !/^https?:\/\//i.test(v) ? `https://${v}` : v))
    .refine((v) => v === null || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), 'Enter a website address, like https://example.org'),
}) satisfies z.ZodType<OrganisationInput>;

/** "Require two-factor sign-in for our staff": yes or no. */
export const twoFactorSettingForm = z.object({
  requireTwoFactor: oneOf(
    [
      { code: 'yes', label: 'Yes' },
      { code: 'no', label: 'No' },
    ],
    'Choose whether your staff must use two-factor sign-in',
  ).transform((v) => v === 'yes'),
});
