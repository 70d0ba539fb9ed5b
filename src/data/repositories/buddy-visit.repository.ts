import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { LoneWorkingSettings, VisitFields, VisitStatus } from '../../domain/buddy-visit.ts';

/**
 * Accompanied visits (decision 028). Alerts are in visit-alert.repository.ts, the match list in
 * buddy-match.repository.ts, proposals in buddy-proposal.repository.ts.
 */

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

export const date = (d: Date | null) => (d ? new Date(d) : null);
export const firstName = (name: string | null) => (name ? (name.trim().split(/\s+/)[0] ?? null) : null);

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

export type VolunteerHours = { month: string; volunteer: string; organisation: string; visits: number; minutes: number };

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
