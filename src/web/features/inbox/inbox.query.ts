import { z } from 'zod';
import { REFERRAL_STATUSES } from '../../../domain/referral.ts';
import { codesOf } from '../../../domain/vocabulary.ts';
import type { InboxFilter, ReplyFilter } from '../../../services/referral-inbox.service.ts';

const CHOICES = ['open', 'all', ...codesOf(REFERRAL_STATUSES)];
const REPLY_CHOICES = ['any', 'overdue', 'due_soon'];

/** The inbox's filters (a GET): open referrals unless 'all' or one status is chosen, any reply date unless overdue or due soon; anything else is ignored. */
export const inboxQuery = z.object({
  status: z.preprocess((v) => (typeof v === 'string' && CHOICES.includes(v) ? v : 'open'), z.string()).transform((v) => v as InboxFilter),
  reply: z.preprocess((v) => (typeof v === 'string' && REPLY_CHOICES.includes(v) ? v : 'any'), z.string()).transform((v) => v as ReplyFilter),
});
