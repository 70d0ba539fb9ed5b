import type { GeographyRepository } from '../data/repositories/geography.repository.ts';
import { ValidationFailed } from '../domain/errors.ts';
import { formatPostcode, isFullPostcode, isOutcode, normalisePostcode } from '../domain/geo.ts';
import type { Origin } from '../domain/search.ts';

/**
 * Turns what someone typed in "Postcode or town" into a point: a full postcode, an outward code
 * ("BA11") or a place name, forgiving small misspellings of place names. Unknown input is a
 * validation error on the given field, never an empty result.
 */
function fail(field: string, message: string): never {
  throw new ValidationFailed([{ field, message }]);
}

export function createResolveWhereService(deps: { geography: GeographyRepository }) {
  const { geography } = deps;

  return {
    async resolve(input: string, field = 'where'): Promise<Origin | null> {
      const typed = input.trim().replace(/\s+/g, ' ');
      if (typed === '') return null;
      if (typed.length > 100) fail(field, 'Postcode or town must be 100 characters or fewer');

      const code = normalisePostcode(typed);
      if (isFullPostcode(code)) {
        const found = await geography.findPostcode(code);
        if (!found) fail(field, `We could not find the postcode ${formatPostcode(code)}. Check it and try again, or enter a town`);
        return { label: formatPostcode(code), ...found, approximate: false };
      }
      if (isOutcode(code)) {
        const found = await geography.findOutcode(code);
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
