import { addMonths } from './calendar-date.ts';

/**
 * When a volunteer is asked the volunteer questionnaire (decision 034): "at training" is due from the
 * day they were invited (their volunteer record began) or their first training record, whichever is
 * first; "3 months later" is due 3 months after they answered at training (or, if they never did,
 * 3 months after it became due). A volunteer who stopped is asked nothing. Each time point is
 * answered once.
 */
export type VolunteerTimePoint = 'training' | 'three_months';
export const VOLUNTEER_TIME_POINTS: readonly { code: VolunteerTimePoint; label: string }[] = [
  { code: 'training', label: 'At training' },
  { code: 'three_months', label: '3 months after training' },
];
export const isVolunteerTimePoint = (s: string): s is VolunteerTimePoint => s === 'training' || s === 'three_months';

export type QuestionnaireState = {
  status: string;
  /** London dates. */
  invitedOn: string;
  firstTrainingOn: string | null;
  answered: Partial<Record<VolunteerTimePoint, string>>;
};

export type DueQuestionnaire = { timePoint: VolunteerTimePoint; dueOn: string };

export function trainingDueOn(s: QuestionnaireState): string {
  return s.firstTrainingOn && s.firstTrainingOn < s.invitedOn ? s.firstTrainingOn : s.invitedOn;
}

/** The time points due on `today` and not yet answered, earliest first. */
export function questionnairesDue(s: QuestionnaireState, today: string): DueQuestionnaire[] {
  if (s.status === 'stopped') return [];
  const training = trainingDueOn(s);
  const later = addMonths(s.answered.training ?? training, 3);
  const due: DueQuestionnaire[] = [];
  if (!s.answered.training && training <= today) due.push({ timePoint: 'training', dueOn: training });
  if (!s.answered.three_months && later <= today) due.push({ timePoint: 'three_months', dueOn: later });
  return due;
}
