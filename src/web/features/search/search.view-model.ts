import { countOf } from '../../../domain/plural.ts';
import { gridToLatLng } from '../../../domain/geo.ts';
import { RADIUS_MILES } from '../../../domain/search.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, LANGUAGES, NEEDS, SUPPORT, TIMES_OF_DAY, WEEKDAYS, type Term } from '../../../domain/vocabulary.ts';
import type { SearchOutcome, SearchRequest } from '../../../services/search.service.ts';
import type { ErrorItem, FieldErrors } from '../../forms.ts';
import { mapPointsJson } from '../../map-points.ts';
import { paths } from '../../paths.ts';
import { paginationView } from './pagination.view-model.ts';
import { toResultView } from './result.view-model.ts';
import { searchQueryString } from './search.query.ts';

const checkboxGroup = (name: string, legend: string, list: readonly Term[], chosen: readonly (string | number)[], hint?: string) => ({
  open: chosen.length > 0 || list.length <= 4,
  name,
  idPrefix: `filter-${name}`,
  legend,
  hint,
  items: list.map((t) => ({ value: t.code, text: t.label, checked: chosen.map(String).includes(t.code) })),
});

export const radiusItems = (selected: number) =>
  RADIUS_MILES.map((m) => ({ value: String(m), text: `Within ${countOf(m, 'mile')}`, selected: m === selected }));

/** How many filters are chosen, for "Filter results (3 chosen)". */
function chosenFilterCount(f: SearchRequest['filters']): number {
  const lists = [f.types, f.needs, f.days, f.times, f.access, f.support, f.languages];
  return lists.reduce((n, l) => n + l.length, 0) + (f.soon ? 1 : 0) + (f.cost === 'any' ? 0 : 1);
}

/** "57 activities found": the line a phone shows right under the search button. */
export function foundText(total: number, moreThanTotal = false): string {
  if (total === 0) return 'No activities found';
  const count = total.toLocaleString('en-GB');
  if (moreThanTotal) return `More than ${count} activities found`;
  return `${countOf(total, 'activity', 'activities')} found`;
}

/** Everything the search page shows; `outcome` is null when the where could not be found. */
export function searchPageView(
  request: SearchRequest,
  outcome: SearchOutcome | null,
  opts: { shortlist: ReadonlySet<string>; currentUrl: string; errors?: ErrorItem[]; fieldErrors?: FieldErrors },
) {
  const f = request.filters;
  const results = (outcome?.results.items ?? []).map((r) => toResultView(r, opts.shortlist));
  const pages = outcome
    ? paginationView(
        { ...outcome.results, itemCount: results.length },
        ['activity', 'activities'],
        (n) => `${paths.search}${searchQueryString(request, { page: n })}`,
      )
    : { summary: null, component: null };
  const origin = outcome?.origin ?? null;
  const sort = outcome?.sort ?? request.sort;
  const centre = origin ? gridToLatLng(origin) : null;
  return {
    pageTitle: origin ? `Activities near ${origin.label}` : 'Find activities',
    errors: opts.errors,
    fieldErrors: opts.fieldErrors,
    values: { where: request.where, q: request.text },
    radiusItems: radiusItems(request.radiusMiles),
    chosenFilters: chosenFilterCount(f),
    groups: [
      checkboxGroup('type', 'Type of activity', ACTIVITY_TYPES, f.types),
      checkboxGroup('need', 'Who it suits', NEEDS, f.needs),
      checkboxGroup('day', 'Day', WEEKDAYS, f.days),
      checkboxGroup('time', 'Time of day', TIMES_OF_DAY, f.times),
    ],
    soonItems: [{ value: '1', text: 'Has a session in the next 2 weeks', checked: f.soon }],
    costItems: [
      { value: 'any', text: 'Any cost', checked: f.cost === 'any' },
      { value: 'free', text: 'Free', checked: f.cost === 'free' },
      { value: 'free_for_referred', text: 'Free for referred people (includes free activities)', checked: f.cost === 'free_for_referred' },
    ],
    // Everything the filter panel shows comes from the filters chosen (search.njk caches it per key).
    filterPanelKey: `search-filters:${JSON.stringify(f)}`,
    moreGroups: [
      checkboxGroup('access', 'Access needs', ACCESS_FEATURES, f.access, 'Shows only activities that have all the access needs you choose'),
      checkboxGroup('support', 'Support offered', SUPPORT, f.support, 'Shows activities that offer any of the support you choose'),
      checkboxGroup('lang', 'Language', LANGUAGES, f.languages),
    ],
    origin,
    radiusMiles: request.radiusMiles,
    correctedText: outcome?.correctedText ?? null,
    bestMatchesFirst: outcome?.bestMatchesFirst ?? false,
    typedText: request.text,
    sort,
    sortLinks: origin
      ? {
          distance: `${paths.search}${searchQueryString(request, { sort: 'distance', page: 1 })}`,
          next: `${paths.search}${searchQueryString(request, { sort: 'next', page: 1 })}`,
        }
      : null,
    results,
    total: outcome?.results.total ?? 0,
    foundText: foundText(outcome?.results.total ?? 0, outcome?.results.moreThanTotal),
    pageSummary: pages.summary,
    pager: pages.component,
    firstPageHref: `${paths.search}${searchQueryString(request, { page: 1 })}`,
    returnTo: opts.currentUrl,
    mapPoints: mapPointsJson(
      results.map((r, i) => ({ n: i + 1, lat: r.latitude, lng: r.longitude, title: r.title, href: r.href, place: r.place, target: `result-${r.id}` })),
      centre && origin ? { lat: centre.latitude, lng: centre.longitude, label: origin.label } : null,
    ),
  };
}
