import { z } from 'zod';
import { normalisePhone, PHONE_EXAMPLE } from '../domain/contact-details.ts';
import { str, trimInvisible } from '../domain/form-text.ts';
import { UUID_PATTERN } from '../domain/ids.ts';
import { codesOf, type Term } from '../domain/vocabulary.ts';

export { str, trimInvisible, UUID_PATTERN };

/** One field's text, trimmed of spaces and invisible characters (so invisible-only text is empty). */
export const plainText = (v: unknown) => trimInvisible(str(v));

/**
 * Building blocks for the forms' zod schemas (`features/<journey>/<form>.form.ts`): a field arrives
 * as nothing, one string, or (when repeated) an array; every message is written for the person
 * filling in the form.
 */
export const toList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String).filter(Boolean));
export const text = (label: string, max: number) =>
  z.preprocess(str, z.string().overwrite(trimInvisible).max(max, `${label} must be ${max} characters or fewer`));
export const required = (message: string, label: string, max: number) =>
  z.preprocess(str, z.string().overwrite(trimInvisible).min(1, message).max(max, `${label} must be ${max} characters or fewer`));
/** Blank means none (null). */
export const optionalText = (label: string, max: number) => text(label, max).transform((v) => (v === '' ? null : v));
export const ticked = z.preprocess(str, z.string()).transform((v) => v === 'yes');
export const oneOf = (vocab: readonly Term[], message: string) =>
  z.preprocess(
    str,
    z.string().refine((v) => codesOf(vocab).includes(v), message),
  );
/** Ticked boxes from a vocabulary; anything not in it is refused with `message`. */
export const someOf = (vocab: readonly Term[], message: string) =>
  z.preprocess(
    toList,
    z.array(z.string()).refine((vs) => vs.every((v) => codesOf(vocab).includes(v)), message),
  );
/** Ticked boxes from a vocabulary, each once. */
export const codeList = (vocab: readonly Term[], label: string) => {
  const allowed = new Set(codesOf(vocab));
  return z
    .preprocess(
      toList,
      z.array(z.string()).refine((l) => l.every((c) => allowed.has(c)), `Choose ${label} from the list`),
    )
    .transform((l) => [...new Set(l)]);
};
/** At least one ticked box from a vocabulary, each once. */
export const atLeastOne = (vocab: readonly Term[], message: string) => {
  const allowed = new Set(codesOf(vocab));
  return z
    .preprocess(
      toList,
      z
        .array(z.string())
        .min(1, message)
        .refine((l) => l.every((c) => allowed.has(c)), message),
    )
    .transform((l) => [...new Set(l)]);
};
/** A whole number from `min` to `max`, or blank (null); commas allowed. */
export const wholeNumber = (label: string, example: string, max = 100000, min = 0) =>
  z.preprocess(
    (v) => str(v).trim().replace(/,/g, ''),
    z
      .string()
      .refine((v) => v === '' || /^\d+$/.test(v), `${label} must be a whole number, like ${example}`)
      .refine((v) => !/^\d+$/.test(v) || Number(v) >= min, `${label} must be ${min} or more, or leave it blank`)
      .refine((v) => !/^\d+$/.test(v) || Number(v) <= max, `${label} must be ${max.toLocaleString('en-GB')} or fewer`)
      .transform((v) => (v === '' ? null : Number(v))),
  );
export const optionalEmail = (label: string) =>
  optionalText(label, 200).refine((v) => v === null || z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.org');
/** A UK phone number or blank (null), stored as E.164 (decision 023). */
export const optionalPhone = (label: string) =>
  optionalText(label, 30)
    .refine((v) => v === null || normalisePhone(v) !== null, `Enter a UK phone number, like ${PHONE_EXAMPLE}`)
    .transform((v) => (v === null ? null : normalisePhone(v)));
export const idempotencyKey = z.preprocess(str, z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'This form has expired. Reload the page and try again'));
export const uuid = (message: string) => z.preprocess(str, z.string().regex(UUID_PATTERN, message));
/** An optional choice: empty means none (null). */
export const optionalUuid = (message: string) =>
  z
    .preprocess(
      str,
      z.string().refine((v) => v === '' || UUID_PATTERN.test(v), message),
    )
    .transform((v) => (v === '' ? null : v));

/** The NHS.UK date input posts day, month and year apart: 'YYYY-MM-DD', '' when all are blank, else something invalid. */
export function joinDateFields(body: Record<string, unknown>, name: string): string {
  const [d, m, y] = ['Day', 'Month', 'Year'].map((p) => str(body[`${name}${p}`]).trim());
  if (!d && !m && !y) return '';
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

/** Runs before a schema: fills `names` (dates) from their day, month and year fields, unless already given whole. */
export const withDates = <S extends z.ZodType>(names: string[], schema: S) =>
  z.preprocess((v) => {
    const body = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
    const dates = Object.fromEntries(names.filter((n) => body[n] === undefined).map((n) => [n, joinDateFields(body, n)]));
    return { ...body, ...dates };
  }, schema);
