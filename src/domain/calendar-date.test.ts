import { describe, expect, it } from 'vitest';
import { calendarDate, isCalendarDate, parseCalendarDate } from './calendar-date.ts';

describe('calendar dates', () => {
  it('accepts real days, including 29 February in a leap year', () => {
    for (const day of ['2026-12-07', '2028-02-29', '1900-01-01', '2100-12-31']) expect(isCalendarDate(day), day).toBe(true);
  });

  it('refuses days that are not on the calendar, years out of range and other shapes', () => {
    for (const day of [
      '2026-02-30',
      '2026-02-29',
      '0000-01-01',
      '2026-13-01',
      '2026-00-10',
      '1899-12-31',
      '2101-01-01',
      '9999-12-31',
      '-0001-01-01',
      '20260-01-01',
      '2026-1-1',
      '2026-02-28T10:00',
      ' 2026-02-28',
      '',
      undefined,
      20260228,
    ]) {
      expect(isCalendarDate(day), String(day)).toBe(false);
    }
  });

  it('narrows the years when asked (session dates are this century)', () => {
    expect(isCalendarDate('1999-06-01', { from: 2000 })).toBe(false);
    expect(isCalendarDate('2000-06-01', { from: 2000 })).toBe(true);
  });

  it('parses to the day or to nothing, and gives a zod type with the field message', () => {
    expect(parseCalendarDate('2026-02-30')).toBeUndefined();
    expect(parseCalendarDate('2026-03-02')).toBe('2026-03-02');
    const result = calendarDate('Enter a real date').safeParse('0000-01-01');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter a real date');
  });
});
