import { randomBytes } from 'node:crypto';
import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { GeographyRepository } from '../data/repositories/geography.repository.ts';
import type { VolunteerRecruitmentRepository } from '../data/repositories/volunteer-recruitment.repository.ts';
import type { VolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { isFullPostcode, isOutcode, normalisePostcode } from '../domain/contact-details.ts';
import { dbsRequestProblem } from '../domain/dbs-eligibility.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { hashPassword } from '../domain/password.ts';
import { londonDate } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import {
  addDays,
  addMonths,
  reminderDue,
  REMINDER_DAYS,
  lowerFirst,
  shortDate,
  stepsFor,
  type CheckKind,
  type DbsStatusResult,
  type RecruitmentStep,
} from '../domain/volunteer-checks.ts';
import { matchingBlockers } from '../domain/volunteer-readiness.ts';
import type { AccountService } from './account.service.ts';
import type { NotificationService } from './notification.service.ts';
import type { VolunteerReadiness } from './volunteer-readiness.service.ts';

/** Expressions of interest that go nowhere are deleted this many days after they were sent (decision 027). */
export const INTEREST_KEEP_DAYS = 90;

export type InterestInput = {
  volunteerRoleId: string;
  knownAs: string;
  contactPreference: Volunteer['contactPreference'];
  email: string | null;
  phone: string | null;
  postcode: string | null;
  about: string;
};
export type StepInput = { step: RecruitmentStep; doneOn: string };
export type CheckInput = { checkTypeId: string; doneOn: string; expiresOn: string | null; reference: string | null };
export type StatusCheckInput = { checkedOn: string; consentOn: string; result: DbsStatusResult };
export type CheckTypeInput = { name: string; kind: CheckKind; validMonths: number | null; roleIds: string[] };

/**
 * Light-touch recruitment (issue 9 part A): the public "Volunteer with us" form, the lead's
 * conversation and invitation to an account, recruitment steps with dates, training and checks with
 * evidence and expiry together (DBS follows the role), and reminders before anything expires.
 */
export function createVolunteerRecruitmentService(deps: {
  db: Db;
  volunteers: VolunteerRepository;
  recruitment: VolunteerRecruitmentRepository;
  readiness: VolunteerReadiness;
  geography: GeographyRepository;
  accounts: AccountService;
  notifications: NotificationService;
  audit: AuditRepository;
  clock: Clock;
  links: { signIn: string; volunteering: string; volunteer(id: string): string };
}) {
  const { db, volunteers, recruitment, readiness, geography, accounts, notifications, audit, clock, links } = deps;
  const today = () => londonDate(clock.now());

  const mustLead = (user: User) => {
    if (user.role !== 'volunteer_lead') throw new Forbidden();
  };

  async function ledInterest(user: User, id: string) {
    mustLead(user);
    const i = await recruitment.findInterest(id);
    if (!i || !user.organisationIds.includes(i.organisationId)) throw new NotFound('Expression of interest');
    return i;
  }

  async function ledVolunteer(user: User, id: string) {
    mustLead(user);
    const v = await volunteers.find(id);
    if (!v || !user.organisationIds.includes(v.organisationId)) throw new NotFound('Volunteer');
    return v;
  }

  const notLater = (field: string, date: string, what: string) => {
    if (date > today()) throw new ValidationFailed([{ field, message: `${what} must be today or in the past` }]);
  };

  return {
    // The public form.

    recruitingRoles: () => recruitment.recruitingRoles(),

    /** `from`: the volunteer form sent at the end of a prescription, when the link was still open (decision 034). */
    async expressInterest(input: InterestInput, from?: { pathwayId: string; markInterest: (organisationId: string, tx: Db) => Promise<void> }): Promise<void> {
      const role = (await recruitment.recruitingRoles()).find((r) => r.id === input.volunteerRoleId);
      if (!role) throw new ValidationFailed([{ field: 'volunteerRoleId', message: 'Choose how you would like to volunteer' }]);
      let postcode: string | null = null;
      if (input.postcode) {
        const code = normalisePostcode(input.postcode);
        if (!isFullPostcode(code) && !isOutcode(code))
          throw new ValidationFailed([{ field: 'postcode', message: 'Enter a real postcode, like NG7 2RD, or leave it blank' }]);
        postcode = code;
      }
      await db.transaction(async (tx) => {
        const id = await recruitment.insertInterest(
          { ...input, postcode, organisationId: role.organisationId, pathwayId: from?.pathwayId ?? null },
          clock.now(),
          tx,
        );
        if (from) await from.markInterest(role.organisationId, tx);
        await audit.record({ actorId: null, action: 'volunteer_interest.received', subjectType: 'volunteer_interest', subjectId: id }, tx);
      });
    },

    // The volunteer lead's expressions of interest.

    async interests(user: User) {
      mustLead(user);
      return recruitment.interestsOf(user.organisationIds);
    },

    async interest(user: User, id: string) {
      const i = await ledInterest(user, id);
      await audit.record({ actorId: user.id, action: 'volunteer_interest.viewed', subjectType: 'volunteer_interest', subjectId: id });
      return i;
    },

    /** Checks the lead may see it (404 otherwise), for forms about it. */
    ledInterest,

    async recordConversation(user: User, id: string, on: string) {
      await ledInterest(user, id);
      notLater('conversationOn', on, 'The date of the conversation');
      await db.transaction(async (tx) => {
        await recruitment.recordConversation(id, on, user.id, tx);
        await audit.record({ actorId: user.id, action: 'volunteer_interest.conversation_recorded', subjectType: 'volunteer_interest', subjectId: id }, tx);
      });
    },

    /**
     * Invites the person to an account: a buddy (or connector, for connector roles) account, a
     * volunteer record in recruitment with the conversation's date, and an email with a one-time link
     * to choose a password. The expression of interest is deleted: the volunteer record takes over.
     */
    async invite(user: User, id: string, email: string): Promise<string> {
      const i = await ledInterest(user, id);
      const role = (await volunteers.role(i.volunteerRoleId))!;
      const [org] = await db.query<{ scheme_id: string }>('select scheme_id from organisations where id = $1', [i.organisationId]);
      const [buddyScheme] = await db.query<{ id: string }>('select id from buddy_schemes where organisation_id = $1 order by active desc, name limit 1', [
        i.organisationId,
      ]);
      let position: { easting: number; northing: number } | undefined;
      if (i.postcode) position = isFullPostcode(i.postcode) ? await geography.findPostcode(i.postcode) : await geography.findOutcode(i.postcode);
      const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
      const volunteerId = await db.transaction(async (tx) => {
        const now = clock.now();
        const userId = await recruitment.insertInvitedUser(
          { email, displayName: i.knownAs, passwordHash, role: role.kind, schemeId: org!.scheme_id, organisationId: i.organisationId },
          now,
          tx,
        );
        if (!userId) throw new ValidationFailed([{ field: 'email', message: 'This email address already has a Waymark account. Enter another one' }]);
        await recruitment.markPathwayVolunteer(id, now, tx);
        if (!(await recruitment.deleteInterest(id, tx))) throw new NotFound('Expression of interest');
        const volunteerId = await volunteers.insertFromInterest(
          {
            userId,
            organisationId: i.organisationId,
            schemeId: org!.scheme_id,
            roleId: role.id,
            buddySchemeId: role.kind === 'buddy' ? (buddyScheme?.id ?? null) : null,
            knownAs: i.knownAs,
            contactPreference: i.contactPreference === 'email' || !i.phone ? 'email' : i.contactPreference,
            email,
            phone: i.phone,
            postcode: position ? i.postcode : null,
            easting: position?.easting ?? null,
            northing: position?.northing ?? null,
          },
          now,
          tx,
        );
        if (i.conversationOn) await recruitment.recordStep({ volunteerId, step: 'conversation', doneOn: i.conversationOn, recordedBy: user.id }, now, tx);
        await accounts.sendInvitation(tx, { userId, email, knownAs: i.knownAs, organisationName: i.organisationName, invitedBy: user.displayName });
        await audit.record(
          { actorId: user.id, action: 'volunteer.invited', subjectType: 'volunteer', subjectId: volunteerId, detail: { role: role.name } },
          tx,
        );
        return volunteerId;
      });
      await accounts.deliverInvitations();
      return volunteerId;
    },

    /** Not going ahead: the expression of interest is deleted now. */
    async closeInterest(user: User, id: string) {
      await ledInterest(user, id);
      await db.transaction(async (tx) => {
        await recruitment.deleteInterest(id, tx);
        await audit.record({ actorId: user.id, action: 'volunteer_interest.closed', subjectType: 'volunteer_interest', subjectId: id }, tx);
      });
    },

    /** The purge job: expressions of interest older than INTEREST_KEEP_DAYS that went nowhere. */
    async purgeOldInterests(now: Date): Promise<number> {
      const n = await recruitment.purgeInterests(new Date(now.getTime() - INTEREST_KEEP_DAYS * 86_400_000));
      if (n > 0)
        await audit.record({
          actorId: null,
          action: 'volunteer_interest.purged',
          subjectType: 'job',
          subjectId: 'purge-volunteer-interests',
          detail: { count: n },
        });
      return n;
    },

    // Recruitment steps, training and checks (the volunteer's lead).

    async recordStep(user: User, volunteerId: string, input: StepInput) {
      const v = await ledVolunteer(user, volunteerId);
      const role = (await volunteers.role(v.volunteerRoleId))!;
      if (!stepsFor(role).includes(input.step)) throw new ValidationFailed([{ field: 'step', message: `The ${role.name} role does not need references` }]);
      notLater('doneOn', input.doneOn, 'The date');
      if (input.step === 'ready') {
        const readinessInput = (await readiness.inputs([v.id], clock.now())).get(v.id)!;
        const missing = matchingBlockers({ ...readinessInput, status: 'ready' });
        if (missing.length > 0) throw new ValidationFailed([{ field: 'step', message: `${v.knownAs} is not ready yet: ${missing.join('; ')}` }]);
      }
      await db.transaction(async (tx) => {
        await recruitment.recordStep({ volunteerId, step: input.step, doneOn: input.doneOn, recordedBy: user.id }, clock.now(), tx);
        if (input.step === 'ready') await volunteers.setStatus(volunteerId, ['in_recruitment'], 'ready', clock.now(), tx);
        await audit.record(
          { actorId: user.id, action: 'volunteer.step_recorded', subjectType: 'volunteer', subjectId: volunteerId, detail: { step: input.step } },
          tx,
        );
      });
    },

    async checkTypes() {
      return recruitment.checkTypes();
    },

    /** Records a training or check; a DBS check at a level the role is not eligible for is refused with the reason. */
    async recordCheck(user: User, volunteerId: string, input: CheckInput) {
      const v = await ledVolunteer(user, volunteerId);
      const type = await recruitment.checkType(input.checkTypeId);
      if (!type) throw new ValidationFailed([{ field: 'checkTypeId', message: 'Choose the training or check' }]);
      if (type.dbsLevel) {
        const problem = dbsRequestProblem((await volunteers.role(v.volunteerRoleId))!, type.dbsLevel);
        if (problem) throw new ValidationFailed([{ field: 'checkTypeId', message: problem }]);
      }
      notLater('doneOn', input.doneOn, 'The date it was done');
      const expiresOn = input.expiresOn ?? (type.validMonths ? addMonths(input.doneOn, type.validMonths) : null);
      if (expiresOn !== null && expiresOn <= input.doneOn) {
        throw new ValidationFailed([{ field: 'expiresOn', message: 'The expiry or review date must be after the date it was done' }]);
      }
      await db.transaction(async (tx) => {
        const id = await recruitment.insertCheck({ volunteerId, ...input, expiresOn, checkedBy: user.id }, clock.now(), tx);
        await audit.record(
          { actorId: user.id, action: 'volunteer.check_recorded', subjectType: 'volunteer', subjectId: volunteerId, detail: { check: id, type: type.code } },
          tx,
        );
      });
    },

    /** A DBS Update Service status check (with the volunteer's consent); due again after 12 months. */
    async recordStatusCheck(user: User, volunteerId: string, input: StatusCheckInput) {
      const v = await ledVolunteer(user, volunteerId);
      const [types, records] = await Promise.all([recruitment.checkTypes(), recruitment.checksOf([v.id])]);
      const dbsTypes = new Set(types.filter((t) => t.dbsLevel).map((t) => t.id));
      if (!records.some((r) => dbsTypes.has(r.checkTypeId))) {
        throw new ValidationFailed([{ field: 'checkedOn', message: `Record ${v.knownAs}’s DBS certificate first, then its status checks` }]);
      }
      notLater('checkedOn', input.checkedOn, 'The date of the status check');
      if (input.consentOn > input.checkedOn) {
        throw new ValidationFailed([{ field: 'consentOn', message: 'The volunteer must agree to the status check before it is done' }]);
      }
      await db.transaction(async (tx) => {
        const id = await recruitment.insertStatusCheck({ volunteerId, ...input, checkedBy: user.id }, clock.now(), tx);
        await audit.record(
          {
            actorId: user.id,
            action: 'volunteer.dbs_status_checked',
            subjectType: 'volunteer',
            subjectId: volunteerId,
            detail: { check: id, result: input.result },
          },
          tx,
        );
      });
    },

    // Types of training and check (administrators add them).

    async checkTypesForAdmin(user: User) {
      if (user.role !== 'admin') throw new Forbidden();
      const [types, roles] = await Promise.all([recruitment.checkTypes(), volunteers.allRoles()]);
      const requirements = await recruitment.requirements(roles.map((r) => r.id));
      return {
        types: types.map((t) => ({ type: t, roles: roles.filter((r) => requirements.get(r.id)?.includes(t.id)) })),
        roles,
      };
    },

    async addCheckType(user: User, input: CheckTypeInput) {
      if (user.role !== 'admin') throw new Forbidden();
      const roles = await volunteers.roles(input.roleIds);
      if (roles.length !== input.roleIds.length) throw new ValidationFailed([{ field: 'roleIds', message: 'Choose roles from the list' }]);
      const code = input.name
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_|_$/g, '');
      await db.transaction(async (tx) => {
        const id = await recruitment.insertCheckType(
          { code, name: input.name, kind: input.kind, dbsLevel: null, validMonths: input.validMonths },
          clock.now(),
          tx,
        );
        if (!id) throw new ValidationFailed([{ field: 'name', message: 'There is already a training or check with this name' }]);
        await recruitment.requireForRoles(id, input.roleIds, tx);
        await audit.record(
          { actorId: user.id, action: 'volunteer_check_type.created', subjectType: 'volunteer_check_type', subjectId: id, detail: { ...input } },
          tx,
        );
      });
    },

    // Reminders.

    /**
     * The reminder job: for each current training, check or status check expiring within 60 days, the
     * reminder now due (60, 30 or 7 days before) to the volunteer and their organisation's leads. Each
     * is claimed in the transaction that queues its messages, so it is sent once however many
     * processes run the job. Returns how many reminders were sent.
     */
    async sendExpiryReminders(now: Date): Promise<number> {
      const day = londonDate(now);
      const items = await recruitment.expiringBetween(day, addDays(day, REMINDER_DAYS[0]));
      let sent = 0;
      for (const item of items) {
        const due = reminderDue(item.expiresOn, day);
        if (due === null) continue;
        const v = await volunteers.find(item.volunteerId);
        if (!v) continue;
        const [account] = v.userId ? await db.query<{ email: string }>('select email from users where id = $1 and disabled_at is null', [v.userId]) : [];
        const leads = await recruitment.leadsOf(v.organisationId);
        const what = `${lowerFirst(item.name)} ${item.kind === 'dbs_status' ? 'is due again' : 'expires'} on ${shortDate(item.expiresOn)}`;
        await db.transaction(async (tx) => {
          if (!(await recruitment.claimReminder(item.kind, item.id, due, now, tx))) return;
          sent++;
          const toVolunteer = {
            subject: `Your ${lowerFirst(item.name)} ${item.kind === 'dbs_status' ? 'is due again' : 'expires'} in ${due} days`,
            body: `Hello ${v.knownAs},\n\nYour ${what}. Your volunteer lead at ${v.organisationName} will help you renew it, so you can keep volunteering.\n\nSee your volunteering: ${links.volunteering}`,
          };
          if (v.contactPreference === 'text' && v.phone) {
            await notifications.enqueue(tx, {
              channel: 'text',
              recipient: v.phone,
              userId: v.userId,
              createdAt: now,
              subject: toVolunteer.subject,
              body: `${v.knownAs}, your ${what}. ${v.organisationName}`,
            });
          } else {
            const email = v.email ?? account?.email;
            if (email) await notifications.enqueue(tx, { channel: 'email', recipient: email, userId: v.userId, createdAt: now, ...toVolunteer });
          }
          for (const lead of leads) {
            await notifications.enqueue(tx, {
              channel: 'email',
              recipient: lead.email,
              userId: lead.userId,
              createdAt: now,
              subject: `${v.knownAs}: ${lowerFirst(item.name)} ${item.kind === 'dbs_status' ? 'due again' : 'expires'} in ${due} days`,
              body: `${v.knownAs} (${v.roleName}, ${v.organisationName}): ${what}.\n\nRecord the renewal on their page: ${links.volunteer(v.id)}`,
            });
          }
        });
      }
      return sent;
    },
  };
}

export type VolunteerRecruitmentService = ReturnType<typeof createVolunteerRecruitmentService>;
