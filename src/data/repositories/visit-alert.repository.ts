import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { AlertReason } from '../../domain/buddy-visit.ts';
import { type BuddyVisit, date } from './buddy-visit.repository.ts';

/** Lone-working alerts about accompanied visits (decision 028): raised once, escalated once, acknowledged once. */
export type VisitAlert = {
  id: string;
  visitId: string;
  reason: AlertReason;
  raisedAt: Date;
  escalatedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  visit: BuddyVisit;
  events: { at: Date; step: string; actorName: string | null; detail: string }[];
};

export type AlertStep = 'raised' | 'lead_told' | 'safeguarding_told' | 'emergency_contact_shown' | 'acknowledged' | 'checked_out';

export function createVisitAlertRepository(db: Db, findVisit: (id: string, tx: Db) => Promise<BuddyVisit | undefined>) {
  const repo = {
    /** Running visits whose check-out is missed at `now` (their scheme's grace period passed) and that have no such alert yet. */
    async missedCheckOuts(now: Date, tx: Db = db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>(
        `select bv.id from buddy_visits bv join referrals r on r.id = bv.referral_id join buddy_schemes b on b.id = r.buddy_scheme_id
         where bv.status = 'checked_in' and bv.expected_end_at + make_interval(mins => b.checkout_grace_minutes) <= $1
           and not exists (select 1 from visit_alerts a where a.visit_id = bv.id and a.reason = 'missed_check_out')
         order by bv.expected_end_at limit 100`,
        [now],
      );
      return rows.map((r) => r.id);
    },

    /** Inserts the alert unless the visit already has one for this reason; its id only when this call made it. */
    async raiseAlert(visitId: string, reason: AlertReason, now: Date, tx: Db): Promise<string | undefined> {
      const rows = await tx.query<{ id: string }>(
        `insert into visit_alerts (visit_id, reason, raised_at) values ($1, $2, $3) on conflict (visit_id, reason) do nothing returning id`,
        [visitId, reason, now],
      );
      return rows[0]?.id;
    },

    /** Open alerts not yet escalated whose escalation is due at `now`. */
    async escalationsDue(now: Date, tx: Db = db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>(
        `select a.id from visit_alerts a join buddy_visits bv on bv.id = a.visit_id join referrals r on r.id = bv.referral_id
           join buddy_schemes b on b.id = r.buddy_scheme_id
         where a.acknowledged_at is null and a.escalated_at is null and a.raised_at + make_interval(mins => b.escalate_after_minutes) <= $1
         order by a.raised_at limit 100`,
        [now],
      );
      return rows.map((r) => r.id);
    },

    /** Marks the alert escalated; true only for the one caller that did it. */
    async markEscalated(alertId: string, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update visit_alerts set escalated_at = $2 where id = $1 and escalated_at is null and acknowledged_at is null returning id`,
        [alertId, now],
      );
      return rows.length === 1;
    },

    async acknowledge(alertId: string, userId: string, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update visit_alerts set acknowledged_at = $3, acknowledged_by = $2 where id = $1 and acknowledged_at is null returning id`,
        [alertId, userId, now],
      );
      return rows.length === 1;
    },

    async addAlertEvent(alertId: string, step: AlertStep, at: Date, actorId: string | null, detail = '', tx: Db = db): Promise<void> {
      await tx.query('insert into visit_alert_events (alert_id, at, step, actor_id, detail) values ($1, $2, $3, $4, $5)', [alertId, at, step, actorId, detail]);
    },

    async openAlertIdsForVisit(visitId: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.query<{ id: string }>('select id from visit_alerts where visit_id = $1 and acknowledged_at is null', [visitId]);
      return rows.map((r) => r.id);
    },

    async alert(id: string, tx: Db = db): Promise<VisitAlert | undefined> {
      const a = await maybeOne<{
        id: string;
        visit_id: string;
        reason: AlertReason;
        raised_at: Date;
        escalated_at: Date | null;
        acknowledged_at: Date | null;
        acknowledged_by: string | null;
      }>(tx, 'select * from visit_alerts where id = $1', [id]);
      if (!a) return undefined;
      const visit = await findVisit(a.visit_id, tx);
      if (!visit) return undefined;
      const events = await tx.query<{ at: Date; step: string; actor_name: string | null; detail: string }>(
        `select e.at, e.step, u.display_name as actor_name, e.detail from visit_alert_events e left join users u on u.id = e.actor_id
         where e.alert_id = $1 order by e.at, e.seq`,
        [id],
      );
      return {
        id: a.id,
        visitId: a.visit_id,
        reason: a.reason,
        raisedAt: new Date(a.raised_at),
        escalatedAt: date(a.escalated_at),
        acknowledgedAt: date(a.acknowledged_at),
        acknowledgedBy: a.acknowledged_by,
        visit,
        events: events.map((e) => ({ at: new Date(e.at), step: e.step, actorName: e.actor_name, detail: e.detail })),
      };
    },

    /** Open alerts about visits of these organisations' buddy schemes or volunteers, oldest first. */
    async openAlerts(organisationIds: string[], tx: Db = db): Promise<VisitAlert[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.query<{ id: string }>(
        `select a.id from visit_alerts a join buddy_visits bv on bv.id = a.visit_id join volunteers v on v.id = bv.volunteer_id
           join referrals r on r.id = bv.referral_id join buddy_schemes b on b.id = r.buddy_scheme_id
         where a.acknowledged_at is null and (b.organisation_id = any($1::uuid[]) or v.organisation_id = any($1::uuid[]))
         order by a.raised_at, a.id`,
        [organisationIds],
      );
      const alerts = await Promise.all(rows.map((r) => repo.alert(r.id, tx)));
      return alerts.filter((a): a is VisitAlert => a !== undefined);
    },
  };
  return repo;
}

export type VisitAlertRepository = ReturnType<typeof createVisitAlertRepository>;
