import { NotifyClient } from 'notifications-node-client';
import type { NotifyConfig } from '../../config.ts';
import { PermanentSendFailure, type OutgoingMessage, type Sender } from './sender.ts';

/**
 * GOV.UK Notify through its official client (decision 045). Waymark writes its own words, so each
 * channel uses one generic template whose content is ((subject)) and ((body)) (a text message only
 * ((body))); the Notify reference is the outbox message id, nothing personal. A letter's recipient is
 * the address, one line per line, the postcode last, as Notify needs (3 to 7 lines).
 *
 * Notify's answers: 400 (bad request, validation: a bad address, an unknown template) is permanent
 * and the message is not tried again; anything else (403 until a key is fixed, 429 rate limit, 5xx,
 * no answer within the timeout) is retried on the outbox's schedule.
 */
export function createNotifySender(config: NotifyConfig, opts: { timeoutMs?: number } = {}): Sender {
  const client = new NotifyClient(config.baseUrl, config.apiKey);
  const timeoutMs = opts.timeoutMs ?? 30_000;

  async function call(m: OutgoingMessage): Promise<unknown> {
    const reference = m.id;
    switch (m.channel) {
      case 'email':
        if (!config.templates.email) throw new PermanentSendFailure('No Notify email template is configured');
        return client.sendEmail(config.templates.email, m.recipient, { personalisation: { subject: m.subject, body: m.body }, reference });
      case 'text':
        if (!config.templates.text) throw new PermanentSendFailure('No Notify text message template is configured');
        return client.sendSms(config.templates.text, m.recipient, { personalisation: { body: m.body }, reference });
      case 'letter': {
        if (!config.templates.letter) throw new PermanentSendFailure('No Notify letter template is configured');
        return client.sendLetter(config.templates.letter, { personalisation: { ...letterAddress(m.recipient), subject: m.subject, body: m.body }, reference });
      }
    }
  }

  return {
    async send(m) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          call(m),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`GOV.UK Notify did not answer within ${timeoutMs / 1000} seconds`)), timeoutMs);
          }),
        ]);
      } catch (err) {
        throw notifyFailure(err);
      } finally {
        clearTimeout(timer);
      }
      return { status: 'sent' };
    },
  };
}

/** A postal address (one line per line, postcode last) as Notify's address_line_1 … address_line_7. */
export function letterAddress(recipient: string): Record<string, string> {
  const lines = recipient
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length < 3 || lines.length > 7)
    throw new PermanentSendFailure(`A letter address needs 3 to 7 lines (a name, the address, the postcode); this one has ${lines.length}`);
  return Object.fromEntries(lines.map((l, i) => [`address_line_${i + 1}`, l]));
}

type NotifyError = { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } }; message?: string };

/** Notify's error as a short reason without the recipient, permanent when it was a 400. */
function notifyFailure(err: unknown): Error {
  if (err instanceof PermanentSendFailure) return err;
  const e = err as NotifyError;
  const status = e?.response?.status;
  const detail = (e?.response?.data?.errors ?? []).map((x) => [x.error, x.message].filter(Boolean).join(': ')).join('; ');
  if (status === undefined) return new Error(`GOV.UK Notify could not be reached: ${e?.message ?? String(err)}`);
  const text = `GOV.UK Notify answered ${status}${detail ? ` (${detail})` : ''}`;
  return status === 400 ? new PermanentSendFailure(text) : new Error(text);
}
