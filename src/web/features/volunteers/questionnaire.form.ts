import { z } from 'zod';
import type { Answers, InstrumentCode } from '../../../domain/instruments/instrument.ts';
import { parseAnswers, VOLUNTEER_QUESTIONNAIRE } from '../../../domain/instruments/registry.ts';

/** The volunteer questionnaire (decision 034): the same five statements at training and 3 months later. */
export const volunteerAnswersForm = z.unknown().transform((body, ctx): Map<InstrumentCode, Answers> => {
  const { answers, errors } = parseAnswers([VOLUNTEER_QUESTIONNAIRE], 'baseline', body);
  for (const e of errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  return errors.length > 0 ? z.NEVER : answers;
});
