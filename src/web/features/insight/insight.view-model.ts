import { decileLabel, GAP_RULES, quintileLabel } from '../../../domain/deprivation.ts';
import { countOf } from '../../../domain/plural.ts';
import type { ReachTable } from '../../../domain/reach.ts';
import { ALL_DECLINE_REASONS } from '../../../domain/referral.ts';
import { choropleth } from '../../../domain/choropleth.ts';
import { BOUNDARIES_ATTRIBUTION } from '../../../domain/map-outline.ts';
import { milesToMetres } from '../../../domain/search.ts';
import { paths } from '../../paths.ts';
import type { InsightService } from '../../../services/insight.service.ts';

/** Insight's page and CSV read the same tables (decision 044). */
export type Table = {
  key: string;
  title: string;
  how: string;
  columns: string[];
  rows: string[][];
  more?: string;
  /** A link at the end of each row, on the page only (not in the CSV). */
  action?: { column: string; rows: { href: string; text: string }[] };
};

const NOT_SHOWN = 'not shown';
const whole = (n: number) => n.toLocaleString('en-GB');
const rate = (x: number | null) => (x === null ? 'no population' : x.toFixed(1));
const percent = (x: number | null) => (x === null ? NOT_SHOWN : `${(x * 100).toFixed(0)}%`);

type Coverage = Awaited<ReturnType<InsightService['coverage']>>;
type Gaps = Awaited<ReturnType<InsightService['gaps']>>;
type Reach = Awaited<ReturnType<InsightService['reach']>>;
type Flows = Awaited<ReturnType<InsightService['flows']>>;

const COVERAGE_HOW =
  'Live activities: listings shown to the public today (live, organisation approved, checked in the last 12 months) whose place’s postcode is in the area. ' +
  'Sessions: their dated sessions from today to the end of the 12th month, without cancelled dates and bank-holiday closures. ' +
  'People: total population of the area’s neighbourhoods (LSOAs) in the Indices of Deprivation population denominators (mid-2015 for the 2019 release). ' +
  'A place’s neighbourhood is the nearest neighbourhood centre to its postcode within its local authority.';

export function coverageTables(c: Coverage): Table[] {
  const columns = ['People', 'Live activities', 'Activities per 10,000 people', 'Sessions in the next 12 months', 'Sessions per 10,000 people'];
  const more = c.unplaced > 0 ? `${whole(c.unplaced)} live listings have a postcode with no neighbourhood and are not counted.` : undefined;
  return [
    {
      key: 'coverage-areas',
      title: 'Provision by local authority',
      how: COVERAGE_HOW,
      columns: ['Local authority', ...columns],
      rows: c.byArea.map((a) => [a.name, whole(a.population), whole(a.activities), rate(a.activitiesPer10k), whole(a.sessions), rate(a.sessionsPer10k)]),
      more,
    },
    {
      key: 'coverage-deciles',
      title: 'Provision by deprivation decile',
      how: `${COVERAGE_HOW} Deciles are national: 1 is the most deprived 10% of neighbourhoods in England.`,
      columns: ['IMD decile', ...columns],
      rows: c.byDecile.map((d) => [
        decileLabel(d.decile),
        whole(d.population),
        whole(d.activities),
        rate(d.activitiesPer10k),
        whole(d.sessions),
        rate(d.sessionsPer10k),
      ]),
    },
    {
      key: 'seasonality',
      title: 'Sessions by month',
      how: 'Dated sessions of live activities in each month, from today (the first month is the rest of this one), by the local authority the activity’s place is in. Activities that run only in some months count only then.',
      columns: ['Local authority', ...c.months.map((m) => m.label), 'Total'],
      rows: c.seasonality.map((s) => [s.name, ...s.perMonth.map(whole), whole(s.total)]),
    },
  ];
}

/** The coverage map (sessions per 10,000 people by local authority) and its data table, or why there is no map. */
export function coverageMap(c: Coverage) {
  const values = c.byArea.map((a) => ({ code: a.code, name: a.name, value: a.sessionsPer10k }));
  const map = c.outlines.loaded ? choropleth(c.outlines.areas, values, { format: (n) => n.toFixed(1), unit: 'sessions per 10,000 people' }) : null;
  return {
    map,
    why: map
      ? null
      : c.outlines.loaded
        ? 'No map: none of these local authorities has an outline among the boundaries loaded.'
        : 'No map: local authority boundaries are not loaded (an administrator loads them with npm run import:boundaries). The table has the same figures.',
    attribution: BOUNDARIES_ATTRIBUTION,
    columns: ['Local authority', 'Sessions per 10,000 people'],
    rows: c.byArea.map((a) => [a.name, rate(a.sessionsPer10k)]),
  };
}

