import type { Db } from '../database.ts';
import type { ModerationArea } from '../../domain/scheme-area.ts';
import { areaParams, placeInArea } from './scheme-area.sql.ts';

/** One session of a listing (or the listing alone, without sessions) with its organisation and place, for a spreadsheet. */
export type ListingExportRow = {
  organisationId: string;
  organisationName: string;
  organisationWebsite: string | null;
  organisationEmail: string | null;
  organisationPhone: string | null;
  organisationDescription: string;
  placeId: string;
  placeName: string;
  placeAddress: string;
  placeTown: string;
  placePostcode: string;
  latitude: number;
  longitude: number;
  placeDescription: string;
  activityId: string;
  title: string;
  summary: string;
  description: string;
  status: string;
  costType: string;
  pricePence: number | null;
  costNote: string;
  ageMin: number | null;
  ageMax: number | null;
  eligibility: string;
  firstVisit: string;
  groupSizeMax: number | null;
  capacity: number | null;
  fundedPlaces: number | null;
  distanceWalkedM: number | null;
  terrain: string | null;
  languages: string[];
  months: number[];
  howToJoin: string;
  terms: Record<string, string[]>;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  frequency: string | null;
  weekday: number | null;
  weekOfMonth: number | null;
  startDate: string | null;
  endDate: string | null;
  startTime: string | null;
  endTime: string | null;
  sessionNote: string | null;
  bankHolidays: string | null;
};

/** The listings (waiting for review or live, not merged away) whose place is in the area, a row per session. */
export function createListingsCsvRepository(db: Db) {
  return {
    async listingsIn(area: ModerationArea): Promise<ListingExportRow[]> {
      return db.query<ListingExportRow>(
        `select o.id as "organisationId", o.name as "organisationName", o.website as "organisationWebsite", o.email as "organisationEmail",
           o.phone as "organisationPhone", o.description as "organisationDescription", p.description as "placeDescription",
           p.id as "placeId", p.name as "placeName", p.address_line as "placeAddress", p.town as "placeTown", p.postcode as "placePostcode",
           p.latitude, p.longitude, a.id as "activityId", a.title, a.summary, a.description, a.status, a.cost_type as "costType",
           a.price_pence as "pricePence", a.cost_note as "costNote", a.age_min as "ageMin", a.age_max as "ageMax", a.eligibility,
           a.first_visit as "firstVisit", a.group_size_max as "groupSizeMax", a.capacity, a.funded_places as "fundedPlaces",
           a.distance_walked_m as "distanceWalkedM", a.terrain, a.languages, a.months, a.how_to_join as "howToJoin",
           jsonb_build_object('activity_types', a.activity_types, 'needs', a.needs, 'access', a.access, 'support', a.support,
             'referral_routes', a.referral_routes, 'safeguarding', a.safeguarding) as terms,
           a.contact_name as "contactName", a.contact_email as "contactEmail", a.contact_phone as "contactPhone",
           s.frequency, s.weekday, s.week_of_month as "weekOfMonth", s.start_date as "startDate", s.end_date as "endDate",
           to_char(s.start_time, 'HH24:MI') as "startTime", to_char(s.end_time, 'HH24:MI') as "endTime", s.note as "sessionNote", s.bank_holidays as "bankHolidays"
         from activities a
         join places p on p.id = a.place_id
         join organisations o on o.id = a.organisation_id
         left join activity_sessions s on s.activity_id = a.id
         where a.status in ('pending', 'live') and a.merged_into is null and ${placeInArea('p', 1)}
         order by o.name, o.id, p.name, a.title, a.id, s.start_date, s.weekday, s.start_time`,
        areaParams(area),
      );
    },
  };
}

export type ListingsCsvRepository = ReturnType<typeof createListingsCsvRepository>;
