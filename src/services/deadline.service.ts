import type { Db } from '../data/database.ts';
import type { DeadlineRepository } from '../data/repositories/deadline.repository.ts';
import type { MessageContextRepository } from '../data/repositories/message-context.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden } from '../domain/errors.ts';
import { messageDate } from '../domain/message-date.ts';
import { londonDate } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import { reminderFrom } from '../domain/referral.ts';
import { workingDaysBetween } from '../domain/working-days.ts';
import { escalationMessage, reminderMessage } from './notification-messages.ts';
import type { NotificationService, NotifyLinks } from './notification.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the provider is reminded (domain/referral.ts: the start of the working day before the due day). */
export { reminderFrom };

/** Whole working days a reply is late: 1 on the first working day after the due day. */
export function workingDaysOverdue(responseDueAt: Date, now: Date): number {
  return now <= responseDueAt ? 0 : Math.max(0, workingDaysBetween(londonDate(responseDueAt), londonDate(now)));
}

export function createDeadlineService(deps: {
  db: Db;
  deadlines: DeadlineRepository;
  context: MessageContextRepository;
  notifications: NotificationService;
  links: NotifyLinks;
  clock: Clock;
}) {
  const { db, deadlines, context, notifications, links } = deps;
  const linksFor = (id: string) => ({ referral: links.referral(id), inbox: links.inboxItem(id), search: links.search, overdue: links.overdue });

  async function remind(id: string, now: Date): Promise<boolean> {
    return db.transaction(async (tx) => {
      if (!(await deadlines.claimReminder(id, now, tx))) return false;
      const c = await context.referral(id, tx);
      if (!c) return false;
      const staff = await context.providerStaff(c.providerOrganisationId, tx);
      await notifications.emailEach(tx, staff, c.providerEmail, reminderMessage(c, linksFor(id)), id, now);
      await deadlines.addEvent(id, 'reminder', now, `Reminder sent to ${c.providerName}: reply due by ${messageDate(c.responseDueAt!)}.`, tx);
      return true;
    });
  }

  async function escalate(id: string, now: Date): Promise<boolean> {
    return db.transaction(async (tx) => {
      if (!(await deadlines.claimEscalation(id, now, tx))) return false;
      const c = await context.referral(id, tx);
      if (!c) return false;
      const coordinators = await context.coordinators(c.schemeId, tx);
      await notifications.emailEach(tx, coordinators, null, escalationMessage(c, linksFor(id)), id, now);
      await deadlines.addEvent(id, 'escalation', now, `No reply from ${c.providerName} by the due date: passed to the scheme's coordinators.`, tx);
      return true;
    });
  }

  return {
    /**
     * The hourly job. Referrals still 'sent' (a waiting-list reply counts as a reply and stops the
     * clock): one reminder to the provider's staff two working days before the reply is due, one
     * escalation to the scheme's coordinators once it is overdue. Each lands with a timeline event
     * and its messages in one transaction, at most once, however often or widely the job runs.
     */
    async processResponseDeadlines(now: Date = deps.clock.now()): Promise<{ reminded: number; escalated: number }> {
      let reminded = 0;
      let escalated = 0;
      for (const w of await deadlines.waiting(now, 10 * DAY_MS)) {
        if (now > w.responseDueAt) {
          if (!w.escalatedAt && (await escalate(w.id, now))) escalated += 1;
        } else if (!w.remindedAt && now >= reminderFrom(w.responseDueAt)) {
          if (await remind(w.id, now)) reminded += 1;
        }
      }
      return { reminded, escalated };
    },

    /** Overdue referrals for a coordinator's scheme (administrators: every scheme). No personal data. */
    async overdue(user: User) {
      if (user.role !== 'coordinator' && user.role !== 'admin') throw new Forbidden();
      if (user.role === 'coordinator' && !user.schemeId) return [];
      const now = deps.clock.now();
      const rows = await deadlines.overdue(now, user.role === 'admin' ? null : user.schemeId);
      return rows.map((r) => ({ ...r, workingDaysOverdue: workingDaysOverdue(r.responseDueAt, now) }));
    },
  };
}

export type DeadlineService = ReturnType<typeof createDeadlineService>;
