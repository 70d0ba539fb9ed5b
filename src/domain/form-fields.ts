import { z } from 'zod';
import { ValidationFailed } from './errors.ts';
import { codesOf, type Term } from './vocabulary.ts';

/**
 * Building blocks for validating posted forms with zod: a field arrives as nothing, one string, or
 * (when repeated) an array; every message is written for the person filling in the form.
 */
export const ONE_ANSWER = 'Enter or choose one answer only';

/**
 * One field's text. A field sent twice with different values (`email=a&email=b`) is no form's doing
 * (checkbox groups are read with toList): the form is shown again with ONE_ANSWER, nothing is saved.
 */
export function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (!Array.isArray(v)) return String(v);
  const values = [...new Set(v.map(String))];
  if (values.length > 1) throw new ValidationFailed([{ field: 'form', message: ONE_ANSWER }]);
  return values[0] ?? '';
}

/**
 * Trims spaces and the characters nobody can see (zero-width spaces and joiners, byte-order marks,
 * no-break and other Unicode spaces, bidirectional marks), so a title of only those is empty.
 */
const EDGE_INVISIBLES = /^[\s\p{Z}\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]+|[\s\p{Z}\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]+$/gu;
export const trimInvisible = (v: string) => v.replace(EDGE_INVISIBLES, '');

export const toList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String).filter(Boolean));
export const text = (label: string, max: number) => z.preprocess(str, z.string().overwrite(trimInvisible).max(max, `${label} must be ${max} characters or fewer`));
export const required = (message: string, label: string, max: number) =>
  z.preprocess(str, z.string().overwrite(trimInvisible).min(1, message).max(max, `${label} must be ${max} characters or fewer`));
export const ticked = z.preprocess(str, z.string()).transform((v) => v === 'yes');
export const oneOf = (vocab: readonly Term[], message: string) => z.preprocess(str, z.string().refine((v) => codesOf(vocab).includes(v), message));
/** Ticked boxes from a vocabulary; anything not in it is refused with `message`. */
export const someOf = (vocab: readonly Term[], message: string) =>
  z.preprocess(toList, z.array(z.string()).refine((vs) => vs.every((v) => codesOf(vocab).includes(v)), message));
export const idempotencyKey = z.preprocess(str, z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'This form has expired. Reload the page and try again'));
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuid = (message: string) => z.preprocess(str, z.string().regex(UUID_PATTERN, message));
/** An optional choice: empty means none (null). */
export const optionalUuid = (message: string) =>
  z.preprocess(str, z.string().refine((v) => v === '' || UUID_PATTERN.test(v), message)).transform((v) => (v === '' ? null : v));

/** Parses or throws ValidationFailed with one message per field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationFailed(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message })));
  return parsed.data;
}
