import type { SharedShortlistRepository } from '../data/repositories/shared-shortlist.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { NotFound, ValidationFailed } from '../domain/errors.ts';
import type { SearchResult } from '../domain/search.ts';
import { newShareCode, normaliseShareCode } from '../domain/share-code.ts';

type VisibleShortlist = (ids: readonly string[]) => Promise<{ items: SearchResult[]; missing: number }>;

const ATTEMPTS = 5;

/**
 * Shortlists shared by a short link (decision 020). Only the activity ids are kept, with the time the
 * link was made: nothing about who shared it or who opens it.
 */
export function createSharedShortlistService(deps: {
  shared: SharedShortlistRepository;
  /** The public shortlist rule: which of these activities are still in search, in order. */
  visible: VisibleShortlist;
  clock: Clock;
  newCode?: () => string;
}) {
  const { shared, visible, clock } = deps;
  const newCode = deps.newCode ?? (() => newShareCode());

  return {
    /** The code of a stored copy of this list (the same code when exactly this list was shared before). */
    async share(activityIds: readonly string[]): Promise<string> {
      const ids = (await visible(activityIds)).items.map((i) => i.id);
      if (ids.length === 0) throw new ValidationFailed([{ field: 'share', message: 'Add activities to your shortlist before sharing it' }]);
      const existing = await shared.codeFor(ids);
      if (existing) return existing;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const code = newCode();
        if (await shared.insert(code, ids, clock.now())) return code;
      }
      // With 2^40 codes, five taken in a row means the code maker is broken, not bad luck.
      throw new Error('Could not find a free share code');
    },

    /** A shared list as anyone sees it: the activities still in search, and how many have gone. */
    async open(code: string): Promise<{ code: string; activityIds: string[]; items: SearchResult[]; missing: number }> {
      const normal = normaliseShareCode(code);
      const found = normal ? await shared.find(normal) : undefined;
      if (!found) throw new NotFound('Shared shortlist');
      return { code: found.code, activityIds: found.activityIds, ...(await visible(found.activityIds)) };
    },
  };
}

export type SharedShortlistService = ReturnType<typeof createSharedShortlistService>;
