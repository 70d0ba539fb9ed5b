import type { Instrument, ResponseOption } from './instrument.ts';
import { answered } from './instrument.ts';

/**
 * The volunteer questionnaire (decision 034): what training did for the volunteers themselves —
 * knowing the link between heritage and wellbeing, and confidence to talk about it (the pilots'
 * evaluation, ../shared/seeds/003). Asked at training and 3 months later. Waymark's own wording,
 * written for Waymark: it is not WEMWBS or SWEMWBS (licensed) nor any published scale's wording.
 * Five statements, each 1 (strongly disagree) to 5 (strongly agree); two measures: knowledge (the
 * mean of the first two) and confidence (the mean of the last three).
 */
export const AGREEMENT: readonly ResponseOption[] = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neither agree nor disagree' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
];

const statement = (key: string, text: string) => ({ key, text, kind: 'options' as const, options: AGREEMENT, min: 1, max: 5 });

export const KNOWLEDGE_ITEMS = ['knows_link', 'knows_examples'] as const;
export const CONFIDENCE_ITEMS = ['confident_explain', 'confident_suggest', 'confident_listen'] as const;

/** The mean of the items answered, when at least half of them are (otherwise no score). */
function meanOfAnswered(a: Record<string, number | null>, keys: readonly string[]): number | null {
  const given = keys.map((k) => answered(a, k)).filter((v): v is number => v !== null);
  return given.length * 2 >= keys.length ? given.reduce((s, v) => s + v, 0) / given.length : null;
}

export const VOLUNTEER_TRAINING: Instrument = {
  code: 'volunteer_training',
  name: 'Volunteer questionnaire: heritage and wellbeing',
  shortName: 'Volunteer questionnaire',
  preamble: 'How much do you agree with each statement? There are no right answers: this helps us see what the training does for volunteers.',
  licence: { wordingShipped: true, note: 'Waymark’s own wording, free to use.' },
  items: [
    statement('knows_link', 'I understand how taking part in heritage activities can help people’s wellbeing.'),
    statement('knows_examples', 'I can think of examples of how heritage has helped someone feel better or less alone.'),
    statement('confident_explain', 'I feel confident explaining to someone how a heritage activity might help them.'),
    statement('confident_suggest', 'I feel confident suggesting a heritage activity to someone I am supporting.'),
    statement('confident_listen', 'I feel confident talking with someone about what matters to them and how they are feeling.'),
  ],
  measures: [
    {
      code: 'knowledge',
      label: 'Knowledge of the link between heritage and wellbeing (1–5)',
      kind: 'scale',
      min: 1,
      max: 5,
      better: 'higher',
      meaningfulChange: { points: 0.5, source: 'Waymark’s choice: half a step on the 5-point scale' },
    },
    {
      code: 'confidence',
      label: 'Confidence to talk about heritage and wellbeing (1–5)',
      kind: 'scale',
      min: 1,
      max: 5,
      better: 'higher',
      meaningfulChange: { points: 0.5, source: 'Waymark’s choice: half a step on the 5-point scale' },
    },
  ],
  missingRule: 'Each measure is the mean of its statements answered, when at least half of them are.',
  score: (a) => [meanOfAnswered(a, KNOWLEDGE_ITEMS), meanOfAnswered(a, CONFIDENCE_ITEMS)],
};
