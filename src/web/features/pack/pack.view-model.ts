import type { PublicActivity } from '../../../data/repositories/public-activity.repository.ts';
import type { Occurrence } from '../../../domain/directory.ts';
import { formatPhone, formatPostcode } from '../../../domain/contact-details.ts';
import { formatMonth, kindLabel, onDutyDuring, weekStart, whoIsThere, type InformationPoint, type OnDuty } from '../../../domain/information-points.ts';
import { dateToUtc, formatTimeRange } from '../../../domain/schedule.ts';
import type { Pack, PackItem, PackPoint } from '../../../services/pack.service.ts';
import { paths } from '../../paths.ts';
import { qrCodeSvg } from '../../qr-code.ts';
import { formatUkDate, formatUkTime } from '../../render.ts';
import { costLabel } from '../search/result.view-model.ts';
import type { PackQuery } from './pack.query.ts';

const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long' });
const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long' });
const at = (date: string) => new Date(dateToUtc(date));

/** 'Saturday 2 January'. */
export const dayLabel = (date: string) => DAY.format(at(date)).replace(',', '');
const shortDay = (date: string) => SHORT_DAY.format(at(date)).replace(',', '');
const listed = (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/**
 * An activity's dates in the month, said once per weekday and time: "Fridays 8, 15, 22 and 29 January,
 * 10:30am to 12pm"; a single date "Saturday 2 January, 10am to 1pm".
 */
export function datesText(dates: readonly Occurrence[], sessions: PublicActivity['sessions']): string[] {
  const groups = new Map<string, { weekday: string; days: string[]; month: string; times: string; first: string }>();
  for (const o of dates) {
    const s = sessions.find((x) => x.id === o.sessionId);
    const times = s ? formatTimeRange(s.startTime, s.endTime) : formatUkTime(o.start);
    const weekday = WEEKDAY.format(at(o.date));
    const key = `${weekday}|${times}`;
    const g = groups.get(key) ?? { weekday, days: [], month: MONTH.format(at(o.date)), times, first: o.date };
    g.days.push(String(Number(o.date.slice(8, 10))));
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.first.localeCompare(b.first))
    .map((g) => (g.days.length > 1 ? `${g.weekday}s ${listed(g.days)} ${g.month}, ${g.times}` : `${dayLabel(g.first)}, ${g.times}`));
}

const addressOf = (p: { name?: string; placeName?: string; addressLine: string; town: string; postcode: string | null }) =>
  [p.name ?? p.placeName, p.addressLine, p.town, p.postcode ? formatPostcode(p.postcode) : null].filter(Boolean).join(', ');

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What every printed activity shows (the pack and the poster). */
export async function printedActivity(i: PublicActivity & { dates: Occurrence[] }, publicUrl: string) {
  const { activity: a, organisation: o, place } = i;
  const url = new URL(paths.activity(a.id), publicUrl).toString();
  const phone = a.contactPhone || o.phone;
  return {
    id: a.id,
    anchor: `a-${a.shortCode}`,
    title: a.title,
    summary: oneLine(a.summary),
    organisation: o.name,
    dates: datesText(i.dates, i.sessions),
    place: addressOf(place),
    cost: costLabel(a.costType, a.pricePence),
    phone: phone ? formatPhone(phone) : null,
    email: a.contactEmail || o.email || null,
    howToJoin: oneLine(a.howToJoin),
    stepFree: a.access.includes('step_free'),
    code: a.shortCode,
    url,
    posterHref: paths.pack.poster(a.id),
    qrCode: await qrCodeSvg(url),
  };
}

/** An information point as the pack and "Talk to someone" show it. */
export function pointView(p: InformationPoint & { dates: Occurrence[]; onDuty: OnDuty[] }, publicUrl: string) {
  const shownDates = p.kind === 'phone_line' ? [] : p.dates;
  return {
    id: p.id,
    kind: kindLabel(p.kind),
    name: p.name,
    description: p.description,
    place: p.placeName || p.addressLine ? addressOf(p) : null,
    phone: p.phone ? formatPhone(p.phone) : null,
    hours: p.hoursNote,
    // Each date with who will be there (cafés, libraries); the phone line's hours are in words, so its connectors are one line.
    dates: shownDates.map((d) => {
      const who = whoIsThere(onDutyDuring(p.onDuty, d));
      return `${dayLabel(d.date)}, ${formatUkTime(d.start)} to ${formatUkTime(d.end)}${who ? ` – ${who}` : ''}`;
    }),
    onDuty: whoIsThere(p.onDuty.filter((d) => !shownDates.some((o) => d.startsAt < o.end && d.endsAt > o.start))),
    calendarHref: p.times.length ? paths.calendars.informationPoint(p.id) : null,
    calendarUrl: p.times.length ? new URL(paths.calendars.informationPoint(p.id), publicUrl).toString() : null,
  };
}

/** The month's dates, grouped by week (Monday to Sunday) or by day: a short index to the activities. */
function calendarIndex(items: readonly PackItem[], group: 'week' | 'day') {
  const rows = items
    .flatMap((i) =>
      i.dates.map((o) => ({
        date: o.date,
        start: o.start,
        time: formatUkTime(o.start),
        title: i.activity.title,
        code: i.activity.shortCode,
        town: i.place.town,
      })),
    )
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.title.localeCompare(b.title));
  const groups: { heading: string; rows: { day: string; time: string; title: string; code: string; town: string }[] }[] = [];
  for (const r of rows) {
    const monday = weekStart(r.date);
    const heading = group === 'day' ? dayLabel(r.date) : `Week beginning ${dayLabel(monday)}`;
    let g = groups.at(-1);
    if (!g || g.heading !== heading) {
      g = { heading, rows: [] };
      groups.push(g);
    }
    g.rows.push({ day: shortDay(r.date), time: r.time, title: r.title, code: r.code, town: r.town });
  }
  return groups;
}

/** The printable pack (A4): the month's index, every activity with its QR code, and where to talk to someone. */
export async function packPrintView(pack: Pack, q: PackQuery, opts: { publicUrl: string; now: Date; backHref: string; pdfHref: string | null }) {
  const items = await Promise.all(pack.items.map((i) => printedActivity(i, opts.publicUrl)));
  const monthName = formatMonth(pack.month);
  return {
    pageTitle: `What’s on in ${monthName}`,
    monthName,
    areaLabel: pack.areaLabel,
    style: q.style,
    group: q.group,
    index: q.style === 'easy' ? [] : calendarIndex(pack.items, q.group),
    items,
    points: pack.points.map((p: PackPoint) => pointView(p, opts.publicUrl)),
    backHref: opts.backHref,
    pdfHref: opts.pdfHref,
    printedOn: formatUkDate(opts.now),
  };
}
