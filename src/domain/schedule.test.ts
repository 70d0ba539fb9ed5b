import { describe, expect, it } from 'vitest';
import type { ActivitySession } from './directory.ts';
import { closureOn, describeSession, deriveSessionFields, firstOccurrenceDate, londonInstant, nextOccurrences, recurrenceRule } from './schedule.ts';

const session = (over: Partial<ActivitySession>): ActivitySession => ({
  id: 's1',
  activityId: 'a1',
  frequency: 'weekly',
  weekday: 2,
  weekOfMonth: null,
  startDate: '2026-01-01',
  endDate: null,
  startTime: '10:00',
  endTime: '12:00',
  note: '',
  bankHolidays: 'not_christmas',
  cancellations: [],
  ...over,
});

describe('session recurrence in Europe/London', () => {
  it('keeps a 10am session at 10am local time across the October clock change', () => {
    // Clocks go back on Sunday 25 October 2026: 10am BST is 09:00Z, 10am GMT is 10:00Z.
    const occ = nextOccurrences([session({ weekday: 2 })], new Date('2026-10-19T00:00:00Z'), { limit: 2 });
    expect(occ.map((o) => o.start.toISOString())).toEqual(['2026-10-20T09:00:00.000Z', '2026-10-27T10:00:00.000Z']);
  });

  it('keeps a 10am session at 10am local time across the March clock change', () => {
    // Clocks go forward on Sunday 29 March 2026.
    const occ = nextOccurrences([session({ weekday: 7 })], new Date('2026-03-21T00:00:00Z'), { limit: 2 });
    expect(occ.map((o) => o.start.toISOString())).toEqual(['2026-03-22T10:00:00.000Z', '2026-03-29T09:00:00.000Z']);
  });

  it('moves a time that the spring clock change skips on by an hour', () => {
    expect(londonInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('finds the first Tuesday of each month', () => {
    const occ = nextOccurrences([session({ frequency: 'monthly', weekday: 2, weekOfMonth: 1 })], new Date('2026-11-21T12:00:00Z'), { limit: 3 });
    expect(occ.map((o) => o.date)).toEqual(['2026-12-01', '2027-01-05', '2027-02-02']);
  });

  it('finds the last Friday of each month', () => {
    const occ = nextOccurrences([session({ frequency: 'monthly', weekday: 5, weekOfMonth: -1, bankHolidays: 'all' })], new Date('2026-11-01T12:00:00Z'), {
      limit: 2,
    });
    expect(occ.map((o) => o.date)).toEqual(['2026-11-27', '2026-12-25']);
  });

  it('runs fortnightly from the first matching day on or after the start date', () => {
    const occ = nextOccurrences([session({ frequency: 'fortnightly', weekday: 3, startDate: '2026-11-02' })], new Date('2026-11-01T00:00:00Z'), { limit: 3 });
    expect(occ.map((o) => o.date)).toEqual(['2026-11-04', '2026-11-18', '2026-12-02']);
  });

  it('skips cancelled dates and stops after the end date', () => {
    const s = session({ weekday: 1, endDate: '2026-11-30', cancellations: [{ date: '2026-11-23', reason: 'Hall closed' }] });
    const occ = nextOccurrences([s], new Date('2026-11-10T00:00:00Z'), { limit: 5 });
    expect(occ.map((o) => o.date)).toEqual(['2026-11-16', '2026-11-30']);
  });

  it('returns a one-off session once, and nothing after it has finished', () => {
    const s = session({ frequency: 'once', weekday: null, startDate: '2026-12-05', startTime: '14:00', endTime: '15:30' });
    expect(nextOccurrences([s], new Date('2026-11-21T00:00:00Z')).map((o) => o.date)).toEqual(['2026-12-05']);
    expect(nextOccurrences([s], new Date('2026-12-05T16:00:00Z'))).toEqual([]);
  });

  it('leaves out months the activity does not run in', () => {
    const occ = nextOccurrences([session({ weekday: 2 })], new Date('2026-11-21T00:00:00Z'), { limit: 1, months: [4, 5, 6] });
    expect(occ[0]?.date).toBe('2027-04-06');
  });

  it('derives the days, times of day and next session used by search', () => {
    const fields = deriveSessionFields(
      [session({ weekday: 2 }), session({ id: 's2', weekday: 5, startTime: '14:00', endTime: '16:00' })],
      new Date('2026-11-21T12:00:00Z'),
    );
    expect(fields).toMatchObject({ sessionDays: [2, 5], sessionTimes: ['afternoon', 'morning'] });
    expect(fields.nextSessionAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('describes patterns in plain English', () => {
    expect(describeSession(session({ weekday: 2 }))).toBe('Every Tuesday, 10am to 12pm');
    expect(describeSession(session({ frequency: 'monthly', weekday: 2, weekOfMonth: 1, startTime: '14:30', endTime: '16:00' }))).toBe(
      'First Tuesday of each month, 2:30pm to 4pm',
    );
    expect(describeSession(session({ frequency: 'once', startDate: '2026-12-05' }))).toBe('Saturday 5 December 2026 only, 10am to 12pm');
  });
});

describe('session patterns as RFC 5545 recurrences', () => {
  it('encodes weekly, fortnightly and monthly patterns, and nothing for a one-off', () => {
    expect(recurrenceRule(session({ weekday: 2 }))).toEqual({ freq: 'WEEKLY', interval: 1, byDay: 'TU' });
    expect(recurrenceRule(session({ frequency: 'fortnightly', weekday: 7 }))).toEqual({ freq: 'WEEKLY', interval: 2, byDay: 'SU' });
    expect(recurrenceRule(session({ frequency: 'monthly', weekday: 2, weekOfMonth: 1 }))).toEqual({ freq: 'MONTHLY', interval: 1, byDay: '1TU' });
    expect(recurrenceRule(session({ frequency: 'monthly', weekday: 5, weekOfMonth: -1 }))).toEqual({ freq: 'MONTHLY', interval: 1, byDay: '-1FR' });
    expect(recurrenceRule(session({ frequency: 'once', weekday: null }))).toBeNull();
  });

  it('finds the first date a session runs, which anchors a fortnightly pattern', () => {
    expect(firstOccurrenceDate(session({ frequency: 'fortnightly', weekday: 3, startDate: '2026-11-02' }))).toBe('2026-11-04');
    expect(firstOccurrenceDate(session({ frequency: 'monthly', weekday: 5, weekOfMonth: -1, startDate: '2026-11-28' }))).toBe('2026-12-25');
    expect(firstOccurrenceDate(session({ frequency: 'once', weekday: null, startDate: '2026-12-05' }))).toBe('2026-12-05');
    expect(firstOccurrenceDate(session({ weekday: 1, startDate: '2026-11-03', endDate: '2026-11-08' }))).toBeNull();
  });
});

describe('bank holidays (decision 022)', () => {
  const from = new Date('2026-12-19T12:00:00Z');
  const dates = (s: ActivitySession, limit = 3) => nextOccurrences([s], from, { limit }).map((o) => o.date);

  it('leaves out Christmas Day, Boxing Day and New Year’s Day by default, even at a weekend', () => {
    expect(dates(session({ weekday: 5 }))).toEqual(['2027-01-08', '2027-01-15', '2027-01-22']);
    // Boxing Day 2026 is a Saturday; its substitute is Monday 28 December.
    expect(dates(session({ weekday: 6 }), 2)).toEqual(['2027-01-02', '2027-01-09']);
    expect(dates(session({ weekday: 1 }), 2)).toEqual(['2026-12-21', '2027-01-04']);
  });

  it('runs on other bank holidays by default, on none when the provider says so, and on every one when they say that', () => {
    const easterMonday = new Date('2027-03-27T12:00:00Z');
    expect(nextOccurrences([session({ weekday: 1 })], easterMonday, { limit: 1 })[0]?.date).toBe('2027-03-29');
    expect(nextOccurrences([session({ weekday: 1, bankHolidays: 'none' })], easterMonday, { limit: 1 })[0]?.date).toBe('2027-04-05');
    expect(dates(session({ weekday: 5, bankHolidays: 'all' }), 2)).toEqual(['2026-12-25', '2027-01-01']);
    expect(dates(session({ weekday: 6, bankHolidays: 'none' }), 1)).toEqual(['2027-01-02']);
  });

  it('moves the stored next session past a bank holiday the series does not run on', () => {
    expect(deriveSessionFields([session({ weekday: 5 })], from).nextSessionAt?.toISOString()).toBe('2027-01-08T10:00:00.000Z');
    expect(deriveSessionFields([session({ weekday: 5, bankHolidays: 'all' })], from).nextSessionAt?.toISOString()).toBe('2026-12-25T10:00:00.000Z');
  });

  it('says why there is no session: a cancellation’s reason or the holiday’s name', () => {
    const s = session({ weekday: 5, cancellations: [{ date: '2027-01-08', reason: 'Leader unwell' }] });
    expect(closureOn(s, '2026-12-25')).toEqual({ kind: 'bank_holiday', reason: 'Christmas Day' });
    expect(closureOn(s, '2027-01-08')).toEqual({ kind: 'cancelled', reason: 'Leader unwell' });
    expect(closureOn(s, '2027-01-15')).toBeNull();
    expect(closureOn(session({ weekday: 1 }), '2026-12-28')).toEqual({ kind: 'bank_holiday', reason: 'Boxing Day (substitute day)' });
  });

  it('keeps a one-off session on its own date, holiday or not', () => {
    expect(dates(session({ frequency: 'once', startDate: '2026-12-26', weekday: 6, bankHolidays: 'all' }))).toEqual(['2026-12-26']);
  });
});
