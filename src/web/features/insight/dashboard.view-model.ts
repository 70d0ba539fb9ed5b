import { countOf } from '../../../domain/plural.ts';
import { quintileLabel } from '../../../domain/deprivation.ts';
import type { ScaleOutcome } from '../../../domain/outcome-report.ts';
import type { InsightService } from '../../../services/insight.service.ts';
import type { OutcomeReportService } from '../../../services/outcome-report.service.ts';
import type { VolunteeringReportService } from '../../../services/volunteering-report.service.ts';

/**
 * The commissioner dashboard (decision 044 addendum): the headline figures of the outcome report,
 * reach, volunteering and gaps, as each service publishes them (already suppressed); nothing is
 * worked out here but wording.
 */
type Outcomes = Awaited<ReturnType<OutcomeReportService['report']>>['report'];
type Reach = Awaited<ReturnType<InsightService['reach']>>;
type Volunteering = Awaited<ReturnType<VolunteeringReportService['counts']>>;
type Gaps = Awaited<ReturnType<InsightService['gaps']>>;

const NOT_SHOWN = 'not shown';
const count = (n: number | null) => (n === null ? NOT_SHOWN : n.toLocaleString('en-GB'));
const percent = (x: number | null) => (x === null ? NOT_SHOWN : `${Math.round(x * 100)}%`);

export function outcomeBlock(r: Outcomes) {
  const wellbeing = r.measures.find((m): m is ScaleOutcome => m.kind === 'scale');
  return [
    { label: 'People referred', value: count(r.referred) },
    { label: 'Started (attended at least once)', value: count(r.started) },
    { label: 'With a baseline and end questionnaire', value: count(r.paired) },
    ...(wellbeing
      ? [
          {
            label: `${wellbeing.label}: improved`,
            value:
              wellbeing.improved.count === null
                ? NOT_SHOWN
                : `${count(wellbeing.improved.count)} (${wellbeing.improved.percent === null ? NOT_SHOWN : `${wellbeing.improved.percent}%`})`,
          },
        ]
      : []),
  ];
}

export function reachBlock(r: Reach) {
  const stage = (code: string) => r.tables.find((t) => t.stage === code);
  const referred = stage('referred');
  return {
    totals: r.tables.map((t) => ({ label: t.label, value: count(t.total) })),
    quintiles: (referred?.rows ?? []).map((q) => ({
      label: quintileLabel(q.quintile),
      value: `${percent(q.share)} of referrals; ${q.populationShare === null ? 'no population data' : `${percent(q.populationShare)} of local people`}`,
    })),
  };
}

export function volunteeringBlock(v: Volunteering) {
  return [
    { label: 'Volunteers today', value: count(v.counts.volunteersNow[0]?.volunteers ?? null) },
    { label: 'Visits', value: count(v.counts.total.visits) },
    { label: 'Hours volunteered', value: count(v.counts.total.hours) },
  ];
}

export function gapsBlock(g: Gaps, limit: number) {
  return {
    within: g.ruralUrbanLoaded ? `${countOf(g.miles, 'mile')} (${countOf(Math.max(g.miles, g.ruralMiles), 'mile')} in rural areas)` : countOf(g.miles, 'mile'),
    total: `${countOf(g.rows.length, 'neighbourhood')}, ${countOf(g.people, 'person', 'people')}`,
    rows: g.rows
      .slice(0, limit)
      .map((r) => ({ label: `${r.name} (${r.ladName})`, value: `${r.population.toLocaleString('en-GB')} people, IMD decile ${r.decile}` })),
  };
}
