import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { VolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import type { VolunteerQuestionnaireRepository } from '../data/repositories/volunteer-questionnaire.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Conflict, Forbidden, NotFound } from '../domain/errors.ts';
import type { Answers, InstrumentCode } from '../domain/instruments/instrument.ts';
import { hasAnyAnswer, instrumentFor, VOLUNTEER_QUESTIONNAIRE } from '../domain/instruments/registry.ts';
import { londonDate } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import { type DueQuestionnaire, isVolunteerTimePoint, questionnairesDue, type VolunteerTimePoint } from '../domain/volunteer-questionnaire.ts';

/**
 * The volunteer questionnaire at training and 3 months later (issue 9, decision 034): the volunteer
 * answers it from their volunteering page when it is due; reports pair the two.
 */
export function createVolunteerQuestionnaireService(deps: {
  db: Db;
  volunteers: VolunteerRepository;
  questionnaires: VolunteerQuestionnaireRepository;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { db, volunteers, questionnaires, audit, clock } = deps;

  async function own(user: User): Promise<Volunteer> {
    if (user.role !== 'buddy' && user.role !== 'connector') throw new Forbidden();
    const v = await volunteers.forUser(user.id);
    if (!v) throw new NotFound('Volunteer record');
    return v;
  }

  async function dueFor(v: Volunteer): Promise<DueQuestionnaire[]> {
    const s = await questionnaires.state(v.id);
    const answered: Partial<Record<VolunteerTimePoint, string>> = {};
    for (const a of s.answered) answered[a.timePoint] = londonDate(a.completedAt);
    return questionnairesDue({ status: v.status, invitedOn: londonDate(s.invitedAt), firstTrainingOn: s.firstTrainingOn, answered }, londonDate(clock.now()));
  }

  /** A time point that is due for this volunteer now; anything else is not found. */
  async function dueNow(user: User, timePoint: string): Promise<{ v: Volunteer; timePoint: VolunteerTimePoint }> {
    const v = await own(user);
    if (!isVolunteerTimePoint(timePoint) || !(await dueFor(v)).some((d) => d.timePoint === timePoint)) throw new NotFound('Questionnaire');
    return { v, timePoint };
  }

  return {
    instrument: VOLUNTEER_QUESTIONNAIRE,

    /** What the volunteer's page offers: the time points due now and not answered. */
    async due(user: User): Promise<DueQuestionnaire[]> {
      const v = user.role === 'buddy' || user.role === 'connector' ? await volunteers.forUser(user.id) : undefined;
      return v ? dueFor(v) : [];
    },

    async form(user: User, timePoint: string): Promise<{ timePoint: VolunteerTimePoint }> {
      return { timePoint: (await dueNow(user, timePoint)).timePoint };
    },

    /** Saves the answers once; a second post (say, a double tap) is a 409 that says it was saved. */
    async answer(user: User, timePointText: string, answers: Map<InstrumentCode, Answers>): Promise<void> {
      const { v, timePoint } = await dueNow(user, timePointText);
      const given = answers.get(VOLUNTEER_QUESTIONNAIRE) ?? {};
      const instrument = instrumentFor(VOLUNTEER_QUESTIONNAIRE)!;
      if (!hasAnyAnswer(given)) return;
      await db.transaction(async (tx) => {
        const saved = await questionnaires.insert(
          {
            volunteerId: v.id,
            schemeId: v.schemeId,
            organisationId: v.organisationId,
            timePoint,
            instrument: instrument.code,
            answers: given,
            scores: instrument.score(given),
          },
          clock.now(),
          tx,
        );
        if (!saved) throw new Conflict('Your answers have already been saved. Thank you.');
        await audit.record({ actorId: user.id, action: 'volunteer.questionnaire_answered', subjectType: 'volunteer', subjectId: v.id }, tx);
      });
    },
  };
}

export type VolunteerQuestionnaireService = ReturnType<typeof createVolunteerQuestionnaireService>;
