import type { Band, Instrument, Item, ResponseOption } from './instrument.ts';
import { answered } from './instrument.ts';

/**
 * ONS personal wellbeing (ONS4). Four questions answered 0–10, each reported on its own and never
 * summed. Wording and bands: Office for National Statistics, "Personal well-being user guidance"
 * (https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/personalwellbeingsurveyuserguide).
 * Missing answers: each question is scored on its own, so one missing answer leaves the others.
 */
const ZERO_TO_TEN: readonly ResponseOption[] = Array.from({ length: 11 }, (_, i) => ({
  value: i,
  label: i === 0 ? '0 – not at all' : i === 10 ? '10 – completely' : String(i),
}));

/** ONS thresholds for life satisfaction, worthwhile and happiness. */
export const ONS_POSITIVE_BANDS: readonly Band[] = [
  { min: 0, max: 4, label: 'Low' },
  { min: 5, max: 6, label: 'Medium' },
  { min: 7, max: 8, label: 'High' },
  { min: 9, max: 10, label: 'Very high' },
];

/** ONS thresholds for anxiety (lower is better). */
export const ONS_ANXIETY_BANDS: readonly Band[] = [
  { min: 0, max: 1, label: 'Very low' },
  { min: 2, max: 3, label: 'Low' },
  { min: 4, max: 5, label: 'Medium' },
  { min: 6, max: 10, label: 'High' },
];

const ONE_POINT = {
  points: 1,
  source: 'Waymark’s choice: ONS publishes no individual meaningful-change threshold; 1 point is the smallest change the 0–10 scale can show',
};

const item = (key: string, text: string): Item => ({ key, text, kind: 'options', options: ZERO_TO_TEN, min: 0, max: 10 });

export const ONS4: Instrument = {
  code: 'ons4',
  name: 'ONS personal wellbeing questions',
  shortName: 'ONS4',
  preamble: 'Please answer on a scale of 0 to 10, where 0 is “not at all” and 10 is “completely”.',
  licence: { wordingShipped: true, note: 'Office for National Statistics questions, free to use (Open Government Licence).' },
  items: [
    item('life_satisfaction', 'Overall, how satisfied are you with your life nowadays?'),
    item('worthwhile', 'Overall, to what extent do you feel that the things you do in your life are worthwhile?'),
    item('happiness', 'Overall, how happy did you feel yesterday?'),
    item('anxiety', 'On a scale where 0 is “not at all anxious” and 10 is “completely anxious”, overall, how anxious did you feel yesterday?'),
  ],
  measures: [
    {
      code: 'life_satisfaction',
      label: 'Life satisfaction (ONS)',
      kind: 'scale',
      min: 0,
      max: 10,
      better: 'higher',
      meaningfulChange: ONE_POINT,
      bands: ONS_POSITIVE_BANDS,
    },
    {
      code: 'worthwhile',
      label: 'Feeling things are worthwhile (ONS)',
      kind: 'scale',
      min: 0,
      max: 10,
      better: 'higher',
      meaningfulChange: ONE_POINT,
      bands: ONS_POSITIVE_BANDS,
    },
    {
      code: 'happiness',
      label: 'Happiness yesterday (ONS)',
      kind: 'scale',
      min: 0,
      max: 10,
      better: 'higher',
      meaningfulChange: ONE_POINT,
      bands: ONS_POSITIVE_BANDS,
    },
    {
      code: 'anxiety',
      label: 'Anxiety yesterday (ONS, lower is better)',
      kind: 'scale',
      min: 0,
      max: 10,
      better: 'lower',
      meaningfulChange: ONE_POINT,
      bands: ONS_ANXIETY_BANDS,
    },
  ],
  missingRule: 'Each of the four questions is scored on its own and never added together; a missing answer leaves the other three.',
  score: (a) => ['life_satisfaction', 'worthwhile', 'happiness', 'anxiety'].map((k) => answered(a, k)),
};
