import type { FieldError } from '../errors.ts';
import type { Answers, Instrument, InstrumentCode, Item, TimePoint } from './instrument.ts';
import { ONS4 } from './ons4.ts';
import { PILOT } from './pilot.ts';
import { SWEMWBS } from './swemwbs.ts';
import { UCLA3 } from './ucla3.ts';
import { WEMWBS } from './wemwbs.ts';
import { VOLUNTEER_TRAINING } from './volunteer-training.ts';

/** Every instrument Waymark can score. */
export const INSTRUMENTS: readonly Instrument[] = [SWEMWBS, WEMWBS, ONS4, UCLA3, PILOT];

/**
 * The questionnaire a participant is asked at each time point: short enough to be proportionate
 * (about 20 questions). WEMWBS is scored and reported when an organisation collects it, but is not in
 * the default set because SWEMWBS covers the same ground in half the items.
 */
export const DEFAULT_QUESTIONNAIRE: readonly InstrumentCode[] = ['swemwbs', 'ons4', 'ucla3', 'pilot'];

/** Any instrument Waymark can score: the participants' and the volunteers' (decision 034). */
export function instrumentFor(code: string): Instrument | undefined {
  return INSTRUMENTS.find((i) => i.code === code) ?? VOLUNTEER_INSTRUMENTS.find((i) => i.code === code);
}

/**
 * Instruments volunteers answer about themselves (decision 034), kept apart from the participants'
 * questionnaire and its outcome reports: the volunteer questionnaire at training and 3 months later.
 */
export const VOLUNTEER_INSTRUMENTS: readonly Instrument[] = [VOLUNTEER_TRAINING];
export const VOLUNTEER_QUESTIONNAIRE: InstrumentCode = 'volunteer_training';

export function itemsAt(instrument: Instrument, timePoint: TimePoint): readonly Item[] {
  return instrument.items.filter((i) => !i.timePoints || i.timePoints.includes(timePoint));
}

/** The form field (and element id) of one item. */
export const fieldName = (instrument: InstrumentCode, itemKey: string) => `${instrument}-${itemKey}`;

/**
 * Reads a submitted questionnaire. A blank answer is allowed (people may skip a question: the
 * instrument's missing-answer rule then decides its score); an answer outside the item's range is an
 * error; at least one answer is needed.
 */
export function parseAnswers(
  codes: readonly InstrumentCode[],
  timePoint: TimePoint,
  body: unknown,
): { answers: Map<InstrumentCode, Answers>; errors: FieldError[] } {
  const form = (body ?? {}) as Record<string, unknown>;
  const answers = new Map<InstrumentCode, Answers>();
  const errors: FieldError[] = [];
  let any = false;
  for (const code of codes) {
    const instrument = instrumentFor(code);
    if (!instrument) continue;
    const given: Answers = {};
    for (const item of itemsAt(instrument, timePoint)) {
      const field = fieldName(code, item.key);
      const raw = form[field];
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text === '') {
        given[item.key] = null;
        continue;
      }
      const value = Number(text);
      const allowed = item.options ? item.options.some((o) => o.value === value) : Number.isInteger(value) && value >= item.min && value <= item.max;
      if (!Number.isFinite(value) || !allowed) {
        errors.push({
          field,
          message: item.kind === 'count' ? `Enter a whole number from ${item.min} to ${item.max}` : 'Choose one of the answers',
        });
        continue;
      }
      given[item.key] = value;
      any = true;
    }
    answers.set(code, given);
  }
  if (!any && errors.length === 0) {
    const first = codes.map(instrumentFor).find(Boolean);
    const firstItem = first ? itemsAt(first, timePoint)[0] : undefined;
    errors.push({ field: first && firstItem ? fieldName(first.code, firstItem.key) : 'form', message: 'Answer at least one question' });
  }
  return { answers, errors };
}

/** True when at least one item has an answer (an instrument with none is not saved). */
export const hasAnyAnswer = (a: Answers) => Object.values(a).some((v) => v !== null && v !== undefined);
