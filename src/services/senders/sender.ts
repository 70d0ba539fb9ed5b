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
};

export interface Sender {
  /** Resolves when the message has been handed over; throws (with a short reason) when it has not. */
  send(message: OutgoingMessage): Promise<void>;
}

export type Senders = { email: Sender; text: Sender };
