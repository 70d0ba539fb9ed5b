import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { OPEN_STATUSES, replyState, type ReferralStatus } from '../domain/referral.ts';
import { londonDate, nextOccurrences } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import { isUuid, type ReferralDeps } from './referral-lifecycle.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const REGISTER_WEEKS_BACK = 8;

function providerOrganisations(user: User): string[] {
  if (user.role !== 'provider') throw new Forbidden('Only provider staff have an inbox');
  return user.organisationIds;
}

/**
 * Whose referrals the inbox lists: provider staff see every referral to their organisations; a
 * volunteer lead only those to their organisations' buddy schemes (decision 033).
 */
function inboxScope(user: User): { organisationIds: string[]; target: 'buddy_scheme' | null } {
  if (user.role === 'volunteer_lead') return { organisationIds: user.organisationIds, target: 'buddy_scheme' };
  return { organisationIds: providerOrganisations(user), target: null };
}

/** The provider side: the inbox of referrals to their organisation's activities, and attendance registers. */
/** A register as the provider marks it: the session date, and who attended (true) or not (false); anyone unmarked is unchanged. */
/** Which referrals the inbox lists. */
export type InboxFilter = ReferralStatus | 'all' | 'open';
/** By reply date: every referral, only those overdue, or those overdue or due within two working days. */
export type ReplyFilter = 'any' | 'overdue' | 'due_soon';

export type RegisterInput = { date: string; marks: Record<string, boolean> };

export function createReferralInboxService(deps: ReferralDeps) {
  const { db, lists, attendance, sessions, audit, clock } = deps;

  /** One of the provider's own activities; another organisation's answers 404. */
  async function ownActivity(user: User, activityId: string) {
    const orgs = providerOrganisations(user);
    const activity = isUuid(activityId) ? await lists.activity(activityId) : undefined;
    if (!activity || !orgs.includes(activity.organisationId)) throw new NotFound('Activity');
    return activity;
  }

  /** Session dates a register can be kept for: the activity's occurrences in the last few weeks up to today, latest first. */
  async function registerDates(activityId: string, months: number[]): Promise<string[]> {
    const now = clock.now();
    const today = londonDate(now);
    const from = new Date(now.getTime() - REGISTER_WEEKS_BACK * 7 * DAY_MS);
    const occurrences = nextOccurrences(await sessions.listForActivity(activityId), from, { limit: 60, horizonDays: REGISTER_WEEKS_BACK * 7 + 1, months });
    return [...new Set(occurrences.map((o) => o.date).filter((d) => d <= today))].reverse();
  }

  return {
    /**
     * Open referrals by default (what needs doing); 'all' or one status on request. Each says where
     * its reply stands; filtered by reply date, the soonest due come first.
     */
    async inbox(user: User, status: InboxFilter = 'open', reply: ReplyFilter = 'any') {
      const { organisationIds: orgs, target } = inboxScope(user);
      const statuses = status === 'all' ? null : status === 'open' ? OPEN_STATUSES.filter((s) => s !== 'draft') : [status];
      const now = clock.now();
      let items = (await lists.forProvider(orgs, statuses, target)).map((i) => ({ ...i, reply: replyState(i, now) }));
      if (reply !== 'any') {
        items = items
          .filter((i) => i.reply === 'overdue' || (reply === 'due_soon' && i.reply === 'due_soon'))
          .sort((a, b) => a.responseDueAt!.getTime() - b.responseDueAt!.getTime());
      }
      for (const org of orgs) await audit.record({ actorId: user.id, action: 'inbox.viewed', subjectType: 'organisation', subjectId: org });
      return { status, reply, items, capacity: target ? [] : await lists.capacityFor(orgs) };
    },

    /** A register for one activity and session date (the latest past session when none is chosen). */
    async register(user: User, activityId: string, date?: string) {
      const activity = await ownActivity(user, activityId);
      const dates = await registerDates(activity.id, activity.months);
      const chosen = date && dates.includes(date) ? date : (dates[0] ?? null);
      const lines = chosen ? await attendance.register(activity.id, chosen) : [];
      if (lines.length)
        await audit.record({ actorId: user.id, action: 'register.viewed', subjectType: 'activity', subjectId: activity.id, detail: { date: chosen } });
      return { activity: { id: activity.id, title: activity.title }, dates, date: chosen, lines };
    },

    /** Saves a register: each person present, absent or left blank (unchanged). */
    async saveRegister(user: User, activityId: string, { date, marks }: RegisterInput): Promise<string> {
      const activity = await ownActivity(user, activityId);
      if (!(await registerDates(activity.id, activity.months)).includes(date)) {
        throw new ValidationFailed([{ field: 'date', message: 'Choose one of the session dates listed' }]);
      }
      const lines = await attendance.register(activity.id, date);
      // "Saved" must mean something was: a register with nobody marked is shown again with a message.
      const first = lines[0];
      if (first && !lines.some((l) => marks[l.referralId] !== undefined)) {
        throw new ValidationFailed([{ field: `attended-${first.referralId}`, message: 'Mark whether each person came or did not come' }]);
      }
      const now = clock.now();
      await db.transaction(async (tx) => {
        for (const line of await attendance.register(activity.id, date, tx)) {
          const attended = marks[line.referralId];
          if (attended === undefined) continue;
          await attendance.mark(line.referralId, date, attended, user.id, now, tx);
          await audit.record({ actorId: user.id, action: 'attendance.recorded', subjectType: 'referral', subjectId: line.referralId, detail: { date } }, tx);
        }
      });
      return date;
    },

    /** The provider's activities, for choosing a register. */
    async registerActivities(user: User) {
      return lists.capacityFor(providerOrganisations(user));
    },
  };
}

export type ReferralInboxService = ReturnType<typeof createReferralInboxService>;
