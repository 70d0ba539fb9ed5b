import type { Instrument } from './instrument.ts';
import { sumOfAll } from './instrument.ts';
import { numberedItems } from './swemwbs.ts';

/**
 * Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS): 14 items, each 1–5, total 14–70.
 * WEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh, 2006, all rights
 * reserved. The item wording is licensed and is NOT shipped: the organisation loads its own.
 */
export const WEMWBS_COPYRIGHT =
  'Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2006, all rights reserved.';

const items = numberedItems(14);

export const WEMWBS: Instrument = {
  code: 'wemwbs',
  name: 'Warwick-Edinburgh Mental Wellbeing Scale',
  shortName: 'WEMWBS',
  preamble: 'For each statement, choose how often it has been true for you over the past two weeks.',
  licence: { wordingShipped: false, note: WEMWBS_COPYRIGHT },
  items,
  measures: [
    {
      code: 'wemwbs',
      label: 'Mental wellbeing (WEMWBS total)',
      kind: 'scale',
      min: 14,
      max: 70,
      better: 'higher',
      meaningfulChange: {
        points: 3,
        source:
          'Maheswaran et al. 2012, Health Qual Life Outcomes 10:156 (minimal important difference 3 to 8 points); Waymark uses the lower bound, 3, as Warwick guidance does',
      },
    },
  ],
  missingRule: 'All fourteen items are needed: with any missing there is no total (no imputation).',
  score: (a) => [sumOfAll(items, a)],
};
