import type { Db, SqlRow } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { ReferralStatus } from '../../domain/referral.ts';
import { HOLDS_A_PLACE, OPEN_STATUSES } from '../../domain/referral.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

type Row = SqlRow;

export type ReferralListItem = {
  id: string;
  status: ReferralStatus;
  route: string;
  participantName: string | null;
  activityTitle: string | null;
  providerName: string;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  firstVisitDate: string | null;
  responseDueAt: Date | null;
};

const SELECT_ITEMS = `select r.id, r.status, r.route, p.preferred_name, ${REFERRAL_TARGET_TITLE} as activity_title, o.name as provider_name, r.sent_at, r.created_at,
    r.updated_at, r.first_visit_date, r.response_due_at
  from referrals r left join participants p on p.id = r.participant_id ${JOIN_REFERRAL_TARGET}
  join organisations o on o.id = r.provider_organisation_id`;

const toItem = (r: Row): ReferralListItem => ({
  id: r.id,
  status: r.status,
  route: r.route,
  participantName: r.preferred_name ?? null,
  activityTitle: r.activity_title ?? null,
  providerName: r.provider_name,
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  firstVisitDate: r.first_visit_date ?? null,
  responseDueAt: r.response_due_at ? new Date(r.response_due_at) : null,
});

/** What an activity's referral form and the self-referral form need to know about it. */
export type ReferableActivity = {
  id: string;
  title: string;
  organisationId: string;
  organisationName: string;
  schemeId: string | null;
  listed: boolean;
  referralRoutes: string[];
  capacity: number | null;
  costType: string;
  pricePence: number | null;
  fundedPlaces: number | null;
  access: string[];
  support: string[];
  firstVisit: string;
  placeName: string;
  town: string;
  terrain: string | null;
  distanceWalkedM: number | null;
  months: number[];
};

export function createReferralListRepository(db: Db) {
  return {
    /** A link worker's referrals: their own, their caseload's, and their team's when the team shares caseloads. */
    async forLinkWorker(userId: string, organisationIds: readonly string[]): Promise<ReferralListItem[]> {
      const rows = await db.query<Row>(
        `${SELECT_ITEMS} left join organisations po on po.id = p.organisation_id
         where r.referrer_id = $1 or p.caseworker_id = $1 or (po.share_caseload and p.organisation_id = any($2::uuid[]))
         order by r.updated_at desc limit 500`,
        [userId, organisationIds],
      );
      return rows.map(toItem);
    },

    async forScheme(schemeId: string): Promise<ReferralListItem[]> {
      const rows = await db.query<Row>(`${SELECT_ITEMS} where r.scheme_id = $1 order by r.updated_at desc limit 500`, [schemeId]);
      return rows.map(toItem);
    },

    async forReferrer(userId: string): Promise<ReferralListItem[]> {
      const rows = await db.query<Row>(`${SELECT_ITEMS} where r.referrer_id = $1 order by r.created_at desc limit 200`, [userId]);
      return rows.map(toItem);
    },

    /** A provider's inbox: referrals that were sent to their organisations (never drafts), newest first. */
    /** Referrals sent to these organisations, newest first; `statuses` null means every status. */
    /** Sent referrals to these organisations (only those to one kind of target, e.g. buddy schemes, when `target` is given). */
    async forProvider(
      organisationIds: readonly string[],
      statuses: readonly ReferralStatus[] | null,
      target: 'activity' | 'buddy_scheme' | null = null,
    ): Promise<ReferralListItem[]> {
      const rows = await db.query<Row>(
        `${SELECT_ITEMS} where r.provider_organisation_id = any($1::uuid[]) and r.sent_at is not null and ($2::text[] is null or r.status = any($2::text[]))
           and ($3::text is null or r.target = $3)
         order by r.sent_at desc, r.id limit 500`,
        [organisationIds, statuses, target],
      );
      return rows.map(toItem);
    },

    async activity(id: string, tx: Db = db): Promise<ReferableActivity | undefined> {
      const r = await maybeOne<Row>(
        tx,
        `select a.id, a.title, a.organisation_id, o.name as organisation_name, o.scheme_id, (a.status = 'live' and o.status = 'approved') as listed,
           a.referral_routes, a.capacity, a.cost_type, a.price_pence, a.funded_places, a.access, a.support, a.first_visit, p.name as place_name,
           p.town, a.terrain, a.distance_walked_m, a.months
         from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id where a.id = $1`,
        [id],
      );
      return (
        r && {
          id: r.id,
          title: r.title,
          organisationId: r.organisation_id,
          organisationName: r.organisation_name,
          schemeId: r.scheme_id,
          listed: r.listed,
          referralRoutes: r.referral_routes,
          capacity: r.capacity,
          costType: r.cost_type,
          pricePence: r.price_pence,
          fundedPlaces: r.funded_places,
          access: r.access,
          support: r.support,
          firstVisit: r.first_visit,
          placeName: r.place_name,
          town: r.town,
          terrain: r.terrain,
          distanceWalkedM: r.distance_walked_m,
          months: r.months,
        }
      );
    },

    /** Live activities in a scheme that take referrals by a route (for the connector's form). */
    async activitiesTaking(schemeId: string, route: string): Promise<{ id: string; title: string; organisationName: string }[]> {
      const rows = await db.query<Row>(
        `select a.id, a.title, o.name as organisation_name from activities a join organisations o on o.id = a.organisation_id
         where o.scheme_id = $1 and a.status = 'live' and o.status = 'approved' and $2 = any(a.referral_routes) order by a.title`,
        [schemeId, route],
      );
      return rows.map((r) => ({ id: r.id, title: r.title, organisationName: r.organisation_name }));
    },

    /** Activities a person has an open referral to: what a buddy could go with them to. */
    async activitiesReferredFor(participantId: string): Promise<{ id: string; title: string }[]> {
      return db.query<{ id: string; title: string }>(
        `select distinct a.id, a.title from referrals r join activities a on a.id = r.activity_id
         where r.participant_id = $1 and r.status = any($2::text[]) order by a.title`,
        [participantId, OPEN_STATUSES],
      );
    },

    /** Each of an organisation's activities with its capacity and the places referrals hold. */
    async capacityFor(organisationIds: readonly string[]): Promise<{ id: string; title: string; capacity: number | null; taken: number }[]> {
      const rows = await db.query<Row>(
        `select a.id, a.title, a.capacity,
           (select count(*) from referrals r where r.activity_id = a.id and r.status = any($2::text[])) as taken
         from activities a where a.organisation_id = any($1::uuid[]) and a.status = 'live' order by a.title`,
        [organisationIds, HOLDS_A_PLACE],
      );
      return rows.map((r) => ({ id: r.id, title: r.title, capacity: r.capacity, taken: Number(r.taken) }));
    },
  };
}

export type ReferralListRepository = ReturnType<typeof createReferralListRepository>;
