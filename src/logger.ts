import pino from 'pino';

/**
 * Field paths that must never reach a log. Request bodies are not logged at all;
 * this list is the second line of defence for anything that slips into a log call.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'name',
  '*.name',
  'postcode',
  '*.postcode',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'body',
  '*.body',
];

export function createLogger(level: string) {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'waymark' },
  });
}

type DatabaseError = Error & { code: string; constraint?: string; table?: string };

/** An error from PostgreSQL or PGlite: it has a five-character SQLSTATE code. */
export function isDatabaseError(error: unknown): error is DatabaseError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && ('severity' in error || 'routine' in error || 'file' in error);
}

/**
 * What may be logged about an error. A database error's message, detail, where and parameters can
 * repeat what someone typed, so only its code, constraint and table are kept; other errors keep
 * their stack (Fastify's own errors, whose texts are fixed, keep their message).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (isDatabaseError(error)) return { kind: 'database', code: error.code, constraint: error.constraint, table: error.table };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('FST_') ? { kind: 'http', code, message: error.message } : { kind: error.name, stack: error.stack };
  }
  return { kind: typeof error };
}

export type Logger = ReturnType<typeof createLogger>;
