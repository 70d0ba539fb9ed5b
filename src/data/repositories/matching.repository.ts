import type { Db } from '../database.ts';
import type { CostType } from '../../domain/directory.ts';
import type { MatchActivity, MatchPerson, SessionSlot } from '../../domain/matching.ts';
import type { ParticipantFacts } from '../../domain/access-policy.ts';
import { HOLDS_A_PLACE, type ReferralStatus, type ReferralTargetOf } from '../../domain/referral.ts';
import { visibleListing } from './visible-listing.sql.ts';

/** What matching reads about a person: who may see them, and the facts it weighs. */
export type MatchParticipant = MatchPerson &
  ParticipantFacts & {
    id: string;
    preferredName: string;
    hasPostcode: boolean;
    teamSharesCaseload: boolean;
  };

export type MatchCandidate = MatchActivity & { summary: string; organisationName: string; placeName: string; town: string };

export type CandidateCriteria = {
  /** The person's position and how far to look; null looks everywhere (distance unknown). */
  area: { easting: number; northing: number; radiusM: number } | null;
  /** Listings checked before this have left search. */
  cutoff: Date;
  /** Today in London ('YYYY-MM-DD'): sessions that ended before it do not count. */
  today: string;
  /** Only activities with a session starting before `until` that has not finished by `now`. */
  soon: { now: Date; until: Date } | null;
  /** Without an area, activities of organisations in this scheme come first. */
  schemeId: string;
  limit: number;
};

type ParticipantRow = {
  id: string;
  scheme_id: string;
  organisation_id: string | null;
  caseworker_id: string | null;
  preferred_name: string;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  needs: string[];
  interests: string[];
  barriers: string[];
  access_needs: string[];
  languages: string[];
  available_days: number[];
  available_times: string[];
  team_shares_caseload: boolean;
  connector_ids: string[];
};

type CandidateRow = {
  id: string;
  title: string;
  summary: string;
  organisation_name: string;
  place_name: string;
  town: string;
  easting: number;
  northing: number;
  activity_types: string[];
  needs: string[];
  cost_type: CostType;
  price_pence: number | null;
  funded_places: number | null;
  access: string[];
  support: string[];
  referral_routes: string[];
  languages: string[];
  capacity: number | null;
  next_session_at: Date | null;
  places_held: number;
  slots: SessionSlot[] | null;
};

// The person's own grid reference, else their postcode's (a record saved before its postcode was known).
const PARTICIPANT = `
  select p.id, p.scheme_id, p.organisation_id, p.caseworker_id, p.preferred_name, p.postcode,
         coalesce(p.easting, pc.easting) as easting, coalesce(p.northing, pc.northing) as northing,
         p.needs, p.interests, p.barriers, p.access_needs, p.languages, p.available_days, p.available_times,
         coalesce(o.share_caseload, false) as team_shares_caseload,
         coalesce((select array_agg(distinct r.referrer_id::text) from referrals r
                    where r.participant_id = p.id and r.route = 'connector' and r.referrer_id is not null), '{}'::text[]) as connector_ids
  from participants p
  left join organisations o on o.id = p.organisation_id
  left join postcodes pc on p.easting is null and pc.postcode = upper(replace(p.postcode, ' ', ''))
  where p.id = $1 and p.anonymised_at is null`;

// Weekly slots of the sessions still running, as search derives them (domain/schedule.ts deriveSessionFields).
const SLOTS = `
  coalesce((select json_agg(distinct jsonb_build_object(
              'day', case when s.frequency = 'once' then extract(isodow from s.start_date)::int
                          else coalesce(s.weekday, extract(isodow from s.start_date)::int) end,
              'time', case when s.start_time < '12:00' then 'morning' when s.start_time < '17:00' then 'afternoon' else 'evening' end))
            from activity_sessions s
            where s.activity_id = a.id
              and case when s.frequency = 'once' then s.start_date >= $2::date else s.end_date is null or s.end_date >= $2::date end),
           '[]'::json) as slots`;

