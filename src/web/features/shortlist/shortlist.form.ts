import { z } from 'zod';
import { str, UUID_PATTERN } from '../../form-fields.ts';

/** The add and remove buttons on activity pages and the shortlist: which activity, and where to go back to. */
export const shortlistButtonForm = z.object({
  id: z.preprocess((v) => str(v).toLowerCase(), z.string().regex(UUID_PATTERN, 'Choose an activity')),
  returnTo: z.preprocess(str, z.string()),
});
