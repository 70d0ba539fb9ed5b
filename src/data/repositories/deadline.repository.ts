import type { Db, SqlRow } from '../database.ts';
import { maybeOne } from '../database.ts';
import { JOIN_REFERRAL_TARGET, REFERRAL_TARGET_TITLE } from './referral-target.sql.ts';

type Row = SqlRow;

export type WaitingReferral = { id: string; responseDueAt: Date; remindedAt: Date | null; escalatedAt: Date | null };

export type OverdueReferral = {
  id: string;
  schemeId: string;
  activityTitle: string | null;
  providerName: string;
  providerEmail: string | null;
  providerPhone: string | null;
  referrerOrganisationName: string | null;
  route: string;
  sentAt: Date | null;
  responseDueAt: Date;
  escalatedAt: Date | null;
};

/** Response time limits on referrals that are waiting for the provider's first reply. */
export function createDeadlineRepository(db: Db) {
  return {
    async responseWorkingDays(referralId: string, tx: Db = db): Promise<number> {
      const r = await maybeOne<{ days: number }>(
        tx,
        'select s.response_working_days as days from referrals r join schemes s on s.id = r.scheme_id where r.id = $1',
        [referralId],
      );
      return r?.days ?? 10;
    },

    async setResponseDue(referralId: string, sentAt: Date, dueAt: Date, tx: Db) {
      await tx.query(`update referrals set sent_at = coalesce(sent_at, $2), response_due_at = $3, reminded_at = null, escalated_at = null where id = $1`, [
        referralId,
        sentAt,
        dueAt,
      ]);
    },

    /** The first reply stops the clock; later changes keep the first time. */
    async markResponded(referralId: string, at: Date, tx: Db) {
      await tx.query('update referrals set responded_at = coalesce(responded_at, $2) where id = $1', [referralId, at]);
    },

    /** Waiting referrals whose reply is due within `horizon` of now (or already late) and still need a reminder or escalation. */
    async waiting(now: Date, horizonMs: number): Promise<WaitingReferral[]> {
      const rows = await db.query<Row>(
        `select id, response_due_at, reminded_at, escalated_at from referrals
         where status = 'sent' and response_due_at is not null and response_due_at <= $1
           and (reminded_at is null or (escalated_at is null and response_due_at < $2))
         order by response_due_at`,
        [new Date(now.getTime() + horizonMs), now],
      );
      return rows.map((r) => ({
        id: r.id,
        responseDueAt: new Date(r.response_due_at),
        remindedAt: r.reminded_at ? new Date(r.reminded_at) : null,
        escalatedAt: r.escalated_at ? new Date(r.escalated_at) : null,
      }));
    },

    /** Claims the reminder: true only for the one caller that set it, and only while still waiting. */
    async claimReminder(referralId: string, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query(`update referrals set reminded_at = $2 where id = $1 and status = 'sent' and reminded_at is null returning id`, [
        referralId,
        now,
      ]);
      return rows.length === 1;
    },

    async claimEscalation(referralId: string, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query(
        `update referrals set escalated_at = $2 where id = $1 and status = 'sent' and escalated_at is null and response_due_at < $2 returning id`,
        [referralId, now],
      );
      return rows.length === 1;
    },

    async addEvent(referralId: string, kind: 'reminder' | 'escalation', at: Date, note: string, tx: Db) {
      await tx.query(`insert into referral_events (referral_id, at, actor_id, kind, note) values ($1, $2, null, $3, $4)`, [referralId, at, kind, note]);
    },

    /** Referrals still waiting for a first reply after their due time, for a scheme (or every scheme). */
    async overdue(now: Date, schemeId: string | null): Promise<OverdueReferral[]> {
      const rows = await db.query<Row>(
        `select r.id, r.scheme_id, r.route, r.sent_at, r.response_due_at, r.escalated_at, ${REFERRAL_TARGET_TITLE} as activity_title,
           o.name as provider_name, o.email as provider_email, o.phone as provider_phone, ro.name as referrer_org_name
         from referrals r
         join organisations o on o.id = r.provider_organisation_id
         ${JOIN_REFERRAL_TARGET}
         left join organisations ro on ro.id = r.referrer_organisation_id
         where r.status = 'sent' and (r.response_due_at < $1 or r.escalated_at is not null)
           and ($2::uuid is null or r.scheme_id = $2)
         order by r.response_due_at`,
        [now, schemeId],
      );
      return rows.map((r) => ({
        id: r.id,
        schemeId: r.scheme_id,
        activityTitle: r.activity_title,
        providerName: r.provider_name,
        providerEmail: r.provider_email,
        providerPhone: r.provider_phone,
        referrerOrganisationName: r.referrer_org_name,
        route: r.route,
        sentAt: r.sent_at ? new Date(r.sent_at) : null,
        responseDueAt: new Date(r.response_due_at),
        escalatedAt: r.escalated_at ? new Date(r.escalated_at) : null,
      }));
    },
  };
}

export type DeadlineRepository = ReturnType<typeof createDeadlineRepository>;
