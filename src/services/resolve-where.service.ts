import type { GeographyRepository } from '../data/repositories/geography.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { ValidationFailed } from '../domain/errors.ts';
import { formatPostcode, isFullPostcode, isOutcode, normalisePostcode, type GridRef } from '../domain/geo.ts';
import type { Origin } from '../domain/search.ts';

/**
 * Turns what someone typed in "Postcode or town" into a point: a full postcode, an outward code
 * ("BA11") or a place name, forgiving small misspellings of place names. Unknown input is a
 * validation error on the given field, never an empty result.
 */
function fail(field: string, message: string): never {
  throw new ValidationFailed([{ field, message }]);
}

/**
 * Positions of postcodes and outward codes found recently, newest last. Only what was found is kept,
 * so a newly imported postcode is found at once; a position kept is trusted for an hour, so a
 * re-import that moves or retires a postcode (the importer runs in its own process, a few times a
 * year, and moves are metres) reaches searches within the hour (decision 026).
 */
const POSITIONS_KEPT = 20_000;
const POSITION_KEPT_MS = 60 * 60 * 1000;

function recentPositions(clock: Clock) {
  const kept = new Map<string, { point: GridRef; until: number }>();
  return {
    async find(key: string, look: () => Promise<GridRef | undefined>): Promise<GridRef | undefined> {
      const now = clock.now().getTime();
      const hit = kept.get(key);
      kept.delete(key);
      if (hit && hit.until > now) {
        kept.set(key, hit);
        return hit.point;
      }
      const point = await look();
      if (point) {
        kept.set(key, { point: { easting: point.easting, northing: point.northing }, until: now + POSITION_KEPT_MS });
        if (kept.size > POSITIONS_KEPT) kept.delete(kept.keys().next().value as string);
      }
      return point;
    },
  };
}

export function createResolveWhereService(deps: { geography: GeographyRepository; clock: Clock }) {
  const { geography } = deps;
  const positions = recentPositions(deps.clock);

  return {
    async resolve(input: string, field = 'where'): Promise<Origin | null> {
      const typed = input.trim().replace(/\s+/g, ' ');
      if (typed === '') return null;
      if (typed.length > 100) fail(field, 'Postcode or town must be 100 characters or fewer');

      const code = normalisePostcode(typed);
      if (isFullPostcode(code)) {
        const found = await positions.find(code, () => geography.findPostcode(code));
        if (!found) fail(field, `We could not find the postcode ${formatPostcode(code)}. Check it and try again, or enter a town`);
        return { label: formatPostcode(code), ...found, approximate: false };
      }
      if (isOutcode(code)) {
        const found = await positions.find(`outcode:${code}`, () => geography.findOutcode(code));
        if (!found) fail(field, `We could not find the postcode area ${code}. Enter a full postcode or a town`);
        return { label: code, ...found, approximate: false };
      }

      const key = typed.toLowerCase();
      const exact = await geography.findPlaceName(key);
      const named = exact ?? (await geography.findSimilarPlaceName(key));
      if (!named) fail(field, `We could not find a place called “${typed}”. Check the spelling, or enter a postcode`);
      const label = named.county ? `${named.name}, ${named.county}` : named.name;
      return { label, easting: named.easting, northing: named.northing, approximate: !exact };
    },
  };
}

export type ResolveWhereService = ReturnType<typeof createResolveWhereService>;
