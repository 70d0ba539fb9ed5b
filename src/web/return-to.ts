/**
 * Where to send someone back to after signing in or changing their shortlist: a path on this site only.
 * It must start with a single '/' (not '//' or '/\', which browsers read as another host), and hold only
 * printable ASCII: browsers drop tabs and newlines from URLs, so '/\t/evil.example' would become
 * '//evil.example', and anything else could not be sent in a Location header. Otherwise: the fallback.
 */
const SAFE_PATH = /^\/(?![/\\])[\x21-\x7e]*$/;
const MAX_LENGTH = 2000;

export function safeReturnTo(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length <= MAX_LENGTH && SAFE_PATH.test(value) ? value : fallback;
}
