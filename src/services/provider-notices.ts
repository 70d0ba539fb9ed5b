import type { Db } from '../data/database.ts';
import type { MessageContextRepository } from '../data/repositories/message-context.repository.ts';
import { FRESHNESS } from '../domain/directory.ts';
import type { Message } from './notification-messages.ts';
import type { NotificationService } from './notification.service.ts';

/** What a coordinator decided about a provider's organisation or listing, or the 6-month prompt (decision 022). */
export type ProviderOutcome =
  | 'organisation_approved'
  | 'organisation_rejected'
  | 'listing_approved'
  | 'listing_rejected'
  | 'listing_changes_requested'
  | 'change_approved'
  | 'change_rejected'
  | 'change_changes_requested'
  | 'freshness_due';

/** `title`: the listing's title, or the organisation's name; `note`: the coordinator's reason or note, written for the provider. */
export type ProviderNotice = { organisationId: string; activityId: string | null; outcome: ProviderOutcome; title: string; note: string | null; at: Date };

/** Emails a provider's staff about a notice, in the caller's transaction; returns how many emails. */
export type ProviderNotifier = (tx: Db, n: ProviderNotice) => Promise<number>;

const SIGN_OFF = '\n\nThis message was sent by Waymark. Please do not reply to it.';

/** The words of each notice: plain English, what happened, why, and what to do next. */
export function providerNoticeMessage(n: ProviderNotice, link: string): Message {
  const note = n.note ? n.note.trim() : '';
  const words: Record<ProviderOutcome, [subject: string, what: string, next: string]> = {
    organisation_approved: [
      `Your organisation is approved: ${n.title}`,
      `A coordinator has approved ${n.title}.${note ? ` Their note: ${note}` : ''}`,
      'add your places and activities. Each listing is checked before it appears in search.',
    ],
    organisation_rejected: [
      `Your organisation was not approved: ${n.title}`,
      `A coordinator did not approve ${n.title}. Reason: ${note || 'none given'}`,
      'edit your organisation’s details to send it for approval again.',
    ],
    listing_approved: [`Your listing is live: ${n.title}`, `A coordinator has approved ${n.title}. People can now find it in search.`, 'nothing.'],
    listing_rejected: [
      `Your listing was not approved: ${n.title}`,
      `A coordinator did not approve ${n.title}. Reason: ${note || 'none given'}`,
      'edit the listing to send it for approval again.',
    ],
    listing_changes_requested: [
      `Changes requested: ${n.title}`,
      `A coordinator has asked for changes to ${n.title} before it can go live: ${note || 'see the listing'}`,
      'edit the listing and send it again.',
    ],
    change_approved: [`Your changes are live: ${n.title}`, `A coordinator has approved your changes to ${n.title}. People now see them.`, 'nothing.'],
    change_rejected: [
      `Your changes were not approved: ${n.title}`,
      `A coordinator did not approve your changes to ${n.title}. People still see the listing as it was. Reason: ${note || 'none given'}`,
      'edit the listing if you want to send different changes.',
    ],
    change_changes_requested: [
      `Changes requested: ${n.title}`,
      `A coordinator has asked you to change your proposed changes to ${n.title}: ${note || 'see the listing'}. People still see the listing as it was.`,
      'edit the listing and send your changes again.',
    ],
    freshness_due: [
      `Is this still right? ${n.title}`,
      `Nobody has checked ${n.title} for ${FRESHNESS.promptAfterMonths} months. Listings not confirmed for ${FRESHNESS.hideAfterMonths} months leave search.`,
      'open the listing and confirm it is still correct, or edit it.',
    ],
  };
  const [subject, what, next] = words[n.outcome];
  return { subject, body: `${what}\n\nWhat to do next: ${next}\n\nSee it in Waymark: ${link}${SIGN_OFF}` };
}

/** Emails each of the organisation's staff accounts (or its own address when it has none). */
export function createProviderNotifier(deps: {
  notifications: NotificationService;
  context: MessageContextRepository;
  links: { dashboard: string; activity(id: string): string };
}): ProviderNotifier {
  const { notifications, context, links } = deps;
  return async (tx, n) => {
    const link = n.activityId ? links.activity(n.activityId) : links.dashboard;
    const staff = await context.providerStaff(n.organisationId, tx);
    return notifications.emailEach(tx, staff, await context.organisationEmail(n.organisationId, tx), providerNoticeMessage(n, link), null, n.at);
  };
}
