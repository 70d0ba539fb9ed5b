import { FRESHNESS, monthsBefore } from '../domain/directory.ts';
import type { User } from '../domain/user.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import { moderationArea, ownActivity, type ListingDeps } from './listing-access.ts';

/** Keeping listings current: providers confirm them; coordinators see what is going stale. */
export function createFreshnessService(deps: ListingDeps) {
  const { db, activities, organisations, changes, audit, clock } = deps;

  return {
    /** The provider says the listing is still right; an expired one comes back into search. */
    async confirm(user: User, id: string) {
      await ownActivity(deps, user, id);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await activities.markChecked(id, now, tx);
        await refreshActivityIndex(tx, [id], now);
        await audit.record({ actorId: user.id, action: 'listing_confirmed', subjectType: 'activity', subjectId: id }, tx);
      });
    },

    /**
     * Emails the owners of each live listing not checked for 6 months "is this still right?", once
     * per check (the hourly job); their dashboard flags it too. Returns how many listings.
     */
    async promptDue(limit = 100): Promise<number> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const due = await activities.claimFreshnessPrompts(monthsBefore(now, FRESHNESS.promptAfterMonths), now, limit, tx);
        for (const a of due) {
          await deps.tellProvider?.(tx, { organisationId: a.organisationId, activityId: a.id, outcome: 'freshness_due', title: a.title, note: null, at: now });
          await audit.record({ actorId: null, action: 'listing_freshness_prompted', subjectType: 'activity', subjectId: a.id }, tx);
        }
        return due.length;
      });
    },

    /** Due: not checked for 6 months (owner is prompted). Expired: 12 months (out of search). Oldest first. */
    async stale(user: User) {
      const area = await moderationArea(deps, user);
      const now = clock.now();
      const expiredBefore = monthsBefore(now, FRESHNESS.hideAfterMonths);
      const all = await activities.listCheckedBefore(monthsBefore(now, FRESHNESS.promptAfterMonths), area);
      return {
        expired: all.filter((a) => a.lastCheckedAt < expiredBefore),
        due: all.filter((a) => a.lastCheckedAt >= expiredBefore),
      };
    },

    /** What waits in the coordinator's area (everywhere for administrators). */
    async coordinatorCounts(user: User) {
      const area = await moderationArea(deps, user);
      const now = clock.now();
      return {
        organisations: await organisations.countByStatus('pending', area),
        listings: await activities.countPending(area),
        changes: await changes.countPending(area),
        stale: await activities.countCheckedBefore(monthsBefore(now, FRESHNESS.promptAfterMonths), area),
      };
    },
  };
}

export type FreshnessService = ReturnType<typeof createFreshnessService>;
