import type { Db } from '../data/database.ts';
import type { ReferralStatus } from '../domain/referral.ts';

/**
 * Called inside the transaction of every referral status change, after the referral row and its
 * timeline event are written. Observers (notifications to the referrer, response deadlines,
 * questionnaire time points) write in the same transaction, so a change and its consequences land
 * together or not at all.
 */
export type ReferralChange = {
  referralId: string;
  from: ReferralStatus | null;
  to: ReferralStatus;
  actorId: string | null;
  note: string;
  at: Date;
};

export type ReferralObserver = (tx: Db, change: ReferralChange) => Promise<void>;
