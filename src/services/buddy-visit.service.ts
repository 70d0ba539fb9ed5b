import type { Db } from '../data/database.ts';
import type { ActivitySessionRepository } from '../data/repositories/activity-session.repository.ts';
import type { AttendanceRepository } from '../data/repositories/attendance.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { BuddyVisit, BuddyVisitRepository } from '../data/repositories/buddy-visit.repository.ts';
import type { BuddyProposalRepository } from '../data/repositories/buddy-proposal.repository.ts';
import type { BuddyMatchRepository } from '../data/repositories/buddy-match.repository.ts';
import type { VisitAlert, VisitAlertRepository } from '../data/repositories/visit-alert.repository.ts';
import type { NotificationRepository } from '../data/repositories/notification.repository.ts';
import type { ReferralListRepository } from '../data/repositories/referral-list.repository.ts';
import type { ReferralRecord, ReferralRepository } from '../data/repositories/referral.repository.ts';
import type { VolunteerRepository } from '../data/repositories/volunteer.repository.ts';
import type { VisitExpense, VisitExpenseRepository } from '../data/repositories/visit-expense.repository.ts';
import { mileagePence, taxYearStart } from '../domain/mileage.ts';
import { ALERT_REASONS, applyVisitChange, lengthLabel, PERSON_SEEMED, type VisitCommand } from '../domain/buddy-visit.ts';
import { rankBuddies, statusBlocks, type RankedBuddy } from '../domain/buddy-matching.ts';
import type { Clock } from '../domain/clock.ts';
import { Conflict, NotFound, ValidationFailed } from '../domain/errors.ts';
import { formatLondonClock } from '../domain/london-time.ts';
import { messageDate } from '../domain/message-date.ts';
import { londonDate, londonInstant, nextOccurrences } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import { labelOf } from '../domain/vocabulary.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import { isUuid } from './referral-lifecycle.service.ts';

/** The sessions a visit can be planned against: the accompanied activity's next ones. */
export const SESSION_CHOICES = 8;

/** A session to go to, as the plan form offers it: `<date>_<session id>`. */
export type SessionChoice = { key: string; date: string; sessionId: string; start: Date; end: Date };

export type PlanVisitInput = { session: string; meetTime: string; meetingPoint: string; volunteerId: string };
export type ExpenseInput = { miles: number; startPostcode: string | null; endPostcode: string | null; publicTransportPence: number; parkingPence: number };
export type AfterVisitInput = { happened: boolean; durationMinutes: number | null; personSeemed: string | null; noteForLead: string | null };

/** Referral statuses a visit can be planned for: the buddy scheme has taken the person on. */
const PLANNABLE = ['accepted', 'first_visit_planned', 'attending'];

/** Checks part A of issue 9 decides (training, DBS...): reasons per volunteer; none means fine. */
export type CheckBlocks = (volunteerIds: string[], at: Date) => Promise<Map<string, string[]>>;

export type BuddyVisitDeps = {
  db: Db;
  visits: BuddyVisitRepository;
  alerts: VisitAlertRepository;
  matching: BuddyMatchRepository;
  /** Buddies who accepted to go with the person (decision 033): only they can be planned onto a visit. */
  proposals: Pick<BuddyProposalRepository, 'accepted'>;
  referrals: ReferralRepository;
  lists: ReferralListRepository;
  sessions: ActivitySessionRepository;
  volunteers: VolunteerRepository;
  attendance: AttendanceRepository;
  notifications: NotificationRepository;
  audit: AuditRepository;
  clock: Clock;
  links: { alert: (id: string) => string; visit: (id: string) => string };
  expenses: VisitExpenseRepository;
  /** What blocks volunteers from being matched (part A's checks rule at merge); by default, their status. */
  checkBlocks?: CheckBlocks;
};

/**
 * Accompanied visits and lone working (issue 9, decision 028): the volunteer lead (or the buddy
 * scheme's provider staff) plans a visit against a real session; the buddy checks in and out; a job
 * raises alerts for missed check-outs and escalates them; the lead acknowledges.
 */
