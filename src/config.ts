import { z } from 'zod';

/** The only module that reads process.env. Validated once at boot. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
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
  OUTBOX_DIR: z.string().default('./outbox'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Waymark <no-reply@waymark.example>'),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string | undefined;
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
  /** Posts per minute per address to public forms that create things (sign-in, sign-up, self-referral). */
  formRateLimitPerMinute: number;
};

export const DEV_SESSION_SECRET = 'waymark-development-secret-not-for-production-use';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    throw new Error('Invalid configuration: SESSION_SECRET (32+ characters) is required in production');
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
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
  };
}

/** Configuration for tests and tools that build an app without a process environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Tests sign many people in from one address; the limit itself is tested with a low override.
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), formRateLimitPerMinute: 10_000, ...overrides };
}
