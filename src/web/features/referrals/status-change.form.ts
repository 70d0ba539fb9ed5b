import { z } from 'zod';
import type { FieldError } from '../../../domain/errors.ts';
import { isRealDate } from '../../../domain/listing-session.ts';
import { ALL_DECLINE_REASONS, NEXT_STEPS, REFERRAL_STATUSES, STOP_REASONS, type ReferralStatus } from '../../../domain/referral.ts';
import type { StatusChangeInput } from '../../../domain/referral-input.ts';
import { codesOf, type Term } from '../../../domain/vocabulary.ts';
import { joinDateFields, plainText, str, toList } from '../../form-fields.ts';

const STATUS_CODES = codesOf(REFERRAL_STATUSES);

/**
 * The status-change buttons on a referral page (both sides): what each new status needs. The service
 * checks what needs the clock or the database (a first visit not in the past; the referral still in `from`; a
 * decline reason that fits the referral: an activity's or a buddy scheme's).
 */
export const statusChangeForm = z.record(z.string(), z.unknown()).transform((b, ctx): StatusChangeInput => {
  const from = str(b.from);
  const to = str(b.to);
  if (!STATUS_CODES.includes(from) || !STATUS_CODES.includes(to)) {
    ctx.addIssue({ code: 'custom', path: ['form'], message: 'Choose what to do with this referral' });
    return z.NEVER;
  }
  const errors: FieldError[] = [];
  const note = plainText(b.note);
  if (note.length > 1000) errors.push({ field: 'note', message: 'Note must be 1000 characters or fewer' });
  let reason: string | null = null;
  const reasoned = (vocab: readonly Term[], field: string, message: string) => {
    reason = str(b[field]);
    if (!codesOf(vocab).includes(reason)) errors.push({ field, message });
    else if (reason === 'other' && note === '') errors.push({ field: `${field}Other`, message: 'Explain the reason' });
  };
  if (to === 'declined') reasoned(ALL_DECLINE_REASONS, 'declineReason', 'Choose why you cannot accept this referral');
  if (to === 'stopped') reasoned(STOP_REASONS, 'stopReason', 'Choose why they stopped');
  let visit: StatusChangeInput['visit'] = null;
  let visitNote = note;
  if (to === 'first_visit_planned') {
    // One of the next sessions offered (its date), or "another date" typed in with a reason.
    const chosen = str(b.visitSession);
    const session = chosen !== '' && chosen !== 'other';
    const date = session ? chosen : joinDateFields(b, 'visitDate');
    if (session && !isRealDate(date)) errors.push({ field: 'visitSession', message: 'Choose one of the sessions listed, or another date' });
    else if (date === '')
      errors.push({ field: chosen === '' ? 'visitSession' : 'visitDate', message: 'Choose a session for the first visit, or enter another date' });
    else if (!isRealDate(date)) errors.push({ field: 'visitDate', message: 'Date of the first visit must be a real date, like 3 12 2026' });
    const reason = session ? '' : plainText(b.visitReason);
    if (reason.length > 300) errors.push({ field: 'visitReason', message: 'Reason must be 300 characters or fewer' });
    if (reason) visitNote = reason;
    const buddy = plainText(b.buddy);
    const transport = plainText(b.transport);
    if (buddy.length > 200) errors.push({ field: 'buddy', message: 'Buddy must be 200 characters or fewer' });
    if (transport.length > 300) errors.push({ field: 'transport', message: 'Transport must be 300 characters or fewer' });
    visit = { date, buddy: buddy || null, transport: transport || null, fundedPlace: str(b.fundedPlace) === 'yes', reason: reason || null };
  }
  const nextSteps = [...new Set(toList(b.nextSteps))];
  if (to === 'completed' && (nextSteps.length === 0 || !nextSteps.every((s) => codesOf(NEXT_STEPS).includes(s)))) {
    errors.push({ field: 'nextSteps', message: 'Choose at least one next step' });
  }
  const barriersChecked = str(b.barriersChecked) === 'yes';
  if (to === 'sent' && !barriersChecked)
    errors.push({ field: 'barriersChecked', message: 'Confirm you have checked travel, cost and access with them before sending' });
  for (const e of errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  if (errors.length) return z.NEVER;
  return { from: from as ReferralStatus, to: to as ReferralStatus, note: visitNote, reason, visit, nextSteps, barriersChecked };
});
