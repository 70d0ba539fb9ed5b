import type { Clock } from '../src/domain/clock.ts';

/** A clock tests move forward by hand: time passes only when a test says so. */
export function movableClock(start: string) {
  let at = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(at) };
  return {
    clock,
    advanceMinutes(minutes: number) {
      at += minutes * 60 * 1000;
    },
  };
}
