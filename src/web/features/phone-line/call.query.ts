import { z } from 'zod';
import { str, UUID_PATTERN } from '../../form-fields.ts';
import { paths } from '../../paths.ts';

/** How many listings one call remembers for its log. */
const CALL_LISTINGS = 10;

/**
 * The listings looked at during this call (decision 036), carried from page to page in the address as
 * `call=id,id` so the call log can be prefilled with them. Listing ids only; nothing is stored.
 */
export const callQuery = z.object({
  call: z
    .preprocess((v) => str(v).split(',').filter(Boolean), z.array(z.string().regex(UUID_PATTERN, 'This link is not right. Start a new call.')))
    .transform((l) => [...new Set(l)].slice(-CALL_LISTINGS)),
});

/** `path` with the call's listings added to its query. */
export function withCall(path: string, call: readonly string[], extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...extra, ...(call.length ? { call: call.join(',') } : {}) }).toString();
  return q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path;
}

/** "Log this call": the connector's signposting form with where = phone line and the call's listings ticked. */
export function logCallHref(call: readonly string[], handedToLinkWorker = false): string {
  const q = new URLSearchParams({ infoPoint: 'phone_line', from: 'phone' });
  for (const id of call) q.append('activityIds', id);
  if (handedToLinkWorker) {
    q.set('linkWorker', 'yes');
    q.set('referralFollowed', 'yes');
  }
  return `${paths.signposting.record}?${q.toString()}`;
}
