import type { GroupCellRow, OutcomeFilter, OutcomeRepository } from '../data/repositories/outcome.repository.ts';
import type { ParentBodyRepository } from '../data/repositories/parent-body.repository.ts';
import { mayRelease, type GroupCell } from '../domain/disclosure.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { INSTRUMENTS } from '../domain/instruments/registry.ts';
import { buildOutcomeReport, type OutcomeReport } from '../domain/outcome-report.ts';
import { firstDay, lastDay, monthNumber, type Month } from '../domain/report-period.ts';
import type { User } from '../domain/user.ts';

/**
 * The report's filters, parsed at the edge (`web/features/reports/report.query.ts`): which slice,
 * which whole months (from ≤ to; decision 012), compared with the end or the follow-up.
 */
export type ReportQuery = {
  scheme?: string | undefined;
  provider?: string | undefined;
  activity?: string | undefined;
  from?: Month | undefined;
  to?: Month | undefined;
  compare: 'end' | 'follow_up';
};

/** What each role may report on: aggregate figures only, never people. */
export type ReportScope = {
  schemeId?: string;
  providerOrganisationIds?: readonly string[];
  national: boolean;
  /** A parent body's report (decision 047 addendum): the body and its sites, together or one at a time. */
  sites?: boolean;
};

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

export function createOutcomeReportService(deps: { outcomes: OutcomeRepository; parents: Pick<ParentBodyRepository, 'bodyAndSiteIds'> }) {
  async function run(scope: ReportScope, query: ReportQuery) {
    const filter = narrow(scope, query);
    const [counts, pairs, cells] = await Promise.all([deps.outcomes.counts(filter), deps.outcomes.pairCounts(filter), deps.outcomes.groupCells(filter)]);
    // Cells are keyed by site, so the rule checks "all sites minus one site" like any narrower box (decision 012, Rule 1).
    const release = releaseRule(cells, query.compare);
    return { query, report: buildOutcomeReport({ ...counts, paired: pairs.paired }, pairs.rows, release), scope };
  }

  /** A parent body's staff: their organisation and every site below it (decision 047). */
  async function sitesScope(user: User): Promise<ReportScope> {
    const body = user.role === 'provider' ? user.organisationIds[0] : undefined;
    if (!body) throw new Forbidden('Only provider staff see their organisation’s sites');
    return { providerOrganisationIds: await deps.parents.bodyAndSiteIds(body), national: false, sites: true };
  }

  return {
    async report(user: User, query: ReportQuery): Promise<{ query: ReportQuery; report: OutcomeReport; scope: ReportScope }> {
      return run(reportScopeFor(user), query);
    },

    async filterOptions(user: User) {
      const scope = reportScopeFor(user);
      return deps.outcomes.filterOptions({ schemeId: scope.schemeId, providerOrganisationIds: scope.providerOrganisationIds });
    },

    /** The body's outcome report: all its sites together (no provider chosen) or one site. */
    async sitesReport(user: User, query: ReportQuery): Promise<{ query: ReportQuery; report: OutcomeReport; scope: ReportScope }> {
      return run(await sitesScope(user), query);
    },

    async sitesFilterOptions(user: User) {
      const scope = await sitesScope(user);
      return { scope, options: await deps.outcomes.filterOptions({ providerOrganisationIds: scope.providerOrganisationIds }) };
    },
  };
}

/**
 * The user's scope wins: asking for another scheme or another provider's figures is NotFound. A provider
 * sees one of their organisations at a time (the first unless they choose), so every report anyone can ask
 * is one box of area × provider × activity × months, which is what decision 012's rule reasons about. A
 * parent body's report is the box "all the body's sites" or one site; its cells are keyed by site, so
 * every site is a narrower box that the release rule checks before the total is shown.
 */
function narrow(scope: ReportScope, q: ReportQuery): OutcomeFilter {
  if (scope.schemeId && q.scheme && q.scheme !== scope.schemeId) throw new NotFound('Scheme');
  if (scope.providerOrganisationIds && q.provider && !scope.providerOrganisationIds.includes(q.provider)) throw new NotFound('Provider');
  const own = scope.providerOrganisationIds;
  // A provider's own report is one organisation (the first unless chosen); a body's is all its sites unless one is chosen.
  const providers = q.provider ? [q.provider] : own && !scope.sites ? own.slice(0, 1) : own;
  return {
    schemeId: scope.schemeId ?? q.scheme,
    providerOrganisationIds: providers,
    activityId: q.activity,
    from: q.from && firstDay(q.from),
    to: q.to && lastDay(q.to),
    compare: q.compare,
  };
}

/**
 * Decision 012's rule for each measure: its group is the referrals with the scores the measure needs at
 * the compared time point; a cell is keyed by area, provider, activity and whether the person also
 * answered at the other time point (so end and follow-up reports cannot be subtracted either).
 */
function releaseRule(rows: readonly GroupCellRow[], compare: 'end' | 'follow_up') {
  const needsBaseline = new Map<string, boolean>(
    INSTRUMENTS.flatMap((i) => i.measures.map((m, index) => [`${i.code}:${index}`, m.kind !== 'change'] as const)),
  );
  const groups = new Map<string, GroupCell[]>();
  for (const r of rows) {
    const key = `${r.instrument}:${r.measureIndex}`;
    const inGroup = (needsBaseline.get(key) ? r.hasBaseline : true) && (compare === 'end' ? r.hasEnd : r.hasFollowUp);
    if (!inGroup) continue;
    const alsoOther = compare === 'end' ? r.hasFollowUp : r.hasEnd;
    const [year, mon] = r.month.split('-').map(Number);
    const cell: GroupCell = { keys: [r.scheme, r.provider, r.activity, alsoOther ? 'both' : ''], month: monthNumber({ year: year!, month: mon! }), n: r.n };
    const list = groups.get(key);
    if (list) list.push(cell);
    else groups.set(key, [cell]);
  }
  const decided = new Map<string, boolean>();
  return (instrument: string, measureIndex: number) => {
    const key = `${instrument}:${measureIndex}`;
    if (!decided.has(key)) decided.set(key, mayRelease(groups.get(key) ?? []));
    return decided.get(key)!;
  };
}

export type OutcomeReportService = ReturnType<typeof createOutcomeReportService>;
