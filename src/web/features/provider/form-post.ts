import type { FastifyReply } from 'fastify';
import { ValidationFailed } from '../../../domain/errors.ts';
import { toErrorItems } from '../../forms.ts';

type Context = Record<string, unknown>;

/**
 * Runs a form's use case; when the input is invalid, re-renders the same page with 422, the
 * submitted values, an error summary and each message next to its field. A context that needs
 * queries to build can be given as a function, so it is built only when the page is shown again.
 */
export async function handleForm(
  reply: FastifyReply,
  invalid: { view: string; context: Context | (() => Promise<Context>) },
  action: () => Promise<FastifyReply | void>,
) {
  try {
    return await action();
  } catch (err) {
    if (!(err instanceof ValidationFailed)) throw err;
    const context = typeof invalid.context === 'function' ? await invalid.context() : invalid.context;
    return reply.status(422).view(invalid.view, { ...context, ...toErrorItems(err.errors) });
  }
}

/** Short confirmations after a redirect, chosen by a code in the query string (never free text). */
export function flashFrom(query: unknown, messages: Record<string, string>): string | undefined {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' ? messages[done] : undefined;
}
