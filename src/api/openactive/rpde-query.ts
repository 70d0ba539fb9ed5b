import { ValidationFailed } from '../../domain/errors.ts';
import type { FeedCursor } from '../../services/openactive.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHOLE = /^\d{1,16}$/;

/**
 * An RPDE request's place in the feed: `afterTimestamp` (the `modified` of the last item read, a whole
 * number) and `afterId` (that item's id). Neither means the start. Parameters RPDE does not name are
 * ignored; a malformed, repeated or half-given cursor is a 400 saying which.
 */
export function readFeedCursor(query: Record<string, unknown>): FeedCursor | null {
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new ValidationFailed([{ field: name, message: `${name} must be given once` }]);
    return value;
  };
  const afterTimestamp = single('afterTimestamp');
  const afterId = single('afterId');
  if (afterTimestamp === undefined) {
    if (afterId !== undefined) throw new ValidationFailed([{ field: 'afterId', message: 'afterId needs the afterTimestamp it was given with' }]);
    return null;
  }
  if (!WHOLE.test(afterTimestamp) || Number(afterTimestamp) > Number.MAX_SAFE_INTEGER)
    throw new ValidationFailed([{ field: 'afterTimestamp', message: 'afterTimestamp must be the whole-number modified value of the last item read' }]);
  if (afterId !== undefined && !UUID.test(afterId)) throw new ValidationFailed([{ field: 'afterId', message: 'afterId must be the id of the last item read' }]);
  return { afterTimestamp: Number(afterTimestamp), afterId: afterId?.toLowerCase() ?? null };
}
