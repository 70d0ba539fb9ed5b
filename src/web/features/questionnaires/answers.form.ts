import { z } from 'zod';
import type { Answers, InstrumentCode, TimePoint } from '../../../domain/instruments/instrument.ts';
import { DEFAULT_QUESTIONNAIRE, parseAnswers } from '../../../domain/instruments/registry.ts';

/** The wellbeing questionnaire at one time point (its items differ by time point): each instrument's answers. */
export const answersForm = (timePoint: TimePoint) =>
  z.unknown().transform((body, ctx): Map<InstrumentCode, Answers> => {
    const { answers, errors } = parseAnswers(DEFAULT_QUESTIONNAIRE, timePoint, body);
    for (const e of errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
    return errors.length > 0 ? z.NEVER : answers;
  });
