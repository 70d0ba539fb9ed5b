import type { DuplicateRepository } from '../data/repositories/duplicate.repository.ts';
import { refreshActivityIndex } from '../data/repositories/activity-index.repository.ts';
import {
  type DuplicateKind,
  type DuplicatePair,
  findDuplicates,
  metresApart,
  type OrganisationCandidate,
  orderedPair,
  scoreActivities,
  scoreOrganisations,
  scorePairs,
  scorePlaces,
  THRESHOLDS,
} from '../domain/duplicates.ts';
import { Conflict, NotFound } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';
import { isUuid, type ListingDeps, moderationArea, requireCoordinator } from './listing-access.ts';

export type DuplicateRow = DuplicatePair & {
  first: { id: string; name: string; detail: string };
  second: { id: string; name: string; detail: string };
  /** Places of two organisations are not merged: merge the organisations instead. */
  canMerge: boolean;
};

/** Places and activities are compared only with those within 5 km (the rules look at 500 m at most). */
const near = (a: { easting: number; northing: number }, b: { easting: number; northing: number }) => metresApart(a, b) <= 5000;

/**
 * Likely duplicates (issue 12, decision 047): listed for a coordinator's scheme area (administrators:
 * everywhere), merged (history kept, the old id redirects, audited) or marked "not the same" (remembered).
 */
