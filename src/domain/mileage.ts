/**
 * Volunteers' mileage at HMRC's approved mileage allowance payment (AMAP) rates for cars and vans:
 * 45p a mile for the first 10,000 business miles in the tax year, 25p a mile after.
 * Source: HMRC, "Expenses and benefits: business travel mileage for employees' own vehicles",
 * https://www.gov.uk/expenses-and-benefits-business-travel-mileage/rules-for-tax (rates in force
 * from 6 April 2011; volunteers' expenses follow the same rates, NCVO). Each rate is dated, so a
 * change is a new row and claims before it keep the old rate.
 */
export type MileageRate = { from: string; thresholdMiles: number; firstPence: number; afterPence: number };

export const MILEAGE_RATES: readonly MileageRate[] = [{ from: '2011-04-06', thresholdMiles: 10_000, firstPence: 45, afterPence: 25 }];

/** The rate in force on a date (YYYY-MM-DD). */
export function rateOn(date: string, rates: readonly MileageRate[] = MILEAGE_RATES): MileageRate {
  const rate = [...rates].sort((a, b) => b.from.localeCompare(a.from)).find((r) => r.from <= date);
  if (!rate) throw new Error(`No mileage rate for ${date}`);
  return rate;
}

/** The UK tax year a date falls in starts on 6 April: the start date of that year. */
export function taxYearStart(date: string): string {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '04-06' ? `${year}-04-06` : `${year - 1}-04-06`;
}

/**
 * The pence for `miles` driven on `date`, given the miles already claimed in that tax year.
 * Miles are counted in tenths; a claim crossing the threshold is split at it.
 */
export function mileagePence(miles: number, milesBeforeInTaxYear: number, date: string, rates: readonly MileageRate[] = MILEAGE_RATES): number {
  const rate = rateOn(date, rates);
  const tenths = Math.round(miles * 10);
  const before = Math.round(milesBeforeInTaxYear * 10);
  const firstTenths = Math.max(0, Math.min(tenths, rate.thresholdMiles * 10 - before));
  return Math.round((firstTenths * rate.firstPence + (tenths - firstTenths) * rate.afterPence) / 10);
}
