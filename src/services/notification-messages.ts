import type { ReferralMessageContext } from '../data/repositories/message-context.repository.ts';
import { ALL_DECLINE_REASONS, NEXT_STEPS, STOP_REASONS, type ReferralStatus } from '../domain/referral.ts';
import { labelsOf } from '../domain/vocabulary.ts';
import { messageDate } from '../domain/message-date.ts';

/**
 * The words of every message about a referral. Plain English, and no more personal data than the
 * reader needs: messages to staff never name the person (the link opens the referral, behind sign-in),
 * and only a reason's label is quoted, never the free text typed beside it.
 */
export type Message = { subject: string; body: string };
export type Links = { referral: string; inbox: string; search: string };

const SIGN_OFF = '\n\nThis message was sent by Waymark. Please do not reply to it.';
const dueText = (due: Date | null) => (due ? messageDate(due) : 'as soon as you can');
const visitText = (date: string | null) => (date ? messageDate(date) : 'a date to be agreed');

/** The label of a coded reason, or nothing for free text (which may hold personal details). */
function reasonLabel(status: ReferralStatus, reason: string | null): string | null {
  if (!reason) return null;
  const list = status === 'declined' ? ALL_DECLINE_REASONS : status === 'stopped' || status === 'withdrawn' ? STOP_REASONS : [];
  const term = list.find((t) => t.code === reason && t.code !== 'other');
  return term ? term.label : null;
}

function compose(subject: string, lines: (string | null | false)[], nextStep: string, link?: string): Message {
  const body = [...lines.filter((l): l is string => typeof l === 'string' && l !== ''), '', `What to do next: ${nextStep}`];
  if (link) body.push('', `See the referral: ${link}`);
  return { subject, body: body.join('\n') + SIGN_OFF };
}

/** To the link worker or connector who referred, when the provider (or the system) moves the referral on. */
export function referrerMessage(c: ReferralMessageContext, to: ReferralStatus, links: Links): Message | null {
  const who = c.providerName;
  const what = c.activityTitle;
  const reason = reasonLabel(to, c.statusReason);
  switch (to) {
    case 'accepted':
      return compose(
        `Referral accepted: ${what}`,
        [`${who} has accepted your referral to ${what}.`],
        'they will be in touch to plan a first visit. You may want to let the person know.',
        links.referral,
      );
    case 'declined':
      return compose(
        `Referral declined: ${what}`,
        [`${who} has declined your referral to ${what}.`, reason && `Reason: ${reason}.`],
        'talk with the person about another activity. You can find one in Waymark.',
        links.referral,
      );
    case 'waiting_list':
      return compose(
        `Referral on the waiting list: ${what}`,
        [`${who} has put your referral to ${what} on their waiting list.`],
        'they will offer a place when one comes up. You may want to look at other activities in the meantime.',
        links.referral,
      );
    case 'first_visit_planned':
      return compose(
        `First visit planned: ${what}`,
        [`${who} has planned a first visit to ${what} on ${visitText(c.firstVisitDate)}.`],
        'check the person has what they need to get there, such as transport or someone to go with.',
        links.referral,
      );
    case 'attending':
      return compose(
        `Started attending: ${what}`,
        [`${who} has recorded that the person you referred has started going to ${what}.`],
        'nothing is needed now. You may want to check in with the person after a few sessions.',
        links.referral,
      );
    case 'completed':
      return compose(
        `Referral completed: ${what}`,
        [
          `${who} has recorded that the person you referred has finished at ${what}.`,
          c.nextSteps.length > 0 && `Next steps agreed: ${labelsOf(NEXT_STEPS, c.nextSteps).join('; ')}.`,
        ],
        'record the end-of-prescription wellbeing measures and add the summary to the GP record.',
        links.referral,
      );
    case 'stopped':
      return compose(
        `Stopped going: ${what}`,
        [`${who} has recorded that the person you referred has stopped going to ${what}.`, reason && `Reason: ${reason}.`],
        'get in touch with the person to talk about what would help.',
        links.referral,
      );
    default:
      return null;
  }
}

/** To the provider's staff, when the referrer's side sends or changes a referral. */
export function providerMessage(c: ReferralMessageContext, to: ReferralStatus, links: Links): Message | null {
  const who = c.route === 'self' ? 'Someone' : c.route === 'connector' ? 'A community connector' : (c.referrerOrganisationName ?? 'A link worker');
  const what = c.activityTitle;
  switch (to) {
    case 'sent':
      return compose(
        `New referral: ${what}`,
        [`${who} has sent a referral to ${what}.`, `Please reply by ${dueText(c.responseDueAt)}.`],
        'accept it, decline it with a reason, or put the person on your waiting list.',
        links.inbox,
      );
    case 'withdrawn':
      return compose(
        `Referral withdrawn: ${what}`,
        [`The referral to ${what} has been withdrawn.`],
        'nothing. If you were holding a place, it is free again.',
        links.inbox,
      );
    case 'first_visit_planned':
      return compose(
        `First visit planned: ${what}`,
        [`A first visit to ${what} has been planned for ${visitText(c.firstVisitDate)}.`],
        'make sure someone is ready to welcome them.',
        links.inbox,
      );
    case 'completed':
      return compose(`Referral completed: ${what}`, [`The referral to ${what} has been marked as completed by the referrer.`], 'nothing.', links.inbox);
    case 'stopped':
      return compose(`Referral stopped: ${what}`, [`The referrer has recorded that the person has stopped going to ${what}.`], 'nothing.', links.inbox);
    default:
      return null;
  }
}

