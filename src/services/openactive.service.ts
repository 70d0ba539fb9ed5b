import type { Db } from '../data/database.ts';
import { findPublishedInFullByIds } from '../data/repositories/open-directory.repository.ts';
import type { FeedCursor, FeedItemRow, MapPoint, OpenActiveRepository } from '../data/repositories/openactive.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { freshnessCutoff } from '../domain/directory.ts';
import { nextModified, RPDE } from '../domain/openactive.ts';
import { toSessionSeries, type SessionSeriesContext } from './openactive-items.ts';

/** Bump when the item format changes: every item is rebuilt (and re-sent) at the next sync. */
const ITEM_FORMAT = 'session-series-1';
const BATCH = 500;

export type { FeedCursor, FeedItemRow, MapPoint };

/**
 * OpenActive (decision 045). `syncFeed` brings the change log up to date with what is publicly
 * visible now (new and changed listings become `updated` items with their data; listings withdrawn,
 * of an organisation no longer approved, no longer fresh, or deleted become `deleted` tombstones);
 * a background job runs it every minute. `page` reads one RPDE page of the log.
 */
export function createOpenActiveService(deps: { db: Db; feed: OpenActiveRepository; clock: Clock; item: SessionSeriesContext }) {
  const { db, feed, clock } = deps;

  return {
    async syncFeed(): Promise<{ updated: number; deleted: number; modified: number | null }> {
      const now = clock.now();
      const freshSince = freshnessCutoff(now);
      return db.transaction(async (tx) => {
        await feed.lockForSync(tx);
        const current = await feed.currentFingerprints(tx, freshSince, `${ITEM_FORMAT}|${deps.item.baseUrl}`);
        const { items: stored, maxModified } = await feed.stored(tx);
        const changed = [...current].filter(([id, fp]) => {
          const s = stored.get(id);
          return s?.state !== 'updated' || s.fingerprint !== fp;
        });
        const gone = [...stored].filter(([id, s]) => s.state === 'updated' && !current.has(id)).map(([id]) => id);
        if (changed.length === 0 && gone.length === 0) return { updated: 0, deleted: 0, modified: null };
        const modified = nextModified(now.getTime(), maxModified);
        for (let i = 0; i < changed.length; i += BATCH) {
          const batch = changed.slice(i, i + BATCH);
          const prints = new Map(batch);
          const found = await findPublishedInFullByIds(
            tx,
            batch.map(([id]) => id),
            freshSince,
          );
          await feed.writeUpdated(
            tx,
            modified,
            found.map((p) => ({ id: p.activity.id, fingerprint: prints.get(p.activity.id)!, data: toSessionSeries(p, deps.item) })),
          );
        }
        await feed.writeDeleted(tx, modified, gone);
        return { updated: changed.length, deleted: gone.length, modified };
      });
    },

    /** One page of the feed after the cursor (from the start without one). */
    async page(cursor: FeedCursor | null): Promise<{ items: FeedItemRow[] }> {
      return { items: await feed.page(cursor, RPDE.pageSize) };
    },

    /** When the feed last changed (for the dataset page), or null before its first sync. */
    async lastChanged(): Promise<Date | null> {
      const m = await feed.latestModified();
      return m === null ? null : new Date(m);
    },

    /** Every publicly visible listing as a point, for the GeoJSON export (the same rule as every public list). */
    async mapPoints(): Promise<MapPoint[]> {
      return feed.mapPoints(freshnessCutoff(clock.now()));
    },
  };
}

export type OpenActiveService = ReturnType<typeof createOpenActiveService>;
