import type { Db } from '../data/database.ts';
import type { MessageContextRepository } from '../data/repositories/message-context.repository.ts';
import { formatLongDate } from '../domain/schedule.ts';
import { sessionCancelledParticipantMessage, sessionCancelledReferrerMessage, type CancelledSession } from './notification-messages.ts';
import type { NotificationService, NotifyLinks } from './notification.service.ts';

/** What the listing side tells the notify side when a provider cancels a session date (in the cancel's transaction). */
export type SessionCancelledNotifier = (tx: Db, cancelled: CancelledSession & { activityId: string; at: Date }) => Promise<number>;

/**
 * Cancelling a session tells the people who may come (referrals holding a place: accepted, first
 * visit planned, attending) by their contact preference and only with their consent to follow-up,
 * and their referrers by email (decision 022). Returns how many referrals it told someone about.
 */
export function createSessionCancelledNotifier(deps: {
  notifications: NotificationService;
  context: MessageContextRepository;
  links: NotifyLinks;
}): SessionCancelledNotifier {
  const { notifications, context, links } = deps;
  return async (tx, s) => {
    let told = 0;
    for (const id of await context.placeHolders(s.activityId, tx)) {
      const c = await context.referral(id, tx);
      if (!c) continue;
      const l = { referral: links.referral(id), inbox: links.inboxItem(id), search: links.search };
      const person = await notifications.toParticipant(tx, c, (short) => sessionCancelledParticipantMessage(c, s, { short }), s.at);
      const referrer =
        c.referrerId && c.referrerEmail
          ? await notifications.emailEach(tx, [{ userId: c.referrerId, email: c.referrerEmail }], null, sessionCancelledReferrerMessage(c, s, l), id, s.at)
          : 0;
      if (!person && !referrer) continue;
      told += 1;
      const who = [person && 'the person', referrer && 'the referrer'].filter(Boolean).join(' and ');
      await context.addMessageEvent(id, s.at, `Session on ${formatLongDate(s.date)} cancelled: told ${who}.`, tx);
    }
    return told;
  };
}
