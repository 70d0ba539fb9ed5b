import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationFailed } from '../../domain/errors.ts';
import { isDatabaseError, loggableError } from '../../logger.ts';

export { isDatabaseError, loggableError };

/**
 * One mapping of every error to an answer: an NHS.UK error page, or the one JSON error shape under /api.
 *
 * Database errors are told apart by their SQLSTATE code. Their text (message, detail, where) can
 * repeat the values a person typed, so only the code, the constraint and the route are ever logged.
 * Errors that bad input causes (class 22 "data exception", class 23 "integrity constraint violation")
 * are answered 4xx: a duplicate is a conflict (409); anything else could not be stored (422).
 */

/** The status a database error deserves: input problems are the client's, everything else is ours. */
export function statusForDatabaseError(code: string): number {
  if (code === '23505') return 409;
  if (code.startsWith('23') || code.startsWith('22')) return 422;
  return 500;
}

const DATABASE_MESSAGES: Record<number, string> = {
  409: 'That has already been saved. Go back, reload the page and check before trying again.',
  422: 'What was entered could not be saved. Go back and check the answers.',
};

function statusOf(error: unknown): number {
  if (error instanceof DomainError) return error.status;
  if (isDatabaseError(error)) return statusForDatabaseError(error.code);
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function publicMessage(error: unknown, status: number): string {
  if (isDatabaseError(error)) return DATABASE_MESSAGES[status] ?? 'Internal server error';
  if (status >= 500) return 'Internal server error';
  if (error instanceof DomainError) return error.message;
  if (status === 429) return (error as Error).message;
  // Framework errors (malformed bodies and the like): a fixed text, never the parser's words.
  if (status === 413) return 'What was sent is too large.';
  if (status === 415) return 'This page only accepts its own form.';
  return 'The request could not be read. Go back and try again.';
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const status = statusOf(error);
    const route = request.routeOptions.url ?? 'unmatched';
    if (status >= 500) request.log.error({ err: loggableError(error), route }, 'unhandled error');
    else if (isDatabaseError(error)) request.log.warn({ err: loggableError(error), route, status }, 'input refused by the database');
    const message = publicMessage(error, status);
    if (request.url.startsWith('/api/')) {
      const body: Record<string, unknown> = { error: message, status };
      if (error instanceof ValidationFailed) body.errors = error.errors;
      return reply.status(status).send(body);
    }
    if (status === 404) return reply.status(404).view('features/errors/not-found.njk', { pageTitle: 'Page not found' });
    if (status === 403) return reply.status(403).view('features/errors/forbidden.njk', { pageTitle: 'You cannot see this page', message });
    if (status >= 400 && status < 500) return reply.status(status).view('features/errors/bad-request.njk', { pageTitle: 'There is a problem', message });
    return reply.status(500).view('features/errors/server-error.njk', { pageTitle: 'Sorry, there is a problem with the service' });
  });
}
