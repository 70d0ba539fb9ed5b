import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededPicker } from '../src/domain/seeded-random.ts';

/** The same seed sends the same requests, so a failure can be replayed. */
export const prng = seededPicker;
export type Prng = ReturnType<typeof prng>;

/** Text that arrives decoded (JSON bodies, multipart, or percent-encoded by the sender). */
export const POISON = ['a\u0000b', '\u0000', 'x\uD800', '\uDFFFy', 'ok\uDBFF\u0000'];

export const BAD_VALUES: readonly string[] = [
  ...POISON,
  // impossible or out-of-range dates
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '2026-13-01',
  '-0001-01-01',
  '20260-01-01',
  '2026-1-1',
  '1900-01-01',
  '2026-02-29T25:00',
  // ids that are not ids
  'abc',
  '1',
  '00000000-0000-0000-0000-00000000000g',
  "' or 1=1 --",
  '123e4567-e89b-12d3-a456-4266141740000',
  '../../etc/passwd',
  // numbers that are not numbers
  '-1',
  '1e308',
  'NaN',
  '99999999999999999999',
  '0x10',
  '',
  // invisible, control and odd characters
  '\u200B\u200B',
  '\uFEFF',
  ' \u00A0 ',
  '\u2060\u200D',
  '\t',
  '\r\n',
  '\u001b[31m',
  '🙂',
  'e\u0301',
  '\u202Eevil',
  // open redirects
  '/\t/evil.example',
  '//evil.example',
  '/\\evil.example',
  'javascript:alert(1)',
  'https://evil.example',
  '\t/evil',
  '/%09/evil.example',
  // text that looks like code
  "'; drop table users; --",
  '%',
  '_',
  '\\',
  '{"a":1}',
  '[1,2]',
  '<script>alert(1)</script>',
  '{{ 7*7 }}',
  // times and postcodes
  '25:61',
  '99:99',
  'ZZ99 9ZZ',
  'NR30 1NE',
];

/** Percent-encodings to put straight into a URL: NUL, an encoded lone surrogate, invalid UTF-8, broken escapes. */
export const RAW_ENCODED = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%ED%BF%BF',
  '%FF',
  '%C0%AF',
  '%',
  '%zz',
  '%E2%80%8B%E2%80%8B',
  '%09%2Fevil.example',
  '%0d%0aSet-Cookie:%20x=1',
];

export const BAD_IDS = [
  'abc',
  '1',
  '0',
  '-1',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-000000000000',
  '123e4567-e89b-12d3-a456-4266141740000',
  "'%20or%201=1",
  '%00',
  '%ED%A0%80',
  '%FF',
  '%',
  'x'.repeat(120),
  '..',
  'swemwbs',
  'NaN',
];

export function huge(r: Prng): string {
  return r.pick(['x', 'é', '🙂', '\u200B']).repeat(r.pick([300, 5_001, 70_000]));
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every field and query name the templates and routes mention, so the fuzz reaches real fields. */
export function fieldNames(): string[] {
  const names = new Set<string>([
    '_csrf',
    'returnTo',
    'q',
    'afterTimestamp',
    'afterId',
    'page',
    'from',
    'to',
    'scheme',
    'provider',
    'activity',
    'compare',
    'reference',
    'postcode',
    'distance',
    'soon',
    'near',
    'category',
    'day',
    'done',
    'action',
    'id',
    'email',
    'password',
    'title',
    'date',
    'token',
  ]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(njk|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/\bname:\s*["']([A-Za-z_][\w]*)["']/g)) names.add(m[1]!);
        for (const m of text.matchAll(/\bname="([A-Za-z_][\w]*)"/g)) names.add(m[1]!);
        for (const m of text.matchAll(/\b(?:body|query|q|b)\.([a-z][A-Za-z]+)\b/g)) names.add(m[1]!);
      }
    }
  };
  walk(path.join(here, '../src/web'));
  walk(path.join(here, '../src/api'));
  return [...names].sort();
}
