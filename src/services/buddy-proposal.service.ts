import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { BuddyProposal, BuddyProposalRepository } from '../data/repositories/buddy-proposal.repository.ts';
import type { BuddyVisitRepository } from '../data/repositories/buddy-visit.repository.ts';
import type { MessageContextRepository } from '../data/repositories/message-context.repository.ts';
import type { ReferralRecord, ReferralRepository } from '../data/repositories/referral.repository.ts';
import type { VolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import type { RankedBuddy } from '../domain/buddy-matching.ts';
import { nextPlace, PROPOSAL_DECLINE_REASONS, type ProposalAnswer } from '../domain/buddy-proposal.ts';
import type { Clock } from '../domain/clock.ts';
import { Conflict, NotFound, ValidationFailed } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';
import { labelOf } from '../domain/vocabulary.ts';
import { buddyAskedMessage, buddyComingParticipantMessage, buddyComingReferrerMessage, buddyDeclinedLeadMessage } from './notification-messages.ts';
import type { NotificationService } from './notification.service.ts';
import { isUuid } from './referral-lifecycle.service.ts';

/** Referral statuses a buddy can be proposed for: the buddy scheme has taken the person on. */
const PROPOSABLE = ['accepted', 'first_visit_planned', 'attending'];

export type ProposeInput = { volunteerId: string };

export type BuddyProposalDeps = {
  db: Db;
  proposals: BuddyProposalRepository;
  visits: Pick<BuddyVisitRepository, 'leadEmails'>;
  referrals: Pick<ReferralRepository, 'findRecord' | 'addEvent'>;
  volunteers: Pick<VolunteerRepository, 'forUser' | 'find'>;
  notifications: Pick<NotificationService, 'emailEach' | 'toParticipant'>;
  context: Pick<MessageContextRepository, 'referral'>;
  audit: AuditRepository;
  clock: Clock;
  /** The scheme's buddies ranked for the referral; refuses (404) anyone who does not answer for the buddy scheme. */
  match: (user: User, referralId: string) => Promise<RankedBuddy[]>;
  links: { referral: (id: string) => string; propose: (referralId: string) => string; proposal: (id: string) => string };
};

/**
 * Proposing a buddy (issue 9, decision 033): the volunteer lead (or the scheme's provider staff)
 * proposes a buddy from the ranked list, optionally a second for continuity; the buddy accepts or
 * declines with a reason. Accepting tells the link worker and the person who is coming.
 */
const firstNameOf = (knownAs: string) => knownAs.trim().split(/\s+/)[0] ?? knownAs;

export function createBuddyProposalService(deps: BuddyProposalDeps) {
  const { db, proposals, audit, clock } = deps;

  /** The referral behind a lead's match list (match() has already refused anyone else). */
  async function leadReferral(user: User, referralId: string): Promise<{ referral: ReferralRecord; ranked: RankedBuddy[] }> {
    const ranked = await deps.match(user, referralId);
    const referral = (await deps.referrals.findRecord(referralId))!;
    return { referral, ranked };
  }

  /** One of the signed-in buddy's own proposals; anyone else's is 404. */
  async function ownProposal(user: User, id: string, tx: Db = db): Promise<BuddyProposal> {
    if (user.role !== 'buddy' || !isUuid(id)) throw new NotFound('Proposal');
    const volunteer = await deps.volunteers.forUser(user.id, tx);
    const proposal = await proposals.find(id, tx);
    if (!volunteer || proposal?.volunteerId !== volunteer.id) throw new NotFound('Proposal');
    return proposal;
  }

  return {
    /**
     * The lead's page: every buddy of the scheme ranked with reasons, less those already proposed
     * (shown with their answer, a declined one with the reason), and which place a new proposal takes.
     */
    async forReferral(user: User, referralId: string) {
      const { referral, ranked } = await leadReferral(user, referralId);
      const made = await proposals.forReferral(referral.id);
      const proposed = new Set(made.map((p) => p.volunteerId));
      return {
        referral,
        proposals: made,
        candidates: ranked.filter((r) => !proposed.has(r.buddy.id)),
        place: PROPOSABLE.includes(referral.status) ? nextPlace(made.filter((p) => p.status !== 'declined')) : null,
        open: PROPOSABLE.includes(referral.status),
      };
    },

    /** Proposes a suitable buddy who has not been proposed for this referral: first, then one for continuity. */
    async propose(user: User, referralId: string, input: ProposeInput): Promise<string> {
      const { referral, ranked } = await leadReferral(user, referralId);
      if (!PROPOSABLE.includes(referral.status)) throw new Conflict('Accept the referral before proposing a buddy.');
      const match = ranked.find((r) => r.buddy.id === input.volunteerId);
      if (!match) throw new ValidationFailed([{ field: 'volunteerId', message: 'Choose a buddy of this buddy scheme' }]);
      const name = match.buddy.knownAs;
      const earlier = (await proposals.forReferral(referral.id)).find((p) => p.volunteerId === match.buddy.id);
      if (earlier?.status === 'declined') {
        const reason = labelOf(PROPOSAL_DECLINE_REASONS, earlier.declineReason ?? 'other');
        throw new ValidationFailed([{ field: 'volunteerId', message: `${name} has declined to go with them (${reason}). Choose another buddy` }]);
      }
      if (earlier) throw new ValidationFailed([{ field: 'volunteerId', message: `${name} has already been proposed. Choose another buddy` }]);
      if (!match.suitable) {
        const why = match.factors.filter((f) => f.outcome === 'fails').map((f) => f.explanation);
        throw new ValidationFailed([{ field: 'volunteerId', message: `${name} cannot be proposed: ${why.join('; ')}` }]);
      }
      const now = clock.now();
      return db.transaction(async (tx) => {
        await proposals.lockReferral(referral.id, tx);
        const place = nextPlace((await proposals.forReferral(referral.id, tx)).filter((p) => p.status !== 'declined'));
        if (!place) throw new Conflict('Two buddies are already proposed for this person. Wait for their answers.');
        const id = await proposals.insert(
          { referralId: referral.id, volunteerId: match.buddy.id, continuity: place === 'continuity', proposedBy: user.id },
          now,
          tx,
        );
        if (!id) throw new Conflict(`${name} has just been proposed by someone else.`);
        // The buddy is told there is something to answer; the email names no one (their page shows the details).
        const buddy = await deps.volunteers.find(match.buddy.id, tx);
        if (buddy?.email) {
          const m = buddyAskedMessage(firstNameOf(buddy.knownAs), referral.buddySchemeName ?? 'the buddy scheme', deps.links.proposal(id));
          await deps.notifications.emailEach(tx, buddy.userId ? [{ userId: buddy.userId, email: buddy.email }] : [], buddy.email, m, null, now);
        }
        await audit.record(
          {
            actorId: user.id,
            action: 'buddy_proposal.made',
            subjectType: 'referral',
            subjectId: referral.id,
            detail: { proposalId: id, continuity: place === 'continuity' },
          },
          tx,
        );
        return id;
      });
    },

    /** A buddy's proposals waiting for their answer. */
    async yourProposals(user: User): Promise<BuddyProposal[]> {
      if (user.role !== 'buddy') return [];
      const volunteer = await deps.volunteers.forUser(user.id);
      return volunteer ? proposals.waitingFor(volunteer.id) : [];
    },

    /** One of the buddy's own proposals; viewing it is audited (it shows a person's support needs). */
    async yourProposal(user: User, id: string): Promise<BuddyProposal> {
      const proposal = await ownProposal(user, id);
      await audit.record({
        actorId: user.id,
        action: 'buddy_proposal.viewed',
        subjectType: 'referral',
        subjectId: proposal.referralId,
        detail: { proposalId: id },
      });
      return proposal;
    },

    /**
     * The buddy accepts or declines, once: the row is locked and the update is conditional, so a
     * second answer (even at the same moment) gets a 409. Accepting tells the link worker and the
     * person who is coming; declining tells the scheme's volunteer leads, who can propose another.
     */
    async answer(user: User, id: string, answer: ProposalAnswer): Promise<BuddyProposal> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (!isUuid(id)) throw new NotFound('Proposal');
        await proposals.lock(id, tx);
        const p = await ownProposal(user, id, tx);
        if (p.status !== 'proposed') throw new Conflict(`You have already ${p.status} this. Talk to your volunteer lead if it has changed.`);
        const status = answer.kind === 'accept' ? 'accepted' : 'declined';
        const reason = answer.kind === 'decline' ? answer.reason : null;
        if (!(await proposals.answer(id, status, reason, answer.kind === 'decline' ? answer.note : null, now, tx))) {
          throw new Conflict('You have already answered this.');
        }
        const buddy = firstNameOf(p.volunteerKnownAs);
        if (status === 'accepted') {
          const c = await deps.context.referral(p.referralId, tx);
          if (c?.referrerId && c.referrerEmail) {
            const m = buddyComingReferrerMessage(c, buddy, { referral: deps.links.referral(c.id), inbox: '', search: '' });
            await deps.notifications.emailEach(tx, [{ userId: c.referrerId, email: c.referrerEmail }], null, m, c.id, now);
          }
          if (c) await deps.notifications.toParticipant(tx, c, (short) => buddyComingParticipantMessage(c, buddy, { short }), now);
        } else {
          const leads = await deps.visits.leadEmails(p.buddySchemeOrganisationId, tx);
          const m = buddyDeclinedLeadMessage(buddy, p.buddySchemeName, labelOf(PROPOSAL_DECLINE_REASONS, reason!), deps.links.propose(p.referralId));
          await deps.notifications.emailEach(
            tx,
            leads.map((l) => ({ userId: l.id, email: l.email })),
            null,
            m,
            p.referralId,
            now,
          );
        }
        await deps.referrals.addEvent(
          {
            referralId: p.referralId,
            at: now,
            actorId: user.id,
            kind: 'note',
            from: null,
            to: null,
            note:
              status === 'accepted'
                ? `Buddy found: ${buddy} has agreed to go with them${p.continuity ? ' (second buddy, for continuity)' : ''}.`
                : `A proposed buddy declined: ${labelOf(PROPOSAL_DECLINE_REASONS, reason!)}.`,
          },
          tx,
        );
        await audit.record(
          {
            actorId: user.id,
            action: status === 'accepted' ? 'buddy_proposal.accepted' : 'buddy_proposal.declined',
            subjectType: 'referral',
            subjectId: p.referralId,
            detail: { proposalId: id, reason },
          },
          tx,
        );
        return { ...p, status, declineReason: reason, answeredAt: now };
      });
    },

    /** Buddies who accepted to go with the person of this referral (the plan form offers only these). */
    async acceptedFor(referralId: string): Promise<BuddyProposal[]> {
      return (await proposals.forReferral(referralId)).filter((p) => p.status === 'accepted');
    },
  };
}

export type BuddyProposalService = ReturnType<typeof createBuddyProposalService>;
