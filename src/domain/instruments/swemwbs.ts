import type { Instrument, Item } from './instrument.ts';
import { FREQUENCY_OPTIONS, sumOfAll } from './instrument.ts';

/**
 * Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS): 7 items, each 1–5, raw total 7–35,
 * converted to the Rasch metric score with the published table before it is reported.
 * SWEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights
 * reserved. The item wording is licensed and is NOT shipped: the organisation loads its own.
 */
export const SWEMWBS_COPYRIGHT =
  'Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.';

/**
 * Raw score → metric score. Source: University of Warwick, "SWEMWBS raw score to metric score
 * conversion table" (Warwick Medical School, registration-gated PDF), as transcribed and cross-checked in
 * shared/standards/swemwbs/swemwbs_raw_to_metric.csv (29 rows). Copied here because ../shared is not shipped.
 */
export const SWEMWBS_METRIC: Readonly<Record<number, number>> = {
  7: 7.0,
  8: 9.51,
  9: 11.25,
  10: 12.4,
  11: 13.33,
  12: 14.08,
  13: 14.75,
  14: 15.32,
  15: 15.84,
  16: 16.36,
  17: 16.88,
  18: 17.43,
  19: 17.98,
  20: 18.59,
  21: 19.25,
  22: 19.98,
  23: 20.73,
  24: 21.54,
  25: 22.35,
  26: 23.21,
  27: 24.11,
  28: 25.03,
  29: 26.02,
  30: 27.03,
  31: 28.13,
  32: 29.31,
  33: 30.7,
  34: 32.55,
  35: 35.0,
};

export function swemwbsMetric(raw: number): number {
  const metric = SWEMWBS_METRIC[raw];
  if (metric === undefined) throw new RangeError(`SWEMWBS raw score must be a whole number from 7 to 35, got ${raw}`);
  return metric;
}

export const numberedItems = (count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ key: `s${i + 1}`, kind: 'options' as const, options: FREQUENCY_OPTIONS, min: 1, max: 5 }));

const items = numberedItems(7);

export const SWEMWBS: Instrument = {
  code: 'swemwbs',
  name: 'Short Warwick-Edinburgh Mental Wellbeing Scale',
  shortName: 'SWEMWBS',
  preamble: 'For each statement, choose how often it has been true for you over the past two weeks.',
  licence: { wordingShipped: false, note: SWEMWBS_COPYRIGHT },
  items,
  measures: [
    {
      code: 'swemwbs',
      label: 'Mental wellbeing (SWEMWBS metric score)',
      kind: 'scale',
      min: 7,
      max: 35,
      better: 'higher',
      meaningfulChange: {
        points: 3,
        source:
          'Shah et al. 2018, Health Qual Life Outcomes 16:239: individual change beyond 2.77 standard errors of measurement ≈ 2.87 metric points; Waymark rounds up to 3, the figure Warwick guidance commonly cites for individual change',
      },
    },
  ],
  missingRule: 'All seven items are needed: with any missing there is no score (no imputation).',
  score: (a) => {
    const raw = sumOfAll(items, a);
    return [raw === null ? null : swemwbsMetric(raw)];
  },
};
