import type { Db, SqlRow } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { Activity, ActivitySession, Organisation, Place } from '../../domain/directory.ts';
import type { SearchResult } from '../../domain/search.ts';
import { loadSessions } from './activity-index.repository.ts';
import { visibleListing } from './visible-listing.sql.ts';

export type PublicActivity = {
  activity: Activity;
  organisation: Pick<Organisation, 'id' | 'name' | 'orgType' | 'email' | 'phone' | 'website' | 'status'>;
  place: Place;
  sessions: ActivitySession[];
};

// Rows are mapped field by field below.
type Row = SqlRow;

const toActivity = (r: Row): Activity => ({
  id: r.id,
  organisationId: r.organisation_id,
  shortCode: r.short_code,
  placeId: r.place_id,
  title: r.title,
  summary: r.summary,
  description: r.description,
  activityTypes: r.activity_types,
  needs: r.needs,
  ageMin: r.age_min,
  ageMax: r.age_max,
  groupSizeMax: r.group_size_max,
  eligibility: r.eligibility,
  firstVisit: r.first_visit,
  costType: r.cost_type,
  pricePence: r.price_pence,
  costNote: r.cost_note,
  fundedPlaces: r.funded_places,
  access: r.access,
  distanceWalkedM: r.distance_walked_m,
  terrain: r.terrain,
  support: r.support,
  referralRoutes: r.referral_routes,
  languages: r.languages,
  safeguarding: r.safeguarding,
  months: r.months,
  capacity: r.capacity,
  howToJoin: r.how_to_join,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  contactPhone: r.contact_phone,
  status: r.status,
  statusNote: r.status_note,
  lastCheckedAt: new Date(r.last_checked_at),
  nextSessionAt: r.next_session_at ? new Date(r.next_session_at) : null,
  nextSessionEndAt: r.next_session_end_at ? new Date(r.next_session_end_at) : null,
  version: r.version,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const toPlace = (r: Row): Place => ({
  id: r.p_id,
  organisationId: r.p_organisation_id,
  name: r.p_name,
  addressLine: r.p_address_line,
  town: r.p_town,
  postcode: r.p_postcode,
  easting: r.p_easting,
  northing: r.p_northing,
  latitude: r.p_latitude,
  longitude: r.p_longitude,
  nhleListEntry: r.p_nhle_list_entry,
  communityValued: r.p_community_valued,
  description: r.p_description,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT_ONE = `select a.*, o.name as o_name, o.org_type as o_org_type, o.email as o_email, o.phone as o_phone, o.website as o_website,
                o.status as o_status,
                p.id as p_id, p.organisation_id as p_organisation_id, p.name as p_name, p.address_line as p_address_line, p.town as p_town,
                p.postcode as p_postcode, p.easting as p_easting, p.northing as p_northing, p.latitude as p_latitude,
                p.longitude as p_longitude, p.nhle_list_entry as p_nhle_list_entry, p.community_valued as p_community_valued,
                p.description as p_description
         from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id`;

function toPublicActivity(r: Row, sessions: ActivitySession[]): PublicActivity {
  return {
    activity: toActivity(r),
    organisation: {
      id: r.organisation_id,
      name: r.o_name,
      orgType: r.o_org_type,
      email: r.o_email,
      phone: r.o_phone,
      website: r.o_website,
      status: r.o_status,
    },
    place: toPlace(r),
    sessions,
  };
}

/** What the public pages read about single activities: the activity page and the shortlist. */
export function createPublicActivityRepository(db: Db) {
  return {
    /** The ids of an organisation's publicly visible activities, by title (its calendar feed). */
    async visibleIdsOfOrganisation(organisationId: string, cutoff: Date): Promise<string[]> {
      if (!UUID.test(organisationId)) return [];
      const rows = await db.query<{ id: string }>(
        `select a.id from activities a join organisations o on o.id = a.organisation_id
         where a.organisation_id = $1 and ${visibleListing('a', 'o', '$2')} order by a.title, a.id`,
        [organisationId, cutoff],
      );
      return rows.map((r) => r.id);
    },

    /** The activity with a short code in its compact form ("NR4K7"), whatever its status. */
    async idForShortCode(compact: string): Promise<string | undefined> {
      const r = await maybeOne<{ id: string }>(db, `select id from activities where replace(short_code, '-', '') = $1`, [compact]);
      return r?.id;
    },

    /** The publicly visible ones of the given activities (live, approved, checked since `cutoff`) with their sessions, in the given order: calendar feeds. */
    async findManyVisible(ids: readonly string[], cutoff: Date): Promise<PublicActivity[]> {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return [];
      const rows = await db.query<Row>(`${SELECT_ONE} where a.id = any($1::uuid[]) and ${visibleListing('a', 'o', '$2')}`, [valid, cutoff]);
      const sessions = await loadSessions(
        db,
        rows.map((r) => String(r.id)),
      );
      const byId = new Map(
        rows.map((r) => [
          String(r.id),
          toPublicActivity(
            r,
            sessions.filter((s) => s.activityId === String(r.id)),
          ),
        ]),
      );
      return valid.flatMap((id) => byId.get(id.toLowerCase()) ?? []);
    },

    /** The activity whatever its status; the service decides who may see it. */
    async findById(id: string): Promise<PublicActivity | undefined> {
      if (!UUID.test(id)) return undefined;
      const r = await maybeOne<Row>(db, `${SELECT_ONE} where a.id = $1`, [id]);
      if (!r) return undefined;
      return toPublicActivity(r, await loadSessions(db, [id]));
    },

    /** Public summaries of the given activities that are in search (live, approved, checked since `cutoff`), in the given order. */
    async findVisibleSummaries(ids: readonly string[], cutoff: Date): Promise<SearchResult[]> {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return [];
      const rows = await db.query<Row>(
        `select a.id, a.title, a.summary, o.name as organisation_name, p.name as place_name, p.town, p.latitude, p.longitude,
                a.next_session_at, a.cost_type, a.price_pence, a.access, a.last_checked_at
         from activities a join organisations o on o.id = a.organisation_id join places p on p.id = a.place_id
         where a.id = any($1::uuid[]) and ${visibleListing('a', 'o', '$2')}`,
        [valid, cutoff],
      );
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      return valid.flatMap((id) => {
        const r = byId.get(id.toLowerCase());
        if (!r) return [];
        return [
          {
            id: r.id,
            title: r.title,
            summary: r.summary,
            organisationName: r.organisation_name,
            placeName: r.place_name,
            town: r.town,
            latitude: r.latitude,
            longitude: r.longitude,
            distanceM: null,
            nextSessionAt: r.next_session_at ? new Date(r.next_session_at) : null,
            costType: r.cost_type,
            pricePence: r.price_pence,
            access: r.access,
            lastCheckedAt: new Date(r.last_checked_at),
          },
        ];
      });
    },
  };
}

export type PublicActivityRepository = ReturnType<typeof createPublicActivityRepository>;
