import type { OutcomeFilter, OutcomeRepository } from '../data/repositories/outcome.repository.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { buildOutcomeReport, type OutcomeReport } from '../domain/outcome-report.ts';
import type { User } from '../domain/user.ts';

/** The report's filters, parsed at the edge: which slice, which dates (YYYY-MM-DD, from ≤ to), compared with the end or the follow-up. */
export type ReportQuery = {
  scheme?: string | undefined; provider?: string | undefined; activity?: string | undefined;
  from?: string | undefined; to?: string | undefined; compare: 'end' | 'follow_up';
};

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
    async report(user: User, query: ReportQuery): Promise<{ query: ReportQuery; report: OutcomeReport; scope: ReportScope }> {
      const scope = reportScopeFor(user);
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