/** To a person who referred themselves (and agreed to be contacted), in their own words. */
export function participantMessage(c: ReferralMessageContext, to: ReferralStatus, links: Links, opts: { short: boolean }): Message | null {
  const name = c.participant?.preferredName ?? '';
  const hello = name ? `Hello ${name},` : 'Hello,';
  const what = c.activityTitle;
  const who = c.providerName;
  const lines: Record<string, [string, string] | undefined> = {
    sent: [`Your request: ${what}`, `we have sent your request to join ${what} to ${who}. They will reply by ${dueText(c.responseDueAt)}.`],
    accepted: [`Good news: ${what}`, `${who} can welcome you to ${what}. They will get in touch to arrange your first visit.`],
    declined: [`About your request: ${what}`, `${who} cannot offer you a place at ${what} this time. You can look for other activities at ${links.search}.`],
    waiting_list: [`You are on the waiting list: ${what}`, `${who} has put you on the waiting list for ${what}. They will get in touch when a place comes up.`],
    first_visit_planned: [`Your first visit: ${what}`, `your first visit to ${what} is planned for ${visitText(c.firstVisitDate)}.`],
  };
  const line = lines[to];
  if (!line) return null;
  const [subject, text] = line;
  if (opts.short) return { subject, body: `Waymark: ${text.charAt(0).toUpperCase()}${text.slice(1)}` };
  return { subject, body: `${hello}\n\n${text.charAt(0).toUpperCase()}${text.slice(1)}\n\nWith best wishes,\nWaymark` };
}

/** To the provider's staff, two working days before a reply is due. */
export function reminderMessage(c: ReferralMessageContext, links: Links): Message {
  return compose(
    `Reminder: please reply to a referral to ${c.activityTitle}`,
    [`A referral to ${c.activityTitle} is waiting for your reply. It is due by ${dueText(c.responseDueAt)}.`],
    'accept it, decline it with a reason, or put the person on your waiting list.',
    links.inbox,
  );
}

/** To the scheme's coordinators, once a reply is overdue. */
export function escalationMessage(c: ReferralMessageContext, links: Links & { overdue: string }): Message {
  return compose(
    `Overdue referral: ${c.activityTitle} (${c.providerName})`,
    [`${c.providerName} has not replied to a referral to ${c.activityTitle}. The reply was due by ${dueText(c.responseDueAt)}.`],
    `contact the provider, or help the referrer find another activity. See all overdue referrals: ${links.overdue}`,
    links.referral,
  );
}

/** A session date an activity will not run on, as messages describe it. */
export type CancelledSession = { date: string; time: string; reason: string };

const cancelledText = (c: ReferralMessageContext, s: CancelledSession) =>
  `${c.providerName} has cancelled the session of ${c.activityTitle} on ${messageDate(s.date)} at ${s.time}. Reason: ${s.reason}.`;

/** To the link worker or connector who referred someone holding a place, when a session is cancelled. */
export function sessionCancelledReferrerMessage(c: ReferralMessageContext, s: CancelledSession, links: Links): Message {
  const firstVisit = c.status === 'first_visit_planned' && c.firstVisitDate === s.date;
  const byPhone = c.participant?.contactPreference === 'phone';
  return compose(
    `Session cancelled: ${c.activityTitle}, ${messageDate(s.date)}`,
    [
      cancelledText(c, s),
      firstVisit && 'It was the day of the first visit of the person you referred.',
      byPhone
        ? 'They asked to be contacted by phone, so Waymark has not messaged them.'
        : 'Waymark has told the person the way they asked to be contacted, if they agreed to follow-up.',
    ],
    firstVisit
      ? 'agree a new date for the first visit with the provider.'
      : byPhone
        ? 'phone the person to let them know.'
        : 'nothing, unless they need help to find another session.',
    links.referral,
  );
}

/** A weekly or monthly session a provider deleted: it no longer runs on any of its `dates` to come. */
export type EndedSession = { pattern: string; dates: string[] };

/** "Every Tuesday, 10am to 12pm" as it reads inside a sentence: "runs every Tuesday, …", "runs on Tuesday 1 December only, …". */
const patternInSentence = (pattern: string) =>
  /^(Every|First|Second|Third|Fourth|Last)\b/.test(pattern) ? pattern[0]!.toLowerCase() + pattern.slice(1) : `on ${pattern}`;

const firstVisitAmong = (c: ReferralMessageContext, dates: string[]) =>
  c.status === 'first_visit_planned' && c.firstVisitDate !== null && dates.includes(c.firstVisitDate);

