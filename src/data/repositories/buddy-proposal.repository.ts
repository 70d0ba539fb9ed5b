import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { ProposalStatus } from '../../domain/buddy-proposal.ts';
import { firstName } from './buddy-visit.repository.ts';

/**
 * Buddy proposals (decision 033): who the lead asked to go with a person, and their answer. The
 * buddy sees only what they need: the person's first name, the activity and where it is, support
 * needs, and what matters to them only where the person consented to share with the provider.
 */
export type BuddyProposal = {
  id: string;
  referralId: string;
  volunteerId: string;
  volunteerKnownAs: string;
  volunteerUserId: string | null;
  continuity: boolean;
  status: ProposalStatus;
  proposedAt: Date;
  answeredAt: Date | null;
  declineReason: string | null;
  declineNote: string | null;
  buddySchemeName: string;
  buddySchemeOrganisationId: string;
  activityTitle: string | null;
  activityPlace: string | null;
  personFirstName: string | null;
  supportNeeds: string;
  whatMatters: string | null;
};

type Row = {
  id: string;
  referral_id: string;
  volunteer_id: string;
  known_as: string;
  volunteer_user_id: string | null;
  continuity: boolean;
  status: ProposalStatus;
  proposed_at: Date;
  answered_at: Date | null;
  decline_reason: string | null;
  decline_note: string | null;
  buddy_scheme_name: string;
  buddy_scheme_organisation_id: string;
  activity_title: string | null;
  place_name: string | null;
  town: string | null;
  preferred_name: string | null;
  support_needs: string;
  what_matters: string | null;
  shares: boolean;
};

const SELECT = `select bp.*, v.known_as, v.user_id as volunteer_user_id, b.name as buddy_scheme_name, b.organisation_id as buddy_scheme_organisation_id,
    a.title as activity_title, pl.name as place_name, pl.town, p.preferred_name, r.support_needs, p.what_matters,
    exists (select 1 from consents c where c.participant_id = p.id and c.purpose = 'share_with_provider' and c.withdrawn_at is null) as shares
  from buddy_proposals bp
  join volunteers v on v.id = bp.volunteer_id
  join referrals r on r.id = bp.referral_id
  join buddy_schemes b on b.id = r.buddy_scheme_id
  left join activities a on a.id = r.accompany_activity_id
  left join places pl on pl.id = a.place_id
  left join participants p on p.id = r.participant_id and p.anonymised_at is null`;

const toProposal = (r: Row): BuddyProposal => ({
  id: r.id,
  referralId: r.referral_id,
  volunteerId: r.volunteer_id,
  volunteerKnownAs: r.known_as,
  volunteerUserId: r.volunteer_user_id,
  continuity: r.continuity,
  status: r.status,
  proposedAt: new Date(r.proposed_at),
  answeredAt: r.answered_at ? new Date(r.answered_at) : null,
  declineReason: r.decline_reason,
  declineNote: r.decline_note,
  buddySchemeName: r.buddy_scheme_name,
  buddySchemeOrganisationId: r.buddy_scheme_organisation_id,
  activityTitle: r.activity_title,
  activityPlace: r.place_name ? [r.place_name, r.town].filter(Boolean).join(', ') : null,
  personFirstName: firstName(r.preferred_name),
  supportNeeds: r.support_needs,
  whatMatters: r.shares && r.what_matters ? r.what_matters : null,
});

export function createBuddyProposalRepository(db: Db) {
  return {
    async find(id: string, tx: Db = db): Promise<BuddyProposal | undefined> {
      const r = await maybeOne<Row>(tx, `${SELECT} where bp.id = $1`, [id]);
      return r && toProposal(r);
    },

    /** Locks the proposal row, so two answers at once run one after the other. */
    async lock(id: string, tx: Db): Promise<void> {
      await tx.query('select id from buddy_proposals where id = $1 for update', [id]);
    },

    async forReferral(referralId: string, tx: Db = db): Promise<BuddyProposal[]> {
      const rows = await tx.query<Row>(`${SELECT} where bp.referral_id = $1 order by bp.seq`, [referralId]);
      return rows.map(toProposal);
    },

    /** A buddy's proposals still waiting for their answer, oldest first (of referrals still open). */
    async waitingFor(volunteerId: string, tx: Db = db): Promise<BuddyProposal[]> {
      const rows = await tx.query<Row>(
        `${SELECT} where bp.volunteer_id = $1 and bp.status = 'proposed' and r.status in ('accepted', 'first_visit_planned', 'attending')
         order by bp.seq`,
        [volunteerId],
      );
      return rows.map(toProposal);
    },

    /** Inserts a proposal; undefined when the buddy was already proposed, or the place was taken meanwhile. */
    async insert(p: { referralId: string; volunteerId: string; continuity: boolean; proposedBy: string }, now: Date, tx: Db): Promise<string | undefined> {
      const rows = await tx.query<{ id: string }>(
        `insert into buddy_proposals (referral_id, volunteer_id, continuity, proposed_by, proposed_at) values ($1, $2, $3, $4, $5)
         on conflict do nothing returning id`,
        [p.referralId, p.volunteerId, p.continuity, p.proposedBy, now],
      );
      return rows[0]?.id;
    },

    /** Records the buddy's answer; false when it was already answered. */
    async answer(id: string, status: 'accepted' | 'declined', reason: string | null, note: string | null, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update buddy_proposals set status = $2, decline_reason = $3, decline_note = $4, answered_at = $5 where id = $1 and status = 'proposed' returning id`,
        [id, status, reason, note, now],
      );
      return rows.length === 1;
    },

    /** Whether this buddy accepted to go with the person of this referral (only then can a visit be planned with them). */
    async accepted(referralId: string, volunteerId: string, tx: Db = db): Promise<boolean> {
      const r = await one<{ n: number }>(
        tx,
        `select count(*)::int as n from buddy_proposals where referral_id = $1 and volunteer_id = $2 and status = 'accepted'`,
        [referralId, volunteerId],
      );
      return r.n > 0;
    },

    /** Locks the referral row while proposing, so two leads proposing at once take the places one after the other. */
    async lockReferral(referralId: string, tx: Db): Promise<void> {
      await tx.query('select id from referrals where id = $1 for update', [referralId]);
    },
  };
}

export type BuddyProposalRepository = ReturnType<typeof createBuddyProposalRepository>;
