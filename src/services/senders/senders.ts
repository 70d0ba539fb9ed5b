import type { NotifyConfig } from '../../config.ts';
import { createFileSender } from './file.sender.ts';
import { createNotifySender } from './notify.sender.ts';
import type { Senders } from './sender.ts';
import { createSmtpSender } from './smtp.sender.ts';

/**
 * The senders for a deployment. With GOV.UK Notify configured (NOTIFY_API_KEY, decision 045), each
 * channel that has a Notify template goes through Notify. Otherwise email goes through SMTP when
 * SMTP_URL is set, or into files in OUTBOX_DIR; texts into files; letters are printed by people (no
 * letter sender). A file is recorded as 'written_to_file', never 'sent'.
 */
export function createSenders(config: { outboxDir: string; smtpUrl: string | undefined; mailFrom: string; notify?: NotifyConfig | null }): Senders {
  const files = createFileSender({ dir: config.outboxDir, from: config.mailFrom });
  const notify = config.notify ? createNotifySender(config.notify) : null;
  const t = config.notify?.templates;
  return {
    email: notify && t?.email ? notify : config.smtpUrl ? createSmtpSender({ url: config.smtpUrl, from: config.mailFrom }) : files,
    text: notify && t?.text ? notify : files,
    letter: notify && t?.letter ? notify : undefined,
  };
}
