import type { Db } from '../database.ts';
import { maybeOne } from '../database.ts';
import type { CheckKind, CheckRecord, CheckType, DbsStatusCheck, DbsStatusResult, RecruitmentStep } from '../../domain/volunteer-checks.ts';
import type { Volunteer } from '../../domain/volunteer.ts';

/** An expression of interest sent through the public "Volunteer with us" form (no account). */
export type VolunteerInterest = {
  id: string;
  organisationId: string;
  organisationName: string;
  volunteerRoleId: string;
  roleName: string;
  roleKind: 'buddy' | 'connector';
  knownAs: string;
  contactPreference: Volunteer['contactPreference'];
  email: string | null;
  phone: string | null;
  postcode: string | null;
  about: string;
  consentedAt: Date;
  conversationOn: string | null;
  createdAt: Date;
  /** It came from the volunteer form sent at the end of a prescription (decision 034). */
  fromPrescription: boolean;
};

export type NewInterest = Pick<
  VolunteerInterest,
  'organisationId' | 'volunteerRoleId' | 'knownAs' | 'contactPreference' | 'email' | 'phone' | 'postcode' | 'about'
> & { pathwayId?: string | null };

/** A role that recruits through the public form, with where it is and its buddy scheme. */
export type RecruitingRole = { id: string; name: string; organisationId: string; organisationName: string; description: string; buddyScheme: string | null };

export type StepRecord = { volunteerId: string; step: RecruitmentStep; doneOn: string; recordedByName: string | null };

/** Something that expires for a volunteer who has not stopped: a check record or an Update Service status check. */
export type ExpiringItem = {
  kind: 'check' | 'dbs_status';
  id: string;
  volunteerId: string;
  name: string;
  expiresOn: string;
};

/** Date columns arrive as 'YYYY-MM-DD' text (data/database.ts). */
const day = (v: unknown): string => String(v).slice(0, 10);

type InterestRow = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  volunteer_role_id: string;
  role_name: string;
  role_kind: 'buddy' | 'connector';
  known_as: string;
  contact_preference: Volunteer['contactPreference'];
  email: string | null;
  phone: string | null;
  postcode: string | null;
  about: string;
  consented_at: Date;
  conversation_on: Date | string | null;
  created_at: Date;
  pathway_id: string | null;
};

const INTEREST = `select i.*, o.name as organisation_name, r.name as role_name, r.kind as role_kind
  from volunteer_interests i join organisations o on o.id = i.organisation_id join volunteer_roles r on r.id = i.volunteer_role_id`;

const toInterest = (r: InterestRow): VolunteerInterest => ({
  id: r.id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  volunteerRoleId: r.volunteer_role_id,
  roleName: r.role_name,
  roleKind: r.role_kind,
  knownAs: r.known_as,
  contactPreference: r.contact_preference,
  email: r.email,
  phone: r.phone,
  postcode: r.postcode,
  about: r.about,
  consentedAt: new Date(r.consented_at),
  conversationOn: r.conversation_on === null ? null : day(r.conversation_on),
  createdAt: new Date(r.created_at),
  fromPrescription: r.pathway_id !== null,
});

type TypeRow = { id: string; code: string; name: string; kind: CheckKind; dbs_level: CheckType['dbsLevel']; valid_months: number | null };
const toType = (r: TypeRow): CheckType => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, dbsLevel: r.dbs_level, validMonths: r.valid_months });

