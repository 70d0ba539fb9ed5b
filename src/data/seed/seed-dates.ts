import type { Db } from '../database.ts';
import { one } from '../database.ts';
import { isWorkingDay, responseDueAt } from '../../domain/working-days.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Mid-morning of the last working day on or before `day`: when a link worker sends a referral. */
export function workingMorningBefore(day: Date): Date {
  let at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10));
  while (!isWorkingDay(at)) at = new Date(at.getTime() - DAY);
  return at;
}

/** Every sent referral has its reply-by date, as the pathway sets it (decision 022): the scheme's working days. */
export const replyBy = async (tx: Db, schemeId: string, sent: Date) =>
  responseDueAt(sent, (await one<{ days: number }>(tx, 'select response_working_days as days from schemes where id = $1', [schemeId])).days);
