import { countOf } from '../domain/plural.ts';
import type { ReplyStatsRepository, SentReferral } from '../data/repositories/reply-stats.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { workingDaysBetween } from '../domain/working-days.ts';

/** Say nothing until there is this much history: a rate over two referrals would mislead. */
export const MIN_REFERRALS = 5;

export type ReplyStats = { counted: number; repliedInTime: number; replyRate: number; medianWorkingDays: number | null };

/**
 * Over the last 12 months: a reply is the provider's first move out of 'sent' (accept, decline,
 * waiting list), recorded as `responded_at`. Counted: referrals sent whose outcome is known —
 * replied, or past their due time. Left out: ones still within their limit with no reply yet, and
 * ones the referrer withdrew before the provider replied and before they were due.
 * Reply rate = replied by the due time / counted. Median reply time in working days (a reply the
 * same day is 0), over every reply.
 */
export function replyStats(rows: readonly SentReferral[], now: Date): ReplyStats {
  const counted = rows.filter((r) => {
    if (r.respondedAt) return true;
    const due = r.responseDueAt;
    if (!due || due >= now) return false;
    return r.status !== 'withdrawn';
  });
  const inTime = counted.filter((r) => r.respondedAt && (!r.responseDueAt || r.respondedAt <= r.responseDueAt));
  const days = counted
    .filter((r) => r.respondedAt)
    .map((r) => workingDaysBetween(r.sentAt, r.respondedAt!))
    .sort((a, b) => a - b);
  return {
    counted: counted.length,
    repliedInTime: inTime.length,
    replyRate: counted.length ? inTime.length / counted.length : 0,
    medianWorkingDays: median(days),
  };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.ceil((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** "Usually replies within 3 working days · replies to 92% of referrals", or null with too little history. */
export function replyStatsText(s: ReplyStats): string | null {
  if (s.counted < MIN_REFERRALS) return null;
  const pct = Math.round(s.replyRate * 100);
  const rate = `replies to ${pct}% of referrals`;
  if (s.medianWorkingDays === null) return `Replies to ${pct}% of referrals`;
  const time = s.medianWorkingDays === 0 ? 'Usually replies on the same working day' : `Usually replies within ${countOf(s.medianWorkingDays, 'working day')}`;
  return `${time} · ${rate}`;
}

export function createReplyStatsService(deps: { replyStats: ReplyStatsRepository; clock: Clock }) {
  return {
    async forOrganisation(organisationId: string): Promise<ReplyStats> {
      const now = deps.clock.now();
      const since = new Date(now);
      since.setUTCFullYear(since.getUTCFullYear() - 1);
      return replyStats(await deps.replyStats.sentSince(organisationId, since), now);
    },
    /** The line for an activity page, or null (not enough history). */
    async summary(organisationId: string): Promise<string | null> {
      return replyStatsText(await this.forOrganisation(organisationId));
    },
  };
}

export type ReplyStatsService = ReturnType<typeof createReplyStatsService>;
