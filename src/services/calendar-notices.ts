import type { Db } from '../data/database.ts';
import { createMessageContextRepository, type Recipient } from '../data/repositories/message-context.repository.ts';
import type { NotificationService } from './notification.service.ts';

/** A provider's calendar could not be read, or its sessions changed a live listing (decision 037). */
export type CalendarNotice = {
  activityId: string;
  importId?: string;
  organisationId: string;
  title: string;
  kind: 'failed' | 'changed';
  detail: string;
  at: Date;
};
/** Emails the provider's staff and the area's coordinators, in the caller's transaction; returns how many emails. */
export type CalendarNotifier = (tx: Db, n: CalendarNotice) => Promise<number>;

const SIGN_OFF = '\n\nThis message was sent by Waymark. Please do not reply to it.';

export function calendarNoticeMessages(n: CalendarNotice, links: { provider: string; coordinator: string }) {
  if (n.kind === 'failed') {
    return {
      provider: {
        subject: `Waymark could not read your calendar: ${n.title}`,
        body: `Waymark reads your calendar every day to keep the sessions of ${n.title} up to date. Today it could not: ${n.detail}\n\nThe listing keeps the sessions it had. What to do next: check the calendar is still shared publicly, or give Waymark its new address.\n\nSee it in Waymark: ${links.provider}${SIGN_OFF}`,
      },
      coordinator: {
        subject: `A provider’s calendar could not be read: ${n.title}`,
        body: `Waymark could not read the calendar that keeps the sessions of ${n.title} up to date: ${n.detail}\n\nThe listing keeps the sessions it had; its provider has been told.${SIGN_OFF}`,
      },
    };
  }
  return {
    provider: {
      subject: `Your calendar changed the sessions of ${n.title}`,
      body: `Waymark read your calendar and found changed sessions for ${n.title} (${n.detail}). The listing is live, so a coordinator approves the new sessions before people see them.\n\nSee it in Waymark: ${links.provider}${SIGN_OFF}`,
    },
    coordinator: {
      subject: `New sessions to approve: ${n.title}`,
      body: `The provider’s calendar changed the sessions of ${n.title} (${n.detail}). They wait for your approval before people see them.\n\nReview them in Waymark: ${links.coordinator}${SIGN_OFF}`,
    },
  };
}

export function createCalendarNotifier(deps: {
  db: Db;
  notifications: NotificationService;
  links: { providerActivity(id: string): string; coordinatorImport(id: string): string; coordinator: string };
}): CalendarNotifier {
  const context = createMessageContextRepository(deps.db);
  return async (tx, n) => {
    const m = calendarNoticeMessages(n, {
      provider: deps.links.providerActivity(n.activityId),
      coordinator: n.importId ? deps.links.coordinatorImport(n.importId) : deps.links.coordinator,
    });
    const staff = await context.providerStaff(n.organisationId, tx);
    // The coordinators of every scheme whose area holds the listing's place (decision 016).
    const coordinators = await tx.query<Recipient>(
      `select distinct u.id as "userId", u.email from activities a join places p on p.id = a.place_id
         join scheme_outcodes so on so.outcode = left(upper(regexp_replace(p.postcode, '\\s', '', 'g')), -3)
         join users u on u.scheme_id = so.scheme_id and u.role = 'coordinator' and u.disabled_at is null
        where a.id = $1 order by u.email`,
      [n.activityId],
    );
    const told = await deps.notifications.emailEach(tx, staff, await context.organisationEmail(n.organisationId, tx), m.provider, null, n.at);
    return told + (coordinators.length > 0 ? await deps.notifications.emailEach(tx, coordinators, null, m.coordinator, null, n.at) : 0);
  };
}