export function gapsTable(g: Gaps, limit: number): Table {
  const rows = g.rows.slice(0, limit);
  const distance = countOf(g.miles, 'mile');
  const rural = countOf(Math.max(g.miles, g.ruralMiles), 'mile');
  const ruralHow = g.ruralUrbanLoaded
    ? `Rural neighbourhoods (classes D1 to F2 of the ONS 2011 Rural Urban Classification, which is loaded) look within ${rural} instead. `
    : `The ONS Rural Urban Classification is not loaded, so every neighbourhood looks within ${distance}, rural or not; with it, rural neighbourhoods would look within ${rural}. `;
  return {
    key: 'gaps',
    title: g.ruralUrbanLoaded
      ? `Most deprived neighbourhoods with nothing accessible and low cost within ${distance} (${rural} in rural areas)`
      : `Most deprived neighbourhoods with nothing accessible and low cost within ${distance}`,
    how:
      `Neighbourhoods (LSOAs) in the most deprived 20% in England (IMD deciles 1 and 2, “Core20”) whose centre has no live activity within ${distance} in a straight line ` +
      `that is step-free and free, free for referred people, or at most £${GAP_RULES.maxPricePence / 100} a session; most people first. ${ruralHow}` +
      `Heritage with nothing organised: designated heritage and museums within the same distance with no live activity within ${GAP_RULES.organisedWithinMetres} m. ` +
      'A neighbourhood’s centre is the centre of its area, not where its people live.',
    columns: [
      'Neighbourhood',
      'Local authority',
      'IMD decile',
      'People',
      ...(g.ruralUrbanLoaded ? ['Rural or urban (looked within)'] : []),
      'Heritage with nothing organised',
      'Nearest of them',
    ],
    rows: rows.map((r) => [
      `${r.name} (${r.code})`,
      r.ladName,
      String(r.decile),
      whole(r.population),
      ...(g.ruralUrbanLoaded ? [`${r.ruralUrban ?? 'Not classified'} (${countOf(Math.round(r.metres / milesToMetres(1)), 'mile')})`] : []),
      r.heritage ? whole(r.heritage.unorganised) : '0',
      r.heritage ? r.heritage.examples.map((e) => `${e.name} (${e.category}, ${whole(e.metres)} m)`).join('; ') : '',
    ]),
    action: {
      column: 'Funding',
      rows: rows.map((r) => ({
        href: `${paths.funding.list}?${new URLSearchParams({ area: r.ladName })}`,
        text: `Funding for ${r.ladName}`,
      })),
    },
    more:
      g.rows.length > limit
        ? `Showing the ${whole(limit)} with most people of ${countOf(g.rows.length, 'neighbourhood')} (${countOf(g.people, 'person', 'people')}).`
        : `${countOf(g.rows.length, 'neighbourhood')}, ${countOf(g.people, 'person', 'people')}.`,
  };
}

export const REACH_HOW =
  'Each person is placed in a deprivation quintile by the neighbourhood of their postcode today (the nearest neighbourhood centre within their local authority); ' +
  'people with no postcode, only a postcode district, or whose record has been anonymised are not known. ' +
  'Counts are rounded to the nearest 5 and not shown when they are about fewer than 10 people or when another figure differs from them by fewer than 10 (as in the outcome reports). ' +
  'Shares are of the people whose quintile is known, from the rounded counts, with a 95% Wilson confidence interval. ' +
  'Local population: share of the people of the area’s neighbourhoods in each quintile.';

export function reachTable(t: ReachTable): Table {
  return {
    key: `reach-${t.stage}`,
    title: t.label,
    how: `${t.label}: ${t.how}. In all: ${t.total === null ? NOT_SHOWN : whole(t.total)}; with a known quintile: ${t.known === null ? NOT_SHOWN : whole(t.known)}.`,
    columns: ['IMD quintile', 'People', 'Share', '95% confidence interval', 'Local population share'],
    rows: t.rows.map((r) => [
      quintileLabel(r.quintile),
      r.count === null ? NOT_SHOWN : whole(r.count),
      percent(r.share),
      r.ci ? `${percent(r.ci[0])} to ${percent(r.ci[1])}` : NOT_SHOWN,
      percent(r.populationShare),
    ]),
  };
}

export const reachTables = (r: Reach) => r.tables.map(reachTable);

const count = (n: number | null) => (n === null ? NOT_SHOWN : whole(n));
const reasonLabel = (code: string) => ALL_DECLINE_REASONS.find((t) => t.code === code)?.label ?? code;

export function flowsTable(f: Flows): Table {
  return {
    key: 'referral-flows',
    title: 'Referral flows',
    how:
      `Referrals sent from ${f.period.from} to ${f.period.to}, from the organisation that referred (the link worker’s, the GP practice’s or the connector’s; ` +
      'when none is recorded, the referral route) to the provider, by referral route (GP or link worker, self-referral, community connector): ' +
      'first all referrals, then each route’s, then each referrer’s. Accepted: referrals the provider accepted, including those later attending, completed or stopped. ' +
      'Accepted share: accepted of referrals sent, from the rounded counts. Declined: referrals the provider declined, counted by the reason they chose. ' +
      'Median reply time: working days (Monday to Friday, not bank holidays in England) from sending to the provider’s first reply (accept, decline or waiting list), ' +
      'a reply the same day is 0, over the replies; shown only when it is over at least 10 replies. ' +
      'Counts are rounded to the nearest 5 and not shown when they are about fewer than 10 people or when another figure differs from them by fewer than 10 (as in the outcome reports and reach).',
    columns: [
      'Referred by',
      'Referral route',
      'Provider',
      'Referrals',
      'Accepted',
      'Accepted share',
      'Declined',
      'Decline reasons',
      'Median reply time (working days)',
    ],
    rows: f.rows.map((r) => [
      r.referrerName,
      r.routeName,
      r.providerName,
      count(r.referred),
      count(r.accepted),
      percent(r.acceptedShare),
      count(r.declined),
      r.reasons.map((x) => `${reasonLabel(x.code)}: ${count(x.count)}`).join('; '),
      r.medianReplyDays === null ? NOT_SHOWN : whole(r.medianReplyDays),
    ]),
  };
}

/** A spreadsheet cell: quoted when needed, and never read as a formula. */
const cell = (s: string) => {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Tables as one CSV: a title row, a how-computed row, the header and the rows of each. */
export function tablesCsv(tables: readonly Table[]): string {
  const lines: string[][] = [];
  for (const t of tables) {
    lines.push([t.title], [`How: ${t.how}`], t.columns, ...t.rows);
    if (t.more) lines.push([t.more]);
    lines.push([]);
  }
  return `${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}
