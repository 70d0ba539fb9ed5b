import { readFileSync } from 'node:fs';

const BASE = readFileSync(new URL('./print-base.css', import.meta.url), 'utf8');

/**
 * A printed page's stylesheet, inlined into the page under the style nonce so it prints the same
 * saved and offline: the shared base (print-base.css), then the page's own file.
 */
export function printStylesheet(own: URL): string {
  return `${BASE}\n${readFileSync(own, 'utf8')}`;
}
