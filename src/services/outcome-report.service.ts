import { z } from 'zod';
import type { OutcomeFilter, OutcomeRepository } from '../data/repositories/outcome.repository.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { calendarDate } from '../domain/calendar-date.ts';
import { buildOutcomeReport, type OutcomeReport } from '../domain/outcome-report.ts';
import type { User } from '../domain/user.ts';

const uuid = z.string().regex(/^[0-9a-f-]{36}$/i);
const date = calendarDate('Enter a real date');
const blankToUndefined = (v: unknown) => (v === '' || v === undefined || v === null ? undefined : v);

/** The report's query string: which slice, which dates, compared with the end or the follow-up. */
export const reportQuerySchema = z.object({
  scheme: z.preprocess(blankToUndefined, uuid.optional()),
  provider: z.preprocess(blankToUndefined, uuid.optional()),
  activity: z.preprocess(blankToUndefined, uuid.optional()),
  from: z.preprocess(blankToUndefined, date.optional()),
  to: z.preprocess(blankToUndefined, date.optional()),
  compare: z.preprocess(blankToUndefined, z.enum(['end', 'follow_up']).default('end')),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** What each role may report on: aggregate figures only, never people. */
export type ReportScope = { schemeId?: string; providerOrganisationIds?: readonly string[]; national: boolean };

export function reportScopeFor(user: User): ReportScope {
  switch (user.role) {
    case 'admin':
      return { national: true };
    case 'commissioner':
    case 'coordinator':
      // A commissioner or coordinator tied to a scheme sees that scheme; without one, all England.
      return user.schemeId ? { schemeId: user.schemeId, national: false } : { national: true };
    case 'provider':
      return { providerOrganisationIds: user.organisationIds, national: false };
    default:
      throw new Forbidden();
  }
}

export function createOutcomeReportService(deps: { outcomes: OutcomeRepository }) {
  return {
    async report(user: User, rawQuery: unknown): Promise<{ query: ReportQuery; report: OutcomeReport; scope: ReportScope }> {
      const scope = reportScopeFor(user);
      const parsed = reportQuerySchema.safeParse(rawQuery ?? {});
      if (!parsed.success) throw new ValidationFailed(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message })));
      const query = parsed.data;
      if (query.from && query.to && query.from > query.to) throw new ValidationFailed([{ field: 'to', message: 'The end date must be the same as or after the start date' }]);
      const filter = narrow(scope, query);
      const [counts, pairs] = await Promise.all([deps.outcomes.counts(filter), deps.outcomes.pairCounts(filter)]);
      return { query, report: buildOutcomeReport({ ...counts, paired: pairs.paired }, pairs.rows), scope };
    },

    async filterOptions(user: User) {
      const scope = reportScopeFor(user);
      return deps.outcomes.filterOptions({ schemeId: scope.schemeId, providerOrganisationIds: scope.providerOrganisationIds });
    },
  };
}

/** The user's scope wins: asking for another scheme or another provider's figures is NotFound. */
function narrow(scope: ReportScope, q: ReportQuery): OutcomeFilter {
  if (scope.schemeId && q.scheme && q.scheme !== scope.schemeId) throw new NotFound('Scheme');
  if (scope.providerOrganisationIds && q.provider && !scope.providerOrganisationIds.includes(q.provider)) throw new NotFound('Provider');
  const providers = q.provider ? [q.provider] : scope.providerOrganisationIds;
  return {
    schemeId: scope.schemeId ?? q.scheme,
    providerOrganisationIds: providers,
    activityId: q.activity,
    from: q.from,
    to: q.to,
    compare: q.compare,
  };
}

export type OutcomeReportService = ReturnType<typeof createOutcomeReportService>;
