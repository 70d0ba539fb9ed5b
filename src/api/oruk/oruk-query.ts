import { ValidationFailed, type FieldError } from '../../domain/errors.ts';
import { isFullPostcode, isOutcode, normalisePostcode } from '../../domain/geo.ts';
import type { OpenDirectoryQuery } from '../../services/open-directory.service.ts';
import { termByTermId, vocabularyByTaxonomyId } from './oruk-ids.ts';

/**
 * Reads ORUK query parameters into Waymark's terms; anything malformed is a 400 with a clear message.
 * Read liberally where real clients differ from the letter of the standard (decision 041): parameters
 * the standard does not name are ignored, and a per_page above the most we serve is served at that most.
 */
export const MAX_PER_PAGE = 500;
export const DEFAULT_PER_PAGE = 50;
export const MAX_PROXIMITY_METRES = 200_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const isUuid = (value: string) => UUID.test(value);

export class QueryReader {
  readonly errors: FieldError[] = [];
  constructor(private readonly raw: Record<string, unknown>) {}

  text(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined) return undefined;
    // Given more than once (page=1&page=2): the first is taken, as clients that repeat one usually mean it (decision 052).
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first !== 'string') {
      this.errors.push({ field: name, message: `${name} must be text` });
      return undefined;
    }
    return first.trim() === '' ? undefined : first.trim();
  }

  wholeNumber(name: string, min: number, max: number, fallback: number): number {
    const value = this.text(name);
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) {
      this.errors.push({ field: name, message: `${name} must be a whole number from ${min} to ${max.toLocaleString('en-GB')}` });
      return fallback;
    }
    return n;
  }

  /** A list given as repeated parameters, comma-separated values, or both; blanks dropped. */
  list(name: string): string[] {
    const value = this.raw[name];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return values
      .flatMap((v) => String(v).split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  }

  /** A number (decimals allowed) from min to max, or undefined when absent. */
  number(name: string, min: number, max: number): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) {
      this.errors.push({ field: name, message: `${name} must be a number from ${min} to ${max.toLocaleString('en-GB')}` });
      return undefined;
    }
    return n;
  }

  uuid(name: string): string | undefined {
    const value = this.text(name);
    if (value !== undefined && !isUuid(value)) {
      this.errors.push({ field: name, message: `${name} must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2` });
      return undefined;
    }
    return value;
  }

  done() {
    if (this.errors.length > 0) throw new ValidationFailed(this.errors);
  }
}

/**
 * per_page: a whole number of 1 or more; above `max` it is served at `max` (clients ask for 500 or more
 * in one go and page by the `total_pages` they are given), never refused.
 */
export function readPerPage(reader: QueryReader, fallback: number, max: number): number {
  const asked = reader.text('per_page');
  if (asked === undefined) return fallback;
  if (/^\d+$/.test(asked) && Number(asked) >= 1) return Math.min(Number(asked), max);
  reader.errors.push({ field: 'per_page', message: 'per_page must be a whole number of 1 or more' });
  return fallback;
}

function readPaging(reader: QueryReader) {
  const page = reader.wholeNumber('page', 1, 1_000_000, 1);
  const perPage = readPerPage(reader, DEFAULT_PER_PAGE, MAX_PER_PAGE);
  return { page, perPage };
}

/** /services filters: page, per_page, text (or ORUK's `search`), taxonomy_term_id, taxonomy_id, modified_after, postcode, proximity. */
export function readServiceQuery(raw: Record<string, unknown>): OpenDirectoryQuery {
  const reader = new QueryReader(raw);
  const { page, perPage } = readPaging(reader);
  const words = reader.text('text') ?? reader.text('search');
  if (words && words.length > 200) reader.errors.push({ field: 'text', message: 'text must be 200 characters or fewer' });

  let term: OpenDirectoryQuery['term'];
  const termId = reader.uuid('taxonomy_term_id');
  const taxonomyId = reader.uuid('taxonomy_id');
  if (termId) {
    const known = termByTermId(termId);
    // An id we never issued matches nothing, as any filter on an unknown term would.
    term = known ? { vocabularyId: known.vocabulary.id, code: known.term.code } : { vocabularyId: 'unknown', code: null };
  } else if (taxonomyId) {
    term = { vocabularyId: vocabularyByTaxonomyId(taxonomyId)?.id ?? 'unknown', code: null };
  }

  let modifiedSince: Date | undefined;
  const modifiedAfter = reader.text('modified_after');
  if (modifiedAfter !== undefined) {
    const at = ISO_DATE_TIME.test(modifiedAfter) ? new Date(modifiedAfter) : new Date(NaN);
    if (Number.isNaN(at.getTime()))
      reader.errors.push({ field: 'modified_after', message: 'modified_after must be an ISO 8601 date or date-time, like 2026-01-31T09:00:00Z' });
    else modifiedSince = at;
  }

  const near = readNear(reader);
  reader.done();
  return { page, perPage, words, term, modifiedSince, near };
}

/** postcode (full or outward code) and proximity in metres, as both versions take them. */
export function readNear(reader: QueryReader): OpenDirectoryQuery['near'] {
  let near: OpenDirectoryQuery['near'];
  const postcode = reader.text('postcode');
  const proximity = reader.text('proximity');
  let withinMetres: number | null = null;
  if (proximity !== undefined) {
    const n = /^\d+(\.\d+)?$/.test(proximity) ? Number(proximity) : NaN;
    if (!(n > 0 && n <= MAX_PROXIMITY_METRES)) {
      reader.errors.push({
        field: 'proximity',
        message: `proximity must be a distance in metres, more than 0 and at most ${MAX_PROXIMITY_METRES.toLocaleString('en-GB')}`,
      });
    } else withinMetres = n;
    if (postcode === undefined) reader.errors.push({ field: 'proximity', message: 'proximity needs a postcode to measure from' });
  }
  if (postcode !== undefined) {
    const normalised = normalisePostcode(postcode);
    if (!isFullPostcode(normalised) && !isOutcode(normalised))
      reader.errors.push({ field: 'postcode', message: 'postcode must be a UK postcode, like NR30 1AA, or its first part, like NR30' });
    else near = { postcode: normalised, withinMetres };
  }
  return near;
}

export function readTermQuery(raw: Record<string, unknown>) {
  const reader = new QueryReader(raw);
  const paging = readPaging(reader);
  const taxonomyId = reader.uuid('taxonomy_id');
  reader.done();
  return { ...paging, taxonomyId };
}

export function readPagingOnly(raw: Record<string, unknown>) {
  const reader = new QueryReader(raw);
  const paging = readPaging(reader);
  reader.done();
  return paging;
}
