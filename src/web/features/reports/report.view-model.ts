import { countOf } from '../../../domain/plural.ts';
import type { ReportQuery, ReportScope } from '../../../services/outcome-report.service.ts';
import type { ChangeOutcome, OutcomeReport, ScaleOutcome, Shown, Share, YesNoOutcome } from '../../../domain/outcome-report.ts';
import { MIN_GROUP, ROUND_TO } from '../../../domain/disclosure.ts';
import { instrumentFor } from '../../../domain/instruments/registry.ts';
import { monthName, type Month } from '../../../domain/report-period.ts';
import { paths } from '../../paths.ts';

/**
 * Every number a report shows, as text. Disclosure control (decision 012) has already been applied in the
 * domain; the page, the CSV, the printable report and the charts all read this one view.
 */
export const SUPPRESSED = `fewer than ${MIN_GROUP}`;
export const ROUNDING_NOTE =
  `Counts are rounded to the nearest ${ROUND_TO}, and counts from 1 to ${MIN_GROUP - 1} show as “${SUPPRESSED}”. ` +
  'Means, changes and confidence limits are rounded to 1 decimal place; percentages are whole numbers worked out from the rounded counts, ' +
  `and are not shown where their count is not.`;
export const WITHHELD = `Not shown: fewer than ${MIN_GROUP} people, or another report differs from this one by fewer than ${MIN_GROUP} people. Try a longer period or fewer filters.`;

/**
 * A share is a percentage with its count of people. When the count is withheld the percentage is too,
 * and the cell says so in words about people: "fewer than 10" alone, under a percentage, reads as a
 * percentage.
 */
