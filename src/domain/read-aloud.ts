import type { Activity, ActivitySession, Organisation, Place } from './directory.ts';
import { formatPhone, formatPostcode } from './contact-details.ts';
import { londonClockTime } from './london-time.ts';
import { takesFundedPlaces } from './listing.ts';
import { countOf } from './plural.ts';
import { describeSession, formatLongDate, formatTime, londonDate } from './schedule.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, labelOf, MONTHS, TERRAINS } from './vocabulary.ts';

/** A listing's facts the phone line reads out. */
export type ReadAloudListing = {
  activity: Pick<
    Activity,
    | 'title'
    | 'summary'
    | 'activityTypes'
    | 'costType'
    | 'pricePence'
    | 'costNote'
    | 'fundedPlaces'
    | 'access'
    | 'distanceWalkedM'
    | 'terrain'
    | 'support'
    | 'firstVisit'
    | 'howToJoin'
    | 'contactName'
    | 'contactPhone'
    | 'contactEmail'
    | 'months'
    | 'shortCode'
  >;
  organisation: Pick<Organisation, 'name' | 'phone' | 'email'>;
  place: Pick<Place, 'name' | 'addressLine' | 'town' | 'postcode' | 'description'>;
  sessions: Pick<ActivitySession, 'frequency' | 'weekday' | 'weekOfMonth' | 'startDate' | 'startTime' | 'endTime'>[];
  upcoming: { date: string; start: Date; cancelledReason: string | null; bankHoliday: string | null }[];
};

/** One topic of the summary: what it is about, and the sentences to say. */
export type ReadAloudPart = { topic: string; sentences: string[] };

/** "a, b and c" */
export function spokenList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A code as it is spelt out on the phone: NR-4K7 → "N R, 4 K 7". */
export const spellOut = (code: string) =>
  code
    .split('-')
    .map((part) => [...part].join(' '))
    .join(', ');

const sentence = (text: string) => {
  const t = text.trim();
  return t && /[.!?]$/.test(t) ? t : `${t}.`;
};
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

const GETTING_THERE: Record<string, string> = {
  public_transport: 'It is near a bus stop or station.',
  parking: 'There is parking nearby.',
  blue_badge_parking: 'There is Blue Badge parking.',
};
const COMPANY: Record<string, string> = {
  buddy_welcome: 'A buddy or a friend is welcome to come with them.',
  carer_free: 'A carer comes free.',
  meet_beforehand: 'They can meet the leader beforehand.',
  taster_session: 'They can come to a taster session first.',
  transport_help: 'The organisers can help with transport.',
};

/**
 * The listing in plain spoken sentences for whoever answers the information line (issue 10): what
 * happens, where and how to find the door, when next and how often, cost and funded places, getting
 * there, access, a first visit, company, how to join, and the listing's code spelt out.
 */
export function readAloud(l: ReadAloudListing, now: Date): ReadAloudPart[] {
  const a = l.activity;
  const parts: ReadAloudPart[] = [];
  const kind = a.activityTypes[0] ? lowerFirst(labelOf(ACTIVITY_TYPES, a.activityTypes[0])) : 'heritage activity';
  parts.push({ topic: 'What happens', sentences: [sentence(`${a.title} is a ${kind} run by ${l.organisation.name}`), sentence(a.summary)] });

  const where = [l.place.name, l.place.addressLine, l.place.town].filter(Boolean).join(', ');
  parts.push({
    topic: 'Where',
    sentences: [
      sentence(`It meets at ${where}, postcode ${formatPostcode(l.place.postcode)}`),
      ...(l.place.description ? [sentence(l.place.description)] : []),
    ],
  });

  const when: string[] = [];
  const today = londonDate(now);
  const next = l.upcoming.find((u) => !u.cancelledReason && !u.bankHoliday);
  if (next) {
    const day = next.date === today ? 'today' : `on ${formatLongDate(next.date).replace(/ \d{4}$/, '')}`;
    when.push(sentence(`The next session is ${day} at ${formatTime(londonClockTime(next.start))}`));
  } else when.push('There are no sessions planned at the moment.');
  for (const u of l.upcoming.filter((x) => x.cancelledReason || x.bankHoliday).slice(0, 2)) {
    when.push(sentence(`There is no session on ${formatLongDate(u.date).replace(/ \d{4}$/, '')}: ${u.cancelledReason ?? u.bankHoliday}`));
  }
  for (const s of l.sessions) when.push(sentence(`It meets ${lowerFirst(describeSession(s))}`));
  if (a.months.length > 0 && a.months.length < 12) {
    const sorted = [...a.months].sort((x, y) => x - y);
    when.push(sentence(`It runs only in ${spokenList(sorted.map((m) => labelOf(MONTHS, String(m))))}`));
  }
  parts.push({ topic: 'When', sentences: when });

  const cost: string[] = [];
  if (a.costType === 'free') cost.push('It is free.');
  else if (a.costType === 'free_for_referred') cost.push('It is free for people who are referred.');
  else cost.push(a.pricePence == null ? 'There is a charge.' : sentence(`It costs £${(a.pricePence / 100).toFixed(a.pricePence % 100 === 0 ? 0 : 2)}`));
  if (a.costNote) cost.push(sentence(a.costNote));
  if (a.fundedPlaces && takesFundedPlaces(a.costType)) cost.push(sentence(`There are ${countOf(a.fundedPlaces, 'funded place')} for people who are referred`));
  parts.push({ topic: 'Cost', sentences: cost });

  const getting = a.access.filter((c) => GETTING_THERE[c]).map((c) => GETTING_THERE[c]!);
  if (a.distanceWalkedM != null)
    getting.push(
      sentence(
        `There is about ${a.distanceWalkedM >= 1000 ? `${(a.distanceWalkedM / 1000).toFixed(1)} kilometres` : `${a.distanceWalkedM} metres`} of walking`,
      ),
    );
  if (a.terrain) getting.push(sentence(`The ground is ${lowerFirst(labelOf(TERRAINS, a.terrain))}`));
  if (getting.length) parts.push({ topic: 'Getting there', sentences: getting });

  const access = a.access.filter((c) => !GETTING_THERE[c]).map((c) => lowerFirst(labelOf(ACCESS_FEATURES, c)));
  if (access.length) parts.push({ topic: 'Access', sentences: [sentence(`For access, there is: ${spokenList(access)}`)] });
  if (a.firstVisit) parts.push({ topic: 'A first visit', sentences: [sentence(a.firstVisit)] });
  const company = a.support.filter((c) => COMPANY[c]).map((c) => COMPANY[c]!);
  if (company.length) parts.push({ topic: 'Coming with someone', sentences: company });

  const join: string[] = [];
  if (a.howToJoin) join.push(sentence(a.howToJoin));
  const phone = a.contactPhone ?? l.organisation.phone;
  const email = a.contactEmail ?? l.organisation.email;
  if (phone) join.push(sentence(`To ask about it, ring ${a.contactName ? `${a.contactName} ` : ''}on ${formatPhone(phone)}`));
  else if (email) join.push(sentence(`To ask about it, email ${email}`));
  join.push(sentence(`The listing code is ${a.shortCode}, that is ${spellOut(a.shortCode)}`));
  parts.push({ topic: 'How to join', sentences: join });
  return parts;
}
