import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { BuddyStrand, DbsLevel, Volunteer, VolunteerKind, VolunteerRole, VolunteerStatus } from '../../domain/volunteer.ts';

/** What a volunteer changes on their own profile (the rest is their lead's). */
export type VolunteerProfile = Pick<
  Volunteer,
  | 'knownAs'
  | 'contactPreference'
  | 'email'
  | 'phone'
  | 'postcode'
  | 'easting'
  | 'northing'
  | 'travelMiles'
  | 'languages'
  | 'availability'
  | 'interests'
  | 'offers'
  | 'drives'
  | 'capacity'
  | 'gender'
  | 'emergencyContactName'
  | 'emergencyContactPhone'
>;

type RoleRow = {
  id: string;
  organisation_id: string;
  name: string;
  kind: VolunteerKind;
  strand: BuddyStrand | null;
  description: string;
  dbs_eligibility: DbsLevel;
  includes_transport: boolean;
  references_required: boolean;
};

export const toVolunteerRole = (r: RoleRow): VolunteerRole => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.name,
  kind: r.kind,
  strand: r.strand,
  description: r.description,
  dbsEligibility: r.dbs_eligibility,
  includesTransport: r.includes_transport,
  referencesRequired: r.references_required,
});

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

    async findMany(ids: readonly string[], tx: Db = db): Promise<Volunteer[]> {
      if (ids.length === 0) return [];
      const rows = await tx.query<Row>(`${SELECT} where v.id = any($1::uuid[]) order by v.known_as, v.id`, [ids]);
      return rows.map(toVolunteer);
    },

    async role(id: string, tx: Db = db): Promise<VolunteerRole | undefined> {
      const r = await maybeOne<RoleRow>(tx, 'select * from volunteer_roles where id = $1', [id]);
      return r && toVolunteerRole(r);
    },

    async roles(ids: readonly string[], tx: Db = db): Promise<VolunteerRole[]> {
      if (ids.length === 0) return [];
      return (await tx.query<RoleRow>('select * from volunteer_roles where id = any($1::uuid[]) order by name', [ids])).map(toVolunteerRole);
    },

    async rolesOfOrganisations(organisationIds: readonly string[], tx: Db = db): Promise<VolunteerRole[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.query<RoleRow>('select * from volunteer_roles where organisation_id = any($1::uuid[]) order by name, id', [organisationIds]);
      return rows.map(toVolunteerRole);
    },

    async allRoles(tx: Db = db): Promise<(VolunteerRole & { organisationName: string })[]> {
      const rows = await tx.query<RoleRow & { organisation_name: string }>(
        `select r.*, o.name as organisation_name from volunteer_roles r join organisations o on o.id = r.organisation_id order by o.name, r.name`,
      );
      return rows.map((r) => ({ ...toVolunteerRole(r), organisationName: r.organisation_name }));
    },

    async updateProfile(id: string, p: VolunteerProfile, at: Date, tx: Db = db) {
      await tx.query(
        `update volunteers set known_as = $2, contact_preference = $3, email = $4, phone = $5, postcode = $6, easting = $7, northing = $8,
           travel_miles = $9, languages = $10, availability = $11, interests = $12, offers = $13, drives = $14, capacity = $15, gender = $16,
           emergency_contact_name = $17, emergency_contact_phone = $18, updated_at = $19
         where id = $1`,
        [
          id,
          p.knownAs,
          p.contactPreference,
          p.email,
          p.phone,
          p.postcode,
          p.easting,
          p.northing,
          p.travelMiles,
          p.languages,
          p.availability,
          p.interests,
          p.offers,
          p.drives,
          p.capacity,
          p.gender,
          p.emergencyContactName,
          p.emergencyContactPhone,
          at,
        ],
      );
    },

    /** Moves the status on only from `from` (so two tabs cannot both do it); false when it was not in `from`. */
    async setStatus(id: string, from: readonly VolunteerStatus[], to: VolunteerStatus, at: Date, tx: Db = db): Promise<boolean> {
      const rows = await tx.query(
        'update volunteers set status = $3, status_changed_at = $4, updated_at = $4 where id = $1 and status = any($2::text[]) returning id',
        [id, from, to, at],
      );
      return rows.length === 1;
    },

    /** A volunteer made from an expression of interest, in recruitment, linked to their new account. */
    async insertFromInterest(
      v: {
        userId: string;
        organisationId: string;
        schemeId: string;
        roleId: string;
        buddySchemeId: string | null;
        knownAs: string;
        contactPreference: Volunteer['contactPreference'];
        email: string;
        phone: string | null;
        postcode: string | null;
        easting: number | null;
        northing: number | null;
      },
      at: Date,
      tx: Db = db,
    ): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into volunteers (user_id, organisation_id, scheme_id, volunteer_role_id, buddy_scheme_id, known_as, contact_preference, email, phone,
           postcode, easting, northing, status, status_changed_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'in_recruitment', $13, $13, $13) returning id`,
        [
          v.userId,
          v.organisationId,
          v.schemeId,
          v.roleId,
          v.buddySchemeId,
          v.knownAs,
          v.contactPreference,
          v.email,
          v.phone,
          v.postcode,
          v.easting,
          v.northing,
          at,
        ],
      );
      return row!.id;
    },
  };
}

export type VolunteerRepository = ReturnType<typeof createVolunteerRepository>;
