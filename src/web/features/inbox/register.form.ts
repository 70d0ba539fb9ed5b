import { z } from 'zod';
import type { RegisterInput } from '../../../services/referral-inbox.service.ts';
import { str } from '../../form-fields.ts';

const MARK = /^attended-(.+)$/;

/** An attendance register: the session date, and "attended-<referral>" = yes | no for each person marked (blank: unchanged). */
export const registerForm = z.record(z.string(), z.unknown()).transform((b): RegisterInput => {
  const marks: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(b)) {
    const referralId = MARK.exec(name)?.[1];
    const mark = str(value);
    if (referralId && (mark === 'yes' || mark === 'no')) marks[referralId] = mark === 'yes';
  }
  return { date: str(b.date).trim(), marks };
});
