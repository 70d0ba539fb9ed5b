import type { Db } from '../database.ts';
import { one } from '../database.ts';
import type { Answers, InstrumentCode } from '../../domain/instruments/instrument.ts';
import type { VolunteerTimePoint } from '../../domain/volunteer-questionnaire.ts';

/** The volunteer questionnaire's answers (decision 034, migration 151). */
export function createVolunteerQuestionnaireRepository(db: Db) {
  return {
    /** When the volunteer record began (the invitation), the first training record's date (London date as recorded), and the time points answered with when. */
    async state(volunteerId: string, tx: Db = db) {
      const first = await one<{ first_training_on: string | null; invited_at: Date }>(
        tx,
        `select (select min(c.done_on)::text from volunteer_checks c join volunteer_check_types t on t.id = c.check_type_id
                  where c.volunteer_id = v.id and t.kind = 'training') as first_training_on, v.created_at as invited_at
           from volunteers v where v.id = $1`,
        [volunteerId],
      );
      const answered = await tx.query<{ time_point: VolunteerTimePoint; completed_at: Date }>(
        'select time_point, completed_at from volunteer_questionnaire_responses where volunteer_id = $1',
        [volunteerId],
      );
      return {
        invitedAt: new Date(first.invited_at),
        firstTrainingOn: first.first_training_on,
        answered: answered.map((r) => ({ timePoint: r.time_point, completedAt: new Date(r.completed_at) })),
      };
    },

    /** One answer per volunteer, time point and instrument: a second insert changes nothing (false). */
    async insert(
      r: {
        volunteerId: string;
        schemeId: string;
        organisationId: string;
        timePoint: VolunteerTimePoint;
        instrument: InstrumentCode;
        answers: Answers;
        scores: (number | null)[];
      },
      at: Date,
      tx: Db = db,
    ): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `insert into volunteer_questionnaire_responses (volunteer_id, scheme_id, organisation_id, time_point, instrument, answers, scores, completed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (volunteer_id, time_point, instrument) do nothing returning id`,
        [r.volunteerId, r.schemeId, r.organisationId, r.timePoint, r.instrument, JSON.stringify(r.answers), r.scores, at],
      );
      return rows.length > 0;
    },

    /** Every response in a scheme, for the paired summary (no names). */
    async responses(schemeId: string, instrument: InstrumentCode) {
      const rows = await db.query<{ volunteer_id: string; organisation_id: string; time_point: VolunteerTimePoint; scores: (number | null)[]; month: string }>(
        `select volunteer_id, organisation_id, time_point, scores, to_char(completed_at at time zone 'Europe/London', 'YYYY-MM') as month
           from volunteer_questionnaire_responses where scheme_id = $1 and instrument = $2`,
        [schemeId, instrument],
      );
      return rows;
    },

    /** A volunteer's own answers (subject access). */
    async ofVolunteer(volunteerId: string, tx: Db = db) {
      return tx.query<{ time_point: string; instrument: string; answers: Answers; completed_at: Date }>(
        'select time_point, instrument, answers, completed_at from volunteer_questionnaire_responses where volunteer_id = $1 order by completed_at',
        [volunteerId],
      );
    },
  };
}

export type VolunteerQuestionnaireRepository = ReturnType<typeof createVolunteerQuestionnaireRepository>;
