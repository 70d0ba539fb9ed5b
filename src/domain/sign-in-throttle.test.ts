import { describe, expect, it } from 'vitest';
import { accountRetryAt, addressRetryAt, SIGN_IN_THROTTLE } from './sign-in-throttle.ts';
import { formatLondonClock } from './london-time.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 10, minute));
const times = (n: number, minute = 0) => Array.from({ length: n }, () => at(minute));

describe('sign-in throttle rules', () => {
  it('lets an account fail five times in the window before it waits', () => {
    expect(accountRetryAt(times(4), at(0))).toBeUndefined();
    expect(accountRetryAt(times(5), at(0))).toEqual(at(1));
  });

  it('doubles the wait with each further failure, up to fifteen minutes', () => {
    expect(accountRetryAt(times(6), at(0))).toEqual(at(2));
    expect(accountRetryAt(times(7), at(0))).toEqual(at(4));
    expect(accountRetryAt(times(12), at(0))).toEqual(at(15));
  });

  it('lets the account try again once the wait has passed', () => {
    expect(accountRetryAt(times(5), at(1))).toBeUndefined();
  });

  it('holds an address back at a hundred failures, until the oldest leaves the window', () => {
    const failures = [...times(1, 0), ...times(SIGN_IN_THROTTLE.addressFreeFailures - 2, 5)];
    expect(addressRetryAt(failures, at(6))).toBeUndefined();
    expect(addressRetryAt([...failures, at(6)], at(6))).toEqual(at(15));
  });
});

describe('London clock times', () => {
  it('rounds up to the next minute, in Greenwich Mean Time and British Summer Time', () => {
    expect(formatLondonClock(new Date('2026-11-21T10:01:00Z'))).toBe('10:01');
    expect(formatLondonClock(new Date('2026-11-21T10:01:20Z'))).toBe('10:02');
    expect(formatLondonClock(new Date('2026-07-01T09:00:20Z'))).toBe('10:01');
    expect(formatLondonClock(new Date('2026-07-01T22:59:30Z'))).toBe('00:00');
  });
});
