import { addDays } from './schedule.ts';
import { terms } from './vocabulary.ts';

/**
 * Heritage Connectors' signposting (issue 9, decision 029). A conversation is recorded without
 * anything about the person met: where it happened, what they were looking for (vocabulary codes),
 * where they were signposted, and whether a referral followed.
 */
export const INFO_POINTS = terms([
  { code: 'website_help', label: 'Website help' },
  { code: 'phone_line', label: 'Phone line' },
  { code: 'heritage_cafe', label: 'Heritage Café' },
  { code: 'library', label: 'Library' },
  { code: 'gp_surgery', label: 'GP surgery' },
  { code: 'out_and_about', label: 'Out and about' },
] as const);
export type InfoPoint = (typeof INFO_POINTS)[number]['code'];

/** Other services a connector can signpost to: kinds of service, never a named person. */
export const OTHER_SERVICES = terms([
  { code: 'money_advice', label: 'Money, benefits or debt advice' },
  { code: 'housing', label: 'Housing help' },
  { code: 'carers_support', label: 'Support for carers' },
  { code: 'talking_therapies', label: 'Talking therapies' },
  { code: 'befriending', label: 'Befriending' },
  { code: 'digital_help', label: 'Help getting online' },
  { code: 'transport', label: 'Community transport' },
  { code: 'other_community', label: 'Another community group' },
] as const);

export const REFERRAL_FOLLOWED = terms([
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not_known', label: 'Not known' },
] as const);
export type ReferralFollowed = (typeof REFERRAL_FOLLOWED)[number]['code'];

/** A conversation as a connector records it (parsed at the edge). */
export type ConversationInput = {
  heldOn: string;
  infoPoint: InfoPoint;
  needs: string[];
  interests: string[];
  activityIds: string[];
  linkWorker: boolean;
  otherServices: string[];
  referralFollowed: ReferralFollowed;
  /** The form's one-time key (a new conversation is recorded once however often it is posted). */
  idempotencyKey?: string;
};

export type Conversation = ConversationInput & { id: string; schemeId: string; connectorId: string };

/**
 * How far back a connector records and corrects conversations. Older records are only counted:
 * a connector cannot change last year's figures, and sees only their recent work.
 */
export const RECENT_DAYS = 42;

export const earliestRecentDate = (today: string) => addDays(today, -RECENT_DAYS);
export const isRecent = (heldOn: string, today: string) => heldOn >= earliestRecentDate(today);

/** Problems with a conversation that need today's date or the whole record, by field. */
export function conversationProblems(input: ConversationInput, today: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (input.heldOn > today) problems.push({ field: 'heldOn', message: 'The date of the conversation must be today or in the past' });
  else if (!isRecent(input.heldOn, today)) {
    problems.push({ field: 'heldOn', message: `The date must be within the last ${RECENT_DAYS} days. Ask your coordinator about older conversations` });
  }
  if (input.activityIds.length === 0 && !input.linkWorker && input.otherServices.length === 0) problems.push(NOTHING_SIGNPOSTED);
  return problems;
}

export const NOTHING_SIGNPOSTED = {
  field: 'signpostedTo',
  message: 'Choose at least one thing you signposted them to: an activity, a link worker or another service',
};
