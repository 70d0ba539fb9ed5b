import { ValidationFailed } from './errors.ts';

/** How a posted field's text is read, for the forms' schemas (`web/form-fields.ts`) and the few services that still read a body. */
export const ONE_ANSWER = 'Enter or choose one answer only';

/**
 * One field's text. A field sent twice with different values (`email=a&email=b`) is no form's doing
 * (checkbox groups are read with `toList`): the form is shown again with ONE_ANSWER, nothing is saved.
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
