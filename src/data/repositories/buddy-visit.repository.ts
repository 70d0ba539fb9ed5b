import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { BuddyCandidate, BuddyNeed } from '../../domain/buddy-matching.ts';
import type { AlertReason, LoneWorkingSettings, VisitFields, VisitStatus } from '../../domain/buddy-visit.ts';

/** A visit with what the people around it need: the buddy, the scheme's settings, the person's first name. */
export type BuddyVisit = {
  id: string;
  referralId: string;
  volunteerId: string;
  volunteerKnownAs: string;
  volunteerUserId: string | null;
  volunteerOrganisationId: string;
  buddySchemeId: string;
  buddySchemeName: string;
  buddySchemeOrganisationId: string;
  activityId: string | null;
  activityTitle: string | null;
  sessionDate: string;
  meetsAt: Date;
  meetingPoint: string;
  status: VisitStatus;
  checkedInAt: Date | null;
  expectedEndAt: Date | null;
  checkedOutAt: Date | null;
  happened: boolean | null;
  durationMinutes: number | null;
  personSeemed: string | null;
  noteForLead: string | null;
  recordedAt: Date | null;
  /** The person's first name (as they like to be called); null once anonymised. */
  personFirstName: string | null;
  supportNeeds: string;
  /** Only where the person consented to share with the provider. */
  whatMatters: string | null;
  settings: LoneWorkingSettings;
  safeguarding: { name: string | null; phone: string | null; email: string | null };
};

type Row = {
  id: string;
  referral_id: string;
  volunteer_id: string;
  known_as: string;
  volunteer_user_id: string | null;
  volunteer_organisation_id: string;
  buddy_scheme_id: string;
  buddy_scheme_name: string;
  buddy_scheme_organisation_id: string;
  activity_id: string | null;
  activity_title: string | null;
  session_date: string;
  meets_at: Date;
  meeting_point: string;
  status: VisitStatus;
  checked_in_at: Date | null;
  expected_end_at: Date | null;
  checked_out_at: Date | null;
  happened: boolean | null;
  duration_minutes: number | null;
  person_seemed: string | null;
  note_for_lead: string | null;
  recorded_at: Date | null;
  preferred_name: string | null;
  support_needs: string;
  what_matters: string | null;
  shares: boolean;
  checkout_grace_minutes: number;
  escalate_after_minutes: number;
  safeguarding_name: string | null;
  safeguarding_phone: string | null;
  safeguarding_email: string | null;
};

const SELECT = `select bv.*, to_char(bv.session_date, 'YYYY-MM-DD') as session_date, v.known_as, v.user_id as volunteer_user_id,
    v.organisation_id as volunteer_organisation_id, r.buddy_scheme_id, b.name as buddy_scheme_name, b.organisation_id as buddy_scheme_organisation_id,
    a.title as activity_title, p.preferred_name, r.support_needs, p.what_matters,
    exists (select 1 from consents c where c.participant_id = p.id and c.purpose = 'share_with_provider' and c.withdrawn_at is null) as shares,
    b.checkout_grace_minutes, b.escalate_after_minutes, b.safeguarding_name, b.safeguarding_phone, b.safeguarding_email
  from buddy_visits bv
  join volunteers v on v.id = bv.volunteer_id
  join referrals r on r.id = bv.referral_id
  join buddy_schemes b on b.id = r.buddy_scheme_id
  left join activities a on a.id = bv.activity_id
  left join participants p on p.id = r.participant_id and p.anonymised_at is null`;

const date = (d: Date | null) => (d ? new Date(d) : null);
const firstName = (name: string | null) => (name ? (name.trim().split(/\s+/)[0] ?? null) : null);

