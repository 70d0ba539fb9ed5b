import type { Db } from '../database.ts';
import type { InstrumentCode } from '../../domain/instruments/instrument.ts';
import type { InstrumentWording } from '../../domain/instruments/instrument-wording.ts';

/** Licensed item wording loaded by an administrator (instrument_wordings). */
export function createQuestionnaireWordingRepository(db: Db) {
  return {
    async all(): Promise<(InstrumentWording & { loadedAt: Date })[]> {
      return db.query(`select instrument, licence_note as licence, items, loaded_at as "loadedAt" from instrument_wordings order by instrument`);
    },
    async save(tx: Db, w: InstrumentWording, by: string, at: Date) {
      await tx.query(
        `insert into instrument_wordings (instrument, items, licence_note, loaded_by, loaded_at) values ($1, $2::jsonb, $3, $4, $5)
         on conflict (instrument) do update set items = excluded.items, licence_note = excluded.licence_note,
           loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at`,
        [w.instrument, JSON.stringify(w.items), w.licence, by, at],
      );
    },
    async remove(tx: Db, instrument: InstrumentCode) {
      await tx.query('delete from instrument_wordings where instrument = $1', [instrument]);
    },
  };
}

export type QuestionnaireWordingRepository = ReturnType<typeof createQuestionnaireWordingRepository>;
