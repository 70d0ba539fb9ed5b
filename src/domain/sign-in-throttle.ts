/**
 * Sign-in throttling (decision 015). Failed sign-ins are counted per account and per client
 * address over a sliding window. An account is slowed after a few failures, with a wait that
 * doubles with each further failure; an address only after very many, so colleagues behind one
 * NHS network address are never held up by each other's typing mistakes.
 */
export const SIGN_IN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  /** Failures an account may have in the window before each further attempt must wait. */
  accountFreeFailures: 5,
  firstWaitMs: 60 * 1000,
  maxWaitMs: 15 * 60 * 1000,
  /** Failures one address may have in the window (many people, many accounts) before it must wait. */
  addressFreeFailures: 100,
} as const;

export type ThrottleRules = typeof SIGN_IN_THROTTLE;

/** When the account may next be tried, or undefined when it may be tried now. `failures`: oldest first, inside the window. */
export function accountRetryAt(failures: readonly Date[], now: Date, rules: ThrottleRules = SIGN_IN_THROTTLE): Date | undefined {
  const over = failures.length - rules.accountFreeFailures;
  const last = failures.at(-1);
  if (over < 0 || !last) return undefined;
  const wait = Math.min(rules.firstWaitMs * 2 ** over, rules.maxWaitMs);
  const at = new Date(last.getTime() + wait);
  return at > now ? at : undefined;
}

/** When the address may next try, or undefined: it waits until enough of its failures leave the window. */
export function addressRetryAt(failures: readonly Date[], now: Date, rules: ThrottleRules = SIGN_IN_THROTTLE): Date | undefined {
  const over = failures.length - rules.addressFreeFailures;
  const leaving = failures[over];
  if (over < 0 || !leaving) return undefined;
  const at = new Date(leaving.getTime() + rules.windowMs);
  return at > now ? at : undefined;
}

/** Later of two optional times. */
export function laterOf(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
