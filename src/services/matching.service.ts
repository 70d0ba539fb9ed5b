import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { MatchCandidate, MatchingRepository } from '../data/repositories/matching.repository.ts';
import { canSeeParticipant } from '../domain/access-policy.ts';
import type { Clock } from '../domain/clock.ts';
import { NotFound } from '../domain/errors.ts';
import { CANDIDATE_LIMIT, MATCHES_SHOWN, rankActivities, type MatchRoute, type RankedMatch } from '../domain/matching.ts';
import { openReferralTo, type ReferralStatus } from '../domain/referral.ts';
import { londonDate } from '../domain/schedule.ts';
import { freshnessCutoff, milesToMetres, SOON_DAYS } from '../domain/search.ts';
import type { User } from '../domain/user.ts';
import type { ListedWalk, WalkService } from './walk.service.ts';

export type MatchRequest = { radiusMiles: number; soon: boolean };

export type MatchOutcome = {
  participant: { id: string; preferredName: string; hasPostcode: boolean; located: boolean };
  route: MatchRoute;
  /** The best suitable matches, at most MATCHES_SHOWN. */
  matches: RankedMatch<MatchCandidate>[];
  /** The person's open referral to each activity they already have one to (activity id → referral). */
  alreadyReferred: Record<string, { id: string; status: ReferralStatus }>;
  suitableCount: number;
  /** Every activity that is not suitable, with the factors that say why. */
  unsuitable: RankedMatch<MatchCandidate>[];
  /**
   * Something to do on their own (decision 043): published self-guided walks within the distance,
   * step-free ones only when step-free access is one of their needs. Free, any time, no referral.
   */
  walks: ListedWalk[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Connectors refer through the community connector route; everyone else here as a link worker would. */
const routeFor = (user: User): MatchRoute => (user.role === 'connector' ? 'community_connector' : 'link_worker');

export function createMatchingService(deps: {
  matching: MatchingRepository;
  audit: AuditRepository;
  clock: Clock;
  /** Self-guided walks near a point (the walk service's `alongside`); absent, none are offered. */
  walksNear?: WalkService['alongside'];
}) {
  const { matching, audit, clock } = deps;
  return {
    /**
     * Ranks activities for a person the user may see (access-policy canSeeParticipant); anyone else's
     * person, or an id that does not exist, is NotFound. Every view is audited.
     */
    async matchesFor(user: User, participantId: string, request: MatchRequest): Promise<MatchOutcome> {
      const person = UUID.test(participantId) ? await matching.participant(participantId) : undefined;
      if (!person || !canSeeParticipant(user, person, { teamSharesCaseload: person.teamSharesCaseload })) throw new NotFound('Person');
      const now = clock.now();
      const located = person.easting != null && person.northing != null;
      const candidates = await matching.candidates({
        area: located ? { easting: person.easting!, northing: person.northing!, radiusM: milesToMetres(request.radiusMiles) } : null,
        cutoff: freshnessCutoff(now),
        today: londonDate(now),
        soon: request.soon ? { now, until: new Date(now.getTime() + SOON_DAYS * DAY_MS) } : null,
        schemeId: person.schemeId,
        limit: CANDIDATE_LIMIT,
      });
      const route = routeFor(user);
      const theirs = await matching.referralsOf(person.id);
      const alreadyReferred: MatchOutcome['alreadyReferred'] = {};
      for (const c of candidates) {
        const open = openReferralTo(theirs, { activityId: c.id });
        if (open) alreadyReferred[c.id] = { id: open.id, status: open.status };
      }
      const { suitable, unsuitable } = rankActivities(person, candidates, { route, now });
      const walks =
        located && deps.walksNear
          ? await deps.walksNear({
              origin: { easting: person.easting!, northing: person.northing! },
              radiusMiles: request.radiusMiles,
              words: [],
              stepFreeOnly: person.accessNeeds.includes('step_free'),
            })
          : [];
      await audit.record({
        actorId: user.id,
        action: 'participant.matches_viewed',
        subjectType: 'participant',
        subjectId: person.id,
        detail: { radiusMiles: located ? request.radiusMiles : null, soon: request.soon, suitable: suitable.length, unsuitable: unsuitable.length },
      });
      return {
        participant: { id: person.id, preferredName: person.preferredName, hasPostcode: person.hasPostcode, located },
        route,
        matches: suitable.slice(0, MATCHES_SHOWN),
        suitableCount: suitable.length,
        unsuitable,
        alreadyReferred,
        walks,
      };
    },
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
