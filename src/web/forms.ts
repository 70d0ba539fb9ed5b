import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ValidationFailed, type FieldError } from '../domain/errors.ts';

/**
 * The one way a form is handled (docs/decisions/018): the route parses the posted body with the
 * form's schema (`<form>.form.ts` beside the route) into typed input, calls one service, and either
 * redirects (POST → 303 → GET) or shows the same page again with 422, the submitted values, the
 * NHS.UK error summary and a message next to each field, whether the schema refused the input or
 * the service did (a `ValidationFailed` for rules that need the database).
 */

/** The NHS.UK error summary shape: each error links to its field. */
export type ErrorItem = { text: string; href: string };
export type FieldErrors = Record<string, string>;
/** A posted form as it arrives: each field a string, an array of strings (repeated names) or absent. */
export type FormBody = Record<string, unknown>;
type Context = Record<string, unknown>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: ErrorItem[]; fieldErrors: FieldErrors };

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

/** The object's field order (through preprocessing, transforms and refinements), so errors list in the order of the form. */
function fieldOrder(schema: unknown, depth = 0): string[] {
  const s = schema as { shape?: object; in?: unknown; out?: unknown } | undefined;
  if (!s || depth > 4) return [];
  if (s.shape) return Object.keys(s.shape);
  const inner = fieldOrder(s.in, depth + 1);
  return inner.length > 0 ? inner : fieldOrder(s.out, depth + 1);
}

function issuesOf(schema: z.ZodType, error: z.ZodError): FieldError[] {
  const order = fieldOrder(schema);
  const rank = (f: FieldError) => (order.includes(f.field) ? order.indexOf(f.field) : order.length);
  return error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message })).sort((a, b) => rank(a) - rank(b));
}

/** Parses a posted body (or query) with a form's schema: typed input, or the errors in form order. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, ...toErrorItems(issuesOf(schema, parsed.error)) };
}

/** Parses with a form's schema or throws ValidationFailed (for input that is not shown again as a form). */
export function parseOrFail<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new ValidationFailed(issuesOf(schema, parsed.error));
  return parsed.data;
}

export const formBody = (body: unknown): FormBody => (body && typeof body === 'object' ? (body as FormBody) : {});

export type FormHandling<S extends z.ZodType> = {
  /** The form's schema: the posted body becomes this typed input before any service sees it. */
  schema: S;
  /**
   * Problems that need a service (say, a postcode look-up) to be shown with the schema's, so every
   * problem is reported at once. The service still checks them itself.
   */
  check?: (values: FormBody) => Promise<FieldError[]>;
  /** Calls the service; returns where to go next (a 303), or a reply it has already sent. */
  handle: (input: z.output<S>) => Promise<string | FastifyReply>;
  /** The page to show again, and its context built from the submitted values (only when shown again). */
  view: string;
  context: (values: FormBody) => Context | Promise<Context>;
};

export async function handleForm<S extends z.ZodType>(request: FastifyRequest, reply: FastifyReply, form: FormHandling<S>) {
  const values = formBody(request.body);
  try {
    const parsed = parseForm(form.schema, values);
    const checked = form.check ? await form.check(values) : [];
    if (!parsed.ok || checked.length > 0) {
      const schemaErrors = parsed.ok ? [] : Object.entries(parsed.fieldErrors).map(([field, message]) => ({ field, message }));
      throw new ValidationFailed([...schemaErrors, ...checked]);
    }
    const next = await form.handle(parsed.data);
    return typeof next === 'string' ? reply.redirect(next, 303) : next;
  } catch (err) {
    if (!(err instanceof ValidationFailed)) throw err;
    return rerender(reply, form.view, await form.context(values), err.errors);
  }
}

/** Shows a form again with 422 and its errors; for the few pages that are not a plain POST → redirect. */
export function rerender(reply: FastifyReply, view: string, context: Context, errors: FieldError[]) {
  return reply.status(422).view(view, { ...context, ...toErrorItems(errors) });
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
