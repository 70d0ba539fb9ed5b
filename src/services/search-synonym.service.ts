import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { SearchSynonymRepository } from '../data/repositories/search-synonym.repository.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';

/** A synonym as a coordinator adds it (parsed at the edge): what people type, and the words listings use instead. */
export type SearchSynonymInput = { searchedFor: string; alsoFind: string[] };

/** Other words for search, one list for the whole directory, kept by coordinators and administrators. */
export function createSearchSynonymService(deps: { db: Db; synonyms: SearchSynonymRepository; audit: AuditRepository }) {
  const { db, synonyms, audit } = deps;

  function mustKeep(user: User) {
    if (user.role !== 'coordinator' && user.role !== 'admin') throw new Forbidden();
  }

  return {
    async list(user: User) {
      mustKeep(user);
      return synonyms.list();
    },

    /** Adds one row per word to also find; refuses a list made only of pairs already there. */
    async add(user: User, input: SearchSynonymInput) {
      mustKeep(user);
      await db.transaction(async (tx) => {
        const ids = await synonyms.insert(input.searchedFor, input.alsoFind, tx);
        if (ids.length === 0) throw new ValidationFailed([{ field: 'alsoFind', message: 'These words are already listed for what people search for' }]);
        for (const id of ids) {
          await audit.record({ actorId: user.id, action: 'search_synonym.added', subjectType: 'search_synonym', subjectId: id, detail: input }, tx);
        }
      });
    },

    async remove(user: User, id: string) {
      mustKeep(user);
      const synonym = await synonyms.find(id);
      if (!synonym) throw new NotFound('Synonym');
      await db.transaction(async (tx) => {
        await synonyms.delete(id, tx);
        await audit.record(
          {
            actorId: user.id,
            action: 'search_synonym.removed',
            subjectType: 'search_synonym',
            subjectId: id,
            detail: { searchedFor: synonym.searchedFor, alsoFind: synonym.alsoFind },
          },
          tx,
        );
      });
    },
  };
}

export type SearchSynonymService = ReturnType<typeof createSearchSynonymService>;