export function createDuplicateService(deps: ListingDeps & { duplicates: DuplicateRepository }) {
  const { db, duplicates, audit, clock } = deps;

  /** Pairs found by blocks in SQL (decision 047 addendum), scored by the rules here: the list grows with the pairs, not their square. */
  async function pairs(user: User): Promise<DuplicatePair[]> {
    const area = await moderationArea(deps, user);
    const dismissed = await duplicates.dismissed();
    const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
    return [
      ...scorePairs('organisation', byId(await duplicates.organisations(area)), await duplicates.organisationPairs(area), scoreOrganisations, { dismissed }),
      ...scorePairs('place', byId(await duplicates.places(area)), await duplicates.placePairs(area), scorePlaces, { dismissed }),
      ...scorePairs('activity', byId(await duplicates.activities(area)), await duplicates.activityPairs(area), scoreActivities, { dismissed }),
    ];
  }

  async function describe(list: DuplicatePair[]): Promise<DuplicateRow[]> {
    const rows: DuplicateRow[] = [];
    for (const kind of ['organisation', 'place', 'activity'] as const) {
      const ofKind = list.filter((p) => p.kind === kind);
      const names = await duplicates.names(
        kind,
        ofKind.flatMap((p) => [p.firstId, p.secondId]),
      );
      for (const p of ofKind) {
        const first = names.get(p.firstId);
        const second = names.get(p.secondId);
        if (!first || !second) continue;
        rows.push({
          ...p,
          first: { id: p.firstId, name: first.name, detail: first.detail },
          second: { id: p.secondId, name: second.name, detail: second.detail },
          canMerge: kind !== 'place' || first.organisationId === second.organisationId,
        });
      }
    }
    return rows;
  }

  /** The pair as the coordinator sees it now: both in their area, still flagged. Otherwise 404. */
  async function currentPair(user: User, kind: DuplicateKind, aId: string, bId: string): Promise<DuplicateRow> {
    if (!isUuid(aId) || !isUuid(bId) || aId === bId) throw new NotFound('Possible duplicate');
    const [firstId, secondId] = orderedPair(aId, bId);
    const found = (await describe(await pairs(user))).find((p) => p.kind === kind && p.firstId === firstId && p.secondId === secondId);
    if (!found) throw new NotFound('Possible duplicate');
    return found;
  }

  return {
    async list(user: User): Promise<DuplicateRow[]> {
      requireCoordinator(user);
      return describe(await pairs(user));
    },

    /** For the approval page: likely duplicates of one organisation among those the coordinator sees. */
    async ofOrganisation(user: User, organisationId: string): Promise<DuplicateRow[]> {
      const area = await moderationArea(deps, user);
      const all = await duplicates.organisations(area);
      const me = all.find((o) => o.id === organisationId);
      if (!me) return [];
      const dismissed = await duplicates.dismissed();
      return describe(
        findDuplicates('organisation', [me, ...all.filter((o) => o.id !== organisationId)], scoreOrganisations, { dismissed }).filter(
          (p) => p.firstId === me.id || p.secondId === me.id,
        ),
      );
    },

    /** For the listing approval page: likely duplicates of one activity among those in the coordinator's area. */
    async ofActivity(user: User, activityId: string): Promise<DuplicateRow[]> {
      const all = await duplicates.activities(await moderationArea(deps, user));
      const me = all.find((a) => a.id === activityId);
      if (!me) return [];
      const dismissed = await duplicates.dismissed();
      const others = all.filter((a) => a.id !== activityId && near(a, me));
      return describe(findDuplicates('activity', [me, ...others], scoreActivities, { dismissed }).filter((p) => p.firstId === me.id || p.secondId === me.id));
    },

    /** At sign-up: approved organisations whose name, contact details or places look like the new one's (names only: public facts). */
    async similarToNew(candidate: Omit<OrganisationCandidate, 'id'>): Promise<string[]> {
      const all = await duplicates.organisations({ everywhere: true }, undefined, ['approved']);
      return all
        .map((o) => ({ o, s: scoreOrganisations({ ...candidate, id: '' }, o) }))
        .filter(({ s }) => s.score >= THRESHOLDS.organisation)
        .sort((x, y) => y.s.score - x.s.score)
        .slice(0, 3)
        .map(({ o }) => o.name);
    },

    async notTheSame(user: User, kind: DuplicateKind, aId: string, bId: string) {
      requireCoordinator(user);
      const pair = await currentPair(user, kind, aId, bId);
      await db.transaction(async (tx) => {
        await duplicates.dismiss(kind, pair.firstId, pair.secondId, user.id, clock.now(), tx);
        await audit.record(
          { actorId: user.id, action: 'duplicate.not_the_same', subjectType: kind, subjectId: pair.firstId, detail: { other: pair.secondId } },
          tx,
        );
      });
      return pair;
    },

    /** Keeps `keepId`, moves the other's records to it; the other's id redirects to the kept one. */
    async merge(user: User, kind: DuplicateKind, keepId: string, loseId: string) {
      requireCoordinator(user);
      const pair = await currentPair(user, kind, keepId, loseId);
      if (!pair.canMerge) throw new Conflict('These places belong to two organisations: merge the organisations first, or mark them as not the same');
      const now = clock.now();
      await db.transaction(async (tx) => {
        let moved: Record<string, number> = {};
        if (kind === 'organisation') {
          const m = await duplicates.mergeOrganisations(keepId, loseId, now, tx);
          await refreshActivityIndex(tx, m.activities, now);
          moved = { places: m.places.length, activities: m.activities.length, referrals: m.referrals.length };
        } else if (kind === 'place') {
          const m = await duplicates.mergePlaces(keepId, loseId, now, tx);
          await refreshActivityIndex(tx, m.activities, now);
          moved = { activities: m.activities.length };
        } else {
          const m = await duplicates.mergeActivities(keepId, loseId, now, tx);
          await refreshActivityIndex(tx, [keepId, loseId], now);
          for (const r of m.referrals)
            await audit.record(
              {
                actorId: user.id,
                action: 'referral.moved_by_merge',
                subjectType: 'referral',
                subjectId: r.id,
                detail: { from: loseId, to: keepId, status: r.status },
              },
              tx,
            );
          moved = { referrals: m.referrals.length };
        }
        await audit.record({ actorId: user.id, action: 'duplicate.merged', subjectType: kind, subjectId: keepId, detail: { merged: loseId, moved } }, tx);
      });
      return pair;
    },

    /** Where an old public link should go: the kept record of a merge, or undefined. */
    async redirectFor(kind: 'organisation' | 'activity', id: string): Promise<string | undefined> {
      return isUuid(id) ? duplicates.mergedInto(kind, id) : undefined;
    },
  };
}

export type DuplicateService = ReturnType<typeof createDuplicateService>;
