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

export type Logger = ReturnType<typeof createLogger>;
