import type { Instrument, ResponseOption } from './instrument.ts';
import { sumOfAll } from './instrument.ts';

/**
 * Three-item UCLA loneliness scale, as recommended by the ONS for adults (Hughes et al. 2004; ONS
 * "Measuring loneliness: guidance for use of the national indicators on surveys", 2018). Each item
 * 1–3; total 3–9; higher is lonelier. Missing answers: all three are needed for a total.
 */
const OPTIONS: readonly ResponseOption[] = [
  { value: 1, label: 'Hardly ever or never' },
  { value: 2, label: 'Some of the time' },
  { value: 3, label: 'Often' },
];

const items = [
  { key: 'companionship', text: 'How often do you feel that you lack companionship?' },
  { key: 'left_out', text: 'How often do you feel left out?' },
  { key: 'isolated', text: 'How often do you feel isolated from others?' },
].map((i) => ({ ...i, kind: 'options' as const, options: OPTIONS, min: 1, max: 3 }));

export const UCLA3: Instrument = {
  code: 'ucla3',
  name: 'UCLA three-item loneliness scale',
  shortName: 'UCLA 3-item',
  licence: { wordingShipped: true, note: 'Published in ONS guidance on measuring loneliness; free to use.' },
  items,
  measures: [
    {
      code: 'loneliness',
      label: 'Loneliness (UCLA 3-item, lower is better)',
      kind: 'scale',
      min: 3,
      max: 9,
      better: 'lower',
      meaningfulChange: { points: 1, source: 'Waymark’s choice: no published individual threshold for the 3-item scale; 1 point is one step on one item' },
    },
  ],
  missingRule: 'All three items are needed; with any missing there is no total.',
  score: (a) => [sumOfAll(items, a)],
};
