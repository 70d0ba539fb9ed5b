import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { Place } from '../../domain/directory.ts';
import type { PlaceInput } from '../../domain/listing.ts';

type PlaceRow = {
  id: string;
  organisation_id: string;
  name: string;
  address_line: string;
  town: string;
  postcode: string;
  easting: number;
  northing: number;
  latitude: number;
  longitude: number;
  nhle_list_entry: number | null;
  community_valued: boolean;
  description: string;
};

const COLUMNS = `id, organisation_id, name, address_line, town, postcode, easting, northing, latitude, longitude, nhle_list_entry,
  community_valued, description`;

const toPlace = (r: PlaceRow): Place => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.name,
  addressLine: r.address_line,
  town: r.town,
  postcode: r.postcode,
  easting: r.easting,
  northing: r.northing,
  latitude: r.latitude,
  longitude: r.longitude,
  nhleListEntry: r.nhle_list_entry,
  communityValued: r.community_valued,
  description: r.description,
});

export type PlacePosition = { postcode: string; easting: number; northing: number; latitude: number; longitude: number };
export type PlaceWrite = Omit<PlaceInput, 'postcode'> & PlacePosition;

export function createPlaceRepository(db: Db) {
  return {
    /** Where a full postcode (normalised: upper case, no space) is, from the imported postcode table. */
    async lookupPostcode(postcode: string): Promise<Omit<PlacePosition, 'postcode'> | undefined> {
      return maybeOne(db, 'select easting, northing, latitude, longitude from postcodes where postcode = $1', [postcode]);
    },

    async findById(id: string, tx: Db = db): Promise<Place | undefined> {
      const row = await maybeOne<PlaceRow>(tx, `select ${COLUMNS} from places where id = $1`, [id]);
      return row && toPlace(row);
    },

    async listForOrganisation(organisationId: string): Promise<Place[]> {
      const rows = await db.query<PlaceRow>(`select ${COLUMNS} from places where organisation_id = $1 order by name`, [organisationId]);
      return rows.map(toPlace);
    },

    async insert(organisationId: string, p: PlaceWrite, at: Date, tx: Db = db): Promise<string> {
      const row = await one<{ id: string }>(
        tx,
        `insert into places (organisation_id, name, address_line, town, postcode, easting, northing, latitude, longitude, nhle_list_entry,
           community_valued, description, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) returning id`,
        [
          organisationId,
          p.name,
          p.addressLine,
          p.town,
          p.postcode,
          p.easting,
          p.northing,
          p.latitude,
          p.longitude,
          p.nhleListEntry,
          p.communityValued,
          p.description,
          at,
        ],
      );
      return row.id;
    },

    async update(id: string, p: PlaceWrite, now: Date, tx: Db = db) {
      await tx.query(
        `update places set name = $2, address_line = $3, town = $4, postcode = $5, easting = $6, northing = $7, latitude = $8, longitude = $9,
           nhle_list_entry = $10, community_valued = $11, description = $12, updated_at = $13
         where id = $1`,
        [id, p.name, p.addressLine, p.town, p.postcode, p.easting, p.northing, p.latitude, p.longitude, p.nhleListEntry, p.communityValued, p.description, now],
      );
    },

    async activityIdsAt(placeId: string, tx: Db = db): Promise<string[]> {
      return (await tx.query<{ id: string }>('select id from activities where place_id = $1', [placeId])).map((r) => r.id);
    },
  };
}

export type PlaceRepository = ReturnType<typeof createPlaceRepository>;