const toVisit = (r: Row): BuddyVisit => ({
  id: r.id,
  referralId: r.referral_id,
  volunteerId: r.volunteer_id,
  volunteerKnownAs: r.known_as,
  volunteerUserId: r.volunteer_user_id,
  volunteerOrganisationId: r.volunteer_organisation_id,
  buddySchemeId: r.buddy_scheme_id,
  buddySchemeName: r.buddy_scheme_name,
  buddySchemeOrganisationId: r.buddy_scheme_organisation_id,
  activityId: r.activity_id,
  activityTitle: r.activity_title,
  sessionDate: r.session_date,
  meetsAt: new Date(r.meets_at),
  meetingPoint: r.meeting_point,
  status: r.status,
  checkedInAt: date(r.checked_in_at),
  expectedEndAt: date(r.expected_end_at),
  checkedOutAt: date(r.checked_out_at),
  happened: r.happened,
  durationMinutes: r.duration_minutes,
  personSeemed: r.person_seemed,
  noteForLead: r.note_for_lead,
  recordedAt: date(r.recorded_at),
  personFirstName: firstName(r.preferred_name),
  supportNeeds: r.support_needs,
  whatMatters: r.shares && r.what_matters ? r.what_matters : null,
  settings: { graceMinutes: r.checkout_grace_minutes, escalateAfterMinutes: r.escalate_after_minutes },
  safeguarding: { name: r.safeguarding_name, phone: r.safeguarding_phone, email: r.safeguarding_email },
});

export type NewVisit = {
  referralId: string;
  volunteerId: string;
  activityId: string;
  sessionDate: string;
  meetsAt: Date;
  meetingPoint: string;
  plannedBy: string;
};

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

export type VolunteerHours = { month: string; volunteer: string; organisation: string; visits: number; minutes: number };

export type PlannableReferral = { id: string; personFirstName: string | null; buddySchemeName: string; activityTitle: string | null; visits: number };

export type AlertStep = 'raised' | 'lead_told' | 'safeguarding_told' | 'emergency_contact_shown' | 'acknowledged' | 'checked_out';

