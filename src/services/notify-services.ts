import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import { createDeadlineRepository } from '../data/repositories/deadline.repository.ts';
import { createGpSummaryRepository } from '../data/repositories/gp-summary.repository.ts';
import { createMessageContextRepository } from '../data/repositories/message-context.repository.ts';
import { createNotificationRepository } from '../data/repositories/notification.repository.ts';
import { createReplyStatsRepository } from '../data/repositories/reply-stats.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { createDeadlineService } from './deadline.service.ts';
import { createGpSummaryService } from './gp-summary.service.ts';
import { createReferralObservers } from './notification-observers.ts';
import { createLetterService, createNotificationService, type NotifyLinks } from './notification.service.ts';
import { createOutboxService } from './outbox.service.ts';
import { createReplyStatsService } from './reply-stats.service.ts';
import { createSessionCancelledNotifier } from './session-cancelled.notifier.ts';
import { createProviderNotifier } from './provider-notices.ts';
import type { Senders } from './senders/sender.ts';

/**
 * Messages and deadlines around referrals, wired from one database: the referral observers (pass
 * `observers` to the referral services), the outbox, the response-deadline job, reply statistics,
 * letters and the GP record summary.
 */
export function createNotifyServices(deps: { db: Db; audit: AuditRepository; clock: Clock; senders: Senders; outboxDir: string; links: NotifyLinks }) {
  const { db, audit, clock, links } = deps;
  const notificationRepository = createNotificationRepository(db);
  const context = createMessageContextRepository(db);
  const deadlineRepository = createDeadlineRepository(db);
  const notifications = createNotificationService({ notifications: notificationRepository });
  return {
    observers: createReferralObservers({ notifications, context, deadlines: deadlineRepository, links }),
    notifications,
    outbox: createOutboxService({ notifications: notificationRepository, senders: deps.senders, outboxDir: deps.outboxDir, clock }),
    deadlines: createDeadlineService({ db, deadlines: deadlineRepository, context, notifications, links, clock }),
    replyStats: createReplyStatsService({ replyStats: createReplyStatsRepository(db), clock }),
    letters: createLetterService({ db, notifications: notificationRepository, audit, clock }),
    sessionCancelled: createSessionCancelledNotifier({ notifications, context, links }),
    providerNotices: createProviderNotifier({
      notifications,
      context,
      links: { dashboard: links.providerDashboard, activity: links.providerActivity },
    }),
    gpSummary: createGpSummaryService({ summaries: createGpSummaryRepository(db), audit, clock }),
  };
}

export type NotifyServices = ReturnType<typeof createNotifyServices>;
