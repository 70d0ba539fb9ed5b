import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS_KNOWN_UNTIL, ENGLAND_AND_WALES_BANK_HOLIDAYS, isBankHoliday } from './bank-holidays.ts';
import { addDays, isoWeekday } from './schedule.ts';
import { addWorkingDays, endOfLondonDay, isWorkingDay, responseDueAt, startOfLondonDay, workingDaysBetween } from './working-days.ts';

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher): an independent check on the data. */
function easterSunday(y: number): string {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31),
    day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const firstMonday = (y: number, month: number) => {
  let d = `${y}-${String(month).padStart(2, '0')}-01`;
  while (isoWeekday(d) !== 1) d = addDays(d, 1);
  return d;
};
const lastMonday = (y: number, month: number) => {
  let d = addDays(`${month === 12 ? y + 1 : y}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`, -1);
  while (isoWeekday(d) !== 1) d = addDays(d, -1);
  return d;
};
/** A fixed-date holiday moved to the next weekday not already taken when it falls at a weekend. */
const substitute = (date: string, taken: Set<string>) => {
  let d = date;
  while (isoWeekday(d) > 5 || taken.has(d)) d = addDays(d, 1);
  taken.add(d);
  return d;
};

describe('bank holidays in England and Wales', () => {
  it.each([2024, 2025, 2026, 2027, 2028])('lists exactly the eight holidays the rules give for %i', (y) => {
    const taken = new Set<string>();
    const expected = [
      substitute(`${y}-01-01`, taken),
      addDays(easterSunday(y), -2),
      addDays(easterSunday(y), 1),
      firstMonday(y, 5),
      lastMonday(y, 5),
      lastMonday(y, 8),
      substitute(`${y}-12-25`, taken),
      substitute(`${y}-12-26`, taken),
    ].sort();
    const listed = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date)
      .filter((d) => d.startsWith(String(y)))
      .sort();
    expect(listed).toEqual(expected);
  });

  it('knows the dates people ask about', () => {
    expect(isBankHoliday('2026-12-28')).toBe(true); // Boxing Day 2026 is a Saturday
    expect(isBankHoliday('2026-12-26')).toBe(false);
    expect(isBankHoliday('2027-03-26')).toBe(true); // Good Friday 2027
    expect(isBankHoliday('2027-03-29')).toBe(true); // Easter Monday 2027
    expect(isBankHoliday('2027-12-27')).toBe(true);
    expect(isBankHoliday('2027-12-28')).toBe(true);
    expect(isBankHoliday('2028-01-03')).toBe(true);
    expect(isBankHoliday('2026-08-31')).toBe(true);
  });

  it('every listed holiday falls on a weekday', () => {
    for (const h of ENGLAND_AND_WALES_BANK_HOLIDAYS) expect(isoWeekday(h.date), h.date).toBeLessThanOrEqual(5);
  });

  it('covers this year and next (extend bank-holidays.ts from GOV.UK when this fails)', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(BANK_HOLIDAYS_KNOWN_UNTIL >= `${nextYear}-12-31`).toBe(true);
  });
});

describe('working days', () => {
  it('are Monday to Friday except bank holidays', () => {
    expect(isWorkingDay('2026-11-20')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-25')).toBe(false); // Christmas Day, a Friday
    expect(isWorkingDay('2026-12-28')).toBe(false); // substitute Boxing Day
    expect(isWorkingDay('2026-12-29')).toBe(true);
  });

  it('reads an instant as the date in London', () => {
    // 23:30 UTC on Friday 29 May 2026 is 00:30 on Saturday in London (summer time).
    expect(isWorkingDay(new Date('2026-05-29T23:30:00Z'))).toBe(false);
    expect(addWorkingDays(new Date('2026-05-29T23:30:00Z'), 1)).toBe('2026-06-01');
    // In winter London is on UTC.
    expect(isWorkingDay(new Date('2026-11-20T23:30:00Z'))).toBe(true);
  });

  it('skip weekends', () => {
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-21', 1)).toBe('2026-11-23'); // Saturday → Monday
    expect(addWorkingDays('2026-11-16', 5)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-16', 10)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-23', -1)).toBe('2026-11-20');
  });

  it('skip Easter', () => {
    // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(addWorkingDays('2026-04-07', -1)).toBe('2026-04-02');
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
  });

  it('skip Christmas and the substitute days', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29'); // 25th, weekend, 28th substitute
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29'); // 27th and 28th substitutes
    expect(addWorkingDays('2027-12-31', 1)).toBe('2028-01-04'); // 3 January 2028 substitute
    expect(addWorkingDays('2026-12-18', 10)).toBe('2027-01-06');
  });

  it('with zero days stay put on a working day and move on from a holiday', () => {
    expect(addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
    expect(addWorkingDays('2026-12-25', 0)).toBe('2026-12-29');
  });

  it('refuse fractions', () => {
    expect(() => addWorkingDays('2026-11-20', 1.5)).toThrow(RangeError);
  });

  it('count between two dates, the first not included', () => {
    expect(workingDaysBetween('2026-11-16', '2026-11-16')).toBe(0);
    expect(workingDaysBetween('2026-11-16', '2026-11-17')).toBe(1);
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(workingDaysBetween('2026-11-21', '2026-11-22')).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-16')).toBe(-5);
    expect(workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4); // 29th, 30th, 31st, 4th; 1 Jan is a holiday
  });

  it('round-trip: between(d, add(d, n)) is n for every start date across 2026 and 2027', () => {
    for (let d = '2026-01-01'; d < '2028-01-01'; d = addDays(d, 1)) {
      for (const n of [1, 2, 10]) expect(workingDaysBetween(d, addWorkingDays(d, n))).toBe(n);
    }
  });

  it('count 253 working days in each of 2026 and 2027 (261 weekdays less 8 bank holidays)', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(253);
    expect(workingDaysBetween('2026-12-31', '2027-12-31')).toBe(253);
  });
});

describe('due dates', () => {
  it('end at the last moment of the London day, in summer and in winter', () => {
    expect(endOfLondonDay('2026-11-30').toISOString()).toBe('2026-11-30T23:59:59.999Z');
    expect(endOfLondonDay('2026-06-15').toISOString()).toBe('2026-06-15T22:59:59.999Z');
    expect(startOfLondonDay('2026-06-15').toISOString()).toBe('2026-06-14T23:00:00.000Z');
  });

  it('fall at the end of the 10th working day after sending', () => {
    expect(responseDueAt(new Date('2026-11-16T14:00:00Z'), 10).toISOString()).toBe('2026-11-30T23:59:59.999Z');
    // Sent on Christmas Eve 2026: 29, 30, 31 Dec, 4–8 Jan (5), 11, 12 Jan → Tuesday 12 January 2027.
    expect(responseDueAt(new Date('2026-12-24T10:00:00Z'), 10).toISOString()).toBe('2027-01-12T23:59:59.999Z');
    // Sent late on a Friday evening in summer, after London midnight: counts from Saturday.
    expect(responseDueAt(new Date('2026-06-26T23:30:00Z'), 1).toISOString()).toBe('2026-06-29T22:59:59.999Z');
  });
});
