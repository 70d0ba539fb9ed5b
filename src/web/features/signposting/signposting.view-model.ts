import type { ActivityChoice, ShiftRow } from '../../../data/repositories/signposting.repository.ts';
import { kindLabel, type InformationPointKind } from '../../../domain/information-points.ts';
import { formatLongDate, londonDate } from '../../../domain/schedule.ts';
import { type Conversation, INFO_POINTS, OTHER_SERVICES, REFERRAL_FOLLOWED } from '../../../domain/signposting.ts';
import type { CountRow, ShownCount, SignpostingCounts } from '../../../domain/signposting-counts.ts';
import { ACTIVITY_TYPES, labelOf, labelsOf, NEEDS, type Term } from '../../../domain/vocabulary.ts';
import { asArray, type FormBody } from '../../forms.ts';
import { str } from '../../form-fields.ts';
import { formatUkTime } from '../../render.ts';

const NOT_SHOWN = 'not shown';

/** The form's values from a conversation (to correct it) or today's date (a new one). */
export function conversationValues(c: Conversation | null, today: string): FormBody {
  const date = c?.heldOn ?? today;
  return {
    heldOnDay: String(Number(date.slice(8, 10))),
    heldOnMonth: String(Number(date.slice(5, 7))),
    heldOnYear: date.slice(0, 4),
    infoPoint: c?.infoPoint ?? '',
    needs: c?.needs ?? [],
    interests: c?.interests ?? [],
    activityIds: c?.activityIds ?? [],
    linkWorker: c?.linkWorker ? 'yes' : '',
    otherServices: c?.otherServices ?? [],
    referralFollowed: c?.referralFollowed ?? '',
  };
}

const ticks = (vocab: readonly Term[], chosen: string[]) => vocab.map((t) => ({ value: t.code, text: t.label, checked: chosen.includes(t.code) }));

/** Everything the conversation form shows: its choices, ticked as posted. */
export function conversationForm(
  values: FormBody,
  activities: { selected: ActivityChoice[]; recent: ActivityChoice[]; found: ActivityChoice[]; searched: string },
) {
  const chosen = asArray(values.activityIds);
  const seen = new Set<string>();
  const activityItems = [...activities.selected, ...activities.recent, ...activities.found]
    .filter((a) => !seen.has(a.id) && seen.add(a.id))
    .map((a) => ({ value: a.id, text: a.title, hint: { text: a.organisationName }, checked: chosen.includes(a.id) }));
  return {
    values,
    infoPointItems: INFO_POINTS.map((p) => ({ value: p.code, text: p.label, checked: values.infoPoint === p.code })),
    needItems: ticks(NEEDS, asArray(values.needs)),
    interestItems: ticks(ACTIVITY_TYPES, asArray(values.interests)),
    activityItems,
    searched: activities.searched,
    foundNothing: activities.searched.length >= 2 && activities.found.length === 0,
    linkWorkerItems: [{ value: 'yes', text: 'A social prescribing link worker', checked: values.linkWorker === 'yes' }],
    otherServiceItems: ticks(OTHER_SERVICES, asArray(values.otherServices)),
    referralItems: REFERRAL_FOLLOWED.map((r) => ({ value: r.code, text: r.label, checked: values.referralFollowed === r.code })),
    activitySearch: str(values.activitySearch),
  };
}

/** A row of the connector's recent conversations. */
export function conversationRow(c: Conversation & { activityTitles: string[] }) {
  const to = [...c.activityTitles, ...(c.linkWorker ? ['A link worker'] : []), ...labelsOf(OTHER_SERVICES, c.otherServices)];
  return {
    id: c.id,
    date: formatLongDate(c.heldOn),
    where: labelOf(INFO_POINTS, c.infoPoint),
    lookingFor: [...labelsOf(NEEDS, c.needs), ...labelsOf(ACTIVITY_TYPES, c.interests)].join(', ') || 'Not recorded',
    signpostedTo: to.join(', '),
    referral: labelOf(REFERRAL_FOLLOWED, c.referralFollowed),
  };
}

const shown = (n: ShownCount) => (n === null ? NOT_SHOWN : String(n));
const rows = (list: CountRow[]) => list.map((r) => ({ label: r.label, count: shown(r.count), withheld: r.count === null }));

/** The counts page and CSV read the same view. */
export function countsView(counts: SignpostingCounts) {
  return {
    total: shown(counts.total),
    referrals: shown(counts.referrals),
    tables: [
      { key: 'connector', title: 'By connector', heading: 'Connector', rows: rows(counts.byConnector) },
      { key: 'info_point', title: 'By information point', heading: 'Information point', rows: rows(counts.byInfoPoint) },
      { key: 'need', title: 'By what people were looking for', heading: 'Need', rows: rows(counts.byNeed) },
      { key: 'month', title: 'By month', heading: 'Month', rows: rows(counts.byMonth) },
    ].filter((t) => t.rows.length > 0),
  };
}

export const COUNTS_NOTE =
  'Counts are rounded to the nearest 5. A count is not shown when it is fewer than 10 conversations, or when another count differs from it by fewer than 10 conversations. One conversation can be about several needs.';

/** A spreadsheet cell: quoted when needed, and never read as a formula. */
const cell = (s: string) => {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function countsCsv(view: ReturnType<typeof countsView>, period: string): string {
  const lines: string[][] = [['table', 'row', 'conversations']];
  lines.push(['total', period, view.total], ['referrals followed', period, view.referrals]);
  for (const t of view.tables) for (const r of t.rows) lines.push([t.title, r.label, r.count]);
  lines.push(['note', COUNTS_NOTE, '']);
  return `${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Who is on duty, day by day, with the shift under way now marked. */
export function dutyDays(shifts: ShiftRow[], now: Date, userId: string) {
  const days = new Map<string, ReturnType<typeof shiftRow>[]>();
  for (const s of shifts) {
    const day = londonDate(s.startsAt);
    days.set(day, [...(days.get(day) ?? []), shiftRow(s, now, userId)]);
  }
  return [...days.entries()].map(([date, list]) => ({ date: formatLongDate(date), isToday: date === londonDate(now), shifts: list }));
}

function shiftRow(s: ShiftRow, now: Date, userId: string) {
  return {
    id: s.id,
    time: `${formatUkTime(s.startsAt)} to ${formatUkTime(s.endsAt)}`,
    where: s.place ? `${labelOf(INFO_POINTS, s.infoPoint)}, ${s.place}` : labelOf(INFO_POINTS, s.infoPoint),
    who: s.connectorName,
    open: s.connectorId === null,
    mine: s.connectorId === userId,
    onNow: s.startsAt <= now && now < s.endsAt,
  };
}

/** The information points' times in the coming weeks, each with who is booked: connectors book themselves here. */
export function pointTimeRows(
  times: { point: { id: string; name: string; kind: InformationPointKind }; start: Date; end: Date; shifts: ShiftRow[] }[],
  userId: string,
) {
  return times.map((t, i) => {
    const booked = t.shifts.filter((s) => s.connectorId);
    return {
      index: i,
      pointId: t.point.id,
      where: t.point.name,
      kind: kindLabel(t.point.kind),
      when: `${formatLongDate(londonDate(t.start))}, ${formatUkTime(t.start)} to ${formatUkTime(t.end)}`,
      startsAt: t.start.toISOString(),
      who: booked.length ? booked.map((s) => (s.connectorId === userId ? `${s.connectorName} (you)` : s.connectorName)).join(', ') : null,
      mine: booked.some((s) => s.connectorId === userId),
    };
  });
}
