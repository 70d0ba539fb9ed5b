import type { Config } from '../config.ts';

/**
 * The per-address hourly limit every form that takes a file shares (contributions, recordings, walk
 * stop photos; decisions 042 and 048), on top of the per-account daily limit in the services.
 */
export const uploadRateLimit = (config: Pick<Config, 'formRateLimitPerMinute'>) => ({
  rateLimit: { max: Math.min(config.formRateLimitPerMinute * 6, 10_000), timeWindow: '1 hour' },
});
