import type { SearchResult } from '../../../domain/search.ts';
import { ACCESS_FEATURES, labelOf } from '../../../domain/vocabulary.ts';
import { formatDistance, formatUkDate, formatUkDateTime } from '../../render.ts';
import { paths } from '../../paths.ts';

/** The access facts shown on a result, most decisive first. */
export const KEY_ACCESS = [
  'step_free',
  'accessible_toilet',
  'seating',
  'hearing_loop',
  'bsl',
  'quiet_space',
  'dementia_friendly',
  'parking',
  'blue_badge_parking',
  'public_transport',
  'large_print',
  'assistance_dogs',
];

export const keyAccessLabels = (access: readonly string[]) => KEY_ACCESS.filter((c) => access.includes(c)).map((c) => labelOf(ACCESS_FEATURES, c));

export function costLabel(costType: string, pricePence: number | null): string {
  if (costType === 'free') return 'Free';
  if (costType === 'free_for_referred') return 'Free for referred people';
  if (pricePence == null) return 'Paid';
  return `£${(pricePence / 100).toFixed(pricePence % 100 === 0 ? 0 : 2)}`;
}

export type ResultView = ReturnType<typeof toResultView>;

/** One activity in a list (search results, shortlist): what a link worker needs to judge at a glance. */
export function toResultView(r: SearchResult, shortlisted: ReadonlySet<string>) {
  return {
    id: r.id,
    /** The element id of the result in a list: adding it to the shortlist comes back to it. */
    anchor: `result-${r.id}`,
    href: paths.activity(r.id),
    title: r.title,
    summary: r.summary,
    organisation: r.organisationName,
    place: [r.placeName, r.town].filter(Boolean).join(', '),
    distance: r.distanceM == null ? null : formatDistance(r.distanceM),
    nextSession: r.nextSessionAt ? formatUkDateTime(r.nextSessionAt) : null,
    cost: costLabel(r.costType, r.pricePence),
    accessTags: keyAccessLabels(r.access),
    lastChecked: formatUkDate(r.lastCheckedAt),
    onShortlist: shortlisted.has(r.id),
    latitude: r.latitude,
    longitude: r.longitude,
  };
}
