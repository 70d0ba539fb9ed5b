import { countOf, plural } from '../domain/plural.ts';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatPhone, formatPostcode } from '../domain/contact-details.ts';
import { formatTime } from '../domain/schedule.ts';
import { paths } from './paths.ts';
import { FragmentCache, fragmentCacheExtension } from './fragment-cache.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const NHSUK_DIST = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');

/**
 * `{% from "x.njk" import y %}` runs x.njk's top level on every render to collect its macros, and every
 * NHS.UK component imports two or three macro files each time it is used: a third of a page's
 * rendering. An import without context cannot see the render's variables, so what it exports is the
 * same every time: keep it on the template (a changed file is a new Template, so watch mode still works).
 */
const KEEPS_EXPORTS = Symbol('keepsExports');
const exportsOf = new WeakMap<object, Record<string, unknown>>();
type ExportedCallback = (err: Error | null, exported: Record<string, unknown> | null) => void;
const templateProto = (nunjucks.Template as unknown as { prototype: { getExported: (...a: unknown[]) => unknown; env?: Record<symbol, unknown> } }).prototype;
const originalGetExported = templateProto.getExported;
templateProto.getExported = function (this: { env?: Record<symbol, unknown> }, ...a: unknown[]) {
  const cb = a[0];
  if (a.length !== 1 || typeof cb !== 'function' || !this.env?.[KEEPS_EXPORTS]) return originalGetExported.apply(this, a);
  const kept = exportsOf.get(this);
  if (kept) return (cb as ExportedCallback)(null, kept);
  return originalGetExported.call(this, (err: Error | null, exported: Record<string, unknown> | null) => {
    if (!err && exported) exportsOf.set(this, exported);
    (cb as ExportedCallback)(err, exported);
  });
};

/** One Nunjucks environment: templates are compiled once and cached. */
export function createTemplateEnvironment(opts: { watch?: boolean } = {}) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([here, NHSUK_DIST], { noCache: false, watch: opts.watch ?? false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  (env as unknown as Record<symbol, unknown>)[KEEPS_EXPORTS] = true;
  const fragments = new FragmentCache();
  env.addExtension('FragmentCache', fragmentCacheExtension(fragments));
  env.addGlobal('paths', paths);
  env.addFilter('ukDate', (d: Date | string | null | undefined) => (d ? formatUkDate(new Date(d)) : ''));
  env.addFilter('ukDateTime', (d: Date | string | null | undefined) => (d ? formatUkDateTime(new Date(d)) : ''));
  env.addFilter('pounds', (pence: number | null | undefined) => (pence == null ? '' : `£${(pence / 100).toFixed(pence % 100 === 0 ? 0 : 2)}`));
  // Postcodes and phone numbers are stored normalised and shown with their standard spacing (decision 023).
  env.addFilter('postcode', (v: string | null | undefined) => (v ? formatPostcode(v) : ''));
  env.addFilter('phone', (v: string | null | undefined) => (v ? formatPhone(v) : ''));
  env.addFilter('plural', (n: number, one: string, many?: string) => plural(Number(n) || 0, one, many));
  env.addFilter('countOf', (n: number, one: string, many?: string) => countOf(Number(n) || 0, one, many));
  env.addFilter('km', (metres: number | null | undefined) => (metres == null ? '' : formatDistance(metres)));
  return Object.assign(env, { fragments });
}

export type TemplateEnvironment = ReturnType<typeof createTemplateEnvironment>;

const LONDON = 'Europe/London';
// Building an Intl.DateTimeFormat costs ~100 µs; a results page formats dozens of dates, so build each once.
const UK_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' });
const UK_SHORT_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, weekday: 'short', day: 'numeric', month: 'short' });
const UK_TIME_PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: 'numeric', minute: '2-digit', hour12: false });

export function formatUkDate(d: Date): string {
  return UK_DATE.format(d);
}

export function formatUkDateTime(d: Date): string {
  return `${UK_SHORT_DATE.format(d)}, ${formatUkTime(d)}`;
}

/** GOV.UK style: 10am, 2:30pm, 12pm (midday). */
export function formatUkTime(d: Date): string {
  const parts = UK_TIME_PARTS.formatToParts(d);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return formatTime(`${part('hour')}:${part('minute')}`);
}

export function formatDistance(metres: number): string {
  const miles = metres / 1609.344;
  return miles < 0.1 ? 'less than 0.1 miles' : `${miles.toFixed(1)} miles`;
}
