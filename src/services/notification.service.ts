import type { Db } from '../data/database.ts';
import type { NewNotification, NotificationRepository } from '../data/repositories/notification.repository.ts';
import type { ReferralMessageContext, Recipient } from '../data/repositories/message-context.repository.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { formatPostcode } from '../domain/contact-details.ts';
import { Conflict, Forbidden, NotFound } from '../domain/errors.ts';
import type { User } from '../domain/user.ts';
import type { Message } from './notification-messages.ts';

/** Absolute links put in messages (the composition root builds them from the public URL and paths). */
export type NotifyLinks = {
  referral(id: string): string;
  inboxItem(id: string): string;
  search: string;
  overdue: string;
  providerDashboard: string;
  providerActivity(id: string): string;
};

/**
 * Enqueues messages in the caller's transaction: they are delivered by the outbox only if the
 * change they report commits.
 */
export function createNotificationService(deps: { notifications: NotificationRepository }) {
  const { notifications } = deps;
  return {
    enqueue(tx: Db, n: NewNotification): Promise<string> {
      return notifications.insert(n, tx);
    },

    /** One email per staff member (or the organisation's address when it has no staff accounts). */
    async emailEach(tx: Db, recipients: readonly Recipient[], fallbackEmail: string | null, m: Message, referralId: string | null, at: Date) {
      const list: { userId: string | null; email: string }[] =
        recipients.length > 0 ? [...recipients] : fallbackEmail ? [{ userId: null, email: fallbackEmail }] : [];
      for (const r of list) {
        await notifications.insert({ channel: 'email', recipient: r.email, subject: m.subject, body: m.body, referralId, userId: r.userId, createdAt: at }, tx);
      }
      return list.length;
    },

    /**
     * To a person, by the way they asked to be contacted. Phone calls are made by people, not
     * queued here; with no usable address for their preference nothing is sent.
     */
    async toParticipant(tx: Db, c: ReferralMessageContext, build: (short: boolean) => Message | null, at: Date): Promise<boolean> {
      const p = c.participant;
      if (!p || p.anonymised || !p.followUpConsent) return false;
      let n: Omit<NewNotification, 'subject' | 'body'> | null = null;
      if (p.contactPreference === 'email' && p.email) n = { channel: 'email', recipient: p.email, referralId: c.id, createdAt: at };
      if (p.contactPreference === 'text' && p.phone) n = { channel: 'text', recipient: p.phone, referralId: c.id, createdAt: at };
      if (p.contactPreference === 'letter' && p.address) {
        const lines = [p.preferredName, p.address, p.postcode && formatPostcode(p.postcode)].filter((l): l is string => Boolean(l?.trim()));
        n = { channel: 'letter', recipient: lines.join('\n'), referralId: c.id, createdAt: at };
      }
      if (!n) return false;
      const m = build(n.channel === 'text');
      if (!m) return false;
      await notifications.insert({ ...n, subject: m.subject, body: m.body }, tx);
      return true;
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

/**
 * Letters to people who asked to be contacted by post: a coordinator of the scheme prints them
 * from one page and marks each as posted. Seeing a letter shows a name and address, so every view is
 * audited against the person.
 */
export function createLetterService(deps: { db: Db; notifications: NotificationRepository; audit: AuditRepository; clock: Clock }) {
  const { db, notifications, audit, clock } = deps;
  const coordinatorScheme = (user: User) => {
    if (user.role !== 'coordinator') throw new Forbidden();
    return user.schemeId;
  };
  return {
    async pending(user: User) {
      const schemeId = coordinatorScheme(user);
      if (!schemeId) return [];
      const letters = await notifications.pendingLetters(schemeId);
      for (const l of letters) {
        if (l.participantId) {
          await audit.record({
            actorId: user.id,
            action: 'participant.letter_viewed',
            subjectType: 'participant',
            subjectId: l.participantId,
            detail: { notificationId: l.id },
          });
        }
      }
      return letters.map((l) => ({
        id: l.id,
        addressLines: l.recipient.split('\n'),
        subject: l.subject,
        body: l.body,
        createdAt: l.createdAt,
        activityTitle: l.activityTitle,
      }));
    },

    async markPosted(user: User, id: string) {
      const schemeId = coordinatorScheme(user);
      await db.transaction(async (tx) => {
        const letter = await notifications.letter(id, tx);
        if (!letter || letter.schemeId !== schemeId) throw new NotFound('Letter');
        if (!(await notifications.markPosted(id, user.id, clock.now(), tx))) throw new Conflict('This letter has already been marked as posted.');
        if (letter.participantId) {
          await audit.record(
            {
              actorId: user.id,
              action: 'participant.letter_posted',
              subjectType: 'participant',
              subjectId: letter.participantId,
              detail: { notificationId: id },
            },
            tx,
          );
        }
      });
    },
  };
}

export type LetterService = ReturnType<typeof createLetterService>;
