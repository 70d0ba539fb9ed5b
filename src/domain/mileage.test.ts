import { describe, expect, it } from 'vitest';
import { mileagePence, rateOn, taxYearStart } from './mileage.ts';

describe('mileage at HMRC approved rates', () => {
  it('pays 45p a mile below 10,000 miles in the tax year and 25p after', () => {
    expect(mileagePence(10, 0, '2026-12-07')).toBe(450);
    expect(mileagePence(10, 10_000, '2026-12-07')).toBe(250);
  });

  it('splits a claim that crosses 10,000 miles at the boundary', () => {
    // 5 miles at 45p, 7.5 at 25p.
    expect(mileagePence(12.5, 9_995, '2026-12-07')).toBe(413);
    expect(mileagePence(1, 9_999.5, '2026-12-07')).toBe(35);
  });

  it('counts miles in the tax year from 6 April', () => {
    expect(taxYearStart('2027-04-05')).toBe('2026-04-06');
    expect(taxYearStart('2027-04-06')).toBe('2027-04-06');
  });

  it('uses the rate in force on the date, from a dated table', () => {
    const rates = [
      { from: '2011-04-06', thresholdMiles: 10_000, firstPence: 45, afterPence: 25 },
      { from: '2030-04-06', thresholdMiles: 10_000, firstPence: 55, afterPence: 30 },
    ];
    expect(rateOn('2030-04-05', rates).firstPence).toBe(45);
    expect(mileagePence(10, 0, '2030-04-06', rates)).toBe(550);
    expect(() => rateOn('2010-01-01')).toThrow();
  });
});
