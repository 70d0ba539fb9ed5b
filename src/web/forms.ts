import type { z } from 'zod';
import type { FieldError } from '../domain/errors.ts';

/** The NHS.UK error summary shape: each error links to its field. */
export type ErrorItem = { text: string; href: string };
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: ErrorItem[]; fieldErrors: FieldErrors };

export function toErrorItems(errors: FieldError[]): { errors: ErrorItem[]; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  const items: ErrorItem[] = [];
  for (const e of errors) {
    if (fieldErrors[e.field]) continue; // first message per field only
    fieldErrors[e.field] = e.message;
    items.push({ text: e.message, href: `#${e.field}` });
  }
  return { errors: items, fieldErrors };
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, ...toErrorItems(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message }))) };
}

/** Checkbox groups arrive as a string (one ticked), an array (several) or nothing. */
export function asArray(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== '');
}

/** For a template's `errorMessage` option: undefined when the field is fine. */
export function errorFor(fieldErrors: FieldErrors | undefined, field: string) {
  const text = fieldErrors?.[field];
  return text ? { text } : undefined;
}
