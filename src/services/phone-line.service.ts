import type { Db } from '../data/database.ts';
import type { NotificationRepository } from '../data/repositories/notification.repository.ts';
import type { PhoneLineRepository } from '../data/repositories/phone-line.repository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden, NotFound, ValidationFailed } from '../domain/errors.ts';
import { PHONE_LINE_ROLES, TEXT_LIMIT, type SendToCaller } from '../domain/phone-line.ts';
import { readAloud } from '../domain/read-aloud.ts';
import { messageDate } from '../domain/message-date.ts';
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

    /** The public listings a letter can carry, for the letter form (unknown or hidden ones left out). */
    async letterChoices(user: User, ids: readonly string[]) {
      mustAnswerPhone(user);
      const found = await Promise.all(ids.map((id) => publicListing(id).catch((e) => (e instanceof NotFound ? null : Promise.reject(e)))));
      return found.filter((d) => d !== null).map((d) => ({ id: d.activity.id, title: d.activity.title, organisation: d.organisation.name }));
    },

    /**
     * A posted letter's listings, in the words of the read-aloud summary, with the date to print (decision
     * 036). The caller's name and address never reach the service: the page prints them once. The send
     * is counted, not the person.
     */
    async letter(user: User, ids: readonly string[]) {
      mustAnswerPhone(user);
      const now = clock.now();
      const listings = [];
      for (const id of ids) {
        const details = await publicListing(id).catch((e) => {
          if (e instanceof NotFound) throw new ValidationFailed([{ field: 'activityIds', message: 'Choose listings from the list' }]);
          throw e;
        });
        const a = details.activity;
        listings.push({
          title: a.title,
          organisation: details.organisation.name,
          shortCode: a.shortCode,
          url: new URL(deps.activityPath(id), deps.publicUrl).toString(),
          // The code is printed as it is written; the spelt-out sentence is for reading aloud.
          parts: readAloud(details, now)
            .map((p) => ({ ...p, sentences: p.sentences.filter((s) => !s.startsWith('The listing code is')) }))
            .filter((p) => p.sentences.length > 0),
        });
      }
      await sends.countSend({ channel: 'letter', activityCount: listings.length, sentOn: londonDate(now), schemeId: user.schemeId, at: now });
      return { date: messageDate(now), listings };
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
