import { z } from 'zod';
import { ValidationFailed } from './errors.ts';
import { codesOf, type Term } from './vocabulary.ts';

/**
 * Building blocks for validating posted forms with zod: a field arrives as nothing, one string, or
 * (when repeated) an array; every message is written for the person filling in the form.
 */
export const str = (v: unknown) => (v === undefined || v === null ? '' : Array.isArray(v) ? String(v[v.length - 1] ?? '') : String(v));
/**
 * One field's value for the schemas below. A field sent twice with different values (`email=a&email=b`)
 * is no form's doing: it stays a list, which every single-value field refuses with ONE_ANSWER.
 */
const oneValue = (v: unknown): unknown =>
  Array.isArray(v) && new Set(v.map(String)).size > 1 ? v.map(String) : str(v);
/**
 * Trims spaces and the characters nobody can see (zero-width spaces and joiners, byte-order marks,
 * no-break and other Unicode spaces, bidirectional marks), so a title of only those is empty.
 */
const EDGE_INVISIBLES = /^[\s\p{Z}\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]+|[\s\p{Z}\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]+$/gu;
export const trimInvisible = (v: string) => v.replace(EDGE_INVISIBLES, '');
export const ONE_ANSWER = 'Enter or choose one answer only';
const single = () => z.string({ error: ONE_ANSWER });
export const toList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String).filter(Boolean));
export const text = (label: string, max: number) => z.preprocess(oneValue, single().overwrite(trimInvisible).max(max, `${label} must be ${max} characters or fewer`));
export const required = (message: string, label: string, max: number) =>
  z.preprocess(oneValue, single().overwrite(trimInvisible).min(1, message).max(max, `${label} must be ${max} characters or fewer`));
export const ticked = z.preprocess(oneValue, single()).transform((v) => v === 'yes');
export const oneOf = (vocab: readonly Term[], message: string) => z.preprocess(oneValue, single().refine((v) => codesOf(vocab).includes(v), message));
/** Ticked boxes from a vocabulary; anything not in it is refused with `message`. */
export const someOf = (vocab: readonly Term[], message: string) =>
  z.preprocess(toList, z.array(z.string()).refine((vs) => vs.every((v) => codesOf(vocab).includes(v)), message));
export const idempotencyKey = z.preprocess(oneValue, single().regex(/^[A-Za-z0-9_-]{16,64}$/, 'This form has expired. Reload the page and try again'));
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuid = (message: string) => z.preprocess(oneValue, single().regex(UUID_PATTERN, message));
/** An optional choice: empty means none (null). */
export const optionalUuid = (message: string) =>
  z.preprocess(oneValue, single().refine((v) => v === '' || UUID_PATTERN.test(v), message)).transform((v) => (v === '' ? null : v));

/** Parses or throws ValidationFailed with one message per field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationFailed(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message })));
  return parsed.data;
}
