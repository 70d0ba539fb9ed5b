import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

/** The only module that reads process.env. Validated once at boot. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** A PostgreSQL streaming replica for signed-out reads of public pages (decision 025). Needs DATABASE_URL. */
  DATABASE_READ_URL: z.string().url().optional(),
  /** `off` for a web-only process: it serves pages but runs no background jobs (decision 025). */
  JOBS: z.enum(['on', 'off']).default('on'),
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  PUBLIC_URL: z.string().url().optional(),
  /** A tile server's URL template ({z}/{x}/{y}, optionally {s} and {r}); without it the map draws council boundaries. */
  MAP_TILES_URL: z.string().optional(),
  /** The name MAP_TILES_URL had before; still accepted. */
  MAP_TILE_URL: z.string().optional(),
  /** Required with MAP_TILES_URL: the credit the tile source asks for (text, and links as <a href="https://…">). */
  MAP_TILES_ATTRIBUTION: z.string().optional(),
  SHOW_NHS_LOGO: z.enum(['true', 'false']).default('false'),
  CALENDAR_IMPORT_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  SHARED_DIR: z.string().default('../shared'),
  /** Closed referrals' personal data is anonymised this many days after closing (about 6 months). */
  ANONYMISE_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(183),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  FORM_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Minutes without a request after which a signed-in session ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Hours after signing in at which a session ends however active it is. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  /** Which proxies in front of the app may say who the client is: off, a number of hops, or addresses/CIDRs. */
  TRUST_PROXY: z.string().default('off'),
  OUTBOX_DIR: z.string().default('./outbox'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Waymark <no-reply@waymark.example>'),
  /** GOV.UK Notify (decision 045): the API key (key name, service id and secret), where the API is, and one template per channel. */
  NOTIFY_API_KEY: z
    .string()
    .regex(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      'a GOV.UK Notify API key ends with the service id and the secret',
    )
    .optional(),
  NOTIFY_BASE_URL: z.string().url().default('https://api.notifications.service.gov.uk'),
  NOTIFY_EMAIL_TEMPLATE_ID: z.string().uuid().optional(),
  NOTIFY_SMS_TEMPLATE_ID: z.string().uuid().optional(),
  NOTIFY_LETTER_TEMPLATE_ID: z.string().uuid().optional(),
  /** A Chromium for "Download as PDF" of printed pages (decision 035); /usr/bin/chromium when present. */
  CHROMIUM_PATH: z.string().optional(),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Replica for public reads by signed-out visitors; writes and signed-in pages always use databaseUrl. */
  databaseReadUrl: string | undefined;
  /** Whether this process runs the background jobs (each turn runs once however many processes do). */
  jobs: boolean;
  dataDir: string;
  sessionSecret: string;
  logLevel: string;
  seedDemo: boolean;
  publicUrl: string;
  /** Background map tiles; null draws local authority boundaries and the coast instead (decision 021). */
  mapTiles: MapTiles | null;
  showNhsLogo: boolean;
  sharedDir: string;
  secureCookies: boolean;
  anonymiseAfterDays: number;
  /** HTTP worker processes; more than one only with DATABASE_URL (PGlite is one process's). */
  webConcurrency: number;
  /** Development sender: each email or text message is written here as a file. */
  outboxDir: string;
  /** When set (smtp:// or smtps://), emails go out through this server instead of into files. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * GOV.UK Notify (decision 045), when NOTIFY_API_KEY is set: each channel with a template id goes
   * through Notify (email before SMTP; letters, otherwise printed by people, are posted by Notify).
   */
  notify: NotifyConfig | null;
  /** Posts per minute per address to public forms that create things (sign-up, self-referral). */
  formRateLimitPerMinute: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Fastify's `trustProxy`: false, a number of proxy hops, or the proxies' addresses and CIDR ranges. */
  trustProxy: TrustProxy;
  /** A Chromium to print pages to PDF (decision 035); null hides "Download as PDF". */
  chromiumPath: string | null;
  /** Calendars in (decision 037): whether a calendar's address may be on a private network (tests only). */
  calendarImportAllowPrivate: boolean;
};

export type TrustProxy = false | number | string[];

/** GOV.UK Notify: one generic template per channel, each with ((subject)) and ((body)) placeholders. */
export type NotifyConfig = { apiKey: string; baseUrl: string; templates: { email?: string; text?: string; letter?: string } };

/** `origins`: every host the tiles come from, for the Content Security Policy's img-src. */
export type MapTiles = { url: string; attribution: string; origins: string[] };

const TILE_PLACEHOLDERS = new Set(['z', 'x', 'y', 's', 'r']);
/** Leaflet's default subdomains for {s}. */
const TILE_SUBDOMAINS = ['a', 'b', 'c'];

/**
 * MAP_TILES_URL and MAP_TILES_ATTRIBUTION. The URL is a Leaflet tile template on http(s) with {z}, {x}
 * and {y}; the attribution is required (tile sources' licences ask for it) and may hold text, entities
 * and links, nothing else, because Leaflet shows it as HTML.
 */