export function createMatchingRepository(db: Db) {
  return {
    async participant(id: string): Promise<MatchParticipant | undefined> {
      const [r] = await db.query<ParticipantRow>(PARTICIPANT, [id]);
      if (!r) return undefined;
      return {
        id: r.id,
        schemeId: r.scheme_id,
        organisationId: r.organisation_id,
        caseworkerId: r.caseworker_id,
        connectorIds: r.connector_ids,
        preferredName: r.preferred_name,
        hasPostcode: Boolean(r.postcode),
        teamSharesCaseload: r.team_shares_caseload,
        easting: r.easting,
        northing: r.northing,
        needs: r.needs,
        interests: r.interests,
        barriers: r.barriers,
        accessNeeds: r.access_needs,
        languages: r.languages,
        availableDays: r.available_days.map(Number),
        availableTimes: r.available_times,
      };
    },

    /** The person's referrals and what each is to, for "already referred" (domain/referral.ts openReferralTo). */
    async referralsOf(participantId: string): Promise<ReferralTargetOf[]> {
      const rows = await db.query<{ id: string; status: ReferralStatus; activity_id: string | null; buddy_scheme_id: string | null }>(
        'select id, status, activity_id, buddy_scheme_id from referrals where participant_id = $1 order by created_at, id',
        [participantId],
      );
      return rows.map((r) => ({ id: r.id, status: r.status, activityId: r.activity_id, buddySchemeId: r.buddy_scheme_id }));
    },

    /** Live, fresh activities of approved organisations: within the area, nearest first, or everywhere. */
    async candidates(c: CandidateCriteria): Promise<MatchCandidate[]> {
      const params: unknown[] = [c.cutoff, c.today, [...HOLDS_A_PLACE]];
      const p = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const conds = [visibleListing('a', 'o', '$1')];
      let order: string;
      if (!c.area) order = `(o.scheme_id = ${p(c.schemeId)}::uuid) desc nulls last, a.next_session_at nulls last, a.title, a.id`;
      else {
        const { easting: e, northing: n, radiusM: r } = c.area;
        const centre = `point(${p(e)}, ${p(n)})`;
        // The box lets the GiST index on places.pos do the work; the exact circle follows.
        conds.push(`pl.pos <@ box(point(${p(e - r)}, ${p(n - r)}), point(${p(e + r)}, ${p(n + r)}))`, `(pl.pos <-> ${centre}) <= ${p(r)}`);
        order = `(pl.pos <-> ${centre}), a.id`;
      }
      if (c.soon) conds.push(`a.next_session_at < ${p(c.soon.until)}`, `a.next_session_end_at > ${p(c.soon.now)}`);
      const rows = await db.query<CandidateRow>(
        `select a.id, a.title, a.summary, o.name as organisation_name, pl.name as place_name, pl.town, pl.easting, pl.northing,
                a.activity_types, a.needs, a.cost_type, a.price_pence, a.funded_places, a.access, a.support, a.referral_routes,
                a.languages, a.capacity, a.next_session_at,
                (select count(*) from referrals r where r.activity_id = a.id and r.status = any($3::text[])) as places_held,
                ${SLOTS}
         from activities a join organisations o on o.id = a.organisation_id join places pl on pl.id = a.place_id
         where ${conds.join(' and ')}
         order by ${order} limit ${p(c.limit)}`,
        params,
      );
      return rows.map(toCandidate);
    },
  };
}

const toCandidate = (r: CandidateRow): MatchCandidate => ({
  id: r.id,
  title: r.title,
  summary: r.summary,
  organisationName: r.organisation_name,
  placeName: r.place_name,
  town: r.town,
  easting: r.easting,
  northing: r.northing,
  activityTypes: r.activity_types,
  needs: r.needs,
  costType: r.cost_type,
  pricePence: r.price_pence,
  fundedPlaces: r.funded_places,
  access: r.access,
  support: r.support,
  referralRoutes: r.referral_routes,
  languages: r.languages,
  capacity: r.capacity,
  placesHeld: Number(r.places_held),
  sessionSlots: (r.slots ?? [])
    .map((s) => ({ day: Number(s.day), time: String(s.time) }))
    .sort((x, y) => x.day - y.day || slotOrder(x.time) - slotOrder(y.time)),
  nextSessionAt: r.next_session_at ? new Date(r.next_session_at) : null,
});

const slotOrder = (time: string) => ['morning', 'afternoon', 'evening'].indexOf(time);

export type MatchingRepository = ReturnType<typeof createMatchingRepository>;