/** To the link worker or connector who referred someone holding a place, when a provider deletes a session. */
export function sessionEndedReferrerMessage(c: ReferralMessageContext, e: EndedSession, links: Links): Message {
  const firstVisit = firstVisitAmong(c, e.dates);
  const byPhone = c.participant?.contactPreference === 'phone';
  return compose(
    `Session no longer runs: ${c.activityTitle}`,
    [
      `${c.providerName} has stopped the session of ${c.activityTitle} that ran ${patternInSentence(e.pattern)}.`,
      firstVisit && `The first visit of the person you referred was planned for ${messageDate(c.firstVisitDate!)}, one of its dates.`,
      byPhone
        ? 'They asked to be contacted by phone, so Waymark has not messaged them.'
        : 'Waymark has told the person the way they asked to be contacted, if they agreed to follow-up.',
    ],
    firstVisit
      ? 'agree a new date for the first visit with the provider.'
      : byPhone
        ? 'phone the person to let them know, and check the listing for its other sessions.'
        : 'nothing, unless they need help to find another session.',
    links.referral,
  );
}

/** To a person holding a place (by their contact preference), when a provider deletes a session. */
export function sessionEndedParticipantMessage(c: ReferralMessageContext, e: EndedSession, opts: { short: boolean }): Message {
  const name = c.participant?.preferredName ?? '';
  const firstVisit = firstVisitAmong(c, e.dates);
  const subject = `Session stopped: ${c.activityTitle}`;
  const text = `${c.activityTitle} no longer runs ${patternInSentence(e.pattern)}.${firstVisit ? ` ${c.providerName} will be in touch to arrange your first visit on another day.` : ` ${c.providerName} can tell you when else it meets.`}`;
  if (opts.short) return { subject, body: `Waymark: ${text}` };
  return { subject, body: `${name ? `Hello ${name},` : 'Hello,'}\n\n${text}\n\nWith best wishes,\nWaymark` };
}

/** To a person holding a place (by their contact preference), when a session is cancelled. */
export function sessionCancelledParticipantMessage(c: ReferralMessageContext, s: CancelledSession, opts: { short: boolean }): Message {
  const name = c.participant?.preferredName ?? '';
  const firstVisit = c.status === 'first_visit_planned' && c.firstVisitDate === s.date;
  const subject = `Cancelled: ${c.activityTitle}, ${messageDate(s.date)}`;
  const text = `${c.activityTitle} on ${messageDate(s.date)} at ${s.time} is cancelled (${s.reason}).${firstVisit ? ` ${c.providerName} will be in touch to arrange your first visit on another day.` : ''}`;
  if (opts.short) return { subject, body: `Waymark: ${text}` };
  return { subject, body: `${name ? `Hello ${name},` : 'Hello,'}\n\n${text}\n\nWith best wishes,\nWaymark` };
}

/**
 * A buddy accepted to go with the person (decision 033): to the link worker who referred, naming
 * the buddy by first name only, and never the person.
 */
export function buddyComingReferrerMessage(c: ReferralMessageContext, buddyFirstName: string, links: Links): Message {
  return compose(
    `A buddy is going with them: ${c.activityTitle}`,
    [`${buddyFirstName}, a volunteer buddy with ${c.providerName}, has agreed to go with the person you referred.`],
    'nothing is needed now. The buddy scheme will arrange when they meet. You may want to let the person know.',
    links.referral,
  );
}

/** The same news to the person, by the way they asked to be contacted (only with their consent to follow-up). */
export function buddyComingParticipantMessage(c: ReferralMessageContext, buddyFirstName: string, opts: { short: boolean }): Message {
  const name = c.participant?.preferredName ?? '';
  const text = `${buddyFirstName}, a volunteer buddy with ${c.providerName}, will go with you. ${c.providerName} will get in touch to arrange when you meet.`;
  const subject = `Your buddy: ${buddyFirstName}`;
  if (opts.short) return { subject, body: `Waymark: ${text}` };
  return { subject, body: `${name ? `Hello ${name},` : 'Hello,'}\n\n${text}\n\nWith best wishes,\nWaymark` };
}

/** A proposed buddy declined: to the volunteer leads of the scheme's organisation (the reason's label only, never the buddy's note). */
/** To a buddy when their lead asks them to go with someone: no name or detail in the email, only where to answer. */
export function buddyAskedMessage(buddyFirstName: string, schemeName: string, link: string): Message {
  const body = [
    `Hello ${buddyFirstName},`,
    `Your volunteer lead at ${schemeName} has asked whether you could go with someone to an activity.`,
    '',
    'What to do next: open the link to see what they need, then say yes or no. If you say no, your lead will ask someone else.',
    '',
    `Answer here: ${link}`,
  ];
  return { subject: 'Could you go with someone?', body: body.join('\n') + SIGN_OFF };
}

export function buddyDeclinedLeadMessage(buddyFirstName: string, schemeName: string, reason: string, link: string): Message {
  return compose(
    `${buddyFirstName} cannot be a buddy this time`,
    [`${buddyFirstName} has declined to go with someone referred to ${schemeName}.`, `Reason: ${reason}.`],
    'propose another buddy from the list.',
    link,
  );
}