export function createBuddyVisitService(deps: BuddyVisitDeps) {
  const { db, visits, alerts, matching, audit, clock } = deps;
  const checkBlocks: CheckBlocks =
    deps.checkBlocks ??
    (async (ids) => {
      const found = await Promise.all(ids.map((id) => deps.volunteers.find(id)));
      return new Map(found.filter((v) => v !== undefined).map((v) => [v.id, statusBlocks(v)]));
    });

  /** Whether the user answers for this buddy scheme: its organisation's volunteer lead or provider staff. */
  const answersFor = (user: User, organisationId: string) =>
    (user.role === 'volunteer_lead' || user.role === 'provider') && user.organisationIds.includes(organisationId);

  /** A buddy-scheme referral the user may plan visits for; anything else is 404. */
  async function plannableReferral(user: User, referralId: string): Promise<ReferralRecord> {
    const r = isUuid(referralId) ? await deps.referrals.findRecord(referralId) : undefined;
    if (r?.target !== 'buddy_scheme' || !r.buddySchemeId || r.sentAt === null) throw new NotFound('Referral');
    if (!answersFor(user, r.providerOrganisationId)) throw new NotFound('Referral');
    return r;
  }

  async function sessionChoices(activityId: string | null, now: Date): Promise<SessionChoice[]> {
    if (!activityId) return [];
    const activity = await deps.lists.activity(activityId);
    const occurrences = nextOccurrences(await deps.sessions.listForActivity(activityId), now, { limit: SESSION_CHOICES, months: activity?.months });
    return occurrences.map((o) => ({ key: `${o.date}_${o.sessionId}`, date: o.date, sessionId: o.sessionId, start: o.start, end: o.end }));
  }

  /** A visit the signed-in buddy may see: their own, else 404 (never 403: another buddy's visit does not exist for them). */
  async function ownVisit(user: User, id: string, tx: Db = db): Promise<{ visit: BuddyVisit; volunteer: Volunteer }> {
    if (user.role !== 'buddy' || !isUuid(id)) throw new NotFound('Visit');
    const volunteer = await deps.volunteers.forUser(user.id, tx);
    const visit = await visits.find(id, tx);
    if (!volunteer || !visit || visit.volunteerId !== volunteer.id || visit.status === 'cancelled') throw new NotFound('Visit');
    return { visit, volunteer };
  }

  /** An alert the user may see and acknowledge: leads and provider staff of the scheme's or the buddy's organisation. */
  async function alertFor(user: User, id: string, tx: Db = db): Promise<VisitAlert> {
    const alert = isUuid(id) ? await alerts.alert(id, tx) : undefined;
    if (!alert) throw new NotFound('Alert');
    const v = alert.visit;
    if (!answersFor(user, v.buddySchemeOrganisationId) && !(user.role === 'volunteer_lead' && user.organisationIds.includes(v.volunteerOrganisationId))) {
      throw new NotFound('Alert');
    }
    return alert;
  }

  /** Messages to the people on the escalation chain, in the caller's transaction (the outbox sends them). */
  async function tellLeads(tx: Db, v: BuddyVisit, alertId: string, subject: string, body: string, now: Date) {
    const orgs = [...new Set([v.volunteerOrganisationId, v.buddySchemeOrganisationId])];
    const leads = (await Promise.all(orgs.map((o) => visits.leadEmails(o, tx)))).flat();
    const seen = new Set<string>();
    for (const lead of leads) {
      if (seen.has(lead.email)) continue;
      seen.add(lead.email);
      await deps.notifications.insert(
        {
          channel: 'email',
          recipient: lead.email,
          subject,
          body: `${body}\n\nOpen the alert: ${deps.links.alert(alertId)}`,
          referralId: v.referralId,
          userId: lead.id,
          createdAt: now,
        },
        tx,
      );
    }
    return seen.size;
  }

  /** Raises an alert once, with its first messages, in one transaction: a detector that loses the race does nothing. */
  async function raise(tx: Db, v: BuddyVisit, reason: 'missed_check_out' | 'help_requested', now: Date, actorId: string | null): Promise<string | undefined> {
    const alertId = await alerts.raiseAlert(v.id, reason, now, tx);
    if (!alertId) return undefined;
    await alerts.addAlertEvent(alertId, 'raised', now, actorId, reason, tx);
    const subject =
      reason === 'help_requested' ? `${v.volunteerKnownAs} asked for help now on a visit` : `Check-out missed: ${v.volunteerKnownAs}’s accompanied visit`;
    const body =
      reason === 'help_requested'
        ? `${v.volunteerKnownAs} pressed “I need help now” at ${formatLondonClock(now)} during an accompanied visit (${v.meetingPoint}). Ring them straight away.`
        : `${v.volunteerKnownAs} checked in at ${formatLondonClock(v.checkedInAt!)} on ${messageDate(v.checkedInAt!)} for a visit expected to end at ` +
          `${formatLondonClock(v.expectedEndAt!)}, and has not checked out. Ring them now; if you cannot reach them, follow your lone-working procedure.`;
    const told = await tellLeads(tx, v, alertId, subject, body, now);
    await alerts.addAlertEvent(
      alertId,
      'lead_told',
      now,
      null,
      told === 0 ? 'No volunteer lead has an account: shown on the dashboard only' : `${told} told`,
      tx,
    );
    return alertId;
  }

  const service = {
    answersFor,
    sessionChoices,

    /** What the plan form offers: the referral, the sessions of the activity, the scheme's buddies. */
    async planningFor(user: User, referralId: string) {
      const referral = await plannableReferral(user, referralId);
      const now = clock.now();
      const buddies = (await deps.volunteers.ofOrganisations([referral.providerOrganisationId, ...user.organisationIds])).filter(
        (v) => v.kind === 'buddy' && v.buddySchemeId === referral.buddySchemeId,
      );
      return {
        referral,
        sessions: await sessionChoices(referral.accompanyActivityId, now),
        buddies,
        visits: await visits.forReferral(referral.id),
      };
    },

    /** The scheme's buddies ranked for this referral, each factor with its reason; unsuitable ones shown last, never hidden. */
    async matchBuddies(user: User, referralId: string): Promise<RankedBuddy[]> {
      const referral = await plannableReferral(user, referralId);
      const candidates = await matching.buddyCandidates(referral.buddySchemeId!, referral.id);
      const need = await matching.matchNeed(referral.id);
      if (!need) return [];
      return rankBuddies(
        candidates,
        need,
        await checkBlocks(
          candidates.map((c) => c.id),
          clock.now(),
        ),
      );
    },

    /** Plans a visit: a session of the accompanied activity, a meeting time on its day, a meeting point, a ready buddy of the scheme. */
    async plan(user: User, referralId: string, input: PlanVisitInput): Promise<string> {
      const referral = await plannableReferral(user, referralId);
      const now = clock.now();
      if (!PLANNABLE.includes(referral.status)) throw new Conflict('Accept the referral before planning a visit.');
      if (!referral.accompanyActivityId) {
        throw new ValidationFailed([
          { field: 'session', message: 'The referral names no activity to go to. Ask the link worker which activity the person would like company at' },
        ]);
      }
      const errors = [];
      const session = (await sessionChoices(referral.accompanyActivityId, now)).find((s) => s.key === input.session);
      if (!session) errors.push({ field: 'session', message: 'Choose one of the activity’s next sessions' });
      const volunteer = isUuid(input.volunteerId) ? await deps.volunteers.find(input.volunteerId) : undefined;
      if (!volunteer || volunteer.buddySchemeId !== referral.buddySchemeId)
        errors.push({ field: 'volunteerId', message: 'Choose a buddy of this buddy scheme' });
      else if (volunteer.status !== 'ready') errors.push({ field: 'volunteerId', message: `${volunteer.knownAs} is not ready to volunteer at the moment` });
      else if (!(await deps.proposals.accepted(referral.id, volunteer.id)))
        errors.push({ field: 'volunteerId', message: `${volunteer.knownAs} has not accepted to go with them. Propose a buddy first` });
      let meetsAt: Date | null = null;
      if (session) {
        meetsAt = londonInstant(session.date, input.meetTime);
        if (meetsAt > session.start) errors.push({ field: 'meetTime', message: `Meet before the session starts at ${formatLondonClock(session.start)}` });
        else if (session.start.getTime() - meetsAt.getTime() > 3 * 60 * 60 * 1000)
          errors.push({ field: 'meetTime', message: 'Meet at most 3 hours before the session starts' });
        else if (meetsAt < now) errors.push({ field: 'meetTime', message: 'The meeting time has already passed' });
      }
      if (errors.length > 0) throw new ValidationFailed(errors);
      return db.transaction(async (tx) => {
        const id = await visits.insert(
          {
            referralId: referral.id,
            volunteerId: volunteer!.id,
            activityId: referral.accompanyActivityId!,
            sessionDate: session!.date,
            meetsAt: meetsAt!,
            meetingPoint: input.meetingPoint,
            plannedBy: user.id,
          },
          now,
          tx,
        );
        await deps.referrals.addEvent(
          {
            referralId: referral.id,
            at: now,
            actorId: user.id,
            kind: 'note',
            from: null,
            to: null,
            note: `Accompanied visit planned: ${volunteer!.knownAs} will meet them at ${input.meetingPoint}, ${formatLondonClock(meetsAt!)} on ${messageDate(session!.date)}.`,
          },
          tx,
        );
        await audit.record({ actorId: user.id, action: 'buddy_visit.planned', subjectType: 'referral', subjectId: referral.id, detail: { visitId: id } }, tx);
        return id;
      });
    },

    /** A buddy's visits still to come, running, or waiting for how it went. */
    async yourVisits(user: User): Promise<BuddyVisit[]> {
      if (user.role !== 'buddy') return [];
      const volunteer = await deps.volunteers.forUser(user.id);
      if (!volunteer) return [];
      const now = clock.now();
      return visits.forVolunteer(volunteer.id, new Date(now.getTime() - 12 * 60 * 60 * 1000));
    },

    /** One of the buddy's own visits; viewing it is audited (it shows a person's support needs). */
    async yourVisit(user: User, id: string): Promise<BuddyVisit> {
      const { visit } = await ownVisit(user, id);
      await audit.record({ actorId: user.id, action: 'buddy_visit.viewed', subjectType: 'referral', subjectId: visit.referralId, detail: { visitId: id } });
      return visit;
    },

    /**
     * Check in, extend, check out: the visit row is locked, the state machine decides, and the
     * update is conditional on the status it decided from, so two posts at once change it once.
     */
    async change(user: User, id: string, change: VisitCommand): Promise<BuddyVisit> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (!isUuid(id)) throw new NotFound('Visit');
        await visits.lock(id, tx);
        const { visit, volunteer } = await ownVisit(user, id, tx);
        const outcome = applyVisitChange(visit, { ...change, by: volunteer.id }, now);
        if (!outcome.ok) {
          if (outcome.notYours) throw new NotFound('Visit');
          if (outcome.field) throw new ValidationFailed([{ field: outcome.field, message: outcome.problem }]);
          throw new Conflict(outcome.problem);
        }
        if (!(await visits.update(id, visit.status, outcome.fields, now, tx))) throw new Conflict('This visit has just changed. Check where it is now.');
        if (change.kind === 'check_out') {
          for (const alertId of await alerts.openAlertIdsForVisit(id, tx)) await alerts.addAlertEvent(alertId, 'checked_out', now, user.id, '', tx);
        }
        await audit.record(
          {
            actorId: user.id,
            action: 'buddy_visit.changed',
            subjectType: 'referral',
            subjectId: visit.referralId,
            detail: { visitId: id, change: change.kind },
          },
          tx,
        );
        return { ...visit, ...outcome.fields };
      });
    },

    /** "I need help now": raises the alert at once (once per visit; pressing again says it is raised). */
    async askForHelp(user: User, id: string): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (!isUuid(id)) throw new NotFound('Visit');
        await visits.lock(id, tx);
        const { visit } = await ownVisit(user, id, tx);
        await raise(tx, visit, 'help_requested', now, user.id);
        await audit.record(
          { actorId: user.id, action: 'buddy_visit.help_requested', subjectType: 'referral', subjectId: visit.referralId, detail: { visitId: id } },
          tx,
        );
      });
    },

    /** After the visit, in a few taps; a visit that happened marks the person at the session on the provider's register. */
    async recordAfter(user: User, id: string, input: AfterVisitInput): Promise<void> {
      const now = clock.now();
      if (input.personSeemed && !PERSON_SEEMED.some((t) => t.code === input.personSeemed)) {
        throw new ValidationFailed([{ field: 'personSeemed', message: 'Choose how they seemed from the list' }]);
      }
      await db.transaction(async (tx) => {
        if (!isUuid(id)) throw new NotFound('Visit');
        await visits.lock(id, tx);
        const { visit } = await ownVisit(user, id, tx);
        if (visit.status === 'checked_in') throw new Conflict('Check out of the visit first.');
        if (visit.recordedAt) throw new Conflict('You have already said how this visit went.');
        if (visit.status === 'planned' && input.happened) throw new Conflict('You did not check in to this visit. Tell your volunteer lead what happened.');
        const duration = input.happened ? (input.durationMinutes ?? minutesBetween(visit.checkedInAt, visit.checkedOutAt)) : null;
        if (!(await visits.recordAfter(id, { ...input, durationMinutes: duration }, now, tx))) throw new Conflict('You have already said how this visit went.');
        if (input.happened && visit.activityId && visit.sessionDate <= londonDate(now)) {
          const activityReferral = await deps.attendance.activityReferralOfPerson(visit.referralId, visit.activityId, tx);
          if (activityReferral) await deps.attendance.markIfUnmarked(activityReferral, visit.sessionDate, true, user.id, now, tx);
        }
        await audit.record(
          {
            actorId: user.id,
            action: 'buddy_visit.recorded',
            subjectType: 'referral',
            subjectId: visit.referralId,
            detail: { visitId: id, happened: input.happened, seemed: input.personSeemed && labelOf(PERSON_SEEMED, input.personSeemed) },
          },
          tx,
        );
      });
    },

    /**
     * The lone-working job: raises one alert per missed check-out and escalates unacknowledged
     * alerts. Each alert is written in the same transaction as its outbox messages, and the unique
     * key (visit, reason) makes any second runner's insert a no-op.
     */
    async processLoneWorking(now: Date = clock.now()): Promise<{ raised: number; escalated: number }> {
      let raised = 0;
      let escalated = 0;
      for (const id of await alerts.missedCheckOuts(now)) {
        const made = await db.transaction(async (tx) => {
          await visits.lock(id, tx);
          const v = await visits.find(id, tx);
          if (v?.status !== 'checked_in') return undefined;
          return raise(tx, v, 'missed_check_out', now, null);
        });
        if (made) raised++;
      }
      for (const id of await alerts.escalationsDue(now)) {
        const done = await db.transaction(async (tx) => {
          if (!(await alerts.markEscalated(id, now, tx))) return false;
          const alert = (await alerts.alert(id, tx))!;
          const v = alert.visit;
          const who = v.safeguarding;
          const body =
            `The alert about ${v.volunteerKnownAs}’s accompanied visit (raised at ${formatLondonClock(alert.raisedAt)}, ${labelOf(ALERT_REASONS, alert.reason).toLowerCase()}) ` +
            `has not been acknowledged. You are ${v.buddySchemeName}’s safeguarding contact.`;
          // To the safeguarding contact: the buddy's name and times only, nothing about the person (so not tied to the referral).
          if (who.email) {
            await deps.notifications.insert(
              {
                channel: 'email',
                recipient: who.email,
                subject: `Unacknowledged lone-working alert: ${v.volunteerKnownAs}`,
                body: `${body}\n\nOpen the alert: ${deps.links.alert(id)}`,
                referralId: null,
                createdAt: now,
              },
              tx,
            );
          }
          if (who.phone) {
            await deps.notifications.insert(
              {
                channel: 'text',
                recipient: who.phone,
                subject: 'Lone-working alert',
                body: `Waymark: ${v.volunteerKnownAs}’s lone-working alert is not acknowledged. ${deps.links.alert(id)}`,
                referralId: null,
                createdAt: now,
              },
              tx,
            );
          }
          await tellLeads(
            tx,
            v,
            id,
            `Still not acknowledged: ${v.volunteerKnownAs}’s lone-working alert`,
            `${body} It has now gone to ${who.name ?? 'the safeguarding contact'} too.`,
            now,
          );
          await alerts.addAlertEvent(
            id,
            'safeguarding_told',
            now,
            null,
            who.email || who.phone ? `${who.name ?? 'Safeguarding contact'} told` : 'The buddy scheme has no safeguarding contact: leads told again',
            tx,
          );
          return true;
        });
        if (done) escalated++;
      }
      return { raised, escalated };
    },

    /** Open alerts for a lead's dashboard (never dropped: they stay until acknowledged). */
    async openAlerts(user: User): Promise<VisitAlert[]> {
      if (user.role !== 'volunteer_lead' && user.role !== 'provider') return [];
      return alerts.openAlerts(user.organisationIds);
    },

    async alert(user: User, id: string) {
      const alert = await alertFor(user, id);
      const showContact = alert.acknowledgedBy === user.id;
      return { alert, emergencyContact: showContact ? await visits.emergencyContact(alert.visit.volunteerId) : null };
    },

    /** Acknowledges an alert (once; a second acknowledgement finds it done) and shows the acknowledger the buddy's emergency contact. */
    async acknowledge(user: User, id: string, note: string): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await alertFor(user, id, tx);
        if (!(await alerts.acknowledge(id, user.id, now, tx))) throw new Conflict('Someone has already acknowledged this alert.');
        await alerts.addAlertEvent(id, 'acknowledged', now, user.id, note, tx);
        await alerts.addAlertEvent(id, 'emergency_contact_shown', now, user.id, '', tx);
        await audit.record({ actorId: user.id, action: 'visit_alert.acknowledged', subjectType: 'visit_alert', subjectId: id, detail: {} }, tx);
        await audit.record({ actorId: user.id, action: 'visit_alert.emergency_contact_shown', subjectType: 'visit_alert', subjectId: id, detail: {} }, tx);
      });
    },

    /** Buddy-scheme referrals a lead (or the scheme's provider staff) can plan visits for. */
    async referralsToPlan(user: User) {
      if (user.role !== 'volunteer_lead' && user.role !== 'provider') return [];
      return matching.referralsToPlan(user.organisationIds);
    },

    /** The claim on one of the buddy's own visits, if any. */
    async yourClaim(user: User, visitId: string): Promise<VisitExpense | undefined> {
      const { visit } = await ownVisit(user, visitId);
      return deps.expenses.forVisit(visit.id);
    },

    /**
     * Claims expenses for a finished visit: one claim per visit (a second, even at the same moment,
     * is refused), mileage at HMRC's rate counting the volunteer's miles earlier in the tax year.
     */
    async claimExpenses(user: User, visitId: string, input: ExpenseInput): Promise<string> {
      const now = clock.now();
      if (input.miles === 0 && input.publicTransportPence === 0 && input.parkingPence === 0) {
        throw new ValidationFailed([{ field: 'miles', message: 'Enter the miles you drove, or what you spent on fares or parking' }]);
      }
      if (input.miles > 0 && (!input.startPostcode || !input.endPostcode)) {
        throw new ValidationFailed([{ field: input.startPostcode ? 'endPostcode' : 'startPostcode', message: 'Enter where the drive started and ended' }]);
      }
      return db.transaction(async (tx) => {
        if (!isUuid(visitId)) throw new NotFound('Visit');
        await visits.lock(visitId, tx);
        const { visit, volunteer } = await ownVisit(user, visitId, tx);
        if (visit.status !== 'checked_out') throw new Conflict('Claim expenses after you check out of the visit.');
        await deps.expenses.lockVolunteer(volunteer.id, tx);
        const travelDate = londonDate(visit.checkedInAt ?? visit.meetsAt);
        const before = await deps.expenses.milesSince(volunteer.id, taxYearStart(travelDate), tx);
        const mileage = input.miles > 0 ? mileagePence(input.miles, before, travelDate) : 0;
        const id = await deps.expenses.insert(
          {
            visitId: visit.id,
            volunteerId: volunteer.id,
            travelDate,
            miles: input.miles,
            mileagePence: mileage,
            startPostcode: input.startPostcode,
            endPostcode: input.endPostcode,
            publicTransportPence: input.publicTransportPence,
            parkingPence: input.parkingPence,
            totalPence: mileage + input.publicTransportPence + input.parkingPence,
          },
          now,
          tx,
        );
        if (!id) throw new Conflict('You have already claimed expenses for this visit.');
        return id;
      });
    },

    /** Claims of a lead's organisations' volunteers. */
    async expenseClaims(user: User): Promise<VisitExpense[]> {
      if (user.role !== 'volunteer_lead') return [];
      return deps.expenses.ofOrganisations(user.organisationIds);
    },

    /** The lead approves (or rejects) a claim of one of their organisations' volunteers, once. */
    async decideExpense(user: User, id: string, decision: 'approved' | 'rejected'): Promise<void> {
      const claim = isUuid(id) ? await deps.expenses.find(id) : undefined;
      if (!claim || user.role !== 'volunteer_lead' || !user.organisationIds.includes(claim.organisationId)) throw new NotFound('Expense claim');
      if (!(await deps.expenses.decide(id, decision, user.id, clock.now()))) throw new Conflict('This claim has already been decided.');
    },

    /** Hours volunteered on visits, per volunteer, organisation and month (a lead's organisations). */
    async hoursByMonth(user: User) {
      if (user.role !== 'volunteer_lead') return [];
      return visits.hoursByMonth(user.organisationIds);
    },

    /** Visits of a lead's organisations from today on, and any running. */
    async leadVisits(user: User): Promise<BuddyVisit[]> {
      if (user.role !== 'volunteer_lead') return [];
      return visits.forOrganisations(user.organisationIds, new Date(clock.now().getTime() - 12 * 60 * 60 * 1000));
    },
  };
  return service;
}

function minutesBetween(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 60000));
}

export { lengthLabel };
export type BuddyVisitService = ReturnType<typeof createBuddyVisitService>;
