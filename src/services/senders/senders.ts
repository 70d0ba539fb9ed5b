import { createFileSender } from './file.sender.ts';
import type { Senders } from './sender.ts';
import { createSmtpSender } from './smtp.sender.ts';

/**
 * The senders for a deployment: email through SMTP when SMTP_URL is set, otherwise files in
 * OUTBOX_DIR; texts always to files until an SMS gateway sender is written (see sender.ts). A file
 * is recorded as 'written_to_file', never 'sent'.
 */
export function createSenders(config: { outboxDir: string; smtpUrl: string | undefined; mailFrom: string }): Senders {
  const files = createFileSender({ dir: config.outboxDir, from: config.mailFrom });
  return {
    email: config.smtpUrl ? createSmtpSender({ url: config.smtpUrl, from: config.mailFrom }) : files,
    text: files,
  };
}
