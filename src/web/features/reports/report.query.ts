import { z } from 'zod';
import type { ReportQuery } from '../../../services/outcome-report.service.ts';
import { UUID_PATTERN } from '../../form-fields.ts';

const uuid = z.string().regex(UUID_PATTERN);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a real date').refine((s) => !Number.isNaN(Date.parse(s)), 'Enter a real date');
const blankToUndefined = (v: unknown) => (v === '' || v === undefined || v === null ? undefined : v);

/** The report's filter form (a GET): which slice, which dates, compared with the end or the follow-up. */
export const reportQuery = z
  .object({
    scheme: z.preprocess(blankToUndefined, uuid.optional()),
    provider: z.preprocess(blankToUndefined, uuid.optional()),
    activity: z.preprocess(blankToUndefined, uuid.optional()),
    from: z.preprocess(blankToUndefined, date.optional()),
    to: z.preprocess(blankToUndefined, date.optional()),
    compare: z.preprocess(blankToUndefined, z.enum(['end', 'follow_up']).default('end')),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date must be the same as or after the start date' });
  }) satisfies z.ZodType<ReportQuery>;
