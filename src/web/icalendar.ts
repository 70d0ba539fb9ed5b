import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventRepeatingFreq, type ICalWeekday, type ICalCalendar } from 'ical-generator';
import { calendarEventFor } from '../domain/calendar-events.ts';
import type { Activity, ActivitySession, Organisation, Place } from '../domain/directory.ts';
import { formatPhone, formatPostcode } from '../domain/contact-details.ts';
import { pointSessions, type InformationPoint } from '../domain/information-points.ts';
import { londonDate } from '../domain/schedule.ts';
import { paths } from './paths.ts';

const ZONE = 'Europe/London';

/** What a calendar needs of each activity: the public listing and its current sessions. */
export type CalendarListing = {
  activity: Pick<Activity, 'id' | 'title' | 'summary' | 'howToJoin' | 'shortCode' | 'months'>;
  organisation: Pick<Organisation, 'name'>;
  place: Pick<Place, 'name' | 'addressLine' | 'town' | 'postcode' | 'latitude' | 'longitude'>;
  sessions: ActivitySession[];
};

/**
 * An iCalendar (RFC 5545) feed of activities' sessions (issue 10, decision 031): recurring sessions
 * as RRULE with a Europe/London VTIMEZONE, dates they do not run as EXDATE, one-off sessions as
 * single events; location, description, the page's address and the listing's short code.
 * `now` is the injected clock's: it fixes DTSTAMP and which sessions still have dates to come.
 */
export function calendarFeed(listings: readonly CalendarListing[], opts: { name: string; publicUrl: string; now: Date }): string {
  const calendar: ICalCalendar = ical({ name: opts.name, prodId: { company: 'Waymark', product: 'Heritage wellbeing activities', language: 'EN' } });
  // A nameless calendar zone: events carry TZID=Europe/London and get its VTIMEZONE, while DTSTAMP stays in UTC.
  calendar.timezone({ name: '', generator: getVtimezoneComponent });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: ZONE }]);
  const today = londonDate(opts.now);
  for (const l of listings) {
    const url = new URL(paths.activity(l.activity.id), opts.publicUrl).toString();
    const where = [l.place.name, l.place.addressLine, l.place.town, formatPostcode(l.place.postcode)].filter(Boolean).join(', ');
    const description = [
      l.activity.summary,
      `Run by ${l.organisation.name}.`,
      l.activity.howToJoin && `How to join: ${l.activity.howToJoin}`,
      `Listing code ${l.activity.shortCode}. ${url}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    for (const session of l.sessions) {
      const e = calendarEventFor(session, today, l.activity.months);
      if (!e) continue;
      calendar.createEvent({
        id: `${e.uid}@waymark`,
        start: e.start,
        end: e.end,
        timezone: ZONE,
        stamp: opts.now,
        summary: l.activity.title,
        description,
        location: { title: where, geo: { lat: l.place.latitude, lon: l.place.longitude } },
        url,
        repeating: e.repeating && {
          freq: e.repeating.freq === 'MONTHLY' ? ICalEventRepeatingFreq.MONTHLY : ICalEventRepeatingFreq.WEEKLY,
          interval: e.repeating.interval,
          byDay: [e.repeating.byDay as ICalWeekday],
          ...(e.repeating.bySetPos !== null ? { bySetPos: [e.repeating.bySetPos] } : {}),
          ...(e.repeating.byMonth ? { byMonth: e.repeating.byMonth } : {}),
          ...(e.repeating.until ? { until: e.repeating.until } : {}),
          ...(e.repeating.exclude.length > 0 ? { exclude: e.repeating.exclude } : {}),
        },
      });
    }
  }
  return calendar.toString();
}

/**
 * An information point's feed (decision 035): the Heritage Café's meetings or the phone line's opening
 * hours as recurring events, built by the same rules as activities' sessions (closed on bank holidays).
 */
export function informationPointFeed(
  point: Pick<InformationPoint, 'id' | 'name' | 'description' | 'placeName' | 'addressLine' | 'town' | 'postcode' | 'phone' | 'hoursNote' | 'times'>,
  opts: { publicUrl: string; now: Date },
): string {
  const calendar: ICalCalendar = ical({ name: point.name, prodId: { company: 'Waymark', product: 'Information points', language: 'EN' } });
  calendar.timezone({ name: '', generator: getVtimezoneComponent });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: ZONE }]);
  const today = londonDate(opts.now);
  const url = new URL(paths.talkToSomeone, opts.publicUrl).toString();
  const where = [point.placeName, point.addressLine, point.town, point.postcode ? formatPostcode(point.postcode) : null].filter(Boolean).join(', ');
  const description = [point.description, point.phone ? `Phone ${formatPhone(point.phone)}` : null, point.hoursNote, url].filter(Boolean).join('\n\n');
  for (const session of pointSessions(point)) {
    const e = calendarEventFor(session, today, []);
    if (!e) continue;
    calendar.createEvent({
      id: `${e.uid}@waymark`,
      start: e.start,
      end: e.end,
      timezone: ZONE,
      stamp: opts.now,
      summary: point.name,
      description,
      ...(where ? { location: where } : {}),
      url,
      repeating: e.repeating && {
        freq: e.repeating.freq === 'MONTHLY' ? ICalEventRepeatingFreq.MONTHLY : ICalEventRepeatingFreq.WEEKLY,
        interval: e.repeating.interval,
        byDay: [e.repeating.byDay as ICalWeekday],
        ...(e.repeating.bySetPos !== null ? { bySetPos: [e.repeating.bySetPos] } : {}),
        ...(e.repeating.until ? { until: e.repeating.until } : {}),
        ...(e.repeating.exclude.length > 0 ? { exclude: e.repeating.exclude } : {}),
      },
    });
  }
  return calendar.toString();
}