export const SHARE_SUPPRESSED = `not shown (fewer than ${MIN_GROUP} people)`;
export const count = (n: Shown) => (n === null ? SUPPRESSED : n.toLocaleString('en-GB'));
export const shareText = (s: Share) => (s.count === null || s.percent === null ? SHARE_SUPPRESSED : `${s.percent}% (${countOf(s.count, 'person', 'people')})`);
const num = (x: number | null, dp = 1) => (x === null ? '–' : (Math.abs(x) < 0.5 * 10 ** -dp ? 0 : x).toFixed(dp));
const signed = (x: number | null, dp = 1) => (x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(dp)}`);
export const pValue = (p: number | null) => (p === null ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3));

export type Bar = { label: string; value: string; y: number; width: number; fill: string };
export type Chart = { id: string; title: string; summary: string; bars: Bar[]; axisMax: string; axisMin: string; height: number; columns: [string, string] };

const CHART = { left: 130, width: 400, barHeight: 28, gap: 12 };

function chart(id: string, title: string, unit: string, min: number, max: number, before: number, after: number, fmt: (x: number) => string): Chart {
  const scale = (v: number) => Math.max(2, Math.round(((v - min) / (max - min)) * CHART.width));
  const bars: Bar[] = [
    { label: 'Baseline', value: fmt(before), y: 10, width: scale(before), fill: '#768692' },
    { label: 'Later', value: fmt(after), y: 10 + CHART.barHeight + CHART.gap, width: scale(after), fill: '#005eb8' },
  ];
  return {
    id,
    title,
    bars,
    axisMin: fmt(min),
    axisMax: fmt(max),
    height: 10 + 2 * (CHART.barHeight + CHART.gap) + 20,
    summary: `${title}: ${unit} ${fmt(before)} at baseline and ${fmt(after)} later.`,
    columns: ['Time point', unit],
  };
}

export function reportView(data: { query: ReportQuery; report: OutcomeReport; scope: ReportScope }, compareLabel: string) {
  const { report } = data;
  const charts: Chart[] = [];
  const scales = report.measures.filter((m): m is ScaleOutcome => m.kind === 'scale');
  const counts = report.measures.filter((m): m is ScaleOutcome => m.kind === 'count');
  const yesNo = report.measures.filter((m): m is YesNoOutcome => m.kind === 'yes_no');
  const changes = report.measures.filter((m): m is ChangeOutcome => m.kind === 'change');
  const rangeOf = (m: { instrument: string; code: string }) => instrumentFor(m.instrument)?.measures.find((x) => x.code === m.code);

  for (const m of [...scales, ...counts]) {
    const r = rangeOf(m);
    if (!m.enough || m.beforeMean === null || m.afterMean === null || !r) continue;
    const max = m.kind === 'count' ? Math.max(1, Math.ceil(Math.max(m.beforeMean, m.afterMean) * 1.25)) : r.max;
    charts.push(chart(`chart-${m.code}`, m.label, 'Mean score', m.kind === 'count' ? 0 : r.min, max, m.beforeMean, m.afterMean, (x) => num(x, 1)));
  }
  for (const m of yesNo) {
    if (m.before.percent === null || m.after.percent === null) continue;
    charts.push(chart(`chart-${m.code}`, m.label, 'Share saying yes (%)', 0, 100, m.before.percent, m.after.percent, (x) => `${num(x, 0)}%`));
  }

  return {
    compareLabel,
    summary: [
      { label: 'Referred', value: count(report.referred) },
      { label: 'Started (attended at least once)', value: count(report.started) },
      { label: `With a baseline and ${compareLabel.toLowerCase()} questionnaire`, value: count(report.paired) },
      { label: 'Questionnaire completion rate (of those who started)', value: report.completionRate === null ? SHARE_SUPPRESSED : `${report.completionRate}%` },
    ],
    scales: scales.map((m) => ({
      label: m.label,
      paired: count(m.paired),
      enough: m.enough,
      before: num(m.beforeMean, 1),
      after: num(m.afterMean, 1),
      change: signed(m.meanChange),
      ci: m.ci95 ? `${signed(m.ci95[0])} to ${signed(m.ci95[1])}` : '–',
      tTestP: pValue(m.tTestP),
      wilcoxonP: pValue(m.wilcoxonP) + (m.wilcoxonMethod === 'exact' ? ' (exact)' : ''),
      improved: shareText(m.improved),
      unchanged: shareText(m.unchanged),
      worse: shareText(m.worse),
      threshold: countOf(m.threshold, 'point'),
      better: m.better === 'higher' ? 'Higher is better' : 'Lower is better',
      source: m.source ?? '',
    })),
    counts: counts.map((m) => ({
      label: m.label,
      paired: count(m.paired),
      enough: m.enough,
      before: num(m.beforeMean, 1),
      after: num(m.afterMean, 1),
      reduced: shareText(m.improved),
      same: shareText(m.unchanged),
      increased: shareText(m.worse),
    })),
    yesNo: yesNo.map((m) => ({ label: m.label, paired: count(m.paired), enough: m.enough, before: shareText(m.before), after: shareText(m.after) })),
    changes: changes.map((m) => ({
      label: m.label,
      answered: count(m.answered),
      enough: m.enough,
      reduced: shareText(m.reduced),
      same: shareText(m.same),
      increased: shareText(m.increased),
      notOn: shareText(m.notOnMedication),
    })),
    charts,
    minCount: MIN_GROUP,
    withheld: WITHHELD,
    roundingNote: ROUNDING_NOTE,
  };
}

export type ReportView = ReturnType<typeof reportView>;

/** The filter form's choices and the links that keep the current filters. */
export function filterView(
  options: { schemes: { id: string; name: string; area: string }[]; providers: { id: string; name: string }[]; activities: { id: string; title: string }[] },
  query: Partial<Record<'scheme' | 'provider' | 'activity' | 'from' | 'to' | 'compare', string | undefined>>,
  scope: ReportScope,
) {
  const select = (items: { value: string; text: string }[], anyText: string | null, chosen: string | undefined) =>
    [...(anyText === null ? [] : [{ value: '', text: anyText }]), ...items].map((i) => ({ ...i, selected: i.value === (chosen ?? '') }));
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== '') as [string, string][]).toString();
  return {
    showScheme: scope.national,
    sites: scope.sites === true,
    schemes: select(
      options.schemes.map((s) => ({ value: s.id, text: `${s.area} – ${s.name}` })),
      'All areas',
      query.scheme,
    ),
    // A provider reports on one of their organisations at a time (decision 012): the same default as the
    // service, their first organisation. A parent body's report is all its sites unless one is chosen.
    providers: scope.providerOrganisationIds
      ? select(
          options.providers.map((p) => ({ value: p.id, text: p.name })),
          scope.sites ? 'All your sites' : null,
          query.provider ?? (scope.sites ? undefined : scope.providerOrganisationIds[0]),
        )
      : select(
          options.providers.map((p) => ({ value: p.id, text: p.name })),
          'All providers',
          query.provider,
        ),
    activities: select(
      options.activities.map((a) => ({ value: a.id, text: a.title })),
      'All activities',
      query.activity,
    ),
    compare: [
      { value: 'end', text: 'End of prescription', checked: (query.compare ?? 'end') === 'end' },
      { value: 'follow_up', text: 'Follow-up (12 weeks after the end)', checked: query.compare === 'follow_up' },
    ],
    from: query.from ?? '',
    to: query.to ?? '',
    action: scope.sites ? paths.provider.sitesOutcomes : paths.reports.outcomes,
    csvHref: `${scope.sites ? paths.provider.sitesOutcomesCsv : paths.reports.outcomesCsv}${qs ? `?${qs}` : ''}`,
    printHref: `${scope.sites ? paths.provider.sitesOutcomesPrint : paths.reports.outcomesPrint}${qs ? `?${qs}` : ''}`,
    scopeText: scope.national
      ? 'All of England'
      : scope.schemeId
        ? 'Your area'
        : scope.sites
          ? 'Your organisation and its sites'
          : 'Your organisation’s activities',
  };
}

/** The aggregate tables as CSV: the same view as the page, withheld figures said so, the rounding stated. */
export function reportCsv(v: ReportView): string {
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines: string[][] = [
    [
      'section',
      'measure',
      'people',
      'baseline',
      v.compareLabel,
      'mean change',
      '95% CI',
      'paired t-test p',
      'Wilcoxon p',
      'improved',
      'no meaningful change',
      'worse',
      'meaningful change threshold',
      'threshold source',
    ],
  ];
  for (const s of v.summary) lines.push(['summary', s.label, s.value]);
  const withheld = ['not shown'];
  for (const m of v.scales) {
    lines.push([
      'scale',
      m.label,
      m.paired,
      ...(m.enough
        ? [m.before, m.after, m.change, m.ci, m.tTestP, m.wilcoxonP, m.improved, m.unchanged, m.worse]
        : [...withheld, '', '', '', '', '', '', '', '']),
      m.threshold,
      m.source,
    ]);
  }
  for (const m of v.counts) {
    lines.push([
      'health contacts',
      m.label,
      m.paired,
      ...(m.enough ? [m.before, m.after, '', '', '', '', `reduced ${m.reduced}`, `same ${m.same}`, `increased ${m.increased}`] : withheld),
    ]);
  }
  for (const m of v.yesNo) lines.push(['share saying yes', m.label, m.paired, ...(m.enough ? [m.before, m.after] : withheld)]);
  for (const m of v.changes) {
    lines.push([
      'medication',
      m.label,
      m.answered,
      ...(m.enough ? ['', '', '', '', '', '', `reduced ${m.reduced}`, `same ${m.same}`, `increased ${m.increased}`, `not on medication ${m.notOn}`] : withheld),
    ]);
  }
  lines.push(['note', v.roundingNote]);
  lines.push(['note', v.withheld]);
  return `${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** "Referred April 2026 to June 2026" for the printable report, from the parsed months. */
export function periodText(from: Month | undefined, to: Month | undefined): string | undefined {
  if (!from && !to) return undefined;
  return `Referred ${from ? monthName(from) : 'any time'} to ${to ? monthName(to) : 'now'}`;
}
