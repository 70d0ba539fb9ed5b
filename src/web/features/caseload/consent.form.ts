import { z } from 'zod';
import type { FieldError } from '../../../domain/errors.ts';
import { CONSENT_METHODS, CONSENT_PURPOSES, type ConsentPurpose } from '../../../domain/participant.ts';
import type { ConsentInput } from '../../../domain/participant-form.ts';
import { codesOf } from '../../../domain/vocabulary.ts';
import { plainText } from '../../form-fields.ts';

const list = (v: unknown) => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String).filter(Boolean));
const text = plainText;

export function parseConsentForm(body: unknown): { ok: true; input: ConsentInput } | { ok: false; errors: FieldError[] } {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const purposes = list(b.purposes);
  if (purposes.length === 0) errors.push({ field: 'purposes', message: 'Select what they agreed to' });
  else if (!purposes.every((p) => codesOf(CONSENT_PURPOSES).includes(p))) errors.push({ field: 'purposes', message: 'Choose from the list' });
  const method = text(b.method);
  if (!codesOf(CONSENT_METHODS).includes(method)) errors.push({ field: 'method', message: 'Choose how they gave consent' });
  const note = text(b.note);
  if (note.length > 500) errors.push({ field: 'note', message: 'Note must be 500 characters or fewer' });

  let givenOn: Date | null = null;
  if (text(b.when) === 'earlier') {
    const day = Number(text(b['givenOn-day']));
    const month = Number(text(b['givenOn-month']));
    const year = Number(text(b['givenOn-year']));
    const date = day && month && year ? new Date(Date.UTC(year, month - 1, day)) : null;
    if (!date || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || year < 2000) {
      errors.push({ field: 'givenOn-day', message: 'Enter the date they gave consent, like 14 3 2026' });
    } else givenOn = date;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, input: { purposes: purposes as ConsentPurpose[], method: method as ConsentInput['method'], givenOn, note } };
}

/** "Record consent": what was agreed, how, and on which day (today unless an earlier one is entered). */
export const consentForm = z.unknown().transform((body, ctx): ConsentInput => {
  const r = parseConsentForm(body);
  if (r.ok) return r.input;
  for (const e of r.errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  return z.NEVER;
});