export function parseMapTiles(url: string | undefined, attribution: string | undefined): MapTiles | null {
  const template = url?.trim();
  if (!template) return null;
  const placeholders = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = placeholders.filter((p) => !TILE_PLACEHOLDERS.has(p));
  if (unknown.length > 0) throw new Error(`MAP_TILES_URL: unknown placeholder {${unknown[0]}} (use {z}, {x}, {y}, and optionally {s} and {r})`);
  for (const p of ['z', 'x', 'y']) if (!placeholders.includes(p)) throw new Error(`MAP_TILES_URL: the template needs {${p}}`);
  const hosts = template.includes('{s}') ? TILE_SUBDOMAINS.map((s) => template.replaceAll('{s}', s)) : [template];
  let origins: URL[];
  try {
    origins = hosts.map((h) => new URL(h.replace(/\{[a-z]\}/g, '0')));
  } catch {
    throw new Error('MAP_TILES_URL: not a URL (for example https://tile.example.org/{z}/{x}/{y}.png)');
  }
  if (origins.some((o) => o.protocol !== 'https:' && o.protocol !== 'http:')) throw new Error('MAP_TILES_URL: use an http or https address');
  const credit = attribution?.trim();
  if (!credit) throw new Error('MAP_TILES_ATTRIBUTION: give the credit your tile source asks for (for example © OpenStreetMap contributors)');
  const rest = credit.replace(/<a href="https?:\/\/[^"<>]*">/g, '').replaceAll('</a>', '');
  if (/[<>]/.test(rest)) throw new Error('MAP_TILES_ATTRIBUTION: only text and links (<a href="https://…">…</a>) are allowed');
  return { url: template, attribution: credit, origins: [...new Set(origins.map((o) => o.origin))] };
}

/**
 * TRUST_PROXY: `off` (the default: X-Forwarded-For is ignored), a whole number of proxy hops in
 * front of the app, or a comma-separated list of the proxies' addresses or CIDR ranges. `true`
 * (trust every hop) is refused: anyone could then choose their own address and escape rate limits.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'off' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) throw new Error('TRUST_PROXY: give at most 10 proxy hops');
    return hops;
  }
  if (v === 'true' || v === 'on') {
    throw new Error('TRUST_PROXY: "true" would trust any X-Forwarded-For header; give the number of proxy hops or their addresses');
  }
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range (use off, a number of hops, or addresses like 10.0.0.0/8)`);
    }
  }
  return entries;
}

export const DEV_SESSION_SECRET = 'waymark-development-secret-not-for-production-use';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(c.TRUST_PROXY);
  } catch (err) {
    throw new Error(`Invalid configuration: ${(err as Error).message}`);
  }
  if (c.SESSION_IDLE_MINUTES > c.SESSION_MAX_HOURS * 60) {
    throw new Error('Invalid configuration: SESSION_IDLE_MINUTES must not be longer than SESSION_MAX_HOURS');
  }
  let mapTiles: MapTiles | null;
  try {
    mapTiles = parseMapTiles(c.MAP_TILES_URL ?? c.MAP_TILE_URL, c.MAP_TILES_ATTRIBUTION);
  } catch (err) {
    throw new Error(`Invalid configuration: ${(err as Error).message}`);
  }
  if (c.DATABASE_READ_URL && !c.DATABASE_URL) {
    throw new Error('Invalid configuration: DATABASE_READ_URL (a read replica) needs DATABASE_URL (the primary)');
  }
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    throw new Error('Invalid configuration: SESSION_SECRET (32+ characters) is required in production');
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    databaseReadUrl: c.DATABASE_READ_URL,
    jobs: c.JOBS === 'on',
    dataDir: c.DATA_DIR,
    sessionSecret: c.SESSION_SECRET ?? DEV_SESSION_SECRET,
    logLevel: c.LOG_LEVEL,
    seedDemo: c.SEED_DEMO ? c.SEED_DEMO === 'true' : c.NODE_ENV !== 'production',
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    mapTiles,
    showNhsLogo: c.SHOW_NHS_LOGO === 'true',
    calendarImportAllowPrivate: c.CALENDAR_IMPORT_ALLOW_PRIVATE === 'true',
    sharedDir: c.SHARED_DIR,
    secureCookies: c.NODE_ENV === 'production',
    anonymiseAfterDays: c.ANONYMISE_AFTER_DAYS,
    webConcurrency: c.DATABASE_URL ? c.WEB_CONCURRENCY : 1,
    outboxDir: c.OUTBOX_DIR,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    notify: c.NOTIFY_API_KEY
      ? {
          apiKey: c.NOTIFY_API_KEY,
          baseUrl: c.NOTIFY_BASE_URL.replace(/\/+$/, ''),
          templates: {
            ...(c.NOTIFY_EMAIL_TEMPLATE_ID ? { email: c.NOTIFY_EMAIL_TEMPLATE_ID } : {}),
            ...(c.NOTIFY_SMS_TEMPLATE_ID ? { text: c.NOTIFY_SMS_TEMPLATE_ID } : {}),
            ...(c.NOTIFY_LETTER_TEMPLATE_ID ? { letter: c.NOTIFY_LETTER_TEMPLATE_ID } : {}),
          },
        }
      : null,
    formRateLimitPerMinute: c.FORM_RATE_LIMIT,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    sessionMaxHours: c.SESSION_MAX_HOURS,
    trustProxy,
    chromiumPath: c.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null),
  };
}

/** Configuration for tests and tools that build an app without a process environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Tests create many accounts from one address; the limit itself is tested with a low override.
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    formRateLimitPerMinute: 10_000,
    chromiumPath: null,
    calendarImportAllowPrivate: true,
    ...overrides,
  };
}
