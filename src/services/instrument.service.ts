import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { QuestionnaireWordingRepository } from '../data/repositories/questionnaire-wording.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import type { InstrumentCode } from '../domain/instruments/instrument.ts';
import { checkWording, LICENSED_INSTRUMENTS, type InstrumentWording } from '../domain/instruments/instrument-wording.ts';
import { INSTRUMENTS, instrumentFor } from '../domain/instruments/registry.ts';
import type { User } from '../domain/user.ts';

/** The instrument registry as administrators see it, and loading licensed wording. */
export function createInstrumentService(deps: { db: Db; wordings: QuestionnaireWordingRepository; audit: AuditRepository; clock: Clock }) {
  const admin = (user: User) => {
    if (user.role !== 'admin') throw new Forbidden();
  };
  const licensed = (code: string): InstrumentCode => {
    const found = LICENSED_INSTRUMENTS.find((c) => c === code);
    if (!found) throw new NotFound('Instrument');
    return found;
  };

  return {
    async list(user: User) {
      admin(user);
      const loaded = await deps.wordings.all();
      return INSTRUMENTS.map((i) => {
        const w = loaded.find((l) => l.instrument === i.code);
        return {
          code: i.code,
          name: i.name,
          shortName: i.shortName,
          items: i.items.length,
          licensed: !i.licence.wordingShipped,
          licenceNote: i.licence.note,
          wordingLoadedAt: w?.loadedAt ?? null,
          wordingLicence: w?.licence ?? null,
          measures: i.measures.map((m) => ({ label: m.label, meaningfulChange: m.meaningfulChange ?? null })),
          missingRule: i.missingRule,
        };
      });
    },

    async get(user: User, code: string) {
      admin(user);
      const instrument = instrumentFor(licensed(code))!;
      const w = (await deps.wordings.all()).find((l) => l.instrument === instrument.code);
      return {
        code: instrument.code,
        name: instrument.name,
        shortName: instrument.shortName,
        items: instrument.items.length,
        licenceNote: instrument.licence.note,
        loadedAt: w?.loadedAt ?? null,
        licence: w?.licence ?? null,
        /** The loaded statements, so an administrator can check or correct them. */
        statements: w?.items ?? [],
      };
    },

    /** Loads the organisation's licensed wording (typed statement by statement, or from their file; parsed at the edge). */
    async loadWording(user: User, code: string, wording: InstrumentWording) {
      admin(user);
      const instrument = licensed(code);
      const problems = checkWording(instrument, wording);
      if (problems.length > 0) throw new ValidationFailed(problems);
      await deps.db.transaction(async (tx) => {
        await deps.wordings.save(tx, wording, user.id, deps.clock.now());
        await deps.audit.record({ actorId: user.id, action: 'instrument.wording_loaded', subjectType: 'instrument', subjectId: instrument }, tx);
      });
    },

    async removeWording(user: User, code: string) {
      admin(user);
      const instrument = licensed(code);
      await deps.db.transaction(async (tx) => {
        await deps.wordings.remove(tx, instrument);
        await deps.audit.record({ actorId: user.id, action: 'instrument.wording_removed', subjectType: 'instrument', subjectId: instrument }, tx);
      });
    },
  };
}

export type InstrumentService = ReturnType<typeof createInstrumentService>;
