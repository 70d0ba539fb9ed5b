import type { Db } from '../data/database.ts';
import type { NotificationRepository } from '../data/repositories/notification.repository.ts';
import type { PhoneLineRepository } from '../data/repositories/phone-line.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { PHONE_LINE_ROLES, TEXT_LIMIT, type SendToCaller } from '../domain/phone-line.ts';
import { readAloud } from '../domain/read-aloud.ts';
import { londonDate } from '../domain/schedule.ts';
import type { User } from '../domain/user.ts';
import type { PublicActivityService } from './public-activity.service.ts';

/**
 * The information line (issue 10, decision 032): whoever answers finds a listing, reads its summary
 * aloud, and sends it to the caller by text or email through the outbox. The caller's number or
 * address is forgotten once the message is handed over; the send is counted, not the person.
 */
export function createPhoneLineService(deps: {
  db: Db;
  publicActivities: PublicActivityService;
  notifications: NotificationRepository;
  sends: PhoneLineRepository;
  clock: Clock;
  publicUrl: string;
  activityPath: (id: string) => string;
}) {
  const { db, publicActivities, notifications, sends, clock } = deps;
  const mustAnswerPhone = (user: User) => {
    if (!(PHONE_LINE_ROLES as readonly string[]).includes(user.role)) throw new Forbidden();
  };
  const publicListing = async (id: string) => {
    const details = await publicActivities.getActivity(id);
    if (details.preview) throw new NotFound('Activity');
    return details;
  };

  return {
    /** A listing's read-aloud summary; only public listings. */
    async listing(user: User, id: string) {
      mustAnswerPhone(user);
      const details = await publicListing(id);
      return { details, parts: readAloud(details, clock.now()) };
    },

    /** Sends the listing to the caller; returns nothing about them. */
    async send(user: User, id: string, to: SendToCaller): Promise<void> {
      mustAnswerPhone(user);
      const details = await publicListing(id);
      const now = clock.now();
      const url = new URL(deps.activityPath(id), deps.publicUrl).toString();
      const parts = readAloud(details, now);
      const said = (topic: string) => parts.find((p) => p.topic === topic)?.sentences.join(' ') ?? '';
      const a = details.activity;
      const message =
        to.channel === 'text'
          ? {
              subject: a.title,
              body: `Waymark: ${a.title}. ${said('When').split('. ')[0]}. ${said('Where')} ${said('Cost')} Code ${a.shortCode}. ${url}`.slice(0, TEXT_LIMIT),
            }
          : {
              subject: `${a.title}: the details you asked for`,
              body: [
                'Hello,',
                'Here are the details of the activity we talked about on the phone.',
                ...parts.map((p) => `${p.topic}\n${p.sentences.join(' ')}`),
                `More about it: ${url}`,
                'With best wishes,\nWaymark',
              ].join('\n\n'),
            };
      await db.transaction(async (tx) => {
        await notifications.insert(
          {
            channel: to.channel,
            recipient: to.channel === 'text' ? to.phone : to.email,
            subject: message.subject,
            body: message.body,
            createdAt: now,
            forgetRecipient: true,
          },
          tx,
        );
        await sends.countSend({ channel: to.channel, activityCount: 1, sentOn: londonDate(now), schemeId: user.schemeId, at: now }, tx);
      });
    },
  };
}

export type PhoneLineService = ReturnType<typeof createPhoneLineService>;
