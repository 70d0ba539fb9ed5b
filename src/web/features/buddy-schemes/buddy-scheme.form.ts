import { z } from 'zod';
import { BUDDY_SUPPORT, type BuddySchemeInput } from '../../../domain/buddy-scheme.ts';
import { LANGUAGES } from '../../../domain/vocabulary.ts';
import { required, someOf, uuid } from '../../form-fields.ts';

/** "Add a buddy scheme" and "Change a buddy scheme"; the service checks the organisation works with the scheme. */
export const buddySchemeForm = z.object({
  name: required('Enter the buddy scheme’s name', 'Name', 120),
  organisationId: uuid('Choose the organisation that runs it'),
  description: required('Describe what the buddies do, so a link worker can explain it', 'Description', 2000),
  areas: required('Say where the buddies can meet people', 'Areas', 300),
  support: someOf(BUDDY_SUPPORT, 'Choose what the buddies offer from the list').refine((v) => v.length > 0, 'Choose at least one thing the buddies offer'),
  languages: someOf(LANGUAGES, 'Choose languages from the list').transform((v) => (v.length ? v : ['en'])),
}) satisfies z.ZodType<BuddySchemeInput>;

/** Pausing and resuming come from a button: anything but yes or no is a broken form. */
export const buddySchemeActiveForm = z.object({
  active: z.enum(['yes', 'no'], { error: 'Choose whether to pause or resume the buddy scheme' }).transform((v) => v === 'yes'),
});