/** Recruitment, training and checks of volunteers (issue 9 part A). */
export function createVolunteerRecruitmentRepository(db: Db) {
  return {
    // Expressions of interest.

    /** Roles people can volunteer for through the public form: at approved organisations. */
    async recruitingRoles(): Promise<RecruitingRole[]> {
      return db.query<RecruitingRole>(
        `select r.id, r.name, r.organisation_id as "organisationId", o.name as "organisationName", r.description,
                (select b.name from buddy_schemes b where b.organisation_id = o.id and b.active order by b.name limit 1) as "buddyScheme"
           from volunteer_roles r join organisations o on o.id = r.organisation_id
          where o.status = 'approved' order by o.name, r.name, r.id`,
      );
    },

    async insertInterest(i: NewInterest, at: Date, tx: Db = db): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into volunteer_interests (organisation_id, volunteer_role_id, known_as, contact_preference, email, phone, postcode, about, consented_at, created_at, pathway_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) returning id`,
        [i.organisationId, i.volunteerRoleId, i.knownAs, i.contactPreference, i.email, i.phone, i.postcode, i.about, at, i.pathwayId ?? null],
      );
      return row!.id;
    },

    async interestsOf(organisationIds: readonly string[]): Promise<VolunteerInterest[]> {
      if (organisationIds.length === 0) return [];
      const rows = await db.query<InterestRow>(`${INTEREST} where i.organisation_id = any($1::uuid[]) order by i.created_at, i.id`, [organisationIds]);
      return rows.map(toInterest);
    },

    async findInterest(id: string, tx: Db = db): Promise<VolunteerInterest | undefined> {
      const r = await maybeOne<InterestRow>(tx, `${INTEREST} where i.id = $1`, [id]);
      return r && toInterest(r);
    },

    async recordConversation(id: string, on: string, by: string, tx: Db = db) {
      await tx.query('update volunteer_interests set conversation_on = $2, conversation_by = $3 where id = $1', [id, on, by]);
    },

    /** Deletes it; false when it had gone already (invited or closed a moment earlier). */
    /** An invited expression of interest that came from a prescription: its pathway counts a new volunteer (decision 034). */
    async markPathwayVolunteer(interestId: string, at: Date, tx: Db = db): Promise<void> {
      await tx.query(
        'update volunteer_pathways set volunteer_at = coalesce(volunteer_at, $2) where id = (select pathway_id from volunteer_interests where id = $1)',
        [interestId, at],
      );
    },

    async deleteInterest(id: string, tx: Db = db): Promise<boolean> {
      return (await tx.query('delete from volunteer_interests where id = $1 returning id', [id])).length === 1;
    },

    /** Least data: expressions of interest sent before `before` that went nowhere. */
    async purgeInterests(before: Date): Promise<number> {
      return (await db.query('delete from volunteer_interests where created_at < $1 returning id', [before])).length;
    },

    /**
     * The account of an invited volunteer, a member of their host organisation; its password is random
     * until they choose one through the invitation. Undefined when the address already has an account.
     */
    async insertInvitedUser(
      u: { email: string; displayName: string; passwordHash: string; role: 'buddy' | 'connector'; schemeId: string; organisationId: string },
      at: Date,
      tx: Db,
    ): Promise<string | undefined> {
      const row = await maybeOne<{ id: string }>(
        tx,
        `insert into users (email, display_name, password_hash, role, scheme_id, created_at, password_changed_at)
         values ($1, $2, $3, $4, $5, $6, $6) on conflict (email) do nothing returning id`,
        [u.email.toLowerCase(), u.displayName, u.passwordHash, u.role, u.schemeId, at],
      );
      if (row) await tx.query('insert into memberships (user_id, organisation_id, created_at) values ($1, $2, $3)', [row.id, u.organisationId, at]);
      return row?.id;
    },

    // Training and check types, and what each role requires.

    async checkTypes(tx: Db = db): Promise<CheckType[]> {
      return (await tx.query<TypeRow>(`select * from volunteer_check_types order by kind desc, name`)).map(toType);
    },

    async checkType(id: string, tx: Db = db): Promise<CheckType | undefined> {
      const r = await maybeOne<TypeRow>(tx, 'select * from volunteer_check_types where id = $1', [id]);
      return r && toType(r);
    },

    /** A new type; undefined when the name or code is taken. */
    async insertCheckType(t: Omit<CheckType, 'id'>, at: Date, tx: Db = db): Promise<string | undefined> {
      const row = await maybeOne<{ id: string }>(
        tx,
        `insert into volunteer_check_types (code, name, kind, dbs_level, valid_months, created_at) values ($1, $2, $3, $4, $5, $6)
         on conflict do nothing returning id`,
        [t.code, t.name, t.kind, t.dbsLevel, t.validMonths, at],
      );
      return row?.id;
    },

    /** Role id → the type ids it requires. */
    async requirements(roleIds: readonly string[], tx: Db = db): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>(roleIds.map((id) => [id, []]));
      if (roleIds.length === 0) return map;
      const rows = await tx.query<{ role: string; type: string }>(
        `select volunteer_role_id as role, check_type_id as type from volunteer_role_requirements where volunteer_role_id = any($1::uuid[])`,
        [roleIds],
      );
      for (const r of rows) map.get(r.role)?.push(r.type);
      return map;
    },

    async requireForRoles(typeId: string, roleIds: readonly string[], tx: Db = db) {
      for (const roleId of roleIds) {
        await tx.query('insert into volunteer_role_requirements (volunteer_role_id, check_type_id) values ($1, $2) on conflict do nothing', [roleId, typeId]);
      }
    },

    // Records: checks done, Update Service status checks, recruitment steps.

    async checksOf(volunteerIds: readonly string[], tx: Db = db): Promise<CheckRecord[]> {
      if (volunteerIds.length === 0) return [];
      const rows = await tx.query<{
        id: string;
        volunteer_id: string;
        check_type_id: string;
        done_on: Date | string;
        expires_on: Date | string | null;
        reference: string | null;
        checked_by_name: string | null;
      }>(
        `select c.id, c.volunteer_id, c.check_type_id, c.done_on, c.expires_on, c.reference, u.display_name as checked_by_name
           from volunteer_checks c left join users u on u.id = c.checked_by
          where c.volunteer_id = any($1::uuid[]) order by c.done_on desc, c.created_at desc`,
        [volunteerIds],
      );
      return rows.map((r) => ({
        id: r.id,
        volunteerId: r.volunteer_id,
        checkTypeId: r.check_type_id,
        doneOn: day(r.done_on),
        expiresOn: r.expires_on === null ? null : day(r.expires_on),
        reference: r.reference,
        checkedByName: r.checked_by_name,
      }));
    },

    async insertCheck(
      c: { volunteerId: string; checkTypeId: string; doneOn: string; expiresOn: string | null; reference: string | null; checkedBy: string },
      at: Date,
      tx: Db = db,
    ): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into volunteer_checks (volunteer_id, check_type_id, done_on, expires_on, reference, checked_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [c.volunteerId, c.checkTypeId, c.doneOn, c.expiresOn, c.reference, c.checkedBy, at],
      );
      return row!.id;
    },

    async statusChecksOf(volunteerIds: readonly string[], tx: Db = db): Promise<DbsStatusCheck[]> {
      if (volunteerIds.length === 0) return [];
      const rows = await tx.query<{
        id: string;
        volunteer_id: string;
        checked_on: Date | string;
        consent_on: Date | string;
        result: DbsStatusResult;
        checked_by_name: string | null;
      }>(
        `select s.id, s.volunteer_id, s.checked_on, s.consent_on, s.result, u.display_name as checked_by_name
           from volunteer_dbs_status_checks s left join users u on u.id = s.checked_by
          where s.volunteer_id = any($1::uuid[]) order by s.checked_on desc, s.created_at desc`,
        [volunteerIds],
      );
      return rows.map((r) => ({
        id: r.id,
        volunteerId: r.volunteer_id,
        checkedOn: day(r.checked_on),
        consentOn: day(r.consent_on),
        result: r.result,
        checkedByName: r.checked_by_name,
      }));
    },

    async insertStatusCheck(
      s: { volunteerId: string; checkedOn: string; consentOn: string; result: DbsStatusResult; checkedBy: string },
      at: Date,
      tx: Db = db,
    ): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `insert into volunteer_dbs_status_checks (volunteer_id, checked_on, consent_on, result, checked_by, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [s.volunteerId, s.checkedOn, s.consentOn, s.result, s.checkedBy, at],
      );
      return row!.id;
    },

    async stepsOf(volunteerIds: readonly string[], tx: Db = db): Promise<StepRecord[]> {
      if (volunteerIds.length === 0) return [];
      const rows = await tx.query<{ volunteer_id: string; step: RecruitmentStep; done_on: Date | string; recorded_by_name: string | null }>(
        `select s.volunteer_id, s.step, s.done_on, u.display_name as recorded_by_name
           from volunteer_recruitment_steps s left join users u on u.id = s.recorded_by where s.volunteer_id = any($1::uuid[])`,
        [volunteerIds],
      );
      return rows.map((r) => ({ volunteerId: r.volunteer_id, step: r.step, doneOn: day(r.done_on), recordedByName: r.recorded_by_name }));
    },

    /** Records a step's date (a later record of the same step replaces its date). */
    async recordStep(s: { volunteerId: string; step: RecruitmentStep; doneOn: string; recordedBy: string }, at: Date, tx: Db = db) {
      await tx.query(
        `insert into volunteer_recruitment_steps (volunteer_id, step, done_on, recorded_by, created_at) values ($1, $2, $3, $4, $5)
         on conflict (volunteer_id, step) do update set done_on = excluded.done_on, recorded_by = excluded.recorded_by, created_at = excluded.created_at`,
        [s.volunteerId, s.step, s.doneOn, s.recordedBy, at],
      );
    },

    // Expiry reminders.

    /**
     * The current records (the latest of each type per volunteer) and the latest Update Service status
     * check of each volunteer who has not stopped, expiring from `from` to `to` (days, inclusive).
     */
    async expiringBetween(from: string, to: string): Promise<ExpiringItem[]> {
      const rows = await db.query<{ kind: 'check' | 'dbs_status'; id: string; volunteer_id: string; name: string; expires_on: Date | string }>(
        `with latest as (
           select distinct on (c.volunteer_id, c.check_type_id) c.id, c.volunteer_id, t.name, c.expires_on, c.done_on, t.dbs_level
             from volunteer_checks c join volunteer_check_types t on t.id = c.check_type_id
            order by c.volunteer_id, c.check_type_id, c.done_on desc, c.created_at desc
         ), latest_status as (
           select distinct on (s.volunteer_id) s.id, s.volunteer_id, s.checked_on, s.result
             from volunteer_dbs_status_checks s order by s.volunteer_id, s.checked_on desc, s.created_at desc
         ), items as (
           -- A DBS certificate whose review date an Update Service check (no change) moved on is reminded of through that check.
           select 'check' as kind, l.id, l.volunteer_id, l.name, l.expires_on from latest l
            where l.expires_on is not null
              and not (l.dbs_level is not null and exists (
                select 1 from latest_status s where s.volunteer_id = l.volunteer_id and s.result = 'no_change'
                   and s.checked_on >= l.done_on and (s.checked_on + interval '12 months')::date > l.expires_on))
           union all
           select 'dbs_status', id, volunteer_id, 'DBS Update Service status check', (checked_on + interval '12 months')::date
             from latest_status where result = 'no_change'
         )
         select i.* from items i join volunteers v on v.id = i.volunteer_id
          where v.status <> 'stopped' and i.expires_on between $1::date and $2::date
          order by i.expires_on, i.id`,
        [from, to],
      );
      return rows.map((r) => ({ kind: r.kind, id: r.id, volunteerId: r.volunteer_id, name: r.name, expiresOn: day(r.expires_on) }));
    },

    /** Claims one reminder: true only for the first caller (it sends the messages in the same transaction). */
    async claimReminder(kind: ExpiringItem['kind'], itemId: string, daysBefore: number, at: Date, tx: Db): Promise<boolean> {
      const rows = await tx.query(
        `insert into volunteer_expiry_reminders (item_kind, item_id, days_before, sent_at) values ($1, $2, $3, $4)
         on conflict do nothing returning item_id`,
        [kind, itemId, daysBefore, at],
      );
      return rows.length === 1;
    },

    /** The volunteer leads of an organisation (its volunteer_lead members), for reminders. */
    async leadsOf(organisationId: string, tx: Db = db): Promise<{ userId: string; email: string }[]> {
      return tx.query<{ userId: string; email: string }>(
        `select u.id as "userId", u.email from memberships m join users u on u.id = m.user_id
          where m.organisation_id = $1 and u.role = 'volunteer_lead' and u.disabled_at is null order by u.email`,
        [organisationId],
      );
    },
  };
}

export type VolunteerRecruitmentRepository = ReturnType<typeof createVolunteerRecruitmentRepository>;
