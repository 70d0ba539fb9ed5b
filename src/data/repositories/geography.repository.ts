import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { GridRef } from '../../domain/geo.ts';

export type NamedPoint = GridRef & { name: string; county: string };

/** Reference geography: postcodes, outward codes and place names (from the importers). */
export function createGeographyRepository(db: Db) {
  return {
    /** `normalised` is upper case without spaces. */
    findPostcode(normalised: string): Promise<GridRef | undefined> {
      return maybeOne<GridRef>(db, 'select easting, northing from postcodes where postcode = $1', [normalised]);
    },

    findOutcode(outcode: string): Promise<GridRef | undefined> {
      return maybeOne<GridRef>(db, 'select easting, northing from outcodes where outcode = $1', [outcode]);
    },

    /** An exact place name (name_key is the lower-cased name). Ties: the first imported. */
    findPlaceName(key: string): Promise<NamedPoint | undefined> {
      return maybeOne<NamedPoint>(db, 'select name, county, easting, northing from place_names where name_key = $1 order by id limit 1', [key]);
    },

    /** The most similar place name by trigram similarity, for near misses like "yarmuoth". */
    findSimilarPlaceName(key: string, minSimilarity = 0.3): Promise<NamedPoint | undefined> {
      return maybeOne<NamedPoint>(
        db,
        `select name, county, easting, northing from place_names
         where name_key % $1 and similarity(name_key, $1) >= $2
         order by similarity(name_key, $1) desc, length(name_key), id limit 1`,
        [key, minSimilarity],
      );
    },
  };
}

export type GeographyRepository = ReturnType<typeof createGeographyRepository>;
