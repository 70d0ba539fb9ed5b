import { OPEN_STATUSES } from '../../domain/referral.ts';
import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { BuddyCandidate, BuddyNeed } from '../../domain/buddy-matching.ts';
import { firstName } from './buddy-visit.repository.ts';

/** Matching a buddy to a person (decision 028): the buddy referrals a lead answers, the scheme's buddies, what the person needs. */
export type PlannableReferral = { id: string; personFirstName: string | null; buddySchemeName: string; activityTitle: string | null; visits: number };

export function createBuddyMatchRepository(db: Db) {
  return {
    /** Buddy-scheme referrals of these organisations that the scheme has taken on: visits can be planned for them. */
    async referralsToPlan(organisationIds: string[], tx: Db = db): Promise<PlannableReferral[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.query<{ id: string; preferred_name: string | null; scheme_name: string; activity_title: string | null; visits: number }>(
        `select r.id, p.preferred_name, b.name as scheme_name, a.title as activity_title,
           (select count(*)::int from buddy_visits bv where bv.referral_id = r.id and bv.status <> 'cancelled') as visits
         from referrals r join buddy_schemes b on b.id = r.buddy_scheme_id
         left join participants p on p.id = r.participant_id and p.anonymised_at is null
         left join activities a on a.id = r.accompany_activity_id
         where r.target = 'buddy_scheme' and r.provider_organisation_id = any($1::uuid[]) and r.sent_at is not null
           and r.status in ('accepted', 'first_visit_planned', 'attending')
         order by r.responded_at, r.id`,
        [organisationIds],
      );
      return rows.map((r) => ({
        id: r.id,
        personFirstName: firstName(r.preferred_name),
        buddySchemeName: r.scheme_name,
        activityTitle: r.activity_title,
        visits: r.visits,
      }));
    },

    /**
     * A buddy scheme's buddies with how many other people they support now: visits planned or under
     * way, and people they have agreed to go with, while that referral is open.
     */
    async buddyCandidates(buddySchemeId: string, forReferralId: string, tx: Db = db): Promise<BuddyCandidate[]> {
      const rows = await tx.query<Record<string, unknown>>(
        `select v.id, v.known_as, v.organisation_id, r.strand, v.status, v.easting, v.northing, v.travel_miles, v.languages, v.availability, v.interests,
           v.capacity, v.gender,
           (select count(*)::int from (
              select bv.referral_id from buddy_visits bv where bv.volunteer_id = v.id and bv.status in ('planned', 'checked_in') and bv.referral_id <> $2
              union
              select bp.referral_id from buddy_proposals bp join referrals pr on pr.id = bp.referral_id
               where bp.volunteer_id = v.id and bp.status = 'accepted' and bp.referral_id <> $2 and pr.status = any($3::text[])
            ) supported) as load
         from volunteers v join volunteer_roles r on r.id = v.volunteer_role_id
         where v.buddy_scheme_id = $1 and r.kind = 'buddy' order by v.known_as, v.id`,
        [buddySchemeId, forReferralId, OPEN_STATUSES],
      );
      return rows.map((r) => ({
        id: String(r.id),
        knownAs: String(r.known_as),
        organisationId: String(r.organisation_id),
        strand: r.strand as BuddyCandidate['strand'],
        status: r.status as BuddyCandidate['status'],
        easting: r.easting as number | null,
        northing: r.northing as number | null,
        travelMiles: Number(r.travel_miles),
        languages: r.languages as string[],
        availability: r.availability as string[],
        interests: r.interests as string[],
        capacity: Number(r.capacity),
        load: Number(r.load),
        gender: r.gender as BuddyCandidate['gender'],
      }));
    },

    /** What matching needs about the referral: where the activity is, whose it is, its sessions, the person's interests and languages. */
    async matchNeed(referralId: string, tx: Db = db): Promise<BuddyNeed | undefined> {
      const r = await maybeOne<Record<string, unknown>>(
        tx,
        `select r.buddy_preference, a.organisation_id, pl.easting, pl.northing, coalesce(a.activity_types, '{}') as activity_types,
           coalesce(p.interests, '{}') as interests, coalesce(p.languages, '{}') as languages
         from referrals r left join activities a on a.id = r.accompany_activity_id left join places pl on pl.id = a.place_id
         left join participants p on p.id = r.participant_id and p.anonymised_at is null where r.id = $1`,
        [referralId],
      );
      if (!r) return undefined;
      const sessions = await tx.query<{ weekday: number | null; start_date: string; start_time: string }>(
        `select s.weekday, to_char(s.start_date, 'YYYY-MM-DD') as start_date, s.start_time::text as start_time
         from activity_sessions s join referrals r on r.accompany_activity_id = s.activity_id where r.id = $1`,
        [referralId],
      );
      const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
      const isoWeekday = (d: string) => ((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
      return {
        meetAt: r.easting == null ? null : { easting: Number(r.easting), northing: Number(r.northing) },
        activityOrganisationId: (r.organisation_id as string | null) ?? null,
        sessions: sessions.map((s) => ({ day: DAYS[(s.weekday ?? isoWeekday(s.start_date)) - 1]!, time: s.start_time.slice(0, 5) })),
        interests: [...new Set([...(r.interests as string[]), ...(r.activity_types as string[])])],
        languages: r.languages as string[],
        preference: (r.buddy_preference as 'woman' | 'man' | null) ?? null,
      };
    },
  };
}

export type BuddyMatchRepository = ReturnType<typeof createBuddyMatchRepository>;
