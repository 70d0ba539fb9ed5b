import { plural } from '../../../domain/plural.ts';
import { pageCount } from '../../../domain/search.ts';

type PageItem = { number: number; href: string; current: boolean } | { ellipsis: true };

/**
 * Parameters for the NHS.UK pagination component, plus "Showing 1 to 20 of 57 activities".
 * `hrefFor` builds the URL of a page.
 */
export function paginationView(
  page: { total: number; page: number; pageSize: number; itemCount: number; moreThanTotal?: boolean },
  noun: [string, string],
  hrefFor: (n: number) => string,
) {
  const last = pageCount(page.total, page.pageSize);
  const from = (page.page - 1) * page.pageSize + 1;
  const to = from + page.itemCount - 1;
  const nounFor = plural(page.total, noun[0], noun[1]);
  const of = page.moreThanTotal ? `more than ${page.total}` : String(page.total);
  const summary = page.itemCount === 0 ? null : `Showing ${from} to ${to} of ${of} ${nounFor}`;
  if (last <= 1) return { summary, component: null };
  const wanted = new Set([1, last, page.page - 1, page.page, page.page + 1].filter((n) => n >= 1 && n <= last));
  const items: PageItem[] = [];
  let previous = 0;
  for (const n of [...wanted].sort((a, b) => a - b)) {
    if (n - previous > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === page.page });
    previous = n;
  }
  return {
    summary,
    component: {
      items,
      previous: page.page > 1 ? { href: hrefFor(Math.min(page.page - 1, last)) } : undefined,
      next: page.page < last ? { href: hrefFor(page.page + 1) } : undefined,
    },
  };
}
