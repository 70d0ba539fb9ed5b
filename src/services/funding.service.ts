import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { FundingFilter, FundingRepository } from '../data/repositories/funding.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { checkFundingCsv, fundingCsv, type FundingInput, type ImportReport, reminderDue } from '../domain/funding.ts';
import { HERITAGE_WELLBEING_WORDS } from '../domain/past-awards.ts';
import { addDays, londonDate } from '../domain/schedule.ts';
import { isCoordinator, type User } from '../domain/user.ts';
import type { NotificationService } from './notification.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const keeper = (user: User) => {
  if (!isCoordinator(user)) throw new Forbidden('Only coordinators keep the funding list');
};
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export type FundingListFilter = { when?: 'open' | 'closing_soon' | 'all'; area?: string; funds?: FundingFilter['funds'] };

/**
 * Funding opportunities (issue 12, decision 047): coordinators keep the list (one for England, like
 * the conversation prompts), everyone reads it, providers opt in to deadline reminders.
 */
export function createFundingService(deps: {
  db: Db;
  funding: FundingRepository;
  notifications: NotificationService;
  audit: AuditRepository;
  clock: Clock;
  links: { funding: string; reminders: string };
}) {
  const { db, funding, notifications, audit, clock, links } = deps;

  return {
    /** Open now (deadline today or later, or rolling), closing soon (within 14 days), or everything still open or past. */
    async list(filter: FundingListFilter) {
      const today = londonDate(clock.now());
      const when = filter.when ?? 'open';
      return funding.list({
        fromDate: when === 'all' ? undefined : today,
        toDate: when === 'closing_soon' ? addDays(today, 14) : undefined,
        includeRolling: when !== 'closing_soon',
        area: filter.area,
        funds: filter.funds,
      });
    },

    today: () => londonDate(clock.now()),

    /** Who has funded heritage and wellbeing work near an area (360Giving grants), with totals by funder. */
    async pastAwardsNear(area: string) {
      const awards = await funding.pastAwardsNear(area, HERITAGE_WELLBEING_WORDS, 200);
      const byFunder = new Map<string, { funder: string; grants: number; total: number }>();
      for (const a of awards) {
        const f = byFunder.get(a.funderName) ?? { funder: a.funderName, grants: 0, total: 0 };
        f.grants++;
        if (a.currency === 'GBP') f.total += a.amountAwarded;
        byFunder.set(a.funderName, f);
      }
      return { recent: awards.slice(0, 10), funders: [...byFunder.values()].sort((x, y) => y.total - x.total) };
    },

    async add(user: User, input: FundingInput): Promise<string> {
      keeper(user);
      return db.transaction(async (tx) => {
        const id = await funding.insert(input, user.id, clock.now(), tx);
        await audit.record({ actorId: user.id, action: 'funding.added', subjectType: 'funding_opportunity', subjectId: id }, tx);
        return id;
      });
    },

    async remove(user: User, id: string) {
      keeper(user);
      if (!UUID.test(id)) throw new NotFound('Funding opportunity');
      await db.transaction(async (tx) => {
        if (!(await funding.remove(id, tx))) throw new NotFound('Funding opportunity');
        await audit.record({ actorId: user.id, action: 'funding.removed', subjectType: 'funding_opportunity', subjectId: id }, tx);
      });
    },

    /**
     * Checks every row; imports nothing if any row has a problem, unless `validOnly` (then the valid
     * rows). Returns the row-by-row report and how many were imported.
     */
    async importCsv(user: User, rows: readonly string[][], validOnly: boolean): Promise<{ report: ImportReport; imported: number }> {
      keeper(user);
      const report = checkFundingCsv(rows);
      const valid = report.rows.filter((r) => r.ok);
      if (report.headerProblem || valid.length === 0 || (!validOnly && valid.length < report.rows.length)) return { report, imported: 0 };
      const now = clock.now();
      await db.transaction(async (tx) => {
        for (const r of valid) await funding.insert(r.value!, user.id, now, tx);
        await audit.record(
          { actorId: user.id, action: 'funding.imported', subjectType: 'funding_opportunity', subjectId: 'import', detail: { rows: valid.length } },
          tx,
        );
      });
      return { report, imported: valid.length };
    },

    async exportCsv(): Promise<string> {
      return fundingCsv(await funding.list({}));
    },

    async remindersOn(user: User): Promise<boolean | undefined> {
      const org = user.role === 'provider' ? user.organisationIds[0] : undefined;
      return org ? funding.isSubscribed(org) : undefined;
    },

    async setReminders(user: User, on: boolean) {
      const org = user.role === 'provider' ? user.organisationIds[0] : undefined;
      if (!org) throw new Forbidden('Only provider staff choose deadline reminders for their organisation');
      await db.transaction(async (tx) => {
        await funding.setSubscribed(org, on, user.id, clock.now(), tx);
        await audit.record(
          { actorId: user.id, action: on ? 'funding.reminders_on' : 'funding.reminders_off', subjectType: 'organisation', subjectId: org },
          tx,
        );
      });
    },

    /**
     * The hourly job: for each opportunity whose deadline is 14 or 3 days away (or nearer), one email
     * to each subscribed organisation's staff, each reminder claimed once in the transaction that
     * queues it. Returns how many reminders were sent.
     */
    async sendDeadlineReminders(now: Date): Promise<number> {
      const today = londonDate(now);
      const due = (await funding.list({ fromDate: today, toDate: addDays(today, 14), includeRolling: false })).map((o) => ({
        o,
        days: reminderDue(o.deadline, today),
      }));
      const subscribers = await funding.subscribers();
      let sent = 0;
      for (const { o, days } of due) {
        if (days === null) continue;
        for (const s of subscribers) {
          await db.transaction(async (tx) => {
            if (!(await funding.claimReminder(o.id, s.organisationId, days, now, tx))) return;
            sent++;
            for (const email of s.emails)
              await notifications.enqueue(tx, {
                channel: 'email',
                recipient: email,
                createdAt: now,
                subject: `Funding deadline ${days === 3 ? 'in 3 days' : 'in 2 weeks'}: ${o.programme} (${o.funder})`,
                body: `Applications to ${o.programme} from ${o.funder} close on ${longDate(o.deadline!)}.\n\n${o.summary ? `${o.summary}\n\n` : ''}Details: ${o.link}\n\nAll funding opportunities: ${links.funding}\n\nYou get these because ${s.name} asked for funding deadline reminders. To stop them: ${links.reminders}`,
              });
          });
        }
      }
      return sent;
    },
  };
}

export type FundingService = ReturnType<typeof createFundingService>;
