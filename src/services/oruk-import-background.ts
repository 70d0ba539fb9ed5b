import type { OrukImportRepository } from '../data/repositories/oruk-import.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { BadInput, Forbidden } from '../domain/errors.ts';
import { isCoordinator, type User } from '../domain/user.ts';
import { feedServicesAddress } from './oruk-feed-fetch.ts';
import type { ImportReport, OrukImportService } from './oruk-import.service.ts';

/** Pages one turn of the `oruk-imports` job reads before letting the run go until its next turn. */
export const PAGES_PER_TURN = 20;

/**
 * Feed imports started from the admin page run in the background (decision 056): the page records
 * the run and answers at once; the `oruk-imports` job reads it a few pages a turn with the same
 * importer as the command line, so it is resumable the same way. One run per source at a time.
 */
export function createBackgroundImports(deps: { repo: OrukImportRepository; clock: Clock; importer: OrukImportService; pagesPerTurn?: number }) {
  const { repo, clock, importer } = deps;
  const pageBudget = deps.pagesPerTurn ?? PAGES_PER_TURN;

  return {
    /**
     * Records a run of the feed for the job to read and returns its id. A source's run left part-way
     * (a page the feed would not give, or a stopped command line) is carried on instead of starting
     * again; a run already going is simply returned (one run per source).
     */
    async start(actor: User, input: { address: string; markTrusted: boolean }): Promise<string> {
      if (!isCoordinator(actor)) throw new Forbidden();
      const address = feedServicesAddress(input.address);
      const now = clock.now();
      const source = await repo.ensureSource(address, new URL(address).host, now);
      // Ticked trusts the source from now on (as a run within the request did); unticked leaves it as it is.
      if (input.markTrusted && !source.trusted) await repo.setTrusted(source.id, true, actor.id, now);
      const unfinished = await repo.unfinishedRun(source.id);
      if (unfinished?.nextAddress) {
        await repo.moveToBackground(unfinished.id);
        return unfinished.id;
      }
      if (unfinished) await repo.finishRun(unfinished.id, 'failed', 'Replaced by a new run', now);
      try {
        return await repo.startRun(source.id, actor.id, now, { inBackground: true, nextAddress: address });
      } catch (err) {
        // Two people starting the same feed at once: the unique index lets one run in; the other joins it.
        const other = await repo.unfinishedRun(source.id);
        if (other) return other.id;
        throw err;
      }
    },

    /** One turn of the job: the oldest background run nobody is reading, a few pages of it. */
    async carryOn(): Promise<ImportReport | null> {
      const run = await repo.nextBackgroundRun(clock.now());
      if (!run) return null;
      try {
        return await importer.run(null, { source: { kind: 'url', address: run.address }, dryRun: false }, { pageBudget });
      } catch (err) {
        // Someone else took the run between the look and the claim: it is theirs this turn.
        if (err instanceof BadInput) return null;
        throw err;
      }
    },
  };
}

export type BackgroundImports = ReturnType<typeof createBackgroundImports>;
