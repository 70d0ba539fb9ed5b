import { z } from 'zod';
import { REFERRAL_STATUSES } from '../../../domain/referral.ts';
import { codesOf } from '../../../domain/vocabulary.ts';
import type { InboxFilter } from '../../../services/referral-inbox.service.ts';

const CHOICES = ['open', 'all', ...codesOf(REFERRAL_STATUSES)];

/** The inbox's status filter (a GET): open referrals unless 'all' or one status is chosen; anything else is ignored. */
export const inboxQuery = z.object({
  status: z.preprocess((v) => (typeof v === 'string' && CHOICES.includes(v) ? v : 'open'), z.string()).transform((v) => v as InboxFilter),
});
