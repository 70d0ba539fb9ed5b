import { z } from 'zod';
import { normaliseShareCode } from '../../../domain/share-code.ts';
import { str } from '../../form-fields.ts';

/**
 * The shortlist pages' query: `print=1` for the printable handout, and on your own list
 * `shared=CODE` once you have made a link to share it. Anything else is ignored, not refused.
 */
export const shortlistQuery = z.object({
  print: z.preprocess(str, z.string()).transform((v) => v === '1'),
  shared: z.preprocess(str, z.string()).transform((v) => normaliseShareCode(v)),
});
