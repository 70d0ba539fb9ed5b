import { normaliseTime } from '../../../domain/listing-session.ts';
import { VOCABULARIES } from '../../../domain/vocabulary.ts';
import type { OpenDirectoryQueryV1, SessionSlot, TermFilter } from '../../../services/open-directory.service.ts';
import { termByTermId, vocabularyByTaxonomyId } from '../oruk-ids.ts';
import { QueryReader, readNear, readPerPage } from '../oruk-query.ts';

/**
 * Open Referral UK 1.0 query parameters, read liberally (decision 033-oruk): real clients ask for
 * 500 services a page, send parameters the specification does not name, and page on past the end.
 * Unknown parameters are ignored; a per_page above the most we serve is served at that most; a
 * value that cannot mean anything (per_page=abc, postcode=hello) is still a 400 that says why.
 */
export const V1_MAX_PER_PAGE = 1000;
export const V1_DEFAULT_PER_PAGE = 50;

const DAYS: Record<string, number> = {};
['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].forEach((day, i) => {
  DAYS[day] = i + 1;
  DAYS[day.slice(0, 3)] = i + 1;
  DAYS[day.slice(0, 2)] = i + 1; // RFC 5545: MO, TU, WE …
  DAYS[String(i + 1)] = i + 1;
});

/** A vocabulary named by its id ("needs"), its name ("Wellbeing needs") or its taxonomy UUID. */
function vocabularyNamed(value: string) {
  const v = value.trim().toLowerCase();
  return VOCABULARIES.find((voc) => voc.id === v || voc.name.toLowerCase() === v) ?? vocabularyByTaxonomyId(v);
}

export function readServiceQueryV1(raw: Record<string, unknown>): OpenDirectoryQueryV1 {
  const reader = new QueryReader(raw);
  const page = reader.wholeNumber('page', 1, 1_000_000, 1);
  const perPage = readPerPage(reader, V1_DEFAULT_PER_PAGE, V1_MAX_PER_PAGE);
  const words = reader.text('text');
  if (words && words.length > 200) reader.errors.push({ field: 'text', message: 'text must be 200 characters or fewer' });

  // taxonomy_id: a term or a whole taxonomy; vocabulary: any term of that vocabulary. Any of them matches.
  const anyTerm: TermFilter[] = [];
  const taxonomyIds = reader.list('taxonomy_id');
  for (const id of taxonomyIds) {
    const term = termByTermId(id);
    const vocabulary = term ? undefined : vocabularyByTaxonomyId(id);
    // An id we never issued matches nothing, as a filter on an unknown term would.
    if (term) anyTerm.push({ vocabularyId: term.vocabulary.id, code: term.term.code });
    else if (vocabulary) anyTerm.push({ vocabularyId: vocabulary.id, code: null });
  }
  const vocabularies = reader.list('vocabulary');
  if (taxonomyIds.length === 0) {
    for (const name of vocabularies) {
      const vocabulary = vocabularyNamed(name);
      if (vocabulary) anyTerm.push({ vocabularyId: vocabulary.id, code: null });
    }
  }
  const filtersTerms = taxonomyIds.length > 0 || vocabularies.length > 0;

  const minimumAtLeast = reader.number('minimum_age', 0, 150) ?? null;
  const maximumAtMost = reader.number('maximum_age', 0, 150) ?? null;

  const days = reader.list('day').map((d) => {
    const n = DAYS[d.toLowerCase()];
    if (!n) reader.errors.push({ field: 'day', message: `day must be a day of the week, like Monday; "${d.slice(0, 20)}" is not` });
    return n ?? 0;
  });
  const time = (name: string) =>
    reader.list(name).map((t) => {
      const hhmm = normaliseTime(t.replace(/^(\d{2}:\d{2}):\d{2}$/, '$1'));
      if (!hhmm) reader.errors.push({ field: name, message: `${name} must be a time, like 10:00 or 14:30` });
      return hhmm;
    });
  const starts = time('start_time');
  const ends = time('end_time');
  const sessionSlots = slotsOf(days, starts, ends);

  const near = readNear(reader);
  reader.done();
  return {
    page,
    perPage,
    words,
    near,
    anyTerm: filtersTerms ? anyTerm : undefined,
    ages: minimumAtLeast !== null || maximumAtMost !== null ? { minimumAtLeast, maximumAtMost } : undefined,
    sessionSlots,
  };
}

/**
 * day, start_time and end_time given the same number of times pair up, one slot each (the
 * specification's rule); otherwise each list is one condition: any of the days, and at or after the
 * earliest time given.
 */
function slotsOf(days: number[], starts: (string | null)[], ends: (string | null)[]): SessionSlot[] | undefined {
  const counts = [days.length, starts.length, ends.length].filter((n) => n > 0);
  if (counts.length === 0) return undefined;
  if (counts.every((n) => n === counts[0]) && counts[0]! > 1) {
    return Array.from({ length: counts[0]! }, (_, i) => ({
      weekdays: days.length ? [days[i]!] : null,
      startsAtOrAfter: starts[i] ?? null,
      endsAtOrAfter: ends[i] ?? null,
    }));
  }
  const earliest = (times: (string | null)[]) =>
    times
      .filter((t): t is string => t !== null)
      .sort()
      .at(0) ?? null;
  return [{ weekdays: days.length ? days : null, startsAtOrAfter: earliest(starts), endsAtOrAfter: earliest(ends) }];
}
