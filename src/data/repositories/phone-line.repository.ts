import type { Db } from '../database.ts';

/** The phone line's sends: counted, never who they went to (decision 032). */
export function createPhoneLineRepository(db: Db) {
  return {
    async countSend(send: { channel: 'text' | 'email' | 'letter'; activityCount: number; sentOn: string; schemeId: string | null; at: Date }, tx: Db = db) {
      await tx.query(`insert into phone_line_sends (channel, activity_count, sent_on, scheme_id, created_at) values ($1, $2, $3, $4, $5)`, [
        send.channel,
        send.activityCount,
        send.sentOn,
        send.schemeId,
        send.at,
      ]);
    },
  };
}

export type PhoneLineRepository = ReturnType<typeof createPhoneLineRepository>;
