import { z } from 'zod';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../domain/referral.ts';
import { codesOf } from '../../../domain/vocabulary.ts';
import type { InboxFilter } from '../../../services/referral-inbox.service.ts';

const CHOICES = ['open', 'all', ...codesOf(REFERRAL_STATUSES)];

/** The inbox's status filter (a GET): open referrals unless 'all' or one status is chosen; anything else is ignored. */
export const inboxQuery = z.object({
  status: z.unknown().transform((v): InboxFilter => (typeof v === 'string' && CHOICES.includes(v) ? (v as ReferralStatus | 'all' | 'open') : 'open')),
});
