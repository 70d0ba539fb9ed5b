import { z } from 'zod';
import { str } from '../../form-fields.ts';

const kind = z.preprocess(str, z.enum(['organisation', 'place', 'activity'], { message: 'This pair is no longer on the list' }));
const id = z.preprocess(str, z.string().uuid({ message: 'This pair is no longer on the list' }));

/** Mark a pair as not the same, so it is not shown again. */
export const notTheSameForm = z.object({ kind, first: id, second: id });

/** Merge a pair: `keep` is the one of the two that stays; the other's records move to it. */
export const mergeForm = notTheSameForm
  .extend({ keep: z.preprocess(str, z.string()) })
  .superRefine((v, ctx) => {
    if (v.keep !== v.first && v.keep !== v.second) ctx.addIssue({ code: 'custom', path: ['keep'], message: 'Choose which of the two to keep' });
  })
  .transform((v) => ({ kind: v.kind, keep: v.keep, other: v.keep === v.first ? v.second : v.first }));
