import type { DoorstepOutcome } from '../../../services/doorstep.service.ts';
import { PLACE_KINDS } from '../../../domain/contribution.ts';
import { labelOf } from '../../../domain/vocabulary.ts';
import { heritageCategoryName, heritageSourceName } from '../../../domain/heritage-sources.ts';
import type { ErrorItem, FieldErrors } from '../../forms.ts';
import { gridToLatLng } from '../../../domain/geo.ts';
import { mapPointsJson } from '../../map-points.ts';
import { formatDistance } from '../../render.ts';
import { paths } from '../../paths.ts';
import { paginationView } from '../search/pagination.view-model.ts';
import { radiusItems } from '../search/search.view-model.ts';

/** The source of a contributed place, in words (as heritage-sources.ts names the open data sets). */
export const COMMUNITY_SOURCE = 'Added by local people on Waymark (community heritage, checked by a coordinator)';

export type DoorstepRequest = { where: string; radiusMiles: number; page: number };

const queryFor = (r: DoorstepRequest, page: number) => {
  const q = new URLSearchParams({ where: r.where, radius: String(r.radiusMiles) });
  if (page > 1) q.set('page', String(page));
  return `${paths.doorstep}?${q.toString()}`;
};

export function doorstepPageView(request: DoorstepRequest, outcome: DoorstepOutcome | null, opts: { errors?: ErrorItem[]; fieldErrors?: FieldErrors } = {}) {
  const items = (outcome?.assets.items ?? []).map((h) => ({
    name: h.name,
    latitude: h.latitude,
    longitude: h.longitude,
    category: heritageCategoryName(h.category),
    grade: h.grade,
    distance: formatDistance(h.distanceM),
    url: h.url && /^https?:\/\//i.test(h.url) ? h.url : null,
    source: heritageSourceName(h.source),
    placeHref: paths.place(`${h.source.startsWith('nhle') ? 'nhle' : 'museum'}-${h.sourceId}`),
  }));
  const communityPlaces = (outcome?.communityPlaces ?? []).map((c) => ({
    name: c.title,
    href: paths.place(c.id),
    kind: c.placeKind ? labelOf(PLACE_KINDS, c.placeKind) : 'A place that matters',
    distance: formatDistance(c.distanceM),
    source: COMMUNITY_SOURCE,
  }));
  const centre = outcome ? gridToLatLng(outcome.origin) : null;
  const pages = outcome
    ? paginationView({ ...outcome.assets, itemCount: items.length }, ['place', 'places'], (n) => queryFor(request, n))
    : { summary: null, component: null };
  return {
    pageTitle: outcome ? `Heritage near ${outcome.origin.label}` : 'Heritage on your doorstep',
    errors: opts.errors,
    fieldErrors: opts.fieldErrors,
    values: { where: request.where },
    radiusItems: radiusItems(request.radiusMiles),
    origin: outcome?.origin ?? null,
    radiusMiles: request.radiusMiles,
    searched: outcome !== null,
    items,
    communityPlaces,
    total: outcome?.assets.total ?? 0,
    pageSummary: pages.summary,
    pager: pages.component,
    mapPoints: mapPointsJson(
      items.map((h, i) => ({ n: i + 1, lat: h.latitude, lng: h.longitude, title: h.name, href: h.url, place: h.category, target: `place-${i + 1}` })),
      centre && outcome ? { lat: centre.latitude, lng: centre.longitude, label: outcome.origin.label } : null,
    ),
    activitiesHref: outcome ? `${paths.search}?${new URLSearchParams({ where: request.where, radius: String(request.radiusMiles) })}` : paths.search,
  };
}
