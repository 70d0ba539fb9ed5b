import type { Channel, NotificationRepository } from '../data/repositories/notification.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { removeOutboxFiles } from './senders/file.sender.ts';
import { PermanentSendFailure, type Senders } from './senders/sender.ts';

export const MAX_ATTEMPTS = 5;
/** Pause before the 2nd, 3rd, 4th and 5th tries. */
const RETRY_AFTER_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
/** How long a claimed message is left alone before another run may try it (a crash mid-send). */
const LEASE_MS = 10 * 60_000;

/** A failure reason safe to store and show: no addresses or phone numbers, short. */
export function safeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[address]')
    .replace(/\+?\d[\d\s()-]{7,}\d/g, '[number]')
    .slice(0, 300);
}

export type OutboxResult = { sent: number; writtenToFile: number; failed: number };

/**
 * Delivers the outbox: claims due emails and texts (several processes can run this at once on
 * PostgreSQL — rows are claimed with `for update skip locked`; PGlite has one connection), hands each
 * to its channel's sender, and records the result: 'sent' when a server took it, 'written_to_file'
 * when the development sender only wrote it to the outbox folder (`outboxDir`). A failure is retried
 * after a pause, up to MAX_ATTEMPTS tries in all; then it stays 'failed' with its last error for
 * someone to look at.
 */
export function createOutboxService(deps: { notifications: NotificationRepository; senders: Senders; clock: Clock; outboxDir: string }) {
  const { notifications, senders, clock } = deps;
  return {
    async deliverPending(limit = 50): Promise<OutboxResult> {
      const now = clock.now();
      const channels: Channel[] = senders.letter ? ['email', 'text', 'letter'] : ['email', 'text'];
      const due = await notifications.claimDue(now, limit, LEASE_MS, MAX_ATTEMPTS, channels);
      let sent = 0;
      let writtenToFile = 0;
      let failed = 0;
      for (const n of due) {
        const sender = senders[n.channel];
        if (!sender) continue;
        const attempts = n.attempts + 1;
        try {
          const delivery = await sender.send({
            id: n.id,
            channel: n.channel,
            recipient: n.recipient,
            subject: n.subject,
            body: n.body,
            createdAt: n.createdAt,
            listUnsubscribe: n.listUnsubscribe,
          });
          if (delivery.status === 'sent') {
            await notifications.markSent(n.id, clock.now(), attempts);
            sent += 1;
          } else if (await notifications.markWrittenToFile(n.id, delivery.fileName, attempts)) {
            writtenToFile += 1;
          } else {
            // Erased while it was being written: its file must not outlive it.
            await removeOutboxFiles(deps.outboxDir, [{ id: n.id, fileName: delivery.fileName }]);
          }
        } catch (err) {
          // A refusal of the message itself (a bad address) is final; anything else is tried again later.
          const pause = err instanceof PermanentSendFailure ? undefined : RETRY_AFTER_MS[attempts - 1];
          const next = attempts < MAX_ATTEMPTS && pause !== undefined ? new Date(clock.now().getTime() + pause) : null;
          await notifications.markFailed(n.id, attempts, safeError(err), next);
          failed += 1;
        }
      }
      return { sent, writtenToFile, failed };
    },
  };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
