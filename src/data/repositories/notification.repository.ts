import type { Db, SqlRow } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { MESSAGE_STATUSES } from '../../domain/message-status.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

type Row = SqlRow;

export type Channel = 'email' | 'text' | 'letter';
/** 'sent' only when a mail server, gateway or person (a posted letter) delivered it; a file is not a delivery. */
export type DeliveryStatus = (typeof MESSAGE_STATUSES)[number]['code'];

export type NewNotification = {
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  referralId?: string | null;
  userId?: string | null;
  createdAt: Date;
  /** The recipient is blanked once the message is handed over or has failed for good (a caller's number, decision 032). */
  forgetRecipient?: boolean;
  /** The unsubscribe address of a mailing (a digest): sent as List-Unsubscribe with one-click POST (RFC 8058). */
  listUnsubscribe?: string | null;
};

export type Notification = {
  id: string;
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  referralId: string | null;
  userId: string | null;
  status: DeliveryStatus;
  attempts: number;
  /** The outbox file it was written to (development sender), for erasure to delete. */
  fileName: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  listUnsubscribe: string | null;
};

const toNotification = (r: Row): Notification => ({
  id: r.id,
  channel: r.channel,
  recipient: r.recipient,
  subject: r.subject,
  body: r.body,
  referralId: r.referral_id,
  userId: r.user_id,
  status: r.status,
  attempts: Number(r.attempts),
  fileName: r.file_name ?? null,
  lastError: r.last_error,
  createdAt: new Date(r.created_at),
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
  listUnsubscribe: r.list_unsubscribe ?? null,
});

/** The outbox table: messages written with the change they report, delivered later. */
export function createNotificationRepository(db: Db) {
  return {
    async insert(n: NewNotification, tx: Db = db): Promise<string> {
      const rows = await tx.query<{ id: string }>(
        `insert into notifications (channel, recipient, subject, body, referral_id, user_id, created_at, forget_recipient, list_unsubscribe)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [n.channel, n.recipient, n.subject, n.body, n.referralId ?? null, n.userId ?? null, n.createdAt, n.forgetRecipient ?? false, n.listUnsubscribe ?? null],
      );
      return rows[0]!.id;
    },

    /**
     * Claims up to `limit` emails and texts that are due (new, or failed with tries left and past
     * their pause) by pushing their next attempt past a lease, so another process skips them
     * (`for update skip locked`) and a crash mid-send only delays a retry. Letters are never claimed.
     */
    /** Due messages of these channels (letters only when a service posts them), leased for `leaseMs`. */
    async claimDue(now: Date, limit: number, leaseMs: number, maxAttempts: number, channels: readonly Channel[] = ['email', 'text']): Promise<Notification[]> {
      return db.transaction(async (tx) => {
        const rows = await tx.query<Row>(
          `update notifications set next_attempt_at = $2
           where id in (
             select id from notifications
             where channel = any($5::text[]) and (status = 'pending' or (status = 'failed' and attempts < $3 and next_attempt_at is not null))
               and coalesce(next_attempt_at, created_at) <= $1
             order by coalesce(next_attempt_at, created_at)
             limit $4
             for update skip locked)
           returning *`,
          [now, new Date(now.getTime() + leaseMs), maxAttempts, limit, channels],
        );
        return rows.map(toNotification);
      });
    },

    async markSent(id: string, now: Date, attempts: number) {
      await db.query(
        `update notifications set status = 'sent', sent_at = $2, attempts = $3, last_error = null, next_attempt_at = null,
           recipient = case when forget_recipient then '' else recipient end where id = $1`,
        [id, now, attempts],
      );
    },

    /** Written to the outbox folder, not delivered. False when the message is gone (erased while it was being written). */
    async markWrittenToFile(id: string, fileName: string, attempts: number): Promise<boolean> {
      const rows = await db.query(
        `update notifications set status = 'written_to_file', file_name = $2, attempts = $3, last_error = null, next_attempt_at = null,
           recipient = case when forget_recipient then '' else recipient end
         where id = $1 returning id`,
        [id, fileName, attempts],
      );
      return rows.length === 1;
    },

    async markFailed(id: string, attempts: number, error: string, nextAttemptAt: Date | null) {
      // A message that will not be tried again forgets a caller's number too.
      await db.query(
        `update notifications set status = 'failed', attempts = $2, last_error = $3, next_attempt_at = $4,
           recipient = case when forget_recipient and $4::timestamptz is null then '' else recipient end where id = $1`,
        [id, attempts, error, nextAttemptAt],
      );
    },

    async find(id: string): Promise<Notification | undefined> {
      const r = await maybeOne<Row>(db, 'select * from notifications where id = $1', [id]);
      return r && toNotification(r);
    },

    async forReferral(referralId: string, tx: Db = db): Promise<Notification[]> {
      const rows = await tx.query<Row>('select * from notifications where referral_id = $1 order by created_at, id', [referralId]);
      return rows.map(toNotification);
    },

    /** Letters waiting to be printed and posted, for a scheme (through their referral). */
    async pendingLetters(schemeId: string): Promise<(Notification & { participantId: string | null; activityTitle: string | null })[]> {
      const rows = await db.query<Row>(
        `select n.*, r.participant_id, ${REFERRAL_TARGET_TITLE} as activity_title from notifications n
         join referrals r on r.id = n.referral_id
         ${JOIN_REFERRAL_TARGET}
         where n.channel = 'letter' and n.status = 'pending' and r.scheme_id = $1
         order by n.created_at, n.id`,
        [schemeId],
      );
      return rows.map((r) => ({ ...toNotification(r), participantId: r.participant_id, activityTitle: r.activity_title }));
    },

    /** A letter and the scheme and person it belongs to (for access checks and the audit trail). */
    async letter(id: string, tx: Db = db): Promise<(Notification & { schemeId: string; participantId: string | null }) | undefined> {
      const r = await maybeOne<Row>(
        tx,
        `select n.*, r.scheme_id, r.participant_id from notifications n join referrals r on r.id = n.referral_id
         where n.id = $1 and n.channel = 'letter'`,
        [id],
      );
      return r && { ...toNotification(r), schemeId: r.scheme_id, participantId: r.participant_id };
    },

    async markPosted(id: string, userId: string, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query(
        `update notifications set status = 'sent', sent_at = $3, posted_by = $2, attempts = attempts + 1
         where id = $1 and channel = 'letter' and status = 'pending' returning id`,
        [id, userId, now],
      );
      return rows.length === 1;
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
