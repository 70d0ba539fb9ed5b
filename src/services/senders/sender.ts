/**
 * Where messages go. The outbox hands each email or text to the sender for its channel; letters
 * are printed by people (the coordinator's letters page) unless a letter sender is configured
 * (GOV.UK Notify, decision 045), which posts them.
 *
 * Plugging in a new service means implementing `Sender` and choosing it in `createSenders`.
 */
export type OutgoingMessage = {
  id: string;
  channel: 'email' | 'text' | 'letter';
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
  /**
   * A mailing's unsubscribe address (absolute https URL): senders add `List-Unsubscribe: <url>` and
   * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), so mail programs offer the button.
   */
  listUnsubscribe?: string | null;
};

/** The RFC 8058 headers for a message that has an unsubscribe address; none otherwise. */
export function listUnsubscribeHeaders(m: Pick<OutgoingMessage, 'listUnsubscribe'>): Record<string, string> {
  if (!m.listUnsubscribe || /[\s<>]/.test(m.listUnsubscribe)) return {};
  return { 'List-Unsubscribe': `<${m.listUnsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/**
 * What became of a message: handed to a mail server or gateway ('sent'), or only written to a file
 * in the outbox folder for a person to deal with ('written_to_file': nobody has received it).
 */
export type Delivery = { status: 'sent' } | { status: 'written_to_file'; fileName: string };

export interface Sender {
  /**
   * Resolves when the message has been handed over or written; throws (with a short reason) when it
   * has not: a `PermanentSendFailure` when trying again cannot help, anything else to be retried.
   */
  send(message: OutgoingMessage): Promise<Delivery>;
}

/** The service refused the message itself (a bad address, a missing postcode): it is not tried again. */
export class PermanentSendFailure extends Error {}

/** `letter` only when a service posts letters; without one, people print them. */
export type Senders = { email: Sender; text: Sender; letter?: Sender | undefined };
