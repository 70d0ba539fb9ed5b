import { z } from 'zod';
import { monthNumber, parseMonth } from '../../../domain/report-period.ts';
import type { ReportQuery } from '../../../services/outcome-report.service.ts';
import { UUID_PATTERN } from '../../form-fields.ts';

const uuid = z.string().regex(UUID_PATTERN);
/** A whole calendar month, 2026-04 (decision 012): never a day, so reports differ only by whole months. */
const month = z.string().transform((s, ctx) => {
  const parsed = parseMonth(s);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});
const blankToUndefined = (v: unknown) => (v === '' || v === undefined || v === null ? undefined : v);

/** The report's filter form (a GET): which slice, which months, compared with the end or the follow-up. */
export const reportQuery = z
  .object({
    scheme: z.preprocess(blankToUndefined, uuid.optional()),
    provider: z.preprocess(blankToUndefined, uuid.optional()),
    activity: z.preprocess(blankToUndefined, uuid.optional()),
    from: z.preprocess(blankToUndefined, month.optional()),
    to: z.preprocess(blankToUndefined, month.optional()),
    compare: z.preprocess(blankToUndefined, z.enum(['end', 'follow_up']).default('end')),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && monthNumber(q.from) > monthNumber(q.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end month must be the same as or after the start month' });
    }
  }) satisfies z.ZodType<ReportQuery>;
