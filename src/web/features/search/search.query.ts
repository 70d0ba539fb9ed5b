import { DEFAULT_RADIUS_MILES, RADIUS_MILES, type CostFilter, type SortOrder } from '../../../domain/search.ts';
import { ACCESS_FEATURES, ACTIVITY_TYPES, codesOf, LANGUAGES, NEEDS, SUPPORT, TIMES_OF_DAY, WEEKDAYS, type Term } from '../../../domain/vocabulary.ts';
import type { SearchRequest } from '../../../services/search.service.ts';
import { asArray } from '../../forms.ts';

type Query = Record<string, unknown>;

const one = (value: unknown): string => String(asArray(value)[0] ?? '').slice(0, 200);
const codes = (value: unknown, list: readonly Term[]) => {
  const allowed = codesOf(list);
  return [...new Set(asArray(value))].filter((v) => allowed.includes(v));
};

export function parseRadius(value: unknown): number {
  const miles = Number(one(value));
  return (RADIUS_MILES as readonly number[]).includes(miles) ? miles : DEFAULT_RADIUS_MILES;
}

export function parsePage(value: unknown): number {
  const page = Number.parseInt(one(value), 10);
  return Number.isFinite(page) && page > 0 && page < 10_000 ? page : 1;
}

/**
 * The search URL is the state: every filter is a query parameter so a search can be bookmarked
 * and shared. Unknown codes are ignored rather than refused.
 */
export function parseSearchQuery(query: Query): SearchRequest {
  const cost = one(query.cost);
  return {
    where: one(query.where),
    radiusMiles: parseRadius(query.radius),
    text: one(query.q),
    sort: (one(query.sort) === 'next' ? 'next' : 'distance') satisfies SortOrder,
    page: parsePage(query.page),
    filters: {
      types: codes(query.type, ACTIVITY_TYPES),
      needs: codes(query.need, NEEDS),
      days: codes(query.day, WEEKDAYS).map(Number),
      times: codes(query.time, TIMES_OF_DAY),
      soon: one(query.soon) === '1',
      cost: (cost === 'free' || cost === 'free_for_referred' ? cost : 'any') satisfies CostFilter,
      access: codes(query.access, ACCESS_FEATURES),
      support: codes(query.support, SUPPORT),
      // Support is "any of": each kind widens who can go; access needs are the must-haves.
      supportMatch: 'any',
      languages: codes(query.lang, LANGUAGES),
    },
  };
}

/** The query string for a search, optionally on another page or in another order. */
export function searchQueryString(r: SearchRequest, over: { page?: number; sort?: SortOrder } = {}): string {
  const q = new URLSearchParams();
  if (r.where) q.set('where', r.where);
  if (r.where) q.set('radius', String(r.radiusMiles));
  if (r.text) q.set('q', r.text);
  const f = r.filters;
  for (const v of f.types) q.append('type', v);
  for (const v of f.needs) q.append('need', v);
  for (const v of f.days) q.append('day', String(v));
  for (const v of f.times) q.append('time', v);
  if (f.soon) q.set('soon', '1');
  if (f.cost !== 'any') q.set('cost', f.cost);
  for (const v of f.access) q.append('access', v);
  for (const v of f.support) q.append('support', v);
  for (const v of f.languages) q.append('lang', v);
  const sort = over.sort ?? r.sort;
  if (sort === 'next') q.set('sort', 'next');
  const page = over.page ?? r.page;
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}
