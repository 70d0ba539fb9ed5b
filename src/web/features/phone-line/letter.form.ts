import { z } from 'zod';
import { isFullPostcode, normalisePostcode, POSTCODE_EXAMPLE } from '../../../domain/contact-details.ts';
import { required, toList, UUID_PATTERN } from '../../form-fields.ts';

/** A letter carries the listings of one call: at most this many. */
export const LETTER_LISTINGS = 10;

/**
 * "Send by post" (decision 036): the caller's name and address, typed in to print one letter and then
 * gone (never passed to a service, never stored), and the listings from this call to put in it.
 */
export const letterForm = z
  .object({
    name: required('Enter the caller’s name as it should appear on the envelope', 'Name', 100),
    line1: required('Enter the first line of the address', 'First line of the address', 100),
    line2: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(100, 'The second line must be 100 characters or fewer')),
    town: required('Enter the town or city', 'Town or city', 60),
    postcode: required('Enter the postcode', 'Postcode', 10)
      .transform((v) => normalisePostcode(v))
      .refine((v) => isFullPostcode(v), `Enter a full postcode, like ${POSTCODE_EXAMPLE}`),
    activityIds: z.preprocess(
      toList,
      z
        .array(z.string())
        .min(1, 'Choose at least one listing to send')
        .max(LETTER_LISTINGS, `Choose ${LETTER_LISTINGS} listings or fewer`)
        .refine((l) => l.every((v) => UUID_PATTERN.test(v)), 'Choose listings from the list')
        .transform((l) => [...new Set(l)]),
    ),
  })
  .transform((v) => ({
    address: [v.name, v.line1, v.line2, v.town, v.postcode.replace(/^(.+)(.{3})$/, '$1 $2')].filter((l) => l !== ''),
    activityIds: v.activityIds,
  }));

export type LetterRequest = z.output<typeof letterForm>;
