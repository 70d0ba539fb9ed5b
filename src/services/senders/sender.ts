/**
 * Where messages go. The outbox hands each email or text to the sender for its channel; letters
 * are printed by people (the coordinator's letters page) and never pass through a sender.
 *
 * Plugging in a new service means implementing `Sender`: an SMS gateway (for example GOV.UK
 * Notify's text messages, or a commercial gateway) replaces the file sender for `text` in
 * `createSenders`; until then texts are written to files for a person to send.
 */
export type OutgoingMessage = {
  id: string;
  channel: 'email' | 'text';
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
  /** Resolves when the message has been handed over or written; throws (with a short reason) when it has not. */
  send(message: OutgoingMessage): Promise<Delivery>;
}

export type Senders = { email: Sender; text: Sender };
