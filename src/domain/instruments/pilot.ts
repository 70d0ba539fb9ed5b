import type { Instrument } from './instrument.ts';
import { answered } from './instrument.ts';

/**
 * The heritage pilots' evidence questions (PRODUCT.md §1: health service use, medication, someone to
 * talk to; shared/seeds/003). Their exact pilot wording was not published, so this wording is Waymark's own.
 * Missing answers: each question stands alone.
 */
export const MEDICATION = { reduced: 1, same: 2, increased: 3, notOnMedication: 4 } as const;

export const PILOT: Instrument = {
  code: 'pilot',
  name: 'Health, support and heritage questions',
  shortName: 'Evidence questions',
  licence: { wordingShipped: true, note: 'Waymark’s own wording, free to use.' },
  items: [
    {
      key: 'health_contacts',
      kind: 'count',
      min: 0,
      max: 99,
      text: 'In the last 3 months, how many times have you been in contact with health services?',
      hint: 'Count visits or calls to your GP practice, NHS 111, A&E, a walk-in centre or hospital. Enter 0 if none.',
    },
    {
      key: 'medication',
      kind: 'options',
      min: 1,
      max: 4,
      timePoints: ['end', 'follow_up'],
      text: 'Since you started the activity, has the amount of medication you take for your mood or wellbeing changed?',
      options: [
        { value: MEDICATION.reduced, label: 'I take less' },
        { value: MEDICATION.same, label: 'About the same' },
        { value: MEDICATION.increased, label: 'I take more' },
        { value: MEDICATION.notOnMedication, label: 'I am not on medication for this' },
      ],
    },
    {
      key: 'someone_to_talk',
      kind: 'options',
      min: 0,
      max: 1,
      text: 'Do you have someone you can talk to about personal matters?',
      options: [
        { value: 1, label: 'Yes' },
        { value: 0, label: 'No' },
      ],
    },
    {
      key: 'heritage_connection',
      kind: 'options',
      min: 1,
      max: 5,
      text: 'How connected do you feel to the heritage of where you live?',
      options: [
        { value: 1, label: '1 – not at all connected' },
        { value: 2, label: '2' },
        { value: 3, label: '3' },
        { value: 4, label: '4' },
        { value: 5, label: '5 – very connected' },
      ],
    },
  ],
  measures: [
    {
      code: 'health_contacts',
      label: 'Health service contacts in the last 3 months',
      kind: 'count',
      min: 0,
      max: 99,
      better: 'lower',
      meaningfulChange: { points: 1, source: 'any reduction' },
    },
    { code: 'medication', label: 'Change in medication for mood or wellbeing', kind: 'change', min: 1, max: 4, better: 'lower' },
    { code: 'someone_to_talk', label: 'Has someone to talk to about personal matters', kind: 'yes_no', min: 0, max: 1, better: 'higher' },
    {
      code: 'heritage_connection',
      label: 'Feeling connected to local heritage (1–5)',
      kind: 'scale',
      min: 1,
      max: 5,
      better: 'higher',
      meaningfulChange: { points: 1, source: 'Waymark’s choice: one step on the 5-point scale' },
    },
  ],
  missingRule: 'Each question stands alone; a missing answer leaves the others.',
  score: (a) => ['health_contacts', 'medication', 'someone_to_talk', 'heritage_connection'].map((k) => answered(a, k)),
};
