import { describe, expect, it } from 'vitest';
import { mayRelease, publishedCount, type GroupCell } from './disclosure.ts';
import { firstDay, lastDay, parseMonth } from './report-period.ts';

/** n people in one activity (keys: area, provider, activity, also answered later) and month. */
const cell = (activity: string, month: number, n: number, provider = 'p1', scheme = 's1', both = 'both'): GroupCell => ({
  keys: [scheme, provider, activity, both],
  month,
  n,
});

describe('disclosure control', () => {
  it('rounds published counts to the nearest 5 and hides 1 to 9', () => {
    expect([0, 1, 9, 10, 12, 13, 17, 18, 102].map(publishedCount)).toEqual([0, null, null, 10, 10, 15, 15, 20, 100]);
  });

  it('withholds a group of fewer than 10 people', () => {
    expect(mayRelease([cell('a', 1, 9)])).toBe(false);
    expect(mayRelease([cell('a', 1, 10)])).toBe(true);
    expect(mayRelease([])).toBe(false);
  });

  it('withholds a period that one shorter period could be subtracted from to leave fewer than 10 people', () => {
    // 12 people in January and February, one in March: January–March minus January–February is one person.
    expect(mayRelease([cell('a', 1, 12), cell('a', 3, 1)])).toBe(false);
    expect(mayRelease([cell('a', 1, 12), cell('a', 3, 10)])).toBe(true);
    // A gap of empty months changes nothing.
    expect(mayRelease([cell('a', 1, 12), cell('a', 7, 12)])).toBe(true);
  });

  it('withholds a report that one narrower choice of provider or activity leaves fewer than 10 short of', () => {
    expect(mayRelease([cell('a', 1, 20), cell('b', 1, 3)])).toBe(false);
    expect(mayRelease([cell('a', 1, 20, 'p1'), cell('b', 1, 3, 'p2')])).toBe(false);
    expect(mayRelease([cell('a', 1, 20), cell('b', 1, 10)])).toBe(true);
    // Everyone in one activity: choosing it changes nothing.
    expect(mayRelease([cell('a', 1, 20), cell('a', 2, 20)])).toBe(true);
  });

  it('withholds the end report when the people without a follow-up are 1 to 9', () => {
    expect(mayRelease([cell('a', 1, 20, 'p1', 's1', 'both'), cell('a', 1, 2, 'p1', 's1', '')])).toBe(false);
    expect(mayRelease([cell('a', 1, 20, 'p1', 's1', 'both'), cell('a', 1, 10, 'p1', 's1', '')])).toBe(true);
  });

  it('withholds a whole whose small parts together hold 1 to 9 people (whole minus released parts)', () => {
    // Activities a and b are large; c has 2 people: all − a − b would give c's two people.
    const parts = [cell('a', 1, 15, 'p1'), cell('b', 1, 15, 'p2'), cell('c', 1, 2, 'p3')];
    expect(mayRelease(parts)).toBe(false);
    // Three small activities of 4 together are 12 people: subtracting gives a group of 12, no one person.
    expect(mayRelease([cell('a', 1, 30, 'p1'), cell('b', 1, 4, 'p2'), cell('c', 1, 4, 'p3'), cell('d', 1, 4, 'p4')])).toBe(true);
    // A small month in the middle: January–March minus January minus March.
    expect(mayRelease([cell('a', 1, 15), cell('a', 2, 1), cell('a', 3, 15)])).toBe(false);
  });
});

describe('report periods', () => {
  it('accepts whole months and gives their first and last days', () => {
    const feb = parseMonth('2028-02');
    expect(feb).toEqual({ ok: true, value: { year: 2028, month: 2 } });
    if (!feb.ok) return;
    expect([firstDay(feb.value), lastDay(feb.value), lastDay({ year: 2026, month: 2 }), lastDay({ year: 2026, month: 4 })]).toEqual([
      '2028-02-01',
      '2028-02-29',
      '2026-02-28',
      '2026-04-30',
    ]);
  });

  it('refuses days, impossible months and years, and anything else, saying why', () => {
    expect(parseMonth('2026-02-30')).toEqual({ ok: false, message: 'Reports cover whole months: enter a month without a day, for example 2026-04' });
    expect(parseMonth('2026-02-01')).toMatchObject({ ok: false });
    expect(parseMonth('2026-13')).toEqual({ ok: false, message: 'Enter a real month: the month must be from 01 to 12' });
    expect(parseMonth('2026-00')).toMatchObject({ ok: false });
    expect(parseMonth('0000-01')).toEqual({ ok: false, message: 'Enter a year from 2000 to 2099' });
    expect(parseMonth('April')).toEqual({ ok: false, message: 'Enter a month as year and month, for example 2026-04' });
  });
});
