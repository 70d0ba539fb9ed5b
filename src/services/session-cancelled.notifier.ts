import type { Db } from '../data/database.ts';
import type { MessageContextRepository, ReferralMessageContext } from '../data/repositories/message-context.repository.ts';
import { formatLongDate } from '../domain/schedule.ts';
import {
  sessionCancelledParticipantMessage,
  sessionCancelledReferrerMessage,
  sessionEndedParticipantMessage,
  sessionEndedReferrerMessage,
  type CancelledSession,
  type EndedSession,
  type Message,
} from './notification-messages.ts';
import type { NotificationService, NotifyLinks } from './notification.service.ts';

/** A provider cancelled one date of a session, or deleted the session so none of its dates run. */
export type SessionNotice = ({ kind: 'cancelled' } & CancelledSession) | ({ kind: 'ended' } & EndedSession);

/** What the listing side tells the notify side when a provider cancels or deletes a session (in that change's transaction). */
export type SessionCancelledNotifier = (tx: Db, notice: SessionNotice & { activityId: string; at: Date }) => Promise<number>;

type Links = { referral: string; inbox: string; search: string };

/**
 * Cancelling a session date or deleting a session tells the people who may come (referrals holding a
 * place: accepted, first visit planned, attending) by their contact preference and only with their
 * consent to follow-up, and their referrers by email (decision 022). Returns how many referrals it told someone about.
 */
export function createSessionCancelledNotifier(deps: {
  notifications: NotificationService;
  context: MessageContextRepository;
  links: NotifyLinks;
}): SessionCancelledNotifier {
  const { notifications, context, links } = deps;
  const wording = (s: SessionNotice) =>
    s.kind === 'cancelled'
      ? {
          participant: (c: ReferralMessageContext, short: boolean): Message => sessionCancelledParticipantMessage(c, s, { short }),
          referrer: (c: ReferralMessageContext, l: Links): Message => sessionCancelledReferrerMessage(c, s, l),
          event: `Session on ${formatLongDate(s.date)} cancelled`,
        }
      : {
          participant: (c: ReferralMessageContext, short: boolean): Message => sessionEndedParticipantMessage(c, s, { short }),
          referrer: (c: ReferralMessageContext, l: Links): Message => sessionEndedReferrerMessage(c, s, l),
          event: `Session stopped (${s.pattern})`,
        };
  return async (tx, s) => {
    const w = wording(s);
    let told = 0;
    for (const id of await context.placeHolders(s.activityId, tx)) {
      const c = await context.referral(id, tx);
      if (!c) continue;
      const l = { referral: links.referral(id), inbox: links.inboxItem(id), search: links.search };
      const person = await notifications.toParticipant(tx, c, (short) => w.participant(c, short), s.at);
      const referrer =
        c.referrerId && c.referrerEmail
          ? await notifications.emailEach(tx, [{ userId: c.referrerId, email: c.referrerEmail }], null, w.referrer(c, l), id, s.at)
          : 0;
      if (!person && !referrer) continue;
      told += 1;
      const who = [person && 'the person', referrer && 'the referrer'].filter(Boolean).join(' and ');
      await context.addMessageEvent(id, s.at, `${w.event}: told ${who}.`, tx);
    }
    return told;
  };
}
