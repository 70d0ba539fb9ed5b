import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { BuddyStrand, Volunteer, VolunteerKind, VolunteerStatus } from '../../domain/volunteer.ts';

type Row = {
  id: string;
  user_id: string | null;
  organisation_id: string;
  organisation_name: string;
  scheme_id: string;
  volunteer_role_id: string;
  role_name: string;
  kind: VolunteerKind;
  strand: BuddyStrand | null;
  buddy_scheme_id: string | null;
  known_as: string;
  contact_preference: Volunteer['contactPreference'];
  email: string | null;
  phone: string | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  travel_miles: number;
  languages: string[];
  availability: string[];
  interests: string[];
  offers: string[];
  drives: boolean;
  capacity: number;
  gender: Volunteer['gender'];
  emergency_contact_name: string | null;
  emergency_contact_phone: string | null;
  status: VolunteerStatus;
  status_changed_at: Date;
};

const SELECT = `select v.*, o.name as organisation_name, r.name as role_name, r.kind, r.strand
  from volunteers v join organisations o on o.id = v.organisation_id join volunteer_roles r on r.id = v.volunteer_role_id`;

const toVolunteer = (r: Row): Volunteer => ({
  id: r.id,
  userId: r.user_id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  schemeId: r.scheme_id,
  volunteerRoleId: r.volunteer_role_id,
  roleName: r.role_name,
  kind: r.kind,
  strand: r.strand,
  buddySchemeId: r.buddy_scheme_id,
  knownAs: r.known_as,
  contactPreference: r.contact_preference,
  email: r.email,
  phone: r.phone,
  postcode: r.postcode,
  easting: r.easting,
  northing: r.northing,
  travelMiles: r.travel_miles,
  languages: r.languages,
  availability: r.availability,
  interests: r.interests,
  offers: r.offers,
  drives: r.drives,
  capacity: r.capacity,
  gender: r.gender,
  emergencyContactName: r.emergency_contact_name,
  emergencyContactPhone: r.emergency_contact_phone,
  status: r.status,
  statusChangedAt: new Date(r.status_changed_at),
});

/** Volunteers (buddies and connectors) and the roles they hold at their host organisations. */
export function createVolunteerRepository(db: Db) {
  return {
    async find(id: string, tx: Db = db): Promise<Volunteer | undefined> {
      const r = await maybeOne<Row>(tx, `${SELECT} where v.id = $1`, [id]);
      return r && toVolunteer(r);
    },

    /** The volunteer record of a signed-in buddy or connector, if they have one. */
    async forUser(userId: string, tx: Db = db): Promise<Volunteer | undefined> {
      const r = await maybeOne<Row>(tx, `${SELECT} where v.user_id = $1`, [userId]);
      return r && toVolunteer(r);
    },

    /** The volunteers of the given host organisations (a volunteer lead's), by name. */
    async ofOrganisations(organisationIds: string[], tx: Db = db): Promise<Volunteer[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.query<Row>(`${SELECT} where v.organisation_id = any($1::uuid[]) order by v.known_as, v.id`, [organisationIds]);
      return rows.map(toVolunteer);
    },
  };
}

export type VolunteerRepository = ReturnType<typeof createVolunteerRepository>;
