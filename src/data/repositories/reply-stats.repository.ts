import type { Db } from '../database.ts';

export type SentReferral = { sentAt: Date; responseDueAt: Date | null; respondedAt: Date | null; status: string };

/** Referrals sent to an organisation, for its reply rate and reply time. */
export function createReplyStatsRepository(db: Db) {
  return {
    async sentSince(organisationId: string, since: Date): Promise<SentReferral[]> {
      const rows = await db.query<{ sent_at: string; response_due_at: string | null; responded_at: string | null; status: string }>(
        `select sent_at, response_due_at, responded_at, status from referrals
         where provider_organisation_id = $1 and sent_at is not null and sent_at >= $2`,
        [organisationId, since],
      );
      return rows.map((r) => ({
        sentAt: new Date(r.sent_at),
        responseDueAt: r.response_due_at ? new Date(r.response_due_at) : null,
        respondedAt: r.responded_at ? new Date(r.responded_at) : null,
        status: r.status,
      }));
    },
  };
}

export type ReplyStatsRepository = ReturnType<typeof createReplyStatsRepository>;
