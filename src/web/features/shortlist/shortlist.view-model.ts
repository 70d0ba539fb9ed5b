import type { SearchResult } from '../../../domain/search.ts';
import { formatUkDate } from '../../render.ts';
import { paths } from '../../paths.ts';
import { toResultView } from '../search/result.view-model.ts';

export const SHORTLIST_MAX = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?ids=<id>.<id>` of a shared shortlist; null when the page shows the visitor's own. */
export function parseSharedIds(value: unknown): string[] | null {
  if (typeof value !== 'string') return null;
  return [
    ...new Set(
      value
        .toLowerCase()
        .split('.')
        .filter((id) => UUID.test(id)),
    ),
  ].slice(0, SHORTLIST_MAX);
}

export function shortlistPageView(
  found: { items: SearchResult[]; missing: number },
  opts: { shared: boolean; print: boolean; publicUrl: string; currentUrl: string; ownShortlist: ReadonlySet<string>; now: Date },
) {
  const ids = found.items.map((i) => i.id).join('.');
  const sharePath = `${paths.shortlist}?ids=${ids}`;
  return {
    pageTitle: opts.shared ? 'A shared shortlist of activities' : 'Your shortlist',
    shared: opts.shared,
    print: opts.print,
    // Own entries get a remove button; a shared list is read-only.
    items: found.items.map((r) => ({
      ...toResultView(r, opts.shared ? new Set() : opts.ownShortlist),
      onShortlist: true,
      url: new URL(paths.activity(r.id), opts.publicUrl).toString(),
    })),
    missing: found.missing,
    shareUrl: ids ? new URL(sharePath, opts.publicUrl).toString() : null,
    printHref: ids ? (opts.shared ? `${sharePath}&print=1` : `${paths.shortlist}?print=1`) : null,
    backHref: opts.shared ? sharePath : paths.shortlist,
    returnTo: opts.currentUrl,
    printedOn: formatUkDate(opts.now),
  };
}
