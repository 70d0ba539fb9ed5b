import { z } from 'zod';
import { GAP_RULES } from '../../../domain/deprivation.ts';
import { UUID_PATTERN } from '../../form-fields.ts';

const blank = (v: unknown) => (v === '' || v === undefined || v === null ? undefined : v);
const uuid = (message: string) => z.string().regex(UUID_PATTERN, message);

/** The insight page's filters (a GET): which scheme, how far a gap looks, and reach's provider and route. */
export const insightQuery = z.object({
  scheme: z.preprocess(blank, uuid('Choose a scheme from the list').optional()),
  miles: z.preprocess(
    blank,
    z.coerce
      .number({ message: 'Choose a distance from the list' })
      .refine((n) => (GAP_RULES.miles as readonly number[]).includes(n), 'Choose a distance from the list')
      .optional(),
  ),
  provider: z.preprocess(blank, uuid('Choose a provider from the list').optional()),
  route: z.preprocess(blank, z.enum(['link_worker', 'self', 'connector'], { message: 'Choose a referral route from the list' }).optional()),
});

export const INSIGHT_TABLES = ['coverage-areas', 'coverage-deciles', 'gaps', 'seasonality', 'reach', 'referral-flows'] as const;
export const csvQuery = insightQuery.extend({ table: z.preprocess(blank, z.enum(INSIGHT_TABLES, { message: 'Choose a table' }).optional()) });

/** The local authorities form: the codes ticked. */
export const areaForm = z.object({
  scheme: z.preprocess(blank, uuid('Choose a scheme from the list').optional()),
  localAuthorities: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string().regex(/^[EW]\d{8}$/, 'Choose local authorities from the list'))
      .min(1, 'Choose at least one local authority')
      .max(400),
  ),
});
