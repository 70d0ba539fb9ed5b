import type { DeadlineRepository } from '../data/repositories/deadline.repository.ts';
import type { MessageContextRepository } from '../data/repositories/message-context.repository.ts';
import type { ReferralStatus } from '../domain/referral.ts';
import { responseDueAt } from '../domain/working-days.ts';
import { participantMessage, providerMessage, referrerMessage, type Links } from './notification-messages.ts';
import type { NotificationService, NotifyLinks } from './notification.service.ts';
import type { ReferralObserver } from './referral-observers.ts';

/** The provider's first reply: any move out of 'sent' the provider makes. */
const FIRST_REPLIES: readonly ReferralStatus[] = ['accepted', 'declined', 'waiting_list'];

export type ObserverDeps = {
  notifications: NotificationService;
  context: MessageContextRepository;
  deadlines: DeadlineRepository;
  links: NotifyLinks;
};

/**
 * What happens, in the same transaction, whenever a referral changes status:
 * 1. response time limit — on sending, the reply is due at the end of the scheme's nth working day
 *    (default 10) in London; the provider's first reply records `responded_at` once;
 * 2. closing the loop — a message to whoever did not make the change:
 *    - the provider's staff when a referral is sent to them, or the referrer's side withdraws, plans,
 *      stops or completes it;
 *    - the referring link worker or connector (by email) when the provider's side moves it on;
 *    - for self-referrals, the person, by their contact preference, only while they consent to
 *      follow-up ('follow_up'); phone calls are left to people.
 */
export function createReferralObservers(deps: ObserverDeps): ReferralObserver[] {
  const { notifications, context, deadlines } = deps;

  const responseTimeLimit: ReferralObserver = async (tx, change) => {
    if (change.to === 'sent' && change.from !== 'sent') {
      const days = await deadlines.responseWorkingDays(change.referralId, tx);
      await deadlines.setResponseDue(change.referralId, change.at, responseDueAt(change.at, days), tx);
    }
    if (change.from === 'sent' && FIRST_REPLIES.includes(change.to)) await deadlines.markResponded(change.referralId, change.at, tx);
  };

  const closeTheLoop: ReferralObserver = async (tx, change) => {
    if (change.from === change.to && change.to !== 'first_visit_planned') return;
    const c = await context.referral(change.referralId, tx);
    if (!c) return;
    const links: Links = { referral: deps.links.referral(c.id), inbox: deps.links.inboxItem(c.id), search: deps.links.search };
    const byProvider = change.actorId !== null && (await context.isMember(change.actorId, c.providerOrganisationId, tx));

    if (!byProvider) {
      const m = providerMessage(c, change.to, links);
      if (m) await notifications.emailEach(tx, await context.providerStaff(c.providerOrganisationId, tx), c.providerEmail, m, c.id, change.at);
    }
    const referrerTold = change.to !== 'sent' && c.referrerId !== null && c.referrerId !== change.actorId;
    if (referrerTold && c.referrerEmail) {
      const m = referrerMessage(c, change.to, links);
      if (m) await notifications.emailEach(tx, [{ userId: c.referrerId!, email: c.referrerEmail }], null, m, c.id, change.at);
    }
    if (c.route === 'self' && (byProvider || change.to === 'sent' || change.actorId === null)) {
      await notifications.toParticipant(tx, c, (short) => participantMessage(c, change.to, links, { short }), change.at);
    }
  };

  return [responseTimeLimit, closeTheLoop];
}
