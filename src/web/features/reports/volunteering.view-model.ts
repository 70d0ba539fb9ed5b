import type { ActivityRow, PairedRow, Shown, VolunteerRow, VolunteeringCounts } from '../../../domain/volunteering-counts.ts';
import type { QuestionnaireSummary, Sustainability } from '../../../services/volunteering-report.service.ts';

/** The volunteering section's page and CSV read the same view (decision 034). */
const NOT_SHOWN = 'not shown';
const shown = (n: Shown) => (n === null ? NOT_SHOWN : String(n));

export const VOLUNTEERING_NOTE =
  'Counts and hours are rounded to the nearest 5. A figure is not shown when it is about fewer than 10 volunteers, visits or alerts, or when another figure differs from it by fewer than 10. The time to acknowledge an alert is shown only with the count of alerts. The volunteer questionnaire counts volunteers who answered at training in the period and again 3 months later; scores are means from 1 to 5.';

const volunteerRow = (r: VolunteerRow) => ({
  label: r.label,
  cells: [r.volunteers, r.ready, r.trained, r.dueSoon, r.expired].map(shown),
});
const activityRow = (r: ActivityRow) => ({
  label: r.label,
  cells: [shown(r.visits), shown(r.hours), shown(r.alerts), r.medianAckMinutes === null ? NOT_SHOWN : String(r.medianAckMinutes)],
});

export const VOLUNTEER_HEADINGS = ['Volunteers', 'Ready to be matched', 'Trained', 'A check due within 30 days', 'A check expired'];
export const ACTIVITY_HEADINGS = ['Visits', 'Hours', 'Check-out alerts', 'Median minutes to acknowledge'];

const decimal = (x: number | null) => (x === null ? NOT_SHOWN : x.toFixed(1));
const pairedRow = (r: PairedRow) => ({
  label: r.label,
  cells: [shown(r.people), decimal(r.before), decimal(r.after), r.change === null ? NOT_SHOWN : `${r.change > 0 ? '+' : ''}${r.change.toFixed(1)}`],
});
export const PAIRED_HEADINGS = ['Volunteers', 'At training', '3 months later', 'Change'];

export function volunteeringView(c: VolunteeringCounts, q: QuestionnaireSummary = [], s?: Sustainability) {
  return {
    sustainability: s
      ? [
          {
            title: 'From prescription to volunteering',
            heading: 'Prescriptions ending with volunteering as a next step',
            columns: ['Volunteer forms sent', 'Offers to volunteer from them', 'Became volunteers'],
            rows: [{ label: 'All organisations', cells: [shown(s.sent), shown(s.interest), shown(s.volunteer)] }],
          },
        ]
      : [],
    questionnaire: q.map((m) => ({
      title: `Volunteer questionnaire: ${m.measure}`,
      heading: 'Organisation',
      columns: PAIRED_HEADINGS,
      rows: m.rows.map(pairedRow),
    })),
    now: { title: 'Volunteers today', heading: 'Organisation', columns: VOLUNTEER_HEADINGS, rows: c.volunteersNow.map(volunteerRow) },
    activity: [
      {
        title: 'Visits, hours and alerts by organisation',
        heading: 'Organisation',
        columns: ACTIVITY_HEADINGS,
        rows: [c.total, ...c.byOrganisation].map(activityRow),
      },
      { title: 'Visits, hours and alerts by month', heading: 'Month', columns: ACTIVITY_HEADINGS, rows: c.byMonth.map(activityRow) },
    ],
  };
}

/** A spreadsheet cell: quoted when needed, and never read as a formula. */
const cell = (s: string) => {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function volunteeringCsv(view: ReturnType<typeof volunteeringView>, period: string): string {
  const lines: string[][] = [['table', 'row', 'figure', 'value']];
  for (const r of view.now.rows) for (const [i, col] of view.now.columns.entries()) lines.push([view.now.title, r.label, col, r.cells[i]!]);
  for (const t of [...view.activity, ...view.questionnaire, ...view.sustainability])
    for (const r of t.rows) for (const [i, col] of t.columns.entries()) lines.push([`${t.title} (${period})`, r.label, col, r.cells[i]!]);
  lines.push(['note', VOLUNTEERING_NOTE, '', '']);
  return `${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}
