import { z } from 'zod';
import { isFullPostcode, normalisePostcode } from '../../../domain/geo.ts';
import { NHLE_MAX, NHLE_MIN, type PlaceInput } from '../../../domain/listing.ts';
import { required, str, text, toList } from '../../form-fields.ts';

/** "Add a place" and "Edit place"; the service finds the postcode and refuses one it cannot. */
export const placeForm = z.object({
  name: required('Enter the name of the place', 'Name', 150),
  addressLine: text('Address', 200),
  town: required('Enter the town or city', 'Town or city', 100),
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
  communityValued: z.preprocess((v) => toList(v).some((x) => x === 'yes' || x === 'true'), z.boolean()),
  description: text('Description', 2000),
}) satisfies z.ZodType<PlaceInput>;
