/**
 * `npm run demo:admin-code`: the demo administrator's current two-factor code, for trying the demo
 * without an authenticator app. The key is published demo data; never seed demo data in production.
 */
import { systemClock } from '../../domain/clock.ts';
import { TOTP_PERIOD_SECONDS, totpCode } from '../../domain/two-factor.ts';
import { DEMO_TOTP_SECRET } from './demo-accounts.ts';

const now = systemClock.now();
const left = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
console.log(`${totpCode(DEMO_TOTP_SECRET, now)}  (admin@waymark.example; valid for ${left} more seconds)`);
