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
  MAP_TILE_URL: z.string().optional(),
  SHOW_NHS_LOGO: z.enum(['true', 'false']).default('false'),
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
  mapTileUrl: string | undefined;
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
  /** Posts per minute per address to public forms that create things (sign-up, self-referral). */
  formRateLimitPerMinute: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Fastify's `trustProxy`: false, a number of proxy hops, or the proxies' addresses and CIDR ranges. */
  trustProxy: TrustProxy;
};

export type TrustProxy = false | number | string[];

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
    mapTileUrl: c.MAP_TILE_URL,
    showNhsLogo: c.SHOW_NHS_LOGO === 'true',
    sharedDir: c.SHARED_DIR,
    secureCookies: c.NODE_ENV === 'production',
    anonymiseAfterDays: c.ANONYMISE_AFTER_DAYS,
    webConcurrency: c.DATABASE_URL ? c.WEB_CONCURRENCY : 1,
    outboxDir: c.OUTBOX_DIR,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    formRateLimitPerMinute: c.FORM_RATE_LIMIT,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    sessionMaxHours: c.SESSION_MAX_HOURS,
    trustProxy,
  };
}

/** Configuration for tests and tools that build an app without a process environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Tests create many accounts from one address; the limit itself is tested with a low override.
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), formRateLimitPerMinute: 10_000, ...overrides };
}
