import { Conflict, NotFound } from '../domain/errors.ts';
import { contentOf, diffContent, summariseChanges } from '../domain/listing-diff.ts';
import { areaCoversPlace, type ModerationArea } from '../domain/scheme-area.ts';
import type { User } from '../domain/user.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import { isUuid, moderationArea, type ListingDeps } from './listing-access.ts';
import type { Db } from '../data/database.ts';
import type { Activity } from '../domain/directory.ts';
import type { ProviderOutcome } from './provider-notices.ts';

/** Coordinators: approve or reject new listings and changes to live ones. Each approval is a version. */
export function createListingReviewService(deps: ListingDeps) {
  const { db, organisations, places, activities, changes, audit, clock } = deps;

  async function placeInArea(area: ModerationArea, placeId: string): Promise<boolean> {
    const place = await places.findById(placeId);
    return place !== undefined && areaCoversPlace(area, place.postcode);
  }

  /** A listing in the coordinator's area (where its place is); anywhere else answers 404. */
  async function pendingActivity(user: User, id: string) {
    const area = await moderationArea(deps, user);
    const activity = isUuid(id) ? await activities.findById(id) : undefined;
    if (!activity || !(await placeInArea(area, activity.placeId))) throw new NotFound('Listing');
    return activity;
  }

  /** A change is moderated where the place it names is (usually the listing's own). */
  async function pendingChange(user: User, id: string) {
    const area = await moderationArea(deps, user);
    const change = isUuid(id) ? await changes.findById(id) : undefined;
    if (!change || !(await placeInArea(area, change.proposed.placeId))) throw new NotFound('Change');
    const activity = await activities.findById(change.activityId);
    if (!activity) throw new NotFound('Listing');
    return { change, activity };
  }

  async function placeNames(ids: string[]) {
    const names: Record<string, string> = {};
    for (const id of new Set(ids)) {
      const p = await places.findById(id);
      if (p) names[id] = `${p.name}, ${p.town}`;
    }
    return names;
  }

  /** Emails the provider's staff what was decided, in the decision's transaction. */
  async function tell(tx: Db, activity: Activity, outcome: ProviderOutcome, title: string, note: string | null, at: Date) {
    await deps.tellProvider?.(tx, { organisationId: activity.organisationId, activityId: activity.id, outcome, title, note, at });
  }

  async function decideListing(user: User, id: string, status: 'rejected' | 'changes_requested', reason: string) {
    const activity = await pendingActivity(user, id);
    if (activity.status !== 'pending') throw new Conflict('This listing is not waiting for approval');
    const now = clock.now();
    await db.transaction(async (tx) => {
      if ((await activities.lockStatus(id, tx)) !== 'pending') throw new Conflict('This listing is not waiting for approval');
      await activities.setStatus(id, status, reason, now, tx);
      const action = status === 'rejected' ? 'listing_rejected' : 'listing_changes_requested';
      await audit.record({ actorId: user.id, action, subjectType: 'activity', subjectId: id, detail: { reason } }, tx);
      await tell(tx, activity, status === 'rejected' ? 'listing_rejected' : 'listing_changes_requested', activity.title, reason, now);
    });
  }

  async function decideChange(user: User, id: string, status: 'rejected' | 'changes_requested', reason: string) {
    const { change, activity } = await pendingChange(user, id);
    if (change.status !== 'pending') throw new Conflict('This change has already been reviewed');
    const now = clock.now();
    await db.transaction(async (tx) => {
      if (!(await changes.setReviewed(id, status, user.id, reason, now, tx))) throw new Conflict('This change has already been reviewed');
      const action = status === 'rejected' ? 'listing_change_rejected' : 'listing_change_changes_requested';
      await audit.record({ actorId: user.id, action, subjectType: 'activity', subjectId: activity.id, detail: { changeId: id, reason } }, tx);
      await tell(tx, activity, status === 'rejected' ? 'change_rejected' : 'change_changes_requested', change.proposed.title, reason, now);
    });
  }

  return {
    async listingQueue(user: User) {
      return activities.listPending(await moderationArea(deps, user));
    },

    async listing(user: User, id: string) {
      const activity = await pendingActivity(user, id);
      return {
        activity,
        organisation: await organisations.findById(activity.organisationId),
        place: await places.findById(activity.placeId),
        sessions: await deps.sessions.listForActivity(id),
      };
    },

    /** Blocks while the organisation is unapproved: coordinators approve the organisation first, on purpose. */
    async approveListing(user: User, id: string) {
      const activity = await pendingActivity(user, id);
      if (activity.status !== 'pending') throw new Conflict('This listing is not waiting for approval');
      const org = await organisations.findById(activity.organisationId);
      if (org?.status !== 'approved') throw new Conflict(`Approve the organisation${org ? ` ${org.name}` : ''} before its listings`);
      const now = clock.now();
      await db.transaction(async (tx) => {
        if ((await activities.lockStatus(id, tx)) !== 'pending') throw new Conflict('This listing is not waiting for approval');
        const content = contentOf((await activities.findById(id, tx)) ?? activity); // as locked, not as first read
        const previous = await changes.latestVersion(id, tx);
        const summary = previous ? summariseChanges(diffContent(previous, content)) : 'First published';
        const version = await changes.appendVersion(
          id,
          { snapshot: content, summary, changedBy: await activities.createdBy(id, tx), approvedBy: user.id, now },
          tx,
        );
        await activities.publish(id, version, now, tx);
        await refreshActivityIndex(tx, [id], now);
        await audit.record({ actorId: user.id, action: 'listing_approved', subjectType: 'activity', subjectId: id, detail: { version } }, tx);
        await tell(tx, activity, 'listing_approved', content.title, null, now);
      });
    },

    async rejectListing(user: User, id: string, input: { reason: string }) {
      await decideListing(user, id, 'rejected', input.reason);
    },

    /** Sends a new listing back to its provider with what to change; editing it puts it back in the queue. */
    async requestListingChanges(user: User, id: string, input: { reason: string }) {
      await decideListing(user, id, 'changes_requested', input.reason);
    },

    async changeQueue(user: User) {
      return changes.listPending(await moderationArea(deps, user));
    },

    /** Only the fields that differ, old against new. */
    async change(user: User, id: string) {
      const { change, activity } = await pendingChange(user, id);
      const before = contentOf(activity);
      const names = await placeNames([before.placeId, change.proposed.placeId]);
      return { change, activity, organisation: await organisations.findById(activity.organisationId), diff: diffContent(before, change.proposed, names) };
    },

    /** Publishes the proposal as the next version; approving also counts as checking the listing. */
    async approveChange(user: User, id: string) {
      const { change, activity } = await pendingChange(user, id);
      if (change.status !== 'pending') throw new Conflict('This change has already been reviewed');
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (!(await changes.setReviewed(id, 'approved', user.id, null, now, tx))) throw new Conflict('This change has already been reviewed');
        const current = contentOf(activity);
        if (!(await changes.latestVersion(activity.id, tx))) {
          // Listings loaded live (imports, demo data) have no history yet: record what was live as version 1.
          await changes.appendVersion(
            activity.id,
            { snapshot: current, summary: 'First published', changedBy: await activities.createdBy(activity.id, tx), approvedBy: null, now },
            tx,
          );
        }
        const diff = diffContent(current, change.proposed);
        if (!(await activities.updateContent(activity.id, change.proposed, now, tx))) {
          throw new Conflict('The place in this change no longer belongs to the organisation');
        }
        const version = await changes.appendVersion(
          activity.id,
          { snapshot: change.proposed, summary: summariseChanges(diff), changedBy: change.proposedBy, approvedBy: user.id, now },
          tx,
        );
        await activities.publish(activity.id, version, now, tx);
        await refreshActivityIndex(tx, [activity.id], now);
        await audit.record(
          { actorId: user.id, action: 'listing_change_approved', subjectType: 'activity', subjectId: activity.id, detail: { changeId: id, version } },
          tx,
        );
        await tell(tx, activity, 'change_approved', change.proposed.title, null, now);
      });
    },

    async rejectChange(user: User, id: string, input: { reason: string }) {
      await decideChange(user, id, 'rejected', input.reason);
    },

    /** Sends a proposed change back with what to change; the live listing stays as it is. */
    async requestChangeChanges(user: User, id: string, input: { reason: string }) {
      await decideChange(user, id, 'changes_requested', input.reason);
    },
  };
}

export type ListingReviewService = ReturnType<typeof createListingReviewService>;
