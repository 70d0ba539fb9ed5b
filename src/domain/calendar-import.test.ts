import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCalendar } from './calendar-import.ts';
import { londonInstant, nextOccurrences } from './schedule.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/calendars/${name}`, import.meta.url), 'utf8');
const TODAY = '2026-12-07';

function read(text: string) {
  const r = readCalendar(text, TODAY);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('reading a provider’s calendar', () => {
  it('turns a Google calendar’s weekly, fortnightly and monthly rules, exceptions and one-off into sessions', () => {
    const r = read(fixture('google.ics'));
    const byNote = Object.fromEntries(r.sessions.map((s) => [s.note, s]));
    expect(byNote['Heritage walk']).toMatchObject({ frequency: 'weekly', weekday: 2, startTime: '10:00', endTime: '12:00', endDate: null });
    expect(byNote['Heritage walk']?.cancellations.map((c) => c.date)).toEqual(['2026-12-29', '2027-01-05']);
    expect(byNote['Craft afternoon']).toMatchObject({
      frequency: 'fortnightly',
      weekday: 5,
      startDate: '2026-01-02',
      endDate: '2027-12-31',
      startTime: '14:00',
      endTime: '15:30',
    });
    expect(byNote['Evening talk']).toMatchObject({ frequency: 'monthly', weekday: 2, weekOfMonth: 1, endDate: '2027-12-07', startTime: '19:00' });
    expect(byNote['Open day']).toMatchObject({ frequency: 'once', startDate: '2027-02-13', startTime: '11:00', endTime: '13:00' });
  });

  it('lists what it cannot import with a plain reason: an all-day event and a daily rule', () => {
    const r = read(fixture('google.ics'));
    expect(r.skipped.map((s) => s.title)).toEqual(['Spring clean (all day)', 'Daily coffee']);
    expect(r.skipped[0]?.reason).toMatch(/all-day event/);
    expect(r.skipped[1]?.reason).toMatch(/every day/);
  });

  it('reads Outlook’s Windows time-zone names and its last-weekday monthly rule', () => {
    const r = read(fixture('outlook.ics'));
    expect(r.sessions).toEqual([
      expect.objectContaining({
        note: 'Knit and natter',
        frequency: 'weekly',
        weekday: 3,
        startTime: '10:00',
        endTime: '11:30',
        endDate: '2027-12-31',
        cancellations: [{ date: '2026-12-23', reason: expect.any(String) }],
      }),
      expect.objectContaining({ note: 'Memory café', frequency: 'monthly', weekday: 4, weekOfMonth: -1, startTime: '14:00', endTime: '16:00' }),
    ]);
  });

  it('keeps a 10:00 London weekly session at 10:00 local across the last Sundays of March and October', () => {
    const r = read(fixture('google.ics'));
    const walk = r.sessions.find((s) => s.note === 'Heritage walk')!;
    const session = { ...walk, id: 'x', activityId: 'a' };
    // Last Sundays: 28 March 2027 and 31 October 2027. Tuesdays either side of each.
    const local = (from: string) =>
      nextOccurrences([session], londonInstant(from, '00:00'), { limit: 2 }).map((o) => [
        o.date,
        o.start.toLocaleTimeString('en-GB', { timeZone: 'Europe/London' }),
      ]);
    expect(local('2027-03-22')).toEqual([
      ['2027-03-23', '10:00:00'],
      ['2027-03-30', '10:00:00'],
    ]);
    expect(local('2027-10-25')).toEqual([
      ['2027-10-26', '10:00:00'],
      ['2027-11-02', '10:00:00'],
    ]);
  });

  it('converts UTC times to London time and refuses a UTC rule whose London time moves at the clock change', () => {
    const text = (rule: string) =>
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u\r\nSUMMARY:Walk\r\nDTSTART:20270601T090000Z\r\nDTEND:20270601T100000Z\r\n${rule}END:VEVENT\r\nEND:VCALENDAR\r\n`;
    expect(read(text('')).sessions[0]).toMatchObject({ frequency: 'once', startDate: '2027-06-01', startTime: '10:00', endTime: '11:00' });
    const moving = read(text('RRULE:FREQ=WEEKLY\r\n'));
    expect(moving.sessions).toEqual([]);
    expect(moving.skipped[0]?.reason).toMatch(/clocks change/);
  });

  it.each([
    ['binary junk', '\u0000\u0001PK\u0003\u0004 binary', /not a calendar/],
    ['a web page', '<html><body>Not found</body></html>', /not a calendar/],
    ['a broken calendar', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n', /could not be read/],
    [
      'an unknown time zone',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Mars/Olympus:20270101T100000\r\nDTEND;TZID=Mars/Olympus:20270101T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      /time zone Waymark does not know/,
    ],
    [
      'thousands of events',
      `BEGIN:VCALENDAR\r\n${'BEGIN:VEVENT\r\nUID:u\r\nDTSTART:20270101T100000Z\r\nDTEND:20270101T110000Z\r\nEND:VEVENT\r\n'.repeat(2000)}END:VCALENDAR\r\n`,
      /2000 events/,
    ],
    ['a huge file', `BEGIN:VCALENDAR\r\n${'X-JUNK:'.padEnd(1000, 'x').concat('\r\n').repeat(1100)}END:VCALENDAR\r\n`, /smaller than 1 MB/],
  ])('refuses %s with a clear message', (_, text, message) => {
    const r = readCalendar(text, TODAY);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(message);
  });

  it('reads a rule without an end as an open series without listing its endless dates', () => {
    const r = read(
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nSUMMARY:Forever\r\nDTSTART;TZID=Europe/London:20270105T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;INTERVAL=1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
    expect(r.sessions[0]).toMatchObject({ frequency: 'weekly', endDate: null, startTime: '10:00', endTime: '11:00' });
  });
});

describe('time zones a calendar defines itself', () => {
  it('uses the file’s own VTIMEZONE for a zone name the system does not know', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VTIMEZONE',
      'TZID:Our office time',
      'BEGIN:STANDARD',
      'DTSTART:19701025T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0000',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:19700329T010000',
      'TZOFFSETFROM:+0000',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:o',
      'SUMMARY:Choir',
      'DTSTART;TZID=Our office time:20270302T183000',
      'DTEND;TZID=Our office time:20270302T200000',
      'RRULE:FREQ=WEEKLY;BYDAY=TU',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const r = readCalendar(text, TODAY);
    expect(r.ok && r.sessions[0]).toMatchObject({ frequency: 'weekly', weekday: 2, startTime: '18:30', endTime: '20:00' });
  });
});
