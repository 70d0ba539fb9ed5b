import type { ActivityContent } from '../domain/directory.ts';
import { ValidationFailed } from '../domain/errors.ts';
import { contentOf, diffContent } from '../domain/listing-diff.ts';
import { listingFreshness, listingStateOf } from '../domain/listing-status.ts';
import type { User } from '../domain/user.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import { isUuid, ownActivity, providerOrganisationId, type ListingDeps } from './listing-access.ts';

const placeNotYours = () => new ValidationFailed([{ field: 'placeId', message: 'Choose one of your places' }]);

export type EditOutcome = 'updated' | 'proposed' | 'unchanged';

/** A provider's activities: create, edit (live ones through approval), withdraw, see history. */
export function createListingService(deps: ListingDeps) {
  const { db, organisations, places, activities, changes, audit, clock } = deps;

  /** Typed content from the form; the place must be one of the provider's (checked again in SQL). */
  function checked(content: ActivityContent): ActivityContent {
    if (!isUuid(content.placeId)) throw placeNotYours();
    return content;
  }

  return {
    async dashboard(user: User) {
      const orgId = providerOrganisationId(user);
      const now = clock.now();
      const list = await activities.listForOrganisation(orgId);
      return {
        organisation: await organisations.findById(orgId),
        places: await places.listForOrganisation(orgId),
        activities: list.map((a) => ({
          ...a,
          state: listingStateOf(a.status, a.hasPendingChange),
          freshness: listingFreshness(a.status, a.lastCheckedAt, now),
          // A coordinator's answer the provider still has to act on: a listing or a change sent back or rejected.
          coordinatorNote:
            a.status === 'rejected' || a.status === 'changes_requested'
              ? { status: a.status, note: a.statusNote }
              : !a.hasPendingChange && a.lastChange && a.lastChange.status !== 'approved' && a.status === 'live'
                ? { status: a.lastChange.status === 'rejected' ? ('change_rejected' as const) : ('change_changes_requested' as const), note: a.lastChange.note }
                : null,
        })),
      };
    },

    async placeOptions(user: User) {
      return places.listForOrganisation(providerOrganisationId(user));
    },

    async view(user: User, id: string) {
      const activity = await ownActivity(deps, user, id);
      const pending = await changes.pendingFor(id);
      const place = await places.findById(activity.placeId);
      return {
        activity,
        place,
        pendingChange: pending,
        lastReview: await changes.latestReviewedFor(id),
        state: listingStateOf(activity.status, pending !== undefined),
        freshness: listingFreshness(activity.status, activity.lastCheckedAt, clock.now()),
      };
    },

    /** What the edit form starts from: the waiting proposal, or one a coordinator asked to change, else the listing. */
    async editable(user: User, id: string): Promise<{ content: ActivityContent; status: string; hasPendingChange: boolean }> {
      const activity = await ownActivity(deps, user, id);
      const pending = await changes.pendingFor(id);
      const sentBack = pending ? undefined : await changes.latestReviewedFor(id);
      const proposal = pending ?? (sentBack?.status === 'changes_requested' ? sentBack : undefined);
      return { content: proposal?.proposed ?? contentOf(activity), status: activity.status, hasPendingChange: pending !== undefined };
    },

    async create(user: User, input: ActivityContent): Promise<string> {
      const orgId = providerOrganisationId(user);
      const content = checked(input);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const id = await activities.insert(orgId, content, user.id, now, tx);
        if (!id) throw placeNotYours();
        await refreshActivityIndex(tx, [id], now);
        await audit.record({ actorId: user.id, action: 'listing_created', subjectType: 'activity', subjectId: id }, tx);
        return id;
      });
    },

    /**
     * A live listing's content changes only when a coordinator approves: the edit is stored as the
     * one pending proposal. Listings nobody can find yet (pending, rejected, withdrawn) are edited in
     * place and go (back) to the approval queue.
     */
    async edit(user: User, id: string, input: ActivityContent): Promise<EditOutcome> {
      const activity = await ownActivity(deps, user, id);
      const content = checked(input);
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (activity.status === 'live') {
          await changes.supersedePending(id, now, tx);
          if (diffContent(contentOf(activity), content).length === 0) {
            await audit.record({ actorId: user.id, action: 'listing_change_withdrawn', subjectType: 'activity', subjectId: id }, tx);
            return 'unchanged';
          }
          const changeId = await changes.insertProposal(id, content, user.id, now, tx);
          if (!changeId) throw placeNotYours();
          await audit.record({ actorId: user.id, action: 'listing_change_proposed', subjectType: 'activity', subjectId: id, detail: { changeId } }, tx);
          return 'proposed';
        }
        if (!(await activities.updateContent(id, content, now, tx, 'pending'))) throw placeNotYours();
        await refreshActivityIndex(tx, [id], now);
        await audit.record({ actorId: user.id, action: 'listing_updated', subjectType: 'activity', subjectId: id }, tx);
        return 'updated';
      });
    },

    async withdraw(user: User, id: string): Promise<void> {
      await ownActivity(deps, user, id);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await changes.supersedePending(id, now, tx);
        await activities.setStatus(id, 'withdrawn', null, now, tx);
        await refreshActivityIndex(tx, [id], now);
        await audit.record({ actorId: user.id, action: 'listing_withdrawn', subjectType: 'activity', subjectId: id }, tx);
      });
    },

    async history(user: User, id: string) {
      const activity = await ownActivity(deps, user, id);
      return { activity, versions: await changes.listVersions(id) };
    },
  };
}

export type ListingService = ReturnType<typeof createListingService>;
