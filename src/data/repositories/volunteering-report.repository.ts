import type { Db } from '../database.ts';

/**
 * What the volunteering section of a coordinator's reports counts (decision 034): records, never
 * names. Volunteers who stopped are left out; a volunteer's current record of each training or
 * check type is their latest.
 */
export function createVolunteeringReportRepository(db: Db) {
  return {
    /** The scheme's volunteers today, with the yes/no conditions the report counts. */
    async volunteers(schemeId: string, today: string, soon: string) {
      return db.query<{ organisation_id: string; ready: boolean; trained: boolean; due_soon: boolean; expired: boolean }>(
        `with current_checks as (
           select distinct on (c.volunteer_id, c.check_type_id) c.volunteer_id, c.expires_on, t.kind
             from volunteer_checks c join volunteer_check_types t on t.id = c.check_type_id
            order by c.volunteer_id, c.check_type_id, c.done_on desc, c.created_at desc)
         select v.organisation_id, v.status = 'ready' as ready,
                exists (select 1 from current_checks c where c.volunteer_id = v.id and c.kind = 'training') as trained,
                exists (select 1 from current_checks c where c.volunteer_id = v.id and c.expires_on >= $2::date and c.expires_on <= $3::date) as due_soon,
                exists (select 1 from current_checks c where c.volunteer_id = v.id and c.expires_on < $2::date) as expired
           from volunteers v where v.scheme_id = $1 and v.status <> 'stopped'`,
        [schemeId, today, soon],
      );
    },

    /** Finished visits that happened, by the volunteer's organisation and London month, with their minutes. */
    async visits(schemeId: string) {
      return db.query<{ organisation_id: string; month: string; minutes: number }>(
        `select v.organisation_id, to_char(bv.meets_at at time zone 'Europe/London', 'YYYY-MM') as month,
                coalesce(bv.duration_minutes, round(extract(epoch from (bv.checked_out_at - bv.checked_in_at)) / 60))::int as minutes
           from buddy_visits bv join volunteers v on v.id = bv.volunteer_id
          where v.scheme_id = $1 and bv.status = 'checked_out' and coalesce(bv.happened, true)`,
        [schemeId],
      );
    },

    /** Missed check-out alerts, by the volunteer's organisation and London month raised, with minutes to acknowledge. */
    async alerts(schemeId: string) {
      return db.query<{ organisation_id: string; month: string; ack_minutes: number | null }>(
        `select v.organisation_id, to_char(a.raised_at at time zone 'Europe/London', 'YYYY-MM') as month,
                case when a.acknowledged_at is null then null else round(extract(epoch from (a.acknowledged_at - a.raised_at)) / 60)::int end as ack_minutes
           from visit_alerts a join buddy_visits bv on bv.id = a.visit_id join volunteers v on v.id = bv.volunteer_id
          where v.scheme_id = $1 and a.reason = 'missed_check_out'`,
        [schemeId],
      );
    },

    /** The organisations hosting the scheme's volunteers, by name. */
    async organisations(schemeId: string) {
      return db.query<{ id: string; name: string }>(
        `select distinct o.id, o.name from volunteers v join organisations o on o.id = v.organisation_id where v.scheme_id = $1 order by o.name`,
        [schemeId],
      );
    },
  };
}

export type VolunteeringReportRepository = ReturnType<typeof createVolunteeringReportRepository>;