export function createBuddyVisitRepository(db: Db) {
  const repo = {
    async find(id: string, tx: Db = db): Promise<BuddyVisit | undefined> {
      const r = await maybeOne<Row>(tx, `${SELECT} where bv.id = $1`, [id]);
      return r && toVisit(r);
    },

    /** Locks the visit row for a change (check-in, check-out...), so two posts at once run one after the other. */
    async lock(id: string, tx: Db): Promise<void> {
      await tx.query('select id from buddy_visits where id = $1 for update', [id]);
    },

    async insert(v: NewVisit, now: Date, tx: Db = db): Promise<string> {
      const row = await one<{ id: string }>(
        tx,
        `insert into buddy_visits (referral_id, volunteer_id, activity_id, session_date, meets_at, meeting_point, planned_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id`,
        [v.referralId, v.volunteerId, v.activityId, v.sessionDate, v.meetsAt, v.meetingPoint, v.plannedBy, now],
      );
      return row.id;
    },

    /** Writes a change decided on `from`; false when the visit moved on meanwhile. */
    async update(id: string, from: VisitStatus, fields: VisitFields, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update buddy_visits set status = coalesce($3, status), checked_in_at = coalesce($4, checked_in_at), expected_end_at = coalesce($5, expected_end_at),
           checked_out_at = coalesce($6, checked_out_at), updated_at = $7
         where id = $1 and status = $2 returning id`,
        [id, from, fields.status ?? null, fields.checkedInAt ?? null, fields.expectedEndAt ?? null, fields.checkedOutAt ?? null, now],
      );
      return rows.length === 1;
    },

    async recordAfter(
      id: string,
      r: { happened: boolean; durationMinutes: number | null; personSeemed: string | null; noteForLead: string | null },
      now: Date,
      tx: Db = db,
    ): Promise<boolean> {
      const rows = await tx.query<{ id: string }>(
        `update buddy_visits set happened = $2, duration_minutes = $3, person_seemed = $4, note_for_lead = $5, recorded_at = $6, updated_at = $6
         where id = $1 and status in ('checked_out', 'planned') and recorded_at is null returning id`,
        [id, r.happened, r.durationMinutes, r.personSeemed, r.noteForLead, now],
      );
      return rows.length === 1;
    },

    /** A buddy's visits from `since` on (and any still running), soonest first. */
    async forVolunteer(volunteerId: string, since: Date, tx: Db = db): Promise<BuddyVisit[]> {
      const rows = await tx.query<Row>(
        `${SELECT} where bv.volunteer_id = $1 and (bv.meets_at >= $2 or bv.status = 'checked_in' or (bv.status = 'checked_out' and bv.recorded_at is null))
         and bv.status <> 'cancelled' order by bv.meets_at, bv.id`,
        [volunteerId, since],
      );
      return rows.map(toVisit);
    },

    async forReferral(referralId: string, tx: Db = db): Promise<BuddyVisit[]> {
      const rows = await tx.query<Row>(`${SELECT} where bv.referral_id = $1 order by bv.meets_at, bv.id`, [referralId]);
      return rows.map(toVisit);
    },

    /** Visits of buddy schemes run by these organisations or of their volunteers (a lead's), from `since`. */
    async forOrganisations(organisationIds: string[], since: Date, tx: Db = db): Promise<BuddyVisit[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.query<Row>(
        `${SELECT} where (b.organisation_id = any($1::uuid[]) or v.organisation_id = any($1::uuid[])) and (bv.meets_at >= $2 or bv.status = 'checked_in')
         order by bv.meets_at, bv.id`,
        [organisationIds, since],
      );
      return rows.map(toVisit);
    },

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
      const visit = await repo.find(a.visit_id, tx);
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

    /** Buddy-scheme referrals of these organisations that the scheme has taken on: visits can be planned for them. */
    async referralsToPlan(organisationIds: string[], tx: Db = db): Promise<PlannableReferral[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.query<{ id: string; preferred_name: string | null; scheme_name: string; activity_title: string | null; visits: number }>(
        `select r.id, p.preferred_name, b.name as scheme_name, a.title as activity_title,
           (select count(*)::int from buddy_visits bv where bv.referral_id = r.id and bv.status <> 'cancelled') as visits
         from referrals r join buddy_schemes b on b.id = r.buddy_scheme_id
         left join participants p on p.id = r.participant_id and p.anonymised_at is null
         left join activities a on a.id = r.accompany_activity_id
         where r.target = 'buddy_scheme' and r.provider_organisation_id = any($1::uuid[]) and r.sent_at is not null
           and r.status in ('accepted', 'first_visit_planned', 'attending')
         order by r.responded_at, r.id`,
        [organisationIds],
      );
      return rows.map((r) => ({
        id: r.id,
        personFirstName: firstName(r.preferred_name),
        buddySchemeName: r.scheme_name,
        activityTitle: r.activity_title,
        visits: r.visits,
      }));
    },

    /** A buddy scheme's buddies with how many other people they go with now (visits planned or under way). */
    async buddyCandidates(buddySchemeId: string, forReferralId: string, tx: Db = db): Promise<BuddyCandidate[]> {
      const rows = await tx.query<Record<string, unknown>>(
        `select v.id, v.known_as, v.organisation_id, r.strand, v.status, v.easting, v.northing, v.travel_miles, v.languages, v.availability, v.interests,
           v.capacity, v.gender,
           (select count(distinct bv.referral_id)::int from buddy_visits bv where bv.volunteer_id = v.id and bv.status in ('planned', 'checked_in') and bv.referral_id <> $2) as load
         from volunteers v join volunteer_roles r on r.id = v.volunteer_role_id
         where v.buddy_scheme_id = $1 and r.kind = 'buddy' order by v.known_as, v.id`,
        [buddySchemeId, forReferralId],
      );
      return rows.map((r) => ({
        id: String(r.id),
        knownAs: String(r.known_as),
        organisationId: String(r.organisation_id),
        strand: r.strand as BuddyCandidate['strand'],
        status: r.status as BuddyCandidate['status'],
        easting: r.easting as number | null,
        northing: r.northing as number | null,
        travelMiles: Number(r.travel_miles),
        languages: r.languages as string[],
        availability: r.availability as string[],
        interests: r.interests as string[],
        capacity: Number(r.capacity),
        load: Number(r.load),
        gender: r.gender as BuddyCandidate['gender'],
      }));
    },

    /** What matching needs about the referral: where the activity is, whose it is, its sessions, the person's interests and languages. */
    async matchNeed(referralId: string, tx: Db = db): Promise<BuddyNeed | undefined> {
      const r = await maybeOne<Record<string, unknown>>(
        tx,
        `select r.buddy_preference, a.organisation_id, pl.easting, pl.northing, coalesce(a.activity_types, '{}') as activity_types,
           coalesce(p.interests, '{}') as interests, coalesce(p.languages, '{}') as languages
         from referrals r left join activities a on a.id = r.accompany_activity_id left join places pl on pl.id = a.place_id
         left join participants p on p.id = r.participant_id and p.anonymised_at is null where r.id = $1`,
        [referralId],
      );
      if (!r) return undefined;
      const sessions = await tx.query<{ weekday: number | null; start_date: string; start_time: string }>(
        `select s.weekday, to_char(s.start_date, 'YYYY-MM-DD') as start_date, s.start_time::text as start_time
         from activity_sessions s join referrals r on r.accompany_activity_id = s.activity_id where r.id = $1`,
        [referralId],
      );
      const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
      const isoWeekday = (d: string) => ((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
      return {
        meetAt: r.easting == null ? null : { easting: Number(r.easting), northing: Number(r.northing) },
        activityOrganisationId: (r.organisation_id as string | null) ?? null,
        sessions: sessions.map((s) => ({ day: DAYS[(s.weekday ?? isoWeekday(s.start_date)) - 1]!, time: s.start_time.slice(0, 5) })),
        interests: [...new Set([...(r.interests as string[]), ...(r.activity_types as string[])])],
        languages: r.languages as string[],
        preference: (r.buddy_preference as 'woman' | 'man' | null) ?? null,
      };
    },

    /**
     * Volunteer hours from visits that happened (the buddy's recorded length, else check-in to
     * check-out), per volunteer, host organisation and month (London), newest month first.
     */
    async hoursByMonth(organisationIds: string[], tx: Db = db): Promise<VolunteerHours[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.query<{ month: string; volunteer: string; organisation: string; visits: number; minutes: number }>(
        `select to_char(bv.meets_at at time zone 'Europe/London', 'YYYY-MM') as month, v.known_as as volunteer, o.name as organisation,
           count(*)::int as visits,
           sum(coalesce(bv.duration_minutes, round(extract(epoch from (bv.checked_out_at - bv.checked_in_at)) / 60)))::int as minutes
         from buddy_visits bv join volunteers v on v.id = bv.volunteer_id join organisations o on o.id = v.organisation_id
         where v.organisation_id = any($1::uuid[]) and bv.status = 'checked_out' and coalesce(bv.happened, true)
         group by 1, v.id, v.known_as, o.name order by 1 desc, o.name, v.known_as`,
        [organisationIds],
      );
      return rows.map((r) => ({ month: r.month, volunteer: r.volunteer, organisation: r.organisation, visits: r.visits, minutes: r.minutes }));
    },

    /** Email addresses of the volunteer leads of an organisation (who hear of alerts first). */
    async leadEmails(organisationId: string, tx: Db = db): Promise<{ id: string; email: string }[]> {
      return tx.query<{ id: string; email: string }>(
        `select u.id, u.email from users u join memberships m on m.user_id = u.id
         where m.organisation_id = $1 and u.role = 'volunteer_lead' and u.disabled_at is null order by u.email`,
        [organisationId],
      );
    },

    async emergencyContact(volunteerId: string, tx: Db = db): Promise<{ name: string | null; phone: string | null }> {
      const r = await one<{ emergency_contact_name: string | null; emergency_contact_phone: string | null }>(
        tx,
        'select emergency_contact_name, emergency_contact_phone from volunteers where id = $1',
        [volunteerId],
      );
      return { name: r.emergency_contact_name, phone: r.emergency_contact_phone };
    },
  };
  return repo;
}

export type BuddyVisitRepository = ReturnType<typeof createBuddyVisitRepository>;
