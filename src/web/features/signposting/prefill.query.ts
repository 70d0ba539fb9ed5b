import { z } from 'zod';
import { INFO_POINTS, REFERRAL_FOLLOWED } from '../../../domain/signposting.ts';
import { NEEDS } from '../../../domain/vocabulary.ts';
import { codeList, str, toList, UUID_PATTERN } from '../../form-fields.ts';

/** Where a prefilled conversation form came from; saving it goes back there. Only the phone line today. */
export const PREFILL_SOURCES = ['phone'] as const;

const optionalCode = (codes: readonly string[]) => z.preprocess(str, z.string()).refine((v) => v === '' || codes.includes(v), 'Choose from the list');

/**
 * "Record a conversation" opened with some answers already chosen (decision 036): the phone line links
 * here with where = phone line, the listings looked at during the call and whether the caller was
 * handed to a link worker. Only codes and listing ids: nothing about the person.
 */
export const conversationPrefill = z.object({
  infoPoint: optionalCode(INFO_POINTS.map((p) => p.code)),
  needs: codeList(NEEDS, 'what they were looking for'),
  activityIds: z.preprocess(toList, z.array(z.string().regex(UUID_PATTERN, 'Choose activities from the list')).max(10)),
  linkWorker: optionalCode(['yes']),
  referralFollowed: optionalCode(REFERRAL_FOLLOWED.map((r) => r.code)),
  from: optionalCode(PREFILL_SOURCES),
});

export type ConversationPrefill = z.output<typeof conversationPrefill>;
