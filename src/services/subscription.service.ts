import type { Db } from '../data/database.ts';
import type { AuditRepository } from '../data/repositories/audit.repository.ts';
import type { NotificationRepository } from '../data/repositories/notification.repository.ts';
import type { SubscriptionRepository } from '../data/repositories/subscription.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { freshnessCutoff } from '../domain/directory.ts';
import { NotFound } from '../domain/errors.ts';
import { countOf } from '../domain/plural.ts';
import {
  DIGEST_LIMIT,
  FREQUENCIES,
  hashConfirmToken,
  isUnsubscribeToken,
  newConfirmToken,
  nextDigestAt,
  radiusMetres,
  type SubscriptionInput,
  unconfirmedBefore,
  unsubscribeToken,
} from '../domain/subscription.ts';
import type { User } from '../domain/user.ts';
import { labelOf } from '../domain/vocabulary.ts';
import type { ResolveWhereService } from './resolve-where.service.ts';

/**
 * "Tell me about new activities near me" (issue 10, decision 036). Nothing is sent until the address
 * is confirmed; every email carries a one-click unsubscribe link; unsubscribing deletes the row.
 */
export function createSubscriptionService(deps: {
  db: Db;
  subscriptions: SubscriptionRepository;
  notifications: NotificationRepository;
  audit: AuditRepository;
  where: ResolveWhereService;
  clock: Clock;
  secret: string;
  links: { confirm: (token: string) => string; unsubscribe: (id: string, token: string) => string; activity: (id: string) => string; subscribe: string };
}) {
  const { db, subscriptions, notifications, audit, clock, links } = deps;
  const unsubscribeLink = (id: string) => links.unsubscribe(id, unsubscribeToken(deps.secret, id));

  /** A confirmation link still within its week; anything else is simply not found. */
  async function unconfirmed(token: string) {
    const s = await subscriptions.findUnconfirmed(hashConfirmToken(token));
    if (!s || s.createdAt < unconfirmedBefore(clock.now())) throw new NotFound('Subscription');
    return s;
  }

  return {
    /** Keeps the request and emails a confirmation link; sends nothing else until it is followed. */
    async subscribe(input: SubscriptionInput, actor: User | null): Promise<void> {
      const area = await deps.where.resolve(input.where, 'where');
      if (!area) throw new NotFound('Area');
      const now = clock.now();
      const { token, hash } = newConfirmToken();
      await db.transaction(async (tx) => {
        const id = await subscriptions.insert(
          {
            email: input.email,
            areaLabel: area.label,
            easting: area.easting,
            northing: area.northing,
            radiusMiles: input.radiusMiles,
            interests: input.interests,
            frequency: input.frequency,
            confirmTokenHash: hash,
            createdBy: actor?.id ?? null,
          },
          now,
          tx,
        );
        await notifications.insert(
          {
            channel: 'email',
            recipient: input.email,
            subject: 'Confirm your Waymark emails about new activities',
            body: [
              'Hello,',
              `Someone (we hope you) asked Waymark to email ${labelOf(FREQUENCIES, input.frequency).toLowerCase()} about new and changed activities within ${countOf(input.radiusMiles, 'mile')} of ${area.label}.`,
              `To start these emails, open this link and press the button: ${links.confirm(token)}`,
              `If it was not you, ignore this email: nothing more will be sent, and the request is deleted after a week.`,
              `Stop these emails at any time: ${unsubscribeLink(id)}`,
            ].join('\n\n'),
            createdAt: now,
            forgetRecipient: true,
          },
          tx,
        );
        await audit.record({ actorId: actor?.id ?? null, action: 'subscription.requested', subjectType: 'activity_subscription', subjectId: id }, tx);
      });
    },

    /** The confirmation page (GET shows a button, so a mail scanner following links confirms nothing). */
    async confirmation(token: string) {
      const s = await unconfirmed(token);
      return { areaLabel: s.areaLabel, radiusMiles: s.radiusMiles, frequency: s.frequency };
    },

    async confirm(token: string): Promise<void> {
      const s = await unconfirmed(token);
      await db.transaction(async (tx) => {
        if (!(await subscriptions.confirm(s.id, hashConfirmToken(token), clock.now(), tx))) throw new NotFound('Subscription');
        await audit.record({ actorId: null, action: 'subscription.confirmed', subjectType: 'activity_subscription', subjectId: s.id }, tx);
      });
    },

    /** The unsubscribe page: only with the link from an email; anything else is not found. */
    async unsubscribing(id: string, token: string) {
      const s = await subscriptions.find(id);
      if (!s || !isUnsubscribeToken(deps.secret, id, token)) throw new NotFound('Subscription');
      return { areaLabel: s.areaLabel };
    },

    /** Unsubscribing deletes the subscription: nothing about it is kept but the audit line. */
    async unsubscribe(id: string, token: string): Promise<void> {
      if (!isUnsubscribeToken(deps.secret, id, token)) throw new NotFound('Subscription');
      await db.transaction(async (tx) => {
        if (!(await subscriptions.delete(id, tx))) throw new NotFound('Subscription');
        await audit.record({ actorId: null, action: 'subscription.deleted', subjectType: 'activity_subscription', subjectId: id }, tx);
      });
    },

    /** Deletes subscriptions never confirmed within UNCONFIRMED_DAYS (a daily job). */
    async purgeUnconfirmed(now: Date): Promise<number> {
      return subscriptions.purgeUnconfirmed(unconfirmedBefore(now));
    },

    /**
     * Emails each confirmed subscription whose digest is due the visible listings near it, of its
     * interests, that are new or changed since its last digest (or its confirmation). A digest with
     * nothing in it is not sent, but the period still moves on. Two runs at once send one digest.
     */
    async sendDigests(now: Date): Promise<number> {
      let sent = 0;
      const cutoff = freshnessCutoff(now);
      for (const s of await subscriptions.confirmed()) {
        const since = s.lastSentAt ?? s.confirmedAt!;
        if (nextDigestAt(since, s.frequency) > now) continue;
        const listings = await subscriptions.newAndChanged({
          easting: s.easting,
          northing: s.northing,
          radiusM: radiusMetres(s.radiusMiles),
          interests: s.interests,
          since,
          until: now,
          cutoff,
          limit: DIGEST_LIMIT,
        });
        await db.transaction(async (tx) => {
          if (!(await subscriptions.markSent(s.id, s.lastSentAt, now, tx))) return;
          if (listings.length === 0) return;
          const lines = listings.map(
            (l) => `- ${l.isNew ? 'New' : 'Changed'}: ${l.title} (${l.organisationName}${l.town ? `, ${l.town}` : ''})\n  ${links.activity(l.id)}`,
          );
          await notifications.insert(
            {
              channel: 'email',
              recipient: s.email,
              subject: `${countOf(listings.length, 'new or changed activity', 'new or changed activities')} near ${s.areaLabel}`,
              body: [
                'Hello,',
                `New or changed within ${countOf(s.radiusMiles, 'mile')} of ${s.areaLabel} since your last email:`,
                lines.join('\n'),
                `Stop these emails (one click, then press the button): ${unsubscribeLink(s.id)}`,
              ].join('\n\n'),
              createdAt: now,
              forgetRecipient: true,
              listUnsubscribe: unsubscribeLink(s.id),
            },
            tx,
          );
          sent++;
        });
      }
      return sent;
    },
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
